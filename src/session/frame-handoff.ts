// Which camera frames go to the recognizer worker, and when: the newest one, the moment the worker can take it, never a stale queue.
import { FramePacing } from '../core/tracking/frame-pacing';
import { isFrameDue } from '../core/tracking/hand-search-schedule';
import { MAX_FRAMES_IN_FLIGHT } from '../recognizer/client';
import type { DetectionStatus } from '../recognizer/protocol';
import type { CameraPort, RecognizerPort } from './session-ports';

/** The camera interval assumed before one is measured (30 frames/s). */
const DEFAULT_FRAME_INTERVAL_MS = 1000 / 30;
/** A sleeping frame loop wakes this many camera frames before the next look is due. */
const WAKE_EARLY_FRAMES = 2;

/** A camera frame taken for the recognizer: its pixels, the timestamp the landmarker gets, and when the camera captured it. */
interface GrabbedFrame {
  readonly bitmap: ImageBitmap;
  readonly timestampMs: number;
  readonly capturedAtMs: number;
}

export interface FrameHandoffDeps {
  readonly camera: Pick<CameraPort, 'frameReady' | 'grab'>;
  readonly now: () => number;
  /** The hand search after the worker's last answer (null before the first). */
  readonly detection: () => DetectionStatus | null;
  /** Whether frames still go to this recognizer (it was not replaced, and no landmark feed holds frames back). */
  readonly stillWanted: (client: RecognizerPort) => boolean;
  readonly onGrabError: (message: string) => void;
}

/**
 * Hands camera frames to the worker. While it is busy, the frame that will still be the newest when it is free is
 * grabbed (FramePacing); it goes straight into the worker's queue while a hand is followed, else it waits here
 * and goes with the answer; a newer grab replaces (and closes) it. Frames the hand search does not want yet (no
 * hand in view, not time to look) are not grabbed at all. It also remembers when each frame in flight was
 * captured, for the frame-to-label latency.
 */
export class FrameHandoff {
  private waitingFrame: GrabbedFrame | null = null;
  /** When the camera captured each input handed to the worker, oldest first; null for fed landmarks. */
  private inFlightCaptures: (number | null)[] = [];
  /** When the worker started on the input it works on (handed to an idle worker, or the previous answer came). */
  private jobStartedAtMs = 0;
  private lastTimestamp = 0;
  private readonly pacing = new FramePacing();

  constructor(private readonly deps: FrameHandoffDeps) {}

  /** The camera shows a frame captured at `capturedAtMs`: grab it for `client` if the worker will want it. */
  cameraFrame(video: HTMLVideoElement, capturedAtMs: number, client: RecognizerPort): void {
    const { camera, now } = this.deps;
    this.pacing.cameraFrame(capturedAtMs);
    if (!camera.frameReady(video)) return;
    const timestampMs = Math.max(capturedAtMs, this.lastTimestamp + 1);
    if (!this.isDue(timestampMs)) return;
    if (client.framesInFlight >= MAX_FRAMES_IN_FLIGHT) return;
    if (client.busy && (this.lookInProgress() || !this.pacing.worthGrabbingWhileBusy(now(), this.jobStartedAtMs))) return;
    this.lastTimestamp = timestampMs;
    camera.grab(video).then(
      (bitmap) => {
        if (!this.deps.stillWanted(client)) {
          bitmap.close();
          return;
        }
        const frame = { bitmap, timestampMs, capturedAtMs };
        if (this.canHandOver(client)) {
          this.send(client, frame);
          return;
        }
        this.waitingFrame?.bitmap.close();
        this.waitingFrame = frame;
      },
      (error: unknown) => this.deps.onGrabError(`A camera frame could not be read: ${String(error)}`),
    );
  }

