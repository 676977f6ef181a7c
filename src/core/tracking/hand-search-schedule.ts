// When the hand landmarker looks for new hands: following the hands in view is cheap, the palm detector is not.
//
// MediaPipe's hand landmarker (VIDEO mode) runs its palm detector on every frame on which it tracks fewer hands
// than `numHands`; the detector costs about as much as the landmark model. So the recognizer keeps two
// landmarkers: `one` (numHands 1) follows a single hand without the detector, and `two` (numHands 2) follows two
// hands, and is the one that looks (a search: detector + landmarks for each hand found). This schedule says, per
// frame, which of them runs and whether a frame is wanted at all; it is pure, clocked by the frames' timestamps.

/** `one`: the numHands-1 landmarker; `two`: the numHands-2 landmarker. */
export type LandmarkerPass = 'one' | 'two';

/** `every_frame`: the two-hand landmarker on every frame (its detector runs whenever fewer than two hands are in view). */
export const SCHEDULE_KINDS = ['adaptive', 'every_frame'] as const;
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];

/** *smooth* looks often; *saver* looks less often, and much less after a while without a hand. */
export const POWER_MODES = ['smooth', 'saver'] as const;
export type PowerMode = (typeof POWER_MODES)[number];

export interface SearchPolicy {
  /** While one hand is followed: the longest wait before looking for a second one. */
  readonly secondHandSearchMs: number;
  /** While no hand is in view: the wait between two looks (a frame then costs the detector alone). */
  readonly emptySearchMs: number;
  /** After this long without any hand the page counts as idle... */
  readonly idleAfterMs: number;
  /** ...and looks this often. */
  readonly idleSearchMs: number;
}

/**
 * A look costs about 60 ms of CPU on this 2-core machine (palm detector, image hand-off), about two tracking
 * frames, and the page with the camera on costs 0.23 cores before any recognition (npm run latency; README).
 * Smooth looks for a second hand twice a second (three times cost the full landmarker about 12% of its frame
 * rate, measured side by side, for a second hand found ~150 ms sooner), for any hand four times a second in the
 * first 5 s without one, then twice; saver looks for a second hand once a second, for any hand twice a second,
 * then once a second.
 */
export const SEARCH_POLICIES: Readonly<Record<PowerMode, SearchPolicy>> = {
  smooth: { secondHandSearchMs: 500, emptySearchMs: 250, idleAfterMs: 5_000, idleSearchMs: 500 },
  saver: { secondHandSearchMs: 1_000, emptySearchMs: 500, idleAfterMs: 3_000, idleSearchMs: 1_000 },
};

export interface FramePlan {
  readonly pass: LandmarkerPass;
  /** Whether the palm detector is expected to run on this frame (a look for hands not yet followed). */
  readonly searching: boolean;
}

/**
 * Frames come on the camera's clock, so a wait is met by the first frame within this of its end (at 30 frames/s,
 * three frame intervals make 99.99 ms, which should count as the 100 ms asked for).
 */
const FRAME_TOLERANCE_MS = 8;

/** Whether a frame taken at `timestampMs` is worth recognising, given the schedule's `nextFrameDueMs()`. */
export function isFrameDue(timestampMs: number, dueMs: number): boolean {
  return timestampMs + FRAME_TOLERANCE_MS >= dueMs;
}

/** How many looks per second are counted over. */
const RATE_WINDOW_MS = 2_000;

export class HandSearchSchedule {
  /** Hands followed after the last frame (0, 1 or 2). */
  private tracked = 0;
  /** Whether the one-hand landmarker followed a hand on the last frame it ran (else it must detect first). */
  private oneFollowing = false;
  /** The last look by the two-hand landmarker for hands not yet followed. */
  private lastLookMs = Number.NEGATIVE_INFINITY;
  /** The last frame with a hand; the first frame's time until then (the page is not idle the moment it starts). */
  private lastHandSeenMs = Number.NaN;
  private readonly recentSearches: number[] = [];

  constructor(
    private kind: ScheduleKind,
    private policy: SearchPolicy,
  ) {}

  setKind(kind: ScheduleKind): void {
    this.kind = kind;
  }

  setPolicy(policy: SearchPolicy): void {
    this.policy = policy;
  }

  /** Hands followed after the last frame. */
  get handsTracked(): number {
    return this.tracked;
  }

  /** The earliest frame time worth grabbing a frame for: -Infinity while hands are followed (every frame). */
  nextFrameDueMs(): number {
    if (this.kind === 'every_frame' || this.tracked > 0) return Number.NEGATIVE_INFINITY;
    const idle = this.lastLookMs - this.lastHandSeenMs >= this.policy.idleAfterMs;
    return this.lastLookMs + (idle ? this.policy.idleSearchMs : this.policy.emptySearchMs);
  }

  /** What to run on a frame taken at `nowMs`; null when no frame is due (nothing in view and not yet time to look). */
  planFrame(nowMs: number): FramePlan | null {
    if (Number.isNaN(this.lastHandSeenMs)) this.lastHandSeenMs = nowMs;
    if (this.kind === 'every_frame') return { pass: 'two', searching: this.tracked < 2 };
    if (this.tracked >= 2) return { pass: 'two', searching: false };
    if (this.tracked === 1) {
      if (nowMs - this.lastLookMs + FRAME_TOLERANCE_MS >= this.policy.secondHandSearchMs) return { pass: 'two', searching: true };
      return { pass: 'one', searching: !this.oneFollowing };
    }
    if (!isFrameDue(nowMs, this.nextFrameDueMs())) return null;
    return { pass: 'two', searching: true };
  }

  /**
   * What to run again on the same frame, after `plan` found `handsFound`: when the one-hand landmarker lost its
   * hand (it moved fast, or it followed a stale place after two hands were in view), the two-hand one looks at
   * once, so the hand does not blink out for a frame.
   */
  retryPlan(plan: FramePlan, handsFound: number): FramePlan | null {
    return plan.pass === 'one' && handsFound === 0 ? { pass: 'two', searching: true } : null;
  }

  /** Records what a planned frame (or its retry) found. */
  frameDone(nowMs: number, plan: FramePlan, handsFound: number): void {
    const found = Math.max(0, Math.min(2, Math.floor(handsFound)));
    if (plan.searching) this.recentSearches.push(nowMs);
    if (plan.pass === 'two' && plan.searching) this.lastLookMs = nowMs;
    if (plan.pass === 'one') this.oneFollowing = found > 0;
    // With two hands followed, the one-hand landmarker falls behind: it has to find its hand again later.
    if (found === 2) this.oneFollowing = false;
    if (found > 0) this.lastHandSeenMs = nowMs;
    this.tracked = found;
    while (this.recentSearches.length > 0 && this.recentSearches[0] <= nowMs - RATE_WINDOW_MS) this.recentSearches.shift();
  }

  /** Palm-detector runs per second over the last two seconds (shown in the latency panel). */
  searchesPerSecond(nowMs: number): number {
    let count = 0;
    for (const t of this.recentSearches) if (t > nowMs - RATE_WINDOW_MS) count += 1;
    return count / (RATE_WINDOW_MS / 1000);
  }
}
