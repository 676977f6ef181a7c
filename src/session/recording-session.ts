// Recording takes into the working dataset: the page's hold-to-record button calls these; recognised frames feed the recorder.
import { addSamples, exportSamples, importSamples, randomId, removeSamples, type DatasetFileFormat } from '../core/dataset';
import type { RecognizedHand } from '../recognizer/protocol';
import { BUILTIN_SAMPLES_PATH } from '../core/model/builtin-gestures';
import { handcastStore } from '../store';
import { appUrl } from '../util/app-url';
import { readUploadedText } from './read-upload';
import { DEFAULT_TAKE_OPTIONS, Recorder } from './recorder';

const recorder = new Recorder();
let ticker: ReturnType<typeof setInterval> | null = null;

/** Starts a take of `label` (countdown first). Returns a message when it cannot start. */
export function startTake(label: string): string | null {
  const problem = recorder.start({ ...DEFAULT_TAKE_OPTIONS, label }, performance.now());
  if (problem) return problem;
  publishProgress();
  ticker ??= setInterval(() => (recorder.expired(performance.now()) ? finishTake() : publishProgress()), 100);
  return null;
}

/** Ends the take (button released or time up) and adds what it captured to the dataset. */
export function finishTake(): void {
  if (ticker) clearInterval(ticker);
  ticker = null;
  const samples = recorder.finish();
  const store = handcastStore.getState();
  store.setTakeProgress(null);
  if (samples.length > 0) store.setDataset(addSamples(store.dataset, samples, Date.now()));
}

/** Called with every recognised frame's hands (camera or landmark feed). */
export function offerHandsToRecorder(hands: readonly RecognizedHand[], aspect: number): void {
  if (recorder.running) recorder.capture(hands, aspect, performance.now());
}

export function deleteSamples(ids: Iterable<string>): void {
  const store = handcastStore.getState();
  store.setDataset(removeSamples(store.dataset, ids, Date.now()));
}

/** Deletes every sample of one gesture. */
export function deleteGesture(label: string): void {
  const store = handcastStore.getState();
  deleteSamples(store.dataset.samples.filter((s) => s.label === label).map((s) => s.id));
}

function publishProgress(): void {
  handcastStore.getState().setTakeProgress(recorder.progress(performance.now()));
}

/** The dataset file format of a file name: .jsonl, or a CSV whose first row has 64 (xyz63) or 43 (xy42) columns. */
export function datasetFormatOf(name: string, text: string): DatasetFileFormat | null {
  if (/\.jsonl?$/i.test(name)) return 'jsonl';
  const columns = text.split('\n', 1)[0].split(',').length;
  if (columns === 64 || columns === 63) return 'xyz63';
  if (columns === 43 || columns === 42) return 'xy42';
  return null;
}

/** Adds a dataset file's samples (new ids, so nothing is overwritten); a bad line is reported and skipped. */
export async function importDatasetFile(file: Blob & { name: string }): Promise<void> {
  const text = await readUploadedText(file);
  if (text === null) return;
  const store = handcastStore.getState();
  const format = datasetFormatOf(file.name, text);
  if (!format) {
    store.notify({ kind: 'error', text: `${file.name} is not a dataset Handcast reads: use .jsonl, or CSV rows of label + 63 (xyz63) or 42 (xy42) values.` });
    return;
  }
  const { samples, errors } = importSamples(text, format, { newId: randomId });
  const existing = new Set(store.dataset.samples.map((s) => s.id));
  const fresh = samples.map((s) => (existing.has(s.id) ? { ...s, id: randomId() } : s));
  if (fresh.length > 0) store.setDataset(addSamples(handcastStore.getState().dataset, fresh, Date.now()));
  const skipped = errors.length > 0 ? ` ${errors.length} line${errors.length === 1 ? '' : 's'} skipped (first: line ${errors[0].line}: ${errors[0].reason}).` : '';
  store.notify({ kind: errors.length > 0 ? 'warning' : 'info', text: `Imported ${fresh.length} samples from ${file.name}.${skipped}` });
}

/** The working dataset as file text, for a download. */
export function exportDataset(format: DatasetFileFormat): string {
  return exportSamples(handcastStore.getState().dataset.samples, format);
}

/**
 * Extends a built-in gesture: adds the bundled real hands of `label` (public/data/builtin-gestures.jsonl,
 * kinivi Apache-2.0 / victorexpounder MIT recordings) to the working dataset, as imported samples in their own
 * takes. Added once: a second call for the same label adds nothing. Returns how many were added.
 */
export async function addBuiltinSamples(label: string, fetchText: (url: string) => Promise<string> = fetchBundled): Promise<number> {
  const store = handcastStore.getState();
  let text: string;
  try {
    text = await fetchText(appUrl(BUILTIN_SAMPLES_PATH));
  } catch (error) {
    store.notify({ kind: 'error', text: `The built-in samples could not be loaded: ${(error as Error).message}` });
    return 0;
  }
  const { samples, errors } = importSamples(text, 'jsonl', { newId: randomId });
  const present = new Set(handcastStore.getState().dataset.samples.map((s) => s.take));
  const fresh = samples.filter((s) => s.label === label && !present.has(s.take));
  if (errors.length > 0 || samples.length === 0) {
    store.notify({ kind: 'error', text: `The built-in samples file is damaged (${errors[0]?.reason ?? 'no samples'}); reload the page.` });
    return 0;
  }
  if (fresh.length === 0) {
    const known = samples.some((s) => s.label === label);
    store.notify({ kind: 'info', text: known ? `The built-in ${label} samples are already in your dataset.` : `${label} is not a built-in gesture.` });
    return 0;
  }
  store.setDataset(addSamples(handcastStore.getState().dataset, fresh, Date.now()));
  store.notify({ kind: 'info', text: `Added ${fresh.length} built-in ${label} samples (real recorded hands); record your own to extend it.` });
  return fresh.length;
}

async function fetchBundled(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.text();
}
