// The user's kept models (IndexedDB): list, use, rename, delete, export; every failure becomes a notice, nothing else is lost.
import { nameFromText } from '../core/dataset';
import { parseGestureModelText } from '../core/model/gesture-model';
import type { ModelSummary } from '../storage';
import { handcastStore } from '../store';
import { handcastDb } from './persistence';
import { swapClassifier } from './live-session';

/** The id of the notice about a model file that was refused or could not run. */
const MODEL_FILE_NOTICE = 'model-file-rejected';

/** Reads the list of kept models into the store (with a notice for any damaged record). */
export async function refreshModelLibrary(): Promise<void> {
  await guarded(async () => {
    const { items, problems } = await (await handcastDb()).listModels();
    handcastStore.getState().setModelLibrary(items);
    if (problems.length > 0) handcastStore.getState().notify({ kind: 'warning', text: `${problems.length} damaged model record(s) were skipped.` });
  });
}

/** Runs a kept model in place of the current one (the current stays if it cannot run). */
export async function runKeptModel(model: ModelSummary): Promise<void> {
  await guarded(async () => {
    const stored = await (await handcastDb()).getModel(model.id);
    if (!stored) throw new Error(`the model ${model.name} is no longer kept`);
    const problem = await swapClassifier({ name: stored.name, json: JSON.parse(stored.text) });
    if (problem) throw new Error(`${model.name} could not run: ${problem}; the model in use stays`);
  });
}

/** Keeps a model file's text under a name (validated by the storage first); replaces one of the same name. */
export async function keepModel(name: string, text: string): Promise<void> {
  await guarded(async () => {
    await (await handcastDb()).saveModel(name, text, { replace: true });
  });
  await refreshModelLibrary();
}

export async function renameKeptModel(model: ModelSummary, name: string): Promise<void> {
  await guarded(async () => {
    await (await handcastDb()).renameModel(model.id, name);
  });
  await refreshModelLibrary();
}

export async function deleteKeptModel(model: ModelSummary): Promise<void> {
  await guarded(async () => {
    await (await handcastDb()).deleteModel(model.id);
    if (handcastStore.getState().modelName === model.name) await swapClassifier(null);
  });
  await refreshModelLibrary();
}

/** The model file text, exactly as kept (what "export" downloads). */
export async function keptModelText(model: ModelSummary): Promise<string | null> {
  let text: string | null = null;
  await guarded(async () => {
    text = (await (await handcastDb()).getModel(model.id))?.text ?? null;
  });
  return text;
}

async function guarded(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    handcastStore.getState().notify({ kind: 'error', text: (error as Error).message });
  }
}

/**
 * Loads a gesture model file chosen by the user. It is validated first: a malformed or truncated file gets a
 * message naming what is wrong and the model in use stays; so does one that passes but fails to load. Resolves
 * with the name and text of a model now in use.
 */
async function loadGestureModelFile(file: Blob & { name: string }): Promise<{ name: string; text: string } | null> {
  const keepCurrent = 'The model in use stays.';
  const store = handcastStore.getState();
  const reject = (text: string) => store.notify({ id: MODEL_FILE_NOTICE, kind: 'error', text });
  let json: unknown;
  let text: string;
  try {
    text = await file.text();
    parseGestureModelText(text);
    json = JSON.parse(text);
  } catch (error) {
    reject(`The model file ${file.name} was not loaded: ${(error as Error).message}. ${keepCurrent}`);
    return null;
  }
  store.dismissNotice(MODEL_FILE_NOTICE);
  const name = nameFromText(file.name.replace(/\.json$/i, ''), 'Imported model');
  const problem = await swapClassifier({ name, json });
  if (!problem) return { name, text };
  reject(`The model file ${file.name} could not run: ${problem}. ${keepCurrent}`);
  return null;
}

/** Loads a model file chosen by the user (validated first) and, when it runs, keeps it in the library. */
export async function importModelFile(file: Blob & { name: string }): Promise<void> {
  const loaded = await loadGestureModelFile(file);
  if (loaded) await keepModel(loaded.name, loaded.text);
}
