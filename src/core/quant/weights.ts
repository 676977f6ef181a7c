// Symmetric int8 weights: per-tensor or per-channel scales, an MSE clip search per channel, and an outlier report.
import { quantizeWeight, weightScale, type QuantScheme } from './schemes';

export const WEIGHT_CLIPPINGS = ['none', 'mse'] as const;
export type WeightClipping = (typeof WEIGHT_CLIPPINGS)[number];

export interface WeightOptions {
  readonly scheme: QuantScheme;
  /** One scale per output channel (row), or one for the whole matrix. */
  readonly perChannel: boolean;
  /** 'mse': clip each channel (or the tensor) where the quantization MSE is least; 'none': at max |w|. */
  readonly clipping: WeightClipping;
  /** Candidate clips for the search: fractions 1/steps … 1 of max |w|. Default 200. */
  readonly clipSteps?: number;
}

export interface QuantizedWeights {
  /** Row-major outputs × inputs in [-127, 127]. */
  readonly weights: Int8Array;
  /** One per output channel (all equal per tensor). */
  readonly scales: Float64Array;
  /** Per channel: the clip threshold used (max |w| when not clipped). */
  readonly clips: Float64Array;
}

/** Σ (w − scale·q(w))² over `values` for a clip threshold. */
function clipError(values: ArrayLike<number>, scheme: QuantScheme, clip: number): number {
  const scale = weightScale(scheme, clip);
  let error = 0;
  for (let i = 0; i < values.length; i++) {
    const difference = values[i] - scale * quantizeWeight(values[i], scale);
    error += difference * difference;
  }
  return error;
}

function maxAbs(values: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i]));
  return max;
}

/**
 * The clip threshold with the least quantization MSE among max|w|·j/steps, j = steps … 1 (ties keep the
 * larger clip). Clipping a lone outlier buys finer steps for every other weight of the channel.
 */
export function searchClip(values: ArrayLike<number>, scheme: QuantScheme, steps = 200): number {
  const max = maxAbs(values);
  if (max === 0) return 0;
  let best = max;
  let bestError = Infinity;
  for (let j = steps; j >= 1; j--) {
    const clip = (max * j) / steps;
    const error = clipError(values, scheme, clip);
    if (error < bestError) {
      bestError = error;
      best = clip;
    }
  }
  return best;
}

/** Quantizes a row-major outputs × inputs float matrix. */
export function quantizeWeights(weights: ArrayLike<number>, outputs: number, options: WeightOptions): QuantizedWeights {
  const inputs = weights.length / outputs;
  if (!Number.isInteger(inputs) || inputs < 1) throw new RangeError(`${weights.length} weights do not make ${outputs} rows`);
  const rows = Array.from({ length: outputs }, (_, o) => Array.prototype.slice.call(weights, o * inputs, (o + 1) * inputs) as number[]);
  const chooseClip = (values: ArrayLike<number>): number =>
    options.clipping === 'mse' ? searchClip(values, options.scheme, options.clipSteps) : maxAbs(values);
  const tensorClip = options.perChannel ? 0 : chooseClip(weights);
  const clips = Float64Array.from(rows, (row) => (options.perChannel ? chooseClip(row) : tensorClip));
  const scales = Float64Array.from(clips, (clip) => weightScale(options.scheme, clip));
  const quantized = new Int8Array(weights.length);
  for (let o = 0; o < outputs; o++) {
    for (let i = 0; i < inputs; i++) quantized[o * inputs + i] = quantizeWeight(weights[o * inputs + i], scales[o]);
  }
  return { weights: quantized, scales, clips };
}

export interface OutlierChannel {
  readonly channel: number;
  readonly maxAbs: number;
  /** max |w| / the 99th percentile of |w| in the channel (lower rank: with 42 weights, the second largest). */
  readonly ratio: number;
}

export const DEFAULT_OUTLIER_RATIO = 2;

/**
 * Channels whose largest weight stands out: max|w| / p99(|w|) above `threshold`, largest ratio first.
 * A per-tensor scale set by such a channel wastes steps on every other channel; per-channel scales or
 * clipping contain the damage.
 */
export function findOutlierChannels(
  weights: ArrayLike<number>, outputs: number, threshold = DEFAULT_OUTLIER_RATIO,
): OutlierChannel[] {
  const inputs = weights.length / outputs;
  const found: OutlierChannel[] = [];
  for (let o = 0; o < outputs; o++) {
    const magnitudes = Float64Array.from({ length: inputs }, (_, i) => Math.abs(weights[o * inputs + i])).sort();
    const max = magnitudes[inputs - 1];
    // The lower-rank percentile: interpolating towards the maximum would hide a lone outlier among few weights.
    const p99 = magnitudes[Math.floor(0.99 * (inputs - 1))];
    const ratio = p99 > 0 ? max / p99 : max > 0 ? Infinity : 1;
    if (ratio > threshold) found.push({ channel: o, maxAbs: max, ratio });
  }
  return found.sort((a, b) => b.ratio - a.ratio);
}
