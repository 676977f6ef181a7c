// A frame loop capped at a frame rate that stops asking for frames when there is nothing to draw, and can be paused.

/** requestAnimationFrame and its cancel, injected so the loop runs (and is tested) without a page. */
export interface FrameScheduler {
  request(callback: (timeMs: number) => void): number;
  cancel(handle: number): void;
}

/** OBS browser sources render at 30 fps by default: drawing faster only costs the streaming machine CPU. */
export const DEFAULT_FPS_CAP = 30;

/**
 * Display timestamps jitter by a fraction of a millisecond, so at 60 Hz the second frame can arrive 33.2 ms after the
 * last drawn one; without this slack the loop would skip it and draw at 20 fps.
 */
const CAP_SLACK_MS = 2;

/**
 * `drawFrame(dtMs)` steps and draws; it returns true while something is still alive. The first frame after a wake
 * gets dt = 0 (the time spent idle or paused is not animated). Between drawn frames, scheduler frames that come too
 * early are skipped.
 */
export class CappedFrameLoop {
  private handle: number | null = null;
  private lastDrawMs: number | null = null;
  private paused = false;
  private readonly minIntervalMs: number;

  constructor(
    private readonly scheduler: FrameScheduler,
    private readonly drawFrame: (dtMs: number) => boolean,
    fpsCap = DEFAULT_FPS_CAP,
  ) {
    if (!(fpsCap > 0 && Number.isFinite(fpsCap))) throw new Error(`The frame cap must be a positive number of frames per second, not ${fpsCap}.`);
    this.minIntervalMs = 1000 / fpsCap;
  }

  /** Whether a frame is requested (false when idle or paused: no loop spinning on an empty overlay). */
  get running(): boolean {
    return this.handle !== null;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Something new to draw: start asking for frames (no-op while running or paused). */
  wake(): void {
    if (this.paused || this.handle !== null) return;
    this.lastDrawMs = null;
    this.handle = this.scheduler.request(this.onFrame);
  }

  pause(): void {
    this.paused = true;
    if (this.handle !== null) this.scheduler.cancel(this.handle);
    this.handle = null;
  }

  /** Leaves the pause; the owner wakes the loop again if anything is alive. */
  resume(): void {
    this.paused = false;
  }

  private readonly onFrame = (timeMs: number): void => {
    this.handle = null;
    if (this.lastDrawMs !== null && timeMs - this.lastDrawMs < this.minIntervalMs - CAP_SLACK_MS) {
      this.handle = this.scheduler.request(this.onFrame);
      return;
    }
    const dtMs = this.lastDrawMs === null ? 0 : timeMs - this.lastDrawMs;
    this.lastDrawMs = timeMs;
    const alive = this.drawFrame(dtMs);
    // drawFrame may have paused the loop (or woken it through a re-entrant call): only continue from a clean state.
    if (alive && !this.paused && this.handle === null) this.handle = this.scheduler.request(this.onFrame);
  };
}
