// The page's side of the recognizer worker: one frame in flight at a time, so a slow frame drops the next instead of queuing.
import { InPageWorker } from './in-page-worker';
import type { EngineChoice } from '../engines/gesture-engines';
import type { DetectedHand } from '../vision/hand-landmarker';
import type { FromWorker, ReadyInfo, RecognizedHand, RecognizerSettings, ToWorker, WorkerTimings } from './protocol';

export interface FrameResult {
  readonly hands: RecognizedHand[];
  readonly timings: WorkerTimings;
  /** Size of the frame the landmarks refer to. */
  readonly width: number;
  readonly height: number;
}

export interface RecognizerClientEvents {
  onResult(result: FrameResult): void;
  onFrameError(message: string): void;
}

export class RecognizerClient {
  private readonly worker: Worker;
  private nextId = 1;
  private inFlight: { id: number; width: number; height: number } | null = null;
  private pendingReady: { resolve: (info: ReadyInfo) => void; reject: (error: Error) => void } | null = null;
  private pendingClassifier: { resolve: (info: ReadyInfo) => void; reject: (error: Error) => void } | null = null;

  constructor(private readonly events: RecognizerClientEvents, readonly placement: RecognizerPlacement) {
    this.worker = createRecognizerWorker(placement);
    this.worker.addEventListener('message', (event: MessageEvent<FromWorker>) => this.handle(event.data));
    this.worker.addEventListener('error', (event) => {
      const message = `The recognizer worker failed: ${event.message || 'unknown error'}`;
      this.pendingReady?.reject(new Error(message));
      this.pendingReady = null;
      this.inFlight = null;
      this.events.onFrameError(message);
    });
  }

  /** Loads the landmarker and classifier; resolves with what was loaded (model, delegate, engine). */
  init(settings: RecognizerSettings): Promise<ReadyInfo> {
    this.pendingReady?.reject(new Error('Superseded by a newer init.'));
    return new Promise((resolve, reject) => {
      this.pendingReady = { resolve, reject };
      this.post({ type: 'init', settings });
    });
  }

  setFlipHandedness(flipHandedness: boolean): void {
    this.post({ type: 'set-flip-handedness', flipHandedness });
  }

  get busy(): boolean {
    return this.inFlight !== null;
  }

  /** Sends a frame unless one is still being recognised; returns whether it was sent. */
  submit(bitmap: ImageBitmap, timestampMs: number): boolean {
    if (this.inFlight) {
      bitmap.close();
      return false;
    }
    const id = this.nextId++;
    this.inFlight = { id, width: bitmap.width, height: bitmap.height };
    this.post({ type: 'frame', id, bitmap, timestampMs }, [bitmap]);
    return true;
  }

  /** Classifies hands whose landmarks are known (no detection), unless a frame is in flight; returns whether sent. */
  submitLandmarks(hands: readonly DetectedHand[], width: number, height: number): boolean {
    if (this.inFlight) return false;
    const id = this.nextId++;
    this.inFlight = { id, width, height };
    this.post({ type: 'landmarks', id, hands, aspect: width / height });
    return true;
  }

  /** Swaps the gesture model between frames, keeping the landmarker; resolves with the new engine's info. */
  replaceClassifier(modelUrl: string, modelJson: unknown, engine: EngineChoice): Promise<ReadyInfo> {
    this.pendingClassifier?.reject(new Error('Superseded by a newer model.'));
    return new Promise((resolve, reject) => {
      this.pendingClassifier = { resolve, reject };
      this.post({ type: 'set-classifier', modelUrl, modelJson, engine });
    });
  }

  /** Test hook: the landmarker throws on every `everyNth` frame (0 stops it); see RecognitionPipeline.injectLandmarkerFaults. */
  injectLandmarkerFaults(everyNth: number): void {
    this.post({ type: 'inject-landmarker-faults', everyNth });
  }

  terminate(): void {
    this.worker.terminate();
    this.pendingReady?.reject(new Error('The recognizer was stopped.'));
    this.pendingReady = null;
  }

  private post(message: ToWorker, transfer: Transferable[] = []): void {
    this.worker.postMessage(message, transfer);
  }

  private handle(message: FromWorker): void {
    switch (message.type) {
      case 'ready':
        this.pendingReady?.resolve(message.info);
        this.pendingReady = null;
        break;
      case 'init-failed':
        this.pendingReady?.reject(new Error(message.message));
        this.pendingReady = null;
        break;
      case 'result': {
        const frame = this.inFlight;
        this.inFlight = null;
        if (frame?.id === message.id) {
          this.events.onResult({ hands: message.hands, timings: message.timings, width: frame.width, height: frame.height });
        }
        break;
      }
      case 'classifier-replaced':
        this.pendingClassifier?.resolve(message.info);
        this.pendingClassifier = null;
        break;
      case 'classifier-failed':
        this.pendingClassifier?.reject(new Error(message.message));
        this.pendingClassifier = null;
        break;
      case 'frame-failed':
        if (this.inFlight?.id === message.id) this.inFlight = null;
        this.events.onFrameError(message.message);
        break;
    }
  }
}

/** Where the recognizer runs: a module worker, or the page itself where the worker's SIMD build cannot run. */
export type RecognizerPlacement = 'worker' | 'page';

export function createRecognizerWorker(placement: RecognizerPlacement): Worker {
  if (placement === 'page') return new InPageWorker() as unknown as Worker;
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'handcast-recognizer' });
}
