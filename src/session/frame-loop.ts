// Watches the camera frame by frame for the session, and sleeps between looks while no hand is in view.
import type { CameraPort, Clock } from './session-ports';

export interface FrameLoopDeps {
  readonly camera: Pick<CameraPort, 'nextFrame'>;
  readonly clock: Clock;
  /** Each camera frame watched, with its capture time. */
  readonly onFrame: (capturedAtMs: number) => void;
  /** How long the loop may sleep before watching again (0: watch the next frame); see FrameHandoff.idleWaitMs. */
  readonly idleWaitMs: (nowMs: number) => number;
  /** The loop slept and watches again (frames were skipped). */
  readonly wokeUp: () => void;
}

export interface FrameLoop {
  cancel(): void;
}

/**
 * Starts watching `video`: each frame goes to onFrame, then the loop asks whether it may sleep. With no hand in
 * view it sleeps until shortly before the next look instead of watching every camera frame (each watched frame
 * costs the page's thread a video-frame callback). cancel() stops it, a sleep included.
 */
export function startFrameLoop(video: HTMLVideoElement, deps: FrameLoopDeps): FrameLoop {
  const { camera, clock } = deps;
  let cancelled = false;
  let sleep: unknown = null;
  const onFrame = (capturedAtMs: number) => {
    if (cancelled) return;
    deps.onFrame(capturedAtMs);
    schedule();
  };
  const watch = () => {
    if (!cancelled) camera.nextFrame(video, onFrame);
  };
  const schedule = () => {
    if (cancelled) return;
    const waitMs = deps.idleWaitMs(clock.now());
    if (waitMs <= 0) {
      watch();
      return;
    }
    sleep = clock.setTimeout(() => {
      sleep = null;
      deps.wokeUp();
      watch();
    }, waitMs);
  };
  schedule();
  return {
    cancel() {
      cancelled = true;
      if (sleep !== null) clock.clearTimeout(sleep);
      sleep = null;
    },
  };
}
