// Train on the recorded gestures in a worker, keep the model in IndexedDB, and hot-swap it into the running recognizer.
import { countByLabel } from '../core/dataset';
import { TrainingAbortedError } from '../core/train/user/user-model';
import { TrainingClient } from '../training/client';
import { handcastStore } from '../store';
import { IDLE_TRAINING } from '../store/training-slice';
import { handcastDb } from './persistence';
import { keepModel } from './model-library';
import { swapClassifier } from './live-session';

/** The name the freshly trained model is kept under (replaced by each new training). */
export const TRAINED_MODEL_NAME = 'My gestures';

let client: TrainingClient | null = null;

/** Why training cannot start with the current dataset, or null. */
export function describeTrainingBlocker(): string | null {
  const counts = countByLabel(handcastStore.getState().dataset.samples);
  if (counts.size < 2) return 'Record at least two gestures (one of them may be "none").';
  const thin = [...counts].filter(([, n]) => n < 20).map(([label]) => label);
  return thin.length > 0 ? `Record more of ${thin.join(', ')} (at least 20 samples each).` : null;
}

/** Trains, quantizes and swaps in a model of the recorded gestures; progress goes to the store. */
export async function trainRecordedGestures(options: { qat: boolean }): Promise<void> {
  const store = handcastStore.getState();
  const blocker = describeTrainingBlocker();
  if (blocker) {
    store.notify({ kind: 'warning', text: blocker });
    return;
  }
  client ??= new TrainingClient();
  const history: { epoch: number; loss: number; validationAccuracy: number }[] = [];
  store.setTraining({ running: true, latest: null, history });
  try {
    const outcome = await client.train(store.dataset.samples, { qat: options.qat }, (progress) => {
      if (progress.phase === 'train' && Number.isFinite(progress.loss)) {
        history.push({ epoch: progress.epoch, loss: progress.loss, validationAccuracy: progress.validationAccuracy });
      }
      handcastStore.getState().setTraining({ running: true, latest: progress, history: [...history] });
    });
    handcastStore.getState().setTrainReport(outcome.report);
    const problem = await swapClassifier({ name: TRAINED_MODEL_NAME, json: JSON.parse(outcome.modelText) });
    if (problem) throw new Error(`the trained model could not run: ${problem}`);
    await keepModel(TRAINED_MODEL_NAME, outcome.modelText);
  } catch (error) {
    if (!(error instanceof TrainingAbortedError)) {
      handcastStore.getState().notify({ kind: 'error', text: `Training failed: ${(error as Error).message}` });
    }
  } finally {
    handcastStore.getState().setTraining({ ...handcastStore.getState().training, running: false });
  }
}

export function stopTraining(): void {
  client?.abort();
  handcastStore.getState().setTraining(IDLE_TRAINING);
}

/** At start: runs the last trained model if one is kept (the bundled model stays the fallback). */
export async function restoreTrainedModel(): Promise<void> {
  try {
    const db = await handcastDb();
    const { items } = await db.listModels();
    const summary = items.find((m) => m.name === TRAINED_MODEL_NAME);
    if (!summary) return;
    const stored = await db.getModel(summary.id);
    if (!stored) return;
    const problem = await swapClassifier({ name: stored.name, json: JSON.parse(stored.text) });
    if (problem) handcastStore.getState().notify({ kind: 'warning', text: `Your trained model could not run (${problem}); the bundled model is in use.` });
  } catch (error) {
    handcastStore.getState().notify({ kind: 'warning', text: `Your trained model could not be read (${(error as Error).message}); the bundled model is in use.` });
  }
}
