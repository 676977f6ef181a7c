// The integer GEMM every kernel must equal: int32 accumulation, folded zero points, gemmlowp requantization.
import { INT32_MAX, INT32_MIN, assertQuantizedMultiplier, multiplyByQuantizedMultiplier, multiplyByQuantizedMultiplierFast } from './fixed-point';
import type { IntRange } from './quantize';

/** Weights are symmetric int8: zero point 0 and -128 excluded, so the range is symmetric and negation exact. */
export const WEIGHT_MAX = 127;

/** Requantization of one layer: per output channel M0 and shift (per tensor = all equal), then zero point and clamp. */
export interface Requantization {
  readonly multiplier: Int32Array;
  readonly shift: Int32Array;
  readonly zeroPoint: number;
  /** qmin; a fused ReLU is qmin = zeroPoint. */
  readonly min: number;
  readonly max: number;
}

/** out[m][n] = clamp(zp + MBQM(Σ_k W[n][k]·A[m][k] + bias[n], M0[n], shift[n]), qmin, qmax). */
export interface GemmProblem {
  readonly m: number;
  readonly n: number;
  readonly k: number;
  /** M×K row-major activation integers (raw q values; their zero point is folded into the bias). */
  readonly a: ArrayLike<number>;
  /** The range the activations can take (what overflow bounds are computed from). */
  readonly inputRange: IntRange;
  /** N×K row-major, in [-127, 127]. */
  readonly weights: Int8Array;
  /** N int32, zero-point terms already folded in (foldZeroPoints). */
  readonly bias: Int32Array;
  /** null: the output is the int32 accumulators themselves (a logits layer). */
  readonly requantization: Requantization | null;
}

/**
 * bias'[o] = bias[o] − z_in·Σ_k W[o][k]. Because Σ_k W·(q − z_in) = Σ_k W·q − z_in·Σ_k W, the kernels then
 * multiply raw activations and never subtract a zero point in the inner loop. Throws if bias' leaves int32.
 */
export function foldZeroPoints(weights: Int8Array, bias: ArrayLike<number>, inputZeroPoint: number): Int32Array {
  const outputs = bias.length;
  if (outputs === 0 || weights.length % outputs !== 0) {
    throw new RangeError(`weights (${weights.length}) is not a multiple of the ${outputs} outputs`);
  }
  const inputs = weights.length / outputs;
  const folded = new Int32Array(outputs);
  for (let o = 0; o < outputs; o++) {
    let rowSum = 0;
    for (let k = 0; k < inputs; k++) rowSum += weights[o * inputs + k];
    const value = bias[o] - inputZeroPoint * rowSum;
    if (!Number.isInteger(value) || value < INT32_MIN || value > INT32_MAX) {
      throw new RangeError(`folded bias[${o}] = ${value} does not fit int32 (bias ${bias[o]}, z_in ${inputZeroPoint})`);
    }
    folded[o] = value;
  }
  return folded;
}

/**
 * The largest K for which Σ_k W·A cannot overflow int32 whatever the values: K·127·max|A| ≤ 2^31 − 1.
 * 66,311 for uint8 activations, 132,104 for int8, 133,144 for 7-bit ones.
 */
export function maxInputsFor(inputRange: IntRange): number {
  const largest = Math.max(Math.abs(inputRange.min), Math.abs(inputRange.max), 1);
  return Math.floor(INT32_MAX / (WEIGHT_MAX * largest));
}

/**
 * Proves no int32 accumulator can overflow, in any summation order: for every channel,
 * |bias'[n]| + Σ_k |W[n][k]|·max|A| ≤ 2^31 − 1 bounds every partial sum. Throws naming the channel otherwise.
 */
