// Activation-range calibration: from a tensor's values over the calibration set to the real range it is quantized over.
import { DEFAULT_HISTOGRAM_BINS, klThreshold, magnitudeHistogram } from './kl-threshold';
import { activationParams, fakeQuantize, SCHEMES, type QuantScheme, type RealRange, type TensorSign } from './schemes';

/**
 * minmax       the union of every value: covers the extremes, wastes steps on rare outliers.
 * mean-minmax  the mean over batches of each batch's min and max (TensorFlow's moving min/max without decay).
 * percentile   the p-th percentile of |x| (symmetric) or the (100−p)-th and p-th percentiles (asymmetric).
 * kl           TensorRT's entropy calibration (see kl-threshold.ts), per side for asymmetric signed tensors.
 * mse          the clip, scanned as a fraction of the extremes, with the least quantization MSE.
 */
export const CALIBRATION_METHODS = ['minmax', 'mean-minmax', 'percentile', 'kl', 'mse'] as const;
export type CalibrationMethod = (typeof CALIBRATION_METHODS)[number];

export function isCalibrationMethod(value: unknown): value is CalibrationMethod {
  return typeof value === 'string' && (CALIBRATION_METHODS as readonly string[]).includes(value);
}

/** One tensor's values over the calibration set: `count` samples of `width` values, sample-major. */
export interface TensorSamples {
  readonly values: Float32Array;
  readonly width: number;
  readonly sign: TensorSign;
}

export interface CalibrationOptions {
  readonly method: CalibrationMethod;
  /** percentile: in (50, 100]. Default 99.99. */
  readonly percentile?: number;
  /** mean-minmax: samples per batch, in calibration-set order. Default 32. */
  readonly batchSize?: number;
  /** kl: histogram bins. Default 2048. */
  readonly bins?: number;
  /** mse: candidate clips, fractions 1/steps … 1 of the extremes. Default 100. */
  readonly mseSteps?: number;
  /** mse: at most this many values are scored (an even stride through the set). Default 200,000. */
  readonly mseMaxValues?: number;
}

export const DEFAULT_PERCENTILE = 99.99;

/** The range to quantize `samples` over with `scheme`; it always contains 0 and is [0, …] for ReLU outputs. */
export function calibrateRange(samples: TensorSamples, scheme: QuantScheme, options: CalibrationOptions): RealRange {
  const { values, sign } = samples;
  if (values.length === 0) throw new RangeError('cannot calibrate a tensor with no values');
  const symmetric = SCHEMES[scheme].symmetric;
  const range = rawRange(samples, scheme, options);
  const low = sign === 'non-negative' ? 0 : Math.min(0, range.min);
  const high = Math.max(0, range.max);
  if (!symmetric) return { min: low, max: high };
  const magnitude = Math.max(-low, high);
  return { min: sign === 'non-negative' ? 0 : -magnitude, max: magnitude };
}

function rawRange(samples: TensorSamples, scheme: QuantScheme, options: CalibrationOptions): RealRange {
  const symmetric = SCHEMES[scheme].symmetric;
  switch (options.method) {
    case 'minmax':
      return minMax(samples.values, symmetric);
    case 'mean-minmax':
      return meanBatchMinMax(samples, symmetric, options.batchSize ?? 32);
    case 'percentile':
      return percentileRange(samples.values, symmetric, options.percentile ?? DEFAULT_PERCENTILE);
    case 'kl':
      return klRange(samples, scheme, options.bins ?? DEFAULT_HISTOGRAM_BINS);
    case 'mse':
      return mseRange(samples, scheme, options.mseSteps ?? 100, options.mseMaxValues ?? 200_000);
  }
}

/** [min, max] of the values, or [-max|x|, max|x|] when symmetric. */
export function minMax(values: ArrayLike<number>, symmetric: boolean, start = 0, end = values.length): RealRange {
  let min = Infinity;
  let max = -Infinity;
  for (let i = start; i < end; i++) {
    min = Math.min(min, values[i]);
    max = Math.max(max, values[i]);
  }
  if (!symmetric) return { min, max };
  const magnitude = Math.max(Math.abs(min), Math.abs(max));
  return { min: -magnitude, max: magnitude };
}

