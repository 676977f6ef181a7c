// Held-out validation by contiguous blocks: a run of consecutive frames keeps its head for training and its tail apart.

/** One held-out sample as the evaluators score it: features, the class index, and where it came from. */
export interface ValidationSample {
  readonly features: Float32Array;
  readonly target: number;
  /** Where the sample came from, e.g. "none ← kinivi:Pointer" (for the per-subset report). */
  readonly subset: string;
}

export interface SplitOptions {
  /** Fraction at the end of each (source, label) run held out for validation. */
  readonly holdOutFraction: number;
  /** Fraction of the run dropped just before the held-out block: consecutive frames are near-duplicates. */
  readonly gapFraction: number;
}

export const DEFAULT_SPLIT: SplitOptions = { holdOutFraction: 0.2, gapFraction: 0.05 };

/** Splits one run of consecutive rows into a training head and a held-out tail, with a gap between. */
export function splitRun<T>(run: readonly T[], options: SplitOptions): { train: T[]; validation: T[] } {
  const heldOut = Math.round(run.length * options.holdOutFraction);
  const gap = Math.round(run.length * options.gapFraction);
  const trainEnd = Math.max(0, run.length - heldOut - gap);
  return { train: run.slice(0, trainEnd), validation: run.slice(run.length - heldOut) };
}
