// The page's side of the recognizer worker: one frame in flight at a time, so a slow frame drops the next instead of queuing.
import type { PowerMode } from '../core/tracking/hand-search-schedule';
import type { EngineChoice } from '../engines/gesture-engines';
import { InPageWorker, openWorker, type WorkerLike, type WorkerPlacement } from '../platform/worker-bridge';
import type { DetectedHand } from '../vision/hand-landmarker';
import type { GestureEvent } from '../core/gestures';
import type { GestureEventSettings } from './gesture-events';
import type { DetectionStatus, FromWorker, ReadyInfo, RecognizedHand, RecognizerSettings, ToWorker, WorkerTimings } from './protocol';

export interface FrameResult {
  readonly hands: RecognizedHand[];
  readonly timings: WorkerTimings;
  readonly detection: DetectionStatus | null;
  /** The gesture events these hands fired, in order. */
  readonly events: readonly GestureEvent[];
  /** Size of the frame the landmarks refer to. */
  readonly width: number;
  readonly height: number;
}

export interface RecognizerClientEvents {
  onResult(result: FrameResult): void;
  onFrameError(message: string): void;
}

export class RecognizerClient {
  private readonly worker: WorkerLike<ToWorker>;
  private nextId = 1;
  /** Frames and fed landmarks handed to the worker and not yet answered, oldest first (answers come in order). */
  private inFlight: { id: number; width: number; height: number }[] = [];
  private readonly ready = new PendingAnswer<ReadyInfo>();
  private readonly classifier = new PendingAnswer<ReadyInfo>();
  /** Where the recognizer runs: 'page' when asked for (no SIMD for the worker's build) or when no worker can be made. */
  readonly placement: WorkerPlacement;

  constructor(private readonly events: RecognizerClientEvents, placement: WorkerPlacement) {
    ({ worker: this.worker, placement: this.placement } = openWorker(placement, createRecognizerWorker, createInPageRecognizer));
    this.worker.addEventListener('message', (event) => this.handle((event as MessageEvent<FromWorker>).data));
    this.worker.addEventListener('error', (event) => {
      const message = `The recognizer worker failed: ${(event as ErrorEvent).message || 'unknown error'}`;
      this.ready.settle(new Error(message));
      this.inFlight = [];
      this.events.onFrameError(message);
    });
  }

  /** Loads the landmarker and classifier; resolves with what was loaded (model, delegate, engine). */
  init(settings: RecognizerSettings): Promise<ReadyInfo> {
    return this.ready.ask('Superseded by a newer init.', () => this.post({ type: 'init', settings }));
  }

  setFlipHandedness(flipHandedness: boolean): void {
    this.post({ type: 'set-flip-handedness', flipHandedness });
  }

  setPowerMode(powerMode: PowerMode): void {
    this.post({ type: 'set-power-mode', powerMode });
  }

  setGestureEvents(settings: GestureEventSettings): void {
    this.post({ type: 'set-gesture-events', settings });
  }

  /** The gesture-event engine forgets holds, paths and cooldowns (the camera stopped). */
  resetGestureEvents(): void {
    this.post({ type: 'reset-gesture-events' });
  }

  get busy(): boolean {
    return this.inFlight.length > 0;
  }

  /** Frames (or fed landmarks) the worker has not answered yet. */
  get framesInFlight(): number {
    return this.inFlight.length;
  }

  /**
   * Sends a frame unless MAX_FRAMES_IN_FLIGHT are unanswered; returns whether it was sent. A second frame waits in
   * the worker's queue and starts the moment the first is done, without a round trip through the page.
   */
  submit(bitmap: ImageBitmap, timestampMs: number): boolean {
    if (this.inFlight.length >= MAX_FRAMES_IN_FLIGHT) {
      bitmap.close();
      return false;
    }
    const id = this.nextId++;
    this.inFlight.push({ id, width: bitmap.width, height: bitmap.height });
    this.post({ type: 'frame', id, bitmap, timestampMs }, [bitmap]);
    return true;
  }

