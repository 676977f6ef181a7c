// The training client and endpoint in node: the page-thread fallback (same endpoint as the worker) trains, reports progress, aborts.
import { parseGestureModelText } from '../../src/core/model/gesture-model.ts';
import type { UserTrainProgress } from '../../src/core/train/user/user-model.ts';
import { InPageWorker, type WorkerLike } from '../../src/platform/worker-bridge.ts';
import { TrainingClient } from '../../src/training/client.ts';
import { createTrainingEndpoint } from '../../src/training/endpoint.ts';
import type { FromTrainingWorker, ToTrainingWorker } from '../../src/training/protocol.ts';
import { sharedSourcesMissing } from './shared-data.ts';
import { victorSamples } from './user-fixtures.ts';

const dataMissing = sharedSourcesMissing('training-client');

const noWorkers = () => {
  throw new Error('Worker is not defined');
};

describe.skipIf(dataMissing)('TrainingClient (page-thread fallback)', () => {
  const samples = dataMissing ? [] : victorSamples({ handOpen: 'open_hand', handClose: 'fist' });

  /**
   * Trains, calls `stop` at epoch 2, and checks the run rejects with an AbortError and the worker side ends with an
   * aborted failure after at most one more epoch (the stop arrives while epoch 3 may already be running).
   */
  async function expectStoppedAfterEpoch2(client: TrainingClient, posted: readonly FromTrainingWorker[], stop: () => void): Promise<void> {
    const run = client.train(samples, { seed: 2, maxEpochs: 40, patience: 0 }, (p) => {
      if (p.epoch === 2) stop();
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    await vi.waitFor(() => expect(posted.at(-1)?.type).toBe('failed'), { timeout: 5000 });
    expect(posted.at(-1)).toMatchObject({ type: 'failed', aborted: true });
    const epochs = posted.flatMap((m) => (m.type === 'progress' ? [m.progress.epoch] : []));
    expect(Math.max(...epochs)).toBeLessThanOrEqual(3);
  }

  it('falls back when no worker can be made, reports progress per epoch, and resolves with a parsable model', async () => {
    const client = new TrainingClient(noWorkers);
    expect(client.placement).toBe('page');
    const progress: UserTrainProgress[] = [];
    const { modelText, report } = await client.train(samples, { seed: 2, maxEpochs: 4, patience: 0 }, (p) => progress.push(p));
    expect(progress.filter((p) => p.phase === 'train').map((p) => p.epoch)).toEqual([1, 2, 3, 4]);
    const model = parseGestureModelText(modelText);
    expect(model.labels).toEqual(report.labels);
    expect(model.rejection?.threshold).toBe(report.rejection.threshold);
    client.dispose();
  });

  it('abort() rejects at once and the endpoint stops at its next epoch', async () => {
    // A stand-in worker that records every answer the endpoint posts, including those after the abort.
    const posted: FromTrainingWorker[] = [];
    class RecordingWorker extends EventTarget implements WorkerLike<ToTrainingWorker> {
      private readonly handle = createTrainingEndpoint((message) => {
        posted.push(message);
        setTimeout(() => this.dispatchEvent(new MessageEvent('message', { data: message })), 0);
      });
      postMessage(message: ToTrainingWorker): void {
        setTimeout(() => this.handle(message), 0);
      }
      terminate(): void {}
    }
    const client = new TrainingClient(() => new RecordingWorker());
    await expectStoppedAfterEpoch2(client, posted, () => client.abort());
    client.dispose();
  });

  it('dispose() on the page-thread stand-in stops the run at its next epoch, though its abort message is dropped', async () => {
    // The in-page bridge as the fallback builds it, recording what the endpoint posts before the bridge delivers it.
    const posted: FromTrainingWorker[] = [];
    const client = new TrainingClient(() => new InPageWorker<ToTrainingWorker, FromTrainingWorker>(
      async () => (post, stopped) => createTrainingEndpoint((message) => {
        posted.push(message);
        post(message);
      }, stopped),
      'training'));
    await expectStoppedAfterEpoch2(client, posted, () => client.dispose());
  });
});
