// The messages between the page and the recognizer worker (landmarks + features + classifier run off the UI thread).
import type { GestureEvent } from '../core/gestures';
import type { Landmark } from '../core/landmarks/types';
import type { PowerMode, ScheduleKind } from '../core/tracking/hand-search-schedule';
import type { EngineChoice, KernelInfo } from '../engines/gesture-engines';
import type { Handedness } from '../core/labels';
import type { Delegate, DetectedHand, LandmarkerModel, RunningMode } from '../vision/hand-landmarker';
import type { GestureEventSettings } from './gesture-events';

export interface RecognizerSettings {
  readonly landmarkerModel: LandmarkerModel;
  readonly preferGpu: boolean;
  readonly numHands: number;
  readonly flipHandedness: boolean;
  readonly runningMode: RunningMode;
  /**
   * VIDEO only. 'adaptive': a one-hand landmarker follows a lone hand and a two-hand one looks for more at a bounded
   * rate (core/tracking/hand-search-schedule); 'every_frame': the two-hand landmarker on every frame, as before.
   */
  readonly detectionSchedule: ScheduleKind;
  readonly powerMode: PowerMode;
  /** INT8 on our WebAssembly kernels (default) or float TypeScript, for comparison. */
  readonly classifierEngine: EngineChoice;
  /** URL of the gesture model JSON (public/models/gesture_model.json by default). */
  readonly gestureModelUrl: string;
  /** The gesture model itself, when it did not come from this server (the CLI's --model); wins over the URL. */
  readonly gestureModelJson?: unknown;
  /** Test override (the page's ?assume-hardware-gpu): try the GPU delegate without hardware WebGL, to exercise its fallback. */
  readonly assumeHardwareWebGl?: boolean;
  /** When given, the gesture-event engine (and the motion model) runs on every frame and results carry its events. */
  readonly gestureEvents?: GestureEventSettings;
}

export interface RecognizedHand {
  readonly landmarks: Landmark[];
  readonly handedness: Handedness;
  readonly handednessScore: number;
  readonly gesture: string;
  readonly gestureScore: number;
}

/** What the hand search did on a frame, and what it wants next. */
export interface DetectionStatus {
  /** Hands followed after this frame. */
  readonly handsTracked: number;
  /** Palm-detector runs per second over the last two seconds. */
  readonly searchesPerSecond: number;
  /** Frame timestamp (the page's clock) before which no frame is wanted; -Infinity: every frame. */
  readonly nextFrameDueMs: number;
}

/** Milliseconds spent in each stage inside the worker for one frame. */
export interface WorkerTimings {
  readonly landmarks: number;
  readonly features: number;
  readonly classifier: number;
}

export type ToWorker =
  | { readonly type: 'init'; readonly settings: RecognizerSettings }
  | { readonly type: 'set-flip-handedness'; readonly flipHandedness: boolean }
  | { readonly type: 'set-power-mode'; readonly powerMode: PowerMode }
  | { readonly type: 'frame'; readonly id: number; readonly bitmap: ImageBitmap; readonly timestampMs: number }
  /** Hands whose landmarks are already known (the test hook, recordings): classified as if a frame had shown them at `timeMs`. */
  | { readonly type: 'landmarks'; readonly id: number; readonly hands: readonly DetectedHand[]; readonly aspect: number; readonly timeMs: number }
  /** The user changed an engine setting (mirror, arming): events from the next frame on follow it. */
  | { readonly type: 'set-gesture-events'; readonly settings: GestureEventSettings }
  /** The camera stopped: the engine forgets holds, paths, cooldowns and the armed state. */
  | { readonly type: 'reset-gesture-events' }
  /** Swap the gesture model without reloading the landmarker. */
  | { readonly type: 'set-classifier'; readonly modelUrl: string; readonly modelJson?: unknown; readonly engine: EngineChoice }
  /** Test hook, inert unless sent: the landmarker throws on every `everyNth` camera frame from now on (0 stops it). */
  | { readonly type: 'inject-landmarker-faults'; readonly everyNth: number };

export interface ReadyInfo {
  readonly landmarkerModel: LandmarkerModel;
  readonly delegate: Delegate;
  /** Why the delegate is not the one asked for (the GPU failed, the CPU took over); null when it is. */
  readonly delegateNote: string | null;
  readonly classifierEngine: string;
  readonly labels: readonly string[];
  /** The INT8 kernel build in use and why; null for the float or TypeScript engines. */
  readonly kernel: KernelInfo | null;
  /** Median microseconds per classification, measured when the classifier loaded. */
  readonly classifierMicros: number;
  /** Why the engine asked for is not the one running, if it is not. */
  readonly engineNote: string | null;
  /** Why there are no motion events (the motion model did not load); null when they run or were not asked for. */
  readonly motionNote: string | null;
}

export type FromWorker =
  | { readonly type: 'ready'; readonly info: ReadyInfo }
  | { readonly type: 'init-failed'; readonly message: string }
  | {
    readonly type: 'result'; readonly id: number; readonly hands: RecognizedHand[]; readonly timings: WorkerTimings;
    readonly detection: DetectionStatus | null;
    /** The gesture events these hands fired (empty without RecognizerSettings.gestureEvents). */
    readonly events: GestureEvent[];
  }
  | { readonly type: 'frame-failed'; readonly id: number; readonly message: string }
  | { readonly type: 'classifier-replaced'; readonly info: ReadyInfo }
  | { readonly type: 'classifier-failed'; readonly message: string };