  /**
   * How long the frame loop may sleep before it watches the camera again: while no hand is in view the hand search
   * wants a frame only a few times a second, and watching every frame in between (a video-frame callback, a main
   * frame of the page) costs the page's thread for nothing. It wakes a little before the next look is due (two
   * camera frames early), so the look takes the first frame due, as without the sleep; 0 means watch the next frame.
   */
  idleWaitMs(nowMs: number): number {
    const dueMs = this.deps.detection()?.nextFrameDueMs ?? Number.NEGATIVE_INFINITY;
    const intervalMs = this.pacing.cameraIntervalMs ?? DEFAULT_FRAME_INTERVAL_MS;
    const waitMs = dueMs - nowMs - WAKE_EARLY_FRAMES * intervalMs;
    return waitMs >= intervalMs ? waitMs : 0;
  }

  /** The loop slept for idleWaitMs() and watches the camera again. */
  wokeUp(): void {
    this.pacing.framesSkipped();
  }

  /** Landmarks (no camera frame) were handed to the worker. */
  landmarksSent(): void {
    this.inFlightCaptures.push(null);
    this.jobStartedAtMs = this.deps.now();
  }

  /**
   * The worker answered its oldest input: the waiting frame goes if it can. Returns when that input's camera frame
   * was captured (null for fed landmarks).
   */
  answered(client: RecognizerPort): number | null {
    const now = this.deps.now();
    const capturedAtMs = this.inFlightCaptures.shift() ?? null;
    if (capturedAtMs !== null) this.pacing.workerDone(now - this.jobStartedAtMs);
    this.jobStartedAtMs = now; // the worker starts on the next input in its queue, if any
    this.sendWaiting(client);
    return capturedAtMs;
  }

  /** The worker failed on an input (or on all of them): it is freed as by an answer. */
  failed(client: RecognizerPort): void {
    if (this.inFlightCaptures.length <= client.framesInFlight) return;
    while (this.inFlightCaptures.length > client.framesInFlight) this.inFlightCaptures.shift();
    this.jobStartedAtMs = this.deps.now();
    this.sendWaiting(client);
  }

  /** Closes the waiting frame (Stop, a landmark feed). */
  dropWaiting(): void {
    this.waitingFrame?.bitmap.close();
    this.waitingFrame = null;
  }

  /** A new recognizer: nothing of the old one is in flight. */
  reset(): void {
    this.dropWaiting();
    this.inFlightCaptures = [];
  }

  /**
   * Whether the worker is looking for hands with none in view: its answer sets when the next look is due (a few
   * hundred ms on), so a frame grabbed meanwhile would almost always be thrown away. Only the adaptive search says
   * when it is due; with every_frame the next frame is always wanted.
   */
  private lookInProgress(): boolean {
    const detection = this.deps.detection();
    return detection !== null && detection.handsTracked === 0 && Number.isFinite(detection.nextFrameDueMs);
  }

  /** Whether the hand search wants a frame with this timestamp. */
  private isDue(timestampMs: number): boolean {
    return isFrameDue(timestampMs, this.deps.detection()?.nextFrameDueMs ?? Number.NEGATIVE_INFINITY);
  }

  /**
   * Whether a frame can go to the worker now: when it is idle, or, while it follows a hand (so the frame is due
   * whatever the answer in progress says), as the next in its queue.
   */
  private canHandOver(client: RecognizerPort): boolean {
    if (client.framesInFlight === 0) return true;
    return client.framesInFlight < MAX_FRAMES_IN_FLIGHT && (this.deps.detection()?.handsTracked ?? 0) > 0;
  }

  private send(client: RecognizerPort, frame: GrabbedFrame): void {
    if (!client.busy) this.jobStartedAtMs = this.deps.now();
    if (client.submit(frame.bitmap, frame.timestampMs)) this.inFlightCaptures.push(frame.capturedAtMs);
  }

  /** The waiting frame goes now if the worker can take it and the hand search still wants it. */
  private sendWaiting(client: RecognizerPort): void {
    const frame = this.waitingFrame;
    if (!frame || !this.canHandOver(client)) return;
    this.waitingFrame = null;
    if (this.deps.stillWanted(client) && this.isDue(frame.timestampMs)) this.send(client, frame);
    else frame.bitmap.close();
  }
}
