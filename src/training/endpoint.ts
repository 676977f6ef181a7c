// The training worker's message handler, shared by the real worker and the page-thread fallback.
import { serializeGestureModel } from '../core/model/serialize-model';
import { TrainingAbortedError, trainUserGestureModelAsync } from '../core/train/user/user-model';
import type { FromTrainingWorker, ToTrainingWorker } from './protocol';

/**
 * Returns the handler for incoming messages; `post` sends answers. One run at a time: a new 'train'
 * aborts the one in progress. Training awaits a macrotask between epochs, so 'abort' gets through; so does
 * `stopped` (the page-thread stand-in was terminated), which ends any run for good.
 */
export function createTrainingEndpoint(post: (message: FromTrainingWorker) => void, stopped?: AbortSignal): (message: ToTrainingWorker) => void {
  const aborted = new Set<number>();
  let current: number | null = null;
  return (message) => {
    if (message.type === 'abort') {
      aborted.add(message.id);
      return;
    }
    const { id, samples, options } = message;
    if (current !== null) aborted.add(current);
    current = id;
    trainUserGestureModelAsync(samples, options, (progress) => post({ type: 'progress', id, progress }), () => aborted.has(id) || stopped?.aborted === true)
      .then(({ model, report }) => post({ type: 'done', id, modelText: serializeGestureModel(model), report }))
      .catch((error: unknown) => post({
        type: 'failed', id, message: error instanceof Error ? error.message : String(error), aborted: error instanceof TrainingAbortedError,
      }))
      .finally(() => {
        aborted.delete(id);
        if (current === id) current = null;
      });
  };
}