  /**
   * Classifies hands whose landmarks are known (no detection) as if a frame had shown them at `timeMs`, unless a
   * frame is in flight; returns whether sent.
   */
  submitLandmarks(hands: readonly DetectedHand[], width: number, height: number, timeMs: number): boolean {
    if (this.busy) return false;
    const id = this.nextId++;
    this.inFlight.push({ id, width, height });
    this.post({ type: 'landmarks', id, hands, aspect: width / height, timeMs });
    return true;
  }

  /** Swaps the gesture model between frames, keeping the landmarker; resolves with the new engine's info. */
  replaceClassifier(modelUrl: string, modelJson: unknown, engine: EngineChoice): Promise<ReadyInfo> {
    return this.classifier.ask('Superseded by a newer model.', () => this.post({ type: 'set-classifier', modelUrl, modelJson, engine }));
  }

  /** Test hook: the landmarker throws on every `everyNth` detection (0 stops it); see LandmarkerFaults in vision/hand-landmarker. */
  injectLandmarkerFaults(everyNth: number): void {
    this.post({ type: 'inject-landmarker-faults', everyNth });
  }

  terminate(): void {
    this.worker.terminate();
    this.ready.settle(new Error('The recognizer was stopped.'));
  }

  private post(message: ToWorker, transfer: Transferable[] = []): void {
    this.worker.postMessage(message, transfer);
  }

  /** Takes the answered frame (and any older one the worker skipped) off the in-flight list. */
  private answered(id: number): { id: number; width: number; height: number } | null {
    const index = this.inFlight.findIndex((frame) => frame.id === id);
    if (index < 0) return null;
    const frame = this.inFlight[index];
    this.inFlight.splice(0, index + 1);
    return frame;
  }

  private handle(message: FromWorker): void {
    switch (message.type) {
      case 'ready':
      case 'init-failed':
        this.ready.settle(answerOf(message));
        break;
      case 'result': {
        const frame = this.answered(message.id);
        if (frame) {
          const { hands, timings, detection, events } = message;
          this.events.onResult({ hands, timings, detection, events, width: frame.width, height: frame.height });
        }
        break;
      }
      case 'classifier-replaced':
      case 'classifier-failed':
        this.classifier.settle(answerOf(message));
        break;
      case 'frame-failed':
        this.answered(message.id);
        this.events.onFrameError(message.message);
        break;
    }
  }
}

/** At most this many frames are handed to the worker unanswered: the one it works on and the next. */
export const MAX_FRAMES_IN_FLIGHT = 2;

/**
 * One request awaiting its answer (init, a classifier swap): a newer request rejects the older one, and the answer,
 * a value or an Error, settles whichever is waiting.
 */
class PendingAnswer<T> {
  private waiting: { resolve: (value: T) => void; reject: (error: Error) => void } | null = null;

  ask(supersededMessage: string, send: () => void): Promise<T> {
    this.waiting?.reject(new Error(supersededMessage));
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      send();
    });
  }

  settle(answer: T | Error): void {
    const waiting = this.waiting;
    this.waiting = null;
    if (answer instanceof Error) waiting?.reject(answer);
    else waiting?.resolve(answer);
  }
}

/** A reply's answer: the info it carries, or its failure as an Error. */
function answerOf(reply: { readonly info: ReadyInfo } | { readonly message: string }): ReadyInfo | Error {
  return 'info' in reply ? reply.info : new Error(reply.message);
}

function createRecognizerWorker(): WorkerLike<ToWorker> {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'handcast-recognizer' }) as WorkerLike<ToWorker>;
}

/**
 * The fallback when the worker cannot run MediaPipe (no WebAssembly SIMD: its module build needs SIMD): the same
 * endpoint on the page's thread, MediaPipe's classic build loaded without the module loader.
 */
function createInPageRecognizer(): WorkerLike<ToWorker> {
  return new InPageWorker<ToWorker, FromWorker>(
    () => import('./endpoint').then(({ createRecognizerEndpoint }) => (post) => createRecognizerEndpoint(post, false)), 'The recognizer');
}