export function assertNoAccumulatorOverflow(
  weights: Int8Array, bias: Int32Array, n: number, k: number, inputRange: IntRange,
): void {
  if (k > maxInputsFor(inputRange)) throw new RangeError(`K = ${k} exceeds ${maxInputsFor(inputRange)}: int32 accumulators could overflow`);
  const largest = Math.max(Math.abs(inputRange.min), Math.abs(inputRange.max));
  for (let o = 0; o < n; o++) {
    let bound = Math.abs(bias[o]);
    for (let i = 0; i < k; i++) bound += Math.abs(weights[o * k + i]) * largest;
    if (bound > INT32_MAX) {
      throw new RangeError(`channel ${o}: |bias| + Σ|W|·${largest} = ${bound} exceeds int32: the accumulator could overflow`);
    }
  }
}

/** Throws unless the problem is one the kernels are specified for. */
export function assertGemmProblem(problem: GemmProblem): void {
  const { m, n, k, a, weights, bias, requantization, inputRange } = problem;
  for (const [name, value] of [['m', m], ['n', n], ['k', k]] as const) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
  if (a.length < m * k) throw new RangeError(`a has ${a.length} values, expected ${m * k}`);
  if (weights.length !== n * k) throw new RangeError(`weights has ${weights.length} values, expected ${n * k}`);
  if (bias.length !== n) throw new RangeError(`bias has ${bias.length} values, expected ${n}`);
  for (let i = 0; i < weights.length; i++) {
    if (weights[i] < -WEIGHT_MAX) throw new RangeError(`weights[${i}] = ${weights[i]}: weights are in [-127, 127]`);
  }
  for (let i = 0; i < m * k; i++) {
    if (!(a[i] >= inputRange.min && a[i] <= inputRange.max)) {
      throw new RangeError(`a[${i}] = ${a[i]} is outside the input range [${inputRange.min}, ${inputRange.max}]`);
    }
  }
  assertNoAccumulatorOverflow(weights, bias, n, k, inputRange);
  if (requantization !== null) {
    const { multiplier, shift, zeroPoint, min, max } = requantization;
    if (multiplier.length !== n || shift.length !== n) throw new RangeError(`requantization needs ${n} multipliers and shifts`);
    for (let o = 0; o < n; o++) assertQuantizedMultiplier(multiplier[o], shift[o]);
    if (!(min <= max) || ![zeroPoint, min, max].every(Number.isInteger)) {
      throw new RangeError(`output zero point ${zeroPoint} and range [${min}, ${max}] must be integers with min ≤ max`);
    }
  }
}

/** The spec GEMM (BigInt requantization): M×N integers, requantized q values or int32 accumulators. */
export function gemmReference(problem: GemmProblem, out?: Int32Array): Int32Array {
  assertGemmProblem(problem);
  return gemmWith(problem, multiplyByQuantizedMultiplier, out, problem.m);
}

/** The same GEMM with the BigInt-free requantization, unchecked: the fast TS engine's building block. */
export function gemmFast(problem: GemmProblem, out?: Int32Array, rows = problem.m): Int32Array {
  return gemmWith(problem, multiplyByQuantizedMultiplierFast, out, rows);
}

/** Σ_k W[o][k]·A[row][k] + bias[o] is exact in doubles: assertNoAccumulatorOverflow bounds it by 2^31. */
function gemmWith(
  problem: GemmProblem, mbqm: (x: number, multiplier: number, shift: number) => number, out: Int32Array | undefined,
  rows: number,
): Int32Array {
  const { n, k, a, weights, bias, requantization } = problem;
  const result = out ?? new Int32Array(rows * n);
  for (let row = 0; row < rows; row++) {
    const aRow = row * k;
    for (let o = 0; o < n; o++) {
      let acc = bias[o];
      const wRow = o * k;
      for (let i = 0; i < k; i++) acc += weights[wRow + i] * a[aRow + i];
      if (requantization === null) {
        result[row * n + o] = acc;
        continue;
      }
      const { multiplier, shift, zeroPoint, min, max } = requantization;
      result[row * n + o] = Math.min(max, Math.max(min, zeroPoint + mbqm(acc, multiplier[o], shift[o])));
    }
  }
  return result;
}
