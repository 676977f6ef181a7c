// Whether a camera frame that arrives while the recognizer is busy is worth grabbing for it.
//
// The page grabs the newest camera frame while the worker is busy, so the worker never waits for the camera. But
// a grab costs (a bitmap copy on the page's thread) and is wasted when a newer camera frame will arrive before the
// worker is free: that one is fresher and replaces it. So a frame is grabbed while busy only when the worker is
// expected to finish before the camera's next frame.

/** Weight of the newest sample in the running averages. */
const SMOOTHING = 0.2;

export class FramePacing {
  private workerMs: number | null = null;
  private frameIntervalMs: number | null = null;
  private lastCaptureMs: number | null = null;

  /** A camera frame was captured at `capturedAtMs` (learns the camera's frame interval). */
  cameraFrame(capturedAtMs: number): void {
    if (this.lastCaptureMs !== null) {
      const interval = capturedAtMs - this.lastCaptureMs;
      if (interval > 0 && interval < 1_000) this.frameIntervalMs = average(this.frameIntervalMs, interval);
    }
    this.lastCaptureMs = capturedAtMs;
  }

  /** Frames went unwatched for a while (the loop slept): the next one's gap is not the camera's interval. */
  framesSkipped(): void {
    this.lastCaptureMs = null;
  }

  /** The camera's frame interval as learnt so far (null before two consecutive frames). */
  get cameraIntervalMs(): number | null {
    return this.frameIntervalMs;
  }

  /** The worker took `milliseconds` from a frame's hand-off to its answer. */
  workerDone(milliseconds: number): void {
    if (milliseconds >= 0) this.workerMs = average(this.workerMs, milliseconds);
  }

  /**
   * Whether a frame seen now is worth grabbing while the worker, busy since `busySinceMs`, works: yes unless the
   * worker should still be busy when the next camera frame comes (with a fifth of a frame to spare). Until both
   * averages are known, every frame is.
   */
  worthGrabbingWhileBusy(nowMs: number, busySinceMs: number): boolean {
    if (this.workerMs === null || this.frameIntervalMs === null) return true;
    const remainingMs = this.workerMs - (nowMs - busySinceMs);
    return remainingMs <= this.frameIntervalMs * 1.2;
  }
}

function average(current: number | null, sample: number): number {
  return current === null ? sample : current + SMOOTHING * (sample - current);
}
