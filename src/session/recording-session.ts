// Recording takes into the working dataset: the page's hold-to-record button calls these; recognised frames feed the recorder.
import { addSamples, removeSamples } from '../core/dataset';
import type { RecognizedHand } from '../recognizer/protocol';
import { handcastStore } from '../store';
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
