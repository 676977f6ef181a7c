// What the recognition session is made with: the camera, the recognizer worker, the store, a clock and the page's visibility (fakes in node tests).
import type { RecognizerClient, RecognizerClientEvents } from '../recognizer/client';
import type { RecognizedHand } from '../recognizer/protocol';
import type { HandcastState } from '../store';
import type { CameraDevice, Resolution } from '../vision/camera';

/** The elements the session shows the camera in and draws hands on; it only hands them to its camera and overlay. */
export interface Surfaces {
  readonly video: HTMLVideoElement;
  readonly canvas: HTMLCanvasElement;
}

/** The webcam and the video element its frames come from. */
export interface CameraPort {
  list(): Promise<CameraDevice[]>;
  /** Opens a camera; rejects with a CameraError. `onEnded` fires if it goes away mid-stream. */
  open(options: { deviceId?: string; resolution: Resolution; onEnded: () => void }): Promise<MediaStream>;
  stop(stream: MediaStream | null): void;
  /** The device an open stream reads (id and label), so the page can say which camera is in use. */
  describe(stream: MediaStream): CameraDevice | null;
  /** Shows the stream in the video element and plays it. */
  show(video: HTMLVideoElement, stream: MediaStream): Promise<void>;
  /** Empties the video element. */
  clear(video: HTMLVideoElement): void;
  /** Whether the video element has a frame to grab. */
  frameReady(video: HTMLVideoElement): boolean;
  /** Calls back once, on the video's next frame, with when the camera captured it (the clock's time). */
  nextFrame(video: HTMLVideoElement, callback: (capturedAtMs: number) => void): void;
  /** The frame on show, as a bitmap for the worker, no larger than the landmarker needs (landmarkerInputSize). */
  grab(video: HTMLVideoElement): Promise<ImageBitmap>;
  /** Subscribes to device changes (a camera plugged in); returns the unsubscribe. */
  onDeviceChange(listener: () => void): () => void;
}

/** The recognizer worker's page side (RecognizerClient), as far as the session uses it. */
export type RecognizerPort = Pick<RecognizerClient,
  | 'init' | 'busy' | 'framesInFlight' | 'submit' | 'submitLandmarks' | 'replaceClassifier' | 'setFlipHandedness' | 'setPowerMode'
  | 'setGestureEvents' | 'resetGestureEvents' | 'injectLandmarkerFaults' | 'terminate'>;

export interface Clock {
  now(): number;
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface RecognitionSessionDeps {
  readonly camera: CameraPort;
  /** Makes a recognizer (a new worker) answering through `events`. */
  createRecognizer(events: RecognizerClientEvents): RecognizerPort;
  readonly store: {
    getState(): HandcastState;
    subscribe(listener: (state: HandcastState, previous: HandcastState) => void): () => void;
  };
  readonly clock: Clock;
  /** The page's visibility: no frames go to the worker while it is hidden. */
  readonly visibility: { hidden(): boolean; onChange(listener: () => void): () => void };
  /** Draws the recognised hands over the video (or clears the overlay, given no hands). */
  drawHands(canvas: HTMLCanvasElement, hands: readonly RecognizedHand[], width: number, height: number, mirrored: boolean): void;
  clearOverlay(canvas: HTMLCanvasElement): void;
  /** Test override (the page's ?assume-hardware-gpu): try the GPU delegate without hardware WebGL. */
  readonly assumeHardwareWebGl?: boolean;
}
