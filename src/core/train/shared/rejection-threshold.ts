// Choosing a model's rejection thresholds from its validation predictions (one for a user model, one per class for the built-in one), and how they do.
import { NONE_LABEL } from '../../labels';

/** Fraction of correctly classified known-gesture validation samples the threshold must keep. */
export const DEFAULT_KEEP_FRACTION = 0.95;

/**
 * The highest threshold ever chosen. Held-out takes resemble the training takes, so the softmax is overconfident
 * on them and the 95% rule lands at 0.98–0.99, which turned 21–65% of *later* recordings of trained gestures into
 * "none" (npm run learning-curve, docs/learning-curve.md). Capped at 0.85, 8–10% of them are (at 80+ samples per
 * gesture) while 65–70% of an untrained pose still is; at 0.7 it was 4–6% against 40–55%. Unknown poses are also
 * caught by the none class (recorded and synthetic), so the threshold is the backstop.
 */
export const MAX_REJECTION_THRESHOLD = 0.85;

/** One validation sample as the threshold search sees it. */
export interface ScoredSample {
  /** The sample's true label. */
  readonly actual: string;
  readonly predicted: string;
  /** Top softmax probability. */
  readonly score: number;
}

export interface RejectionFigures {
  readonly threshold: number;
  /** Fraction of `none` validation samples that still come out as a known gesture. */
  readonly noneMisclassifiedRate: number;
  /** Fraction of known-gesture validation samples turned into `none` by the threshold alone. */
  readonly knownRejectedRate: number;
  readonly noneSamples: number;
  readonly knownSamples: number;
}

/**
 * The highest max-softmax threshold that still accepts at least `keepFraction` of the known-gesture
 * validation samples the classifier gets right: rejection of unknown poses only grows with the
 * threshold, so the highest allowed one rejects the most. Rounded down to 4 decimals (rounding down
 * keeps the guarantee), and never above MAX_REJECTION_THRESHOLD. 0 when there are no correct known samples.
 */
export function chooseRejectionThreshold(
  samples: readonly ScoredSample[], keepFraction = DEFAULT_KEEP_FRACTION, noneLabel = NONE_LABEL,
): number {
  const scores = samples
    .filter((s) => s.actual !== noneLabel && s.predicted === s.actual)
    .map((s) => s.score)
    .sort((a, b) => a - b);
  if (scores.length === 0) return 0;
  // Accepting score >= scores[k] keeps scores.length - k samples; the largest k that keeps enough.
  const k = Math.floor(scores.length * (1 - keepFraction));
  return Math.min(MAX_REJECTION_THRESHOLD, Math.floor(scores[Math.min(k, scores.length - 1)] * 1e4) / 1e4);
}

/** How the threshold does on validation samples. */
export function rejectionFigures(samples: readonly ScoredSample[], threshold: number, noneLabel = NONE_LABEL): RejectionFigures {
  let none = 0;
  let noneWrong = 0;
  let known = 0;
  let knownRejected = 0;
  for (const sample of samples) {
    const accepted = sample.predicted !== noneLabel && sample.score >= threshold;
    if (sample.actual === noneLabel) {
      none++;
      if (accepted) noneWrong++;
    } else {
      known++;
      if (sample.predicted !== noneLabel && !accepted) knownRejected++;
    }
  }
  return {
    threshold,
    noneMisclassifiedRate: none === 0 ? 0 : noneWrong / none,
    knownRejectedRate: known === 0 ? 0 : knownRejected / known,
    noneSamples: none,
    knownSamples: known,
  };
}

/**
 * One threshold per predicted class: for each label but none, chooseRejectionThreshold over the samples of that label
 * alone, so each class keeps `keepFraction` of its own correctly classified samples (a confident class gets a high
 * threshold, a hesitant one a low one). Labels without a correct sample get 0 (never rejected).
 */
export function choosePerClassThresholds(
  samples: readonly ScoredSample[], labels: readonly string[], keepFraction: number, noneLabel = NONE_LABEL,
): Record<string, number> {
  return Object.fromEntries(labels.filter((label) => label !== noneLabel)
    .map((label) => [label, chooseRejectionThreshold(samples.filter((s) => s.actual === label), keepFraction, noneLabel)]));
}