/** Mean of per-batch extremes: rare outliers move one batch's extreme, so they count 1/batches as much. */
export function meanBatchMinMax(samples: TensorSamples, symmetric: boolean, batchSize: number): RealRange {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const { values, width } = samples;
  const batchValues = batchSize * width;
  let minSum = 0;
  let maxSum = 0;
  let batches = 0;
  for (let start = 0; start < values.length; start += batchValues) {
    const range = minMax(values, symmetric, start, Math.min(values.length, start + batchValues));
    minSum += range.min;
    maxSum += range.max;
    batches++;
  }
  return { min: minSum / batches, max: maxSum / batches };
}

/** The q-quantile (q in [0, 1]) of sorted values, interpolating linearly between neighbours. */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

export function percentileRange(values: Float32Array, symmetric: boolean, percentile: number): RealRange {
  if (!(percentile > 50 && percentile <= 100)) throw new RangeError(`percentile must be in (50, 100], got ${percentile}`);
  const q = percentile / 100;
  if (symmetric) {
    const magnitudes = values.map(Math.abs).sort();
    const magnitude = quantileOfSorted(magnitudes, q);
    return { min: -magnitude, max: magnitude };
  }
  const sorted = values.slice().sort();
  return { min: quantileOfSorted(sorted, 1 - q), max: quantileOfSorted(sorted, q) };
}

/**
 * Symmetric: one KL threshold over |x| with 128 levels (int8's positive codes). Asymmetric: a ReLU output
 * is one-sided and gets all the scheme's codes as levels; a signed tensor is clipped per side, each side's
 * magnitudes searched with half the codes (its share when the range is balanced).
 */
function klRange(samples: TensorSamples, scheme: QuantScheme, bins: number): RealRange {
  const { symmetric, codes } = SCHEMES[scheme];
  const codeCount = codes.max - codes.min + 1;
  const skipZeros = samples.sign === 'non-negative';
  if (symmetric || samples.sign === 'non-negative') {
    const levels = symmetric ? 128 : codeCount;
    const threshold = klThreshold(magnitudeHistogram(samples.values, bins, skipZeros), levels);
    return symmetric ? { min: -threshold, max: threshold } : { min: 0, max: threshold };
  }
  const side = (keep: (x: number) => boolean): number => {
    const part = samples.values.filter(keep);
    return part.length === 0 ? 0 : klThreshold(magnitudeHistogram(part, bins), Math.floor(codeCount / 2));
  };
  return { min: -side((x) => x < 0), max: side((x) => x > 0) };
}

/** Σ (x − fakeQuantize(x))² over `values` for the grid a candidate range gives. */
function quantizationError(values: readonly number[], scheme: QuantScheme, range: RealRange, sign: TensorSign): number {
  const params = activationParams(scheme, range, sign);
  let error = 0;
  for (const x of values) {
    const difference = x - fakeQuantize(x, params);
    error += difference * difference;
  }
  return error;
}

/**
 * Scans clips α·(extremes) for α = 1/steps … 1 and keeps the one whose fake-quantized values have the
 * least squared error against the originals, with the scheme's own grid (zero-point and power-of-two
 * rounding included). Ties keep the wider range. Both ends of a signed asymmetric range shrink together
 * (the observed range's shape kept, its size searched): searching the two ends independently lowered
 * the calibration set's MSE but lost 1.8–3.5 dB of input SQNR on held-out hands (docs/quantization-results.md).
 */
function mseRange(samples: TensorSamples, scheme: QuantScheme, steps: number, maxValues: number): RealRange {
  const { values, sign } = samples;
  const stride = Math.max(1, Math.ceil(values.length / maxValues));
  const scored: number[] = [];
  for (let i = 0; i < values.length; i += stride) scored.push(values[i]);
  const extremes = minMax(values, SCHEMES[scheme].symmetric);
  let best = extremes;
  let bestError = Infinity;
  const consider = (candidate: RealRange): void => {
    const error = quantizationError(scored, scheme, candidate, sign);
    if (error < bestError) {
      bestError = error;
      best = candidate;
    }
  };
  for (let step = steps; step >= 1; step--) consider({ min: (extremes.min * step) / steps, max: (extremes.max * step) / steps });
  return best;
}
