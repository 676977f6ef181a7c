// The page's side of the training worker: one run at a time, progress callbacks, abort; the page thread as a fallback.
import type { GestureSample } from '../core/dataset/types';
import { TrainingAbortedError, type UserTrainOptions, type UserTrainProgress, type UserTrainReport } from '../core/train/user/user-model';
import { InPageWorker, openWorker, type WorkerLike, type WorkerPlacement } from '../platform/worker-bridge';
import type { FromTrainingWorker, ToTrainingWorker } from './protocol';

export interface TrainingOutcome {
  /** The model file text (with int8 and rejection sections): parseGestureModelText, then hot-swap. */
  readonly modelText: string;
  readonly report: UserTrainReport;
}

interface Pending {
  readonly id: number;
  readonly onProgress?: (progress: UserTrainProgress) => void;
  readonly resolve: (outcome: TrainingOutcome) => void;
  readonly reject: (error: Error) => void;
}

export class TrainingClient {
  private readonly worker: WorkerLike<ToTrainingWorker>;
  private pending: Pending | null = null;
  private nextId = 1;
  /** 'page' when module workers are unavailable: training then runs on this thread, one epoch per task. */
  readonly placement: WorkerPlacement;

  constructor(createWorker: () => WorkerLike<ToTrainingWorker> = createTrainingWorker) {
    const { worker, placement } = openWorker('worker', createWorker, createPageThreadTrainer);
    this.worker = worker;
    this.placement = placement;
    worker.addEventListener('message', (event) => this.handle((event as MessageEvent<FromTrainingWorker>).data));
    worker.addEventListener('error', (event) => {
      this.settle(new Error(`The training worker failed: ${(event as ErrorEvent).message || 'unknown error'}`));
    });
  }

  /** Trains on the samples; a call while another runs aborts the earlier one. */
  train(samples: readonly GestureSample[], options: UserTrainOptions, onProgress?: (progress: UserTrainProgress) => void): Promise<TrainingOutcome> {
    this.abort();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending = { id, onProgress, resolve, reject };
      this.worker.postMessage({ type: 'train', id, samples, options });
    });
  }

  /** Stops the current run (the worker stops after its current epoch); its promise rejects with a TrainingAbortedError now. */
  abort(): void {
    if (this.pending === null) return;
    this.worker.postMessage({ type: 'abort', id: this.pending.id });
    this.settle(new TrainingAbortedError());
  }

  /** Ends the worker for good (the page is leaving); a pending run rejects. */
  dispose(): void {
    this.abort();
    this.worker.terminate();
  }

  private settle(error: Error): void {
    this.pending?.reject(error);
    this.pending = null;
  }

  private handle(message: FromTrainingWorker): void {
    const pending = this.pending;
    if (pending === null || message.id !== pending.id) return;
    if (message.type === 'progress') {
      pending.onProgress?.(message.progress);
      return;
    }
    this.pending = null;
    if (message.type === 'done') pending.resolve({ modelText: message.modelText, report: message.report });
    else pending.reject(message.aborted ? new TrainingAbortedError() : new Error(message.message));
  }
}

function createTrainingWorker(): WorkerLike<ToTrainingWorker> {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'handcast-training' }) as WorkerLike<ToTrainingWorker>;
}

/**
 * The same endpoint on this thread. The trainer awaits a task between epochs, so the page keeps painting (in
 * ~epoch-sized chunks); terminating it stops a run in progress at its next epoch.
 */
function createPageThreadTrainer(): WorkerLike<ToTrainingWorker> {
  return new InPageWorker<ToTrainingWorker, FromTrainingWorker>(
    () => import('./endpoint').then(({ createTrainingEndpoint }) => createTrainingEndpoint), 'training');
}
