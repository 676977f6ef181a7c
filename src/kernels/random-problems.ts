// Seeded random GEMM problems and quantized MLPs that respect the kernels' contract: self-test, parity tests, benchmarks.
import { SeededRandom } from '../util/seeded-random';
import { foldZeroPoints, type Requantization } from './ref/gemm';
import { MULTIPLIER_MIN, SHIFT_MAX, SHIFT_MIN, quantizeMultiplier } from './ref/fixed-point';
import type { QuantizedDenseLayer, QuantizedMlp } from './ref/mlp';
import { ACTIVATION_RANGES, SEVEN_BIT_RANGE, type ActivationType, type IntRange } from './ref/quantize';
import type { KernelGemm } from './wasm-kernels';

export interface ProblemShape {
  readonly m: number;
  readonly n: number;
  readonly k: number;
}

export interface ProblemOptions {
  readonly activationType: ActivationType;
  /** Narrower than the type's range for 7-bit layers. */
  readonly inputRange?: IntRange;
  /** false: int32 accumulators out. */
  readonly requantize?: boolean;
  /** 'random' (default), 'max' (every activation and weight at an extreme), or 'edges' (extremes mixed in). */
  readonly values?: 'random' | 'max' | 'edges';
  /** Shifts are drawn from [shiftMin, shiftMax]. */
  readonly shiftMin?: number;
  readonly shiftMax?: number;
}

export { SeededRandom };

/** A generated problem; its activations stay writable so tests can plant values. */
export type RandomGemm = KernelGemm & { readonly a: Int32Array };

/**
 * A problem with int8 weights in [-127, 127], activations in the input range, a (folded) bias mostly near the
 * accumulators' size and sometimes up to the overflow bound, per-channel multipliers, and an output range.
 */
export function randomGemmProblem(random: SeededRandom, shape: ProblemShape, options: ProblemOptions): RandomGemm {
  const { m, n, k } = shape;
  const { activationType, requantize = true, values = 'random' } = options;
  const typeRange = ACTIVATION_RANGES[activationType];
  const inputRange = options.inputRange ?? typeRange;
  const integer = (low: number, high: number): number => low + random.int(high - low + 1);
  const extreme = (low: number, high: number): number => (random.next() < 0.5 ? low : high);
  const draw = (low: number, high: number): number => {
    if (values === 'max') return extreme(low, high);
    if (values === 'edges' && random.next() < 0.3) return extreme(low, high);
    return integer(low, high);
  };
  const weights = new Int8Array(n * k).map(() => draw(-127, 127));
  const a = new Int32Array(m * k).map(() => draw(inputRange.min, inputRange.max));
  const largest = Math.max(Math.abs(inputRange.min), Math.abs(inputRange.max));
  // A typical accumulator magnitude: bias and shifts are drawn around it so outputs are not all saturated.
  const typical = Math.max(1, Math.sqrt(k) * 127 * Math.max(1, largest) / 2);
  const bias = new Int32Array(n).map((_, o) => {
    let worst = 0;
    for (let i = 0; i < k; i++) worst += Math.abs(weights[o * k + i]) * largest;
    // The overflow bound leaves this much for the (folded) bias.
    const room = Math.max(0, 0x7fffffff - worst);
    const magnitude = values === 'max' ? room : Math.min(room, random.next() < 0.8 ? random.int(4 * typical) : random.int(room + 1));
    return random.next() < 0.5 ? -magnitude : magnitude;
  });
  let requantization: Requantization | null = null;
  if (requantize) {
    const shiftMin = options.shiftMin ?? SHIFT_MIN;
    const shiftMax = options.shiftMax ?? SHIFT_MAX;
    const realistic = Math.round(Math.log2(typical / 64));
    const shift = (): number => {
      const near = realistic + integer(-3, 3);
      return random.next() < 0.7 && near >= shiftMin && near <= shiftMax ? near : integer(shiftMin, shiftMax);
    };
    const zeroPoint = integer(typeRange.min, typeRange.max);
    const low = integer(typeRange.min, zeroPoint);
    const high = integer(zeroPoint, typeRange.max);
    requantization = {
      multiplier: new Int32Array(n).map(() => (random.next() < 0.03 ? 0 : MULTIPLIER_MIN + random.int(MULTIPLIER_MIN))),
      shift: new Int32Array(n).map(shift),
      zeroPoint,
      min: random.next() < 0.5 ? zeroPoint : low,
      max: high,
    };
  }
  return { m, n, k, a, inputRange, weights, bias, requantization, activationType };
}

export interface MlpOptions {
  readonly activationType: ActivationType;
  /** Every activation in [0, 127] (what relaxed-SIMD layers read). */
  readonly sevenBit?: boolean;
  /** The last layer requantizes to 8 bits instead of returning int32 accumulators. */
  readonly requantizedHead?: boolean;
}

/**
 * A quantized MLP as the toolkit would make one from float weights: input scale 1/64 around a middle zero
 * point, ReLU layers with qmin = zero point, zero points folded into the biases, multipliers from real ratios.
 */
export function randomQuantizedMlp(random: SeededRandom, sizes: readonly number[], options: MlpOptions): QuantizedMlp {
  const typeRange = ACTIVATION_RANGES[options.activationType];
  const range = options.sevenBit ? SEVEN_BIT_RANGE : typeRange;
  const middle = Math.round((range.min + range.max) / 2);
  const input = { scale: 1 / 64, zeroPoint: middle, min: range.min, max: range.max };
  let inputZeroPoint = input.zeroPoint;
  let inputScale = input.scale;
  const layers: QuantizedDenseLayer[] = [];
  for (let i = 1; i < sizes.length; i++) {
    const [inputs, outputs] = [sizes[i - 1], sizes[i]];
    const last = i === sizes.length - 1;
    const weightScale = new Float64Array(outputs).map(() => 0.004 + 0.004 * random.next());
    const weights = new Int8Array(outputs * inputs).map(() => Math.round(random.normal() * 50) || 1).map((w) => Math.max(-127, Math.min(127, w)));
    const bias = Array.from({ length: outputs }, () => Math.round(random.normal() * 2000));
    const folded = foldZeroPoints(weights, bias, inputZeroPoint);
    const outputScale = 0.05 + 0.05 * random.next();
    const zeroPoint = range.min;
    const requantization = last && !options.requantizedHead ? null : {
      multiplier: new Int32Array(outputs), shift: new Int32Array(outputs), zeroPoint,
      min: last ? range.min : zeroPoint, max: range.max,
    };
    if (requantization !== null) {
      for (let o = 0; o < outputs; o++) {
        const { multiplier, shift } = quantizeMultiplier((inputScale * weightScale[o]) / outputScale);
        requantization.multiplier[o] = multiplier;
        requantization.shift[o] = shift;
      }
    }
    layers.push({ inputs, outputs, weights, bias: folded, requantization });
    inputZeroPoint = zeroPoint;
    inputScale = outputScale;
  }
  return { activationType: options.activationType, input, layers };
}

/** Features with the values that stress input quantization mixed in: ties, out-of-range, NaN, ±∞. */
export function randomFeatures(random: SeededRandom, count: number): Float32Array {
  const special = [0.5 / 64, 1.5 / 64, -2.5 / 64, 1e9, -1e9, Number.NaN, Infinity, -Infinity, 3, -3];
  return Float32Array.from({ length: count }, () => (random.next() < 0.1 ? random.pick(special) : random.normal() * 0.8));
}
