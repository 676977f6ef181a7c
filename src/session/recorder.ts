// Records gesture samples from the live recognizer: a countdown, then hands captured at a set rate while the button is held.
import { describeLabelProblem, fromHandLandmarks, randomId, type GestureSample, type TakeProgress } from '../core/dataset';
import type { RecognizedHand } from '../recognizer/protocol';

export interface TakeOptions {
  readonly label: string;
  readonly countdownSeconds: number;
  readonly samplesPerSecond: number;
  /** A take ends by itself after this long, even if the button is still held. */
  readonly maxSeconds: number;
}

export const DEFAULT_TAKE_OPTIONS: Omit<TakeOptions, 'label'> = { countdownSeconds: 3, samplesPerSecond: 10, maxSeconds: 30 };

interface ActiveTake {
  readonly options: TakeOptions;
  readonly take: string;
  readonly startsAt: number;
  readonly endsAt: number;
  lastCaptureAt: number;
  readonly samples: GestureSample[];
}

/**
 * One recording at a time. Time comes from the caller (performance.now() in the page) so it is testable; samples
 * carry wall-clock capturedAt from `wallClock`.
 */
export class Recorder {
  private active: ActiveTake | null = null;

  constructor(private readonly wallClock: () => number = Date.now) {}

  /** Starts a take; returns a message instead when the label is not allowed or a take is running. */
  start(options: TakeOptions, now: number): string | null {
    const label = options.label.trim();
    const problem = describeLabelProblem(label);
    if (problem) return problem;
    if (this.active) return 'A take is already running.';
    const startsAt = now + options.countdownSeconds * 1000;
    this.active = { options: { ...options, label }, take: randomId(), startsAt, endsAt: startsAt + options.maxSeconds * 1000, lastCaptureAt: -Infinity, samples: [] };
    return null;
  }

  get running(): boolean {
    return this.active !== null;
  }

  progress(now: number): TakeProgress | null {
    const take = this.active;
    if (!take) return null;
    const recording = now >= take.startsAt;
    return {
      label: take.options.label,
      phase: recording ? 'recording' : 'countdown',
      secondsLeft: Math.max(0, ((recording ? take.endsAt : take.startsAt) - now) / 1000),
      captured: take.samples.length,
    };
  }

  /** Offers the hands of one recognised frame; every visible hand is captured, at most samplesPerSecond times a second. */
  capture(hands: readonly RecognizedHand[], aspect: number, now: number): void {
    const take = this.active;
    if (!take || now < take.startsAt || now >= take.endsAt || hands.length === 0) return;
    if (now - take.lastCaptureAt < 1000 / take.options.samplesPerSecond) return;
    take.lastCaptureAt = now;
    for (const hand of hands) {
      take.samples.push({
        id: randomId(),
        label: take.options.label,
        landmarks: fromHandLandmarks(hand.landmarks),
        aspect,
        handedness: hand.handedness,
        take: take.take,
        capturedAt: this.wallClock(),
        source: 'recorded',
      });
    }
  }

  /** True when the take ran out of time and should be finished. */
  expired(now: number): boolean {
    return this.active !== null && now >= this.active.endsAt;
  }

  /** Ends the take (button released, or time up) and hands over what it captured (empty if still counting down). */
  finish(): GestureSample[] {
    const samples = this.active?.samples ?? [];
    this.active = null;
    return samples;
  }
}
