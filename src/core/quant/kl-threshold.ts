// Entropy calibration as TensorRT does it: the clip threshold whose quantized histogram keeps most information.

/** A histogram of magnitudes |x| over [0, max]: counts[b] holds b·width ≤ |x| < (b+1)·width. */
export interface MagnitudeHistogram {
  readonly counts: Float64Array;
  readonly width: number;
}

export const DEFAULT_HISTOGRAM_BINS = 2048;

/**
 * Histogram of |x| over [0, max |x|] (the maximum lands in the last bin). With `skipZeros`, exact zeros are
 * left out: a ReLU output's zeros are exact at any scale, and their spike in bin 0 would otherwise dominate
 * the divergence of the first level and push the threshold towards the outliers.
 */
export function magnitudeHistogram(values: ArrayLike<number>, bins = DEFAULT_HISTOGRAM_BINS, skipZeros = false): MagnitudeHistogram {
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i]));
  const counts = new Float64Array(bins);
  const width = max > 0 ? max / bins : 1;
  for (let i = 0; i < values.length; i++) {
    const magnitude = Math.abs(values[i]);
    if (Number.isNaN(magnitude) || (skipZeros && magnitude === 0)) continue;
    counts[Math.min(bins - 1, Math.floor(magnitude / width))] += 1;
  }
  return { counts, width };
}

/**
 * KL(P‖Q) of one candidate: the first `kept` bins, with the mass beyond folded into the last kept bin (P),
 * against the same bins merged into `levels` equal groups and spread back evenly over the bins of each
 * group that P has non-empty (Q, built from the unclipped counts as in TensorRT). Infinity when P has mass
 * where Q has none (an empty last group that only the folded outliers fill).
 */
export function klDivergenceAt(counts: Float64Array, kept: number, levels: number): number {
  let outliers = 0;
  for (let b = kept; b < counts.length; b++) outliers += counts[b];
  const p = (b: number): number => counts[b] + (b === kept - 1 ? outliers : 0);
  let pTotal = 0;
  for (let b = 0; b < kept; b++) pTotal += p(b);
  if (pTotal === 0) return 0;
  // Q's unnormalised mass per bin, group by group.
  const q = new Float64Array(kept);
  let qTotal = 0;
  for (let level = 0; level < levels; level++) {
    const start = Math.floor((level * kept) / levels);
    const end = Math.floor(((level + 1) * kept) / levels);
    let mass = 0;
    let nonEmpty = 0;
    for (let b = start; b < end; b++) {
      mass += counts[b];
      if (p(b) > 0) nonEmpty++;
    }
    if (nonEmpty === 0) continue;
    for (let b = start; b < end; b++) if (p(b) > 0) q[b] = mass / nonEmpty;
    qTotal += mass;
  }
  let divergence = 0;
  for (let b = 0; b < kept; b++) {
    const pb = p(b) / pTotal;
    if (pb === 0) continue;
    if (q[b] === 0) return Infinity;
    divergence += pb * Math.log(pb / (q[b] / qTotal));
  }
  return divergence;
}

/**
 * The threshold T minimising KL(P‖Q) over kept = levels … bins (TensorRT: 128 … 2048 for int8). T is the
 * top edge of the last kept bin, kept · width. `levels` is how many codes the clipped side gets: 128 for
 * a symmetric int8 tensor, 256 for a uint8 ReLU output, half the codes per side of a signed asymmetric one.
 * Ties keep the smaller threshold (finer steps for the bulk).
 */
export function klThreshold(histogram: MagnitudeHistogram, levels: number): number {
  const { counts, width } = histogram;
  const bins = counts.length;
  if (!Number.isInteger(levels) || levels < 2) throw new RangeError(`levels must be an integer ≥ 2, got ${levels}`);
  if (levels >= bins) return bins * width;
  let best = bins;
  let bestDivergence = Infinity;
  for (let kept = levels; kept <= bins; kept++) {
    const divergence = klDivergenceAt(counts, kept, levels);
    if (divergence < bestDivergence) {
      bestDivergence = divergence;
      best = kept;
    }
  }
  return best * width;
}
