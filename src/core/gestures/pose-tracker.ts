// One hand's static pose over time: a start threshold, a lower keep threshold (hysteresis) and the hold timer.
import { Hold } from './hold';
import type { PoseOptions } from './options';

/**
 * Which label a hand holds, frame by frame. A label starts at minConfidence or above. While it is still
 * counting its hold, every frame must show it at releaseConfidence or above, or the hold starts over. Once
 * completed (active) it stays active until its own score drops below releaseConfidence or another label
 * takes over at minConfidence or above ('none' included); frames of another label below minConfidence leave it
 * active: the classifier flickering for a frame does not end a held pose.
 */
export class PoseTracker {
  private readonly hold = new Hold();

  /** The active label (hold completed), null when none. */
  get active(): string | null {
    return this.hold.completed ? this.hold.label : null;
  }

  /** The label holding or active, null when none. */
  get current(): string | null {
    return this.hold.label;
  }

  /**
   * Feeds one frame; returns the label whose hold completed on this frame, else null. `holdMsOf` gives each
   * label's hold time (the arming pose has its own).
   */
  update(label: string, score: number, timeMs: number, options: PoseOptions, holdMsOf: (label: string) => number = () => options.holdMs): string | null {
    const current = this.hold.label;
    let next: string | null;
    if (label === current) next = score >= options.releaseConfidence ? current : null;
    else if (score >= options.minConfidence) next = label;
    else next = this.hold.completed ? current : null;
    return this.hold.update(next, timeMs, next === null ? 0 : holdMsOf(next)) ? next : null;
  }

  reset(): void {
    this.hold.reset();
  }
}
