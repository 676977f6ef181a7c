// The page's side of the training worker: one run at a time, progress callbacks, abort; the page thread as a fallback.
import type { GestureSample } from '../core/dataset/types';
import type { UserTrainOptions, UserTrainProgress, UserTrainReport } from '../core/train/user/user-model';
import type { FromTrainingWorker, ToTrainingWorker } from './protocol';

export interface TrainingOutcome {
  /** The model file text (with int8 and rejection sections): parseGestureModelText, then hot-swap. */
  readonly modelText: string;
  readonly report: UserTrainReport;
}

/** Rejects a pending train() when abort() is called. */
export class TrainingAbortError extends Error {
  constructor() {
    super('Training was stopped.');
    this.name = 'AbortError';
  }
}

/** The minimal Worker surface the client uses, so the page-thread fallback can stand in. */
export interface WorkerLike extends EventTarget {
  postMessage(message: ToTrainingWorker): void;
  terminate(): void;
}

interface Pending {
  readonly id: number;
  readonly onProgress?: (progress: UserTrainProgress) => void;
  readonly resolve: (outcome: TrainingOutcome) => void;
  readonly reject: (error: Error) => void;
}

export class TrainingClient {
  private readonly worker: WorkerLike;
  private pending: Pending | null = null;
  private nextId = 1;
  /** 'page' when module workers are unavailable: training then runs on this thread, one epoch per task. */
  readonly placement: 'worker' | 'page';

  constructor(createWorker: () => WorkerLike = createTrainingWorker) {
    let worker: WorkerLike;
    try {
      worker = createWorker();
      this.placement = 'worker';
    } catch {
      worker = new PageThreadTrainer();
      this.placement = 'page';
    }
    this.worker = worker;
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

  /** Stops the current run (the worker stops after its current epoch); its promise rejects with an AbortError now. */
  abort(): void {
    if (this.pending === null) return;
    this.worker.postMessage({ type: 'abort', id: this.pending.id });
    this.settle(new TrainingAbortError());
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
    else pending.reject(message.aborted ? new TrainingAbortError() : new Error(message.message));
  }
}

function createTrainingWorker(): WorkerLike {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'handcast-training' }) as WorkerLike;
}

/**
 * Looks like a Worker; messages run the same endpoint on this thread. The trainer awaits a task between
 * epochs, so the page keeps painting (in ~epoch-sized chunks). Loaded lazily: pages with workers never fetch it.
 */
class PageThreadTrainer extends EventTarget implements WorkerLike {
  private readonly handle = import('./endpoint').then(({ createTrainingEndpoint }) =>
    createTrainingEndpoint((message) => setTimeout(() => this.dispatchEvent(new MessageEvent('message', { data: message })), 0)));

  private terminated = false;

  postMessage(message: ToTrainingWorker): void {
    if (this.terminated) return;
    void this.handle.then(
      // Deferred like a real worker's message, so training never starts inside the caller's stack.
      (handle) => setTimeout(() => handle(message), 0),
      (error: unknown) => this.dispatchEvent(new ErrorEvent('error', { message: `training could not load: ${String(error)}` })),
    );
  }

  /** Later messages are dropped; a run in progress stops at its next epoch (dispose() aborts it first). */
  terminate(): void {
    this.terminated = true;
  }
}
