// A label that must last a given time before it counts: the timer shared by poses, two-hand gestures and arming.

/** Tracks one label at a time; a different label (or null) restarts it. */
export class Hold {
  private current: string | null = null;
  private sinceMs = 0;
  private done = false;

  /** The label being held (still counting or completed), null when none. */
  get label(): string | null {
    return this.current;
  }

  /** True once the current label has lasted its hold time; it stays completed until the label changes. */
  get completed(): boolean {
    return this.done;
  }

  /**
   * Feeds this frame's label (null: nothing qualifies). Returns true on the one frame where the label has
   * lasted `holdMs` since it first appeared: the frame whose timestamp the event carries.
   */
  update(label: string | null, timeMs: number, holdMs: number): boolean {
    if (label !== this.current) {
      this.current = label;
      this.sinceMs = timeMs;
      this.done = false;
    }
    if (label === null || this.done || timeMs - this.sinceMs < holdMs) return false;
    this.done = true;
    return true;
  }

  reset(): void {
    this.current = null;
    this.done = false;
  }
}
