// gemmlowp's fixed-point requantization on int32, as the spec (BigInt, literal) and as a fast exact number path.

export const INT32_MIN = -0x80000000;
export const INT32_MAX = 0x7fffffff;

/** A multiplier M0 is 0 or normalised into [2^30, 2^31): it carries 31 bits of the real multiplier's mantissa. */
export const MULTIPLIER_MIN = 0x40000000;
export const MULTIPLIER_MAX = INT32_MAX;
/**
 * Shifts are right shifts applied after the doubling high multiply; a negative one is a left shift applied
 * before it. ±30 is what the SIMD kernels implement without a 64-bit variable shift (docs/quantization.md).
 */
export const SHIFT_MIN = -30;
export const SHIFT_MAX = 30;

/** real ≈ multiplier · 2^-31 · 2^-shift. */
export interface QuantizedMultiplier {
  readonly multiplier: number;
  readonly shift: number;
}

export function isInt32(value: number): boolean {
  return Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX;
}

function assertInt32(value: number, what: string): void {
  if (!isInt32(value)) throw new RangeError(`${what} must be an int32, got ${value}`);
}

/** Throws unless (multiplier, shift) is a pair the kernels accept. */
export function assertQuantizedMultiplier(multiplier: number, shift: number): void {
  if (!(multiplier === 0 || (Number.isInteger(multiplier) && multiplier >= MULTIPLIER_MIN && multiplier <= MULTIPLIER_MAX))) {
    throw new RangeError(`multiplier must be 0 or in [2^30, 2^31), got ${multiplier}`);
  }
  if (!Number.isInteger(shift) || shift < SHIFT_MIN || shift > SHIFT_MAX) {
    throw new RangeError(`shift must be an integer in [${SHIFT_MIN}, ${SHIFT_MAX}], got ${shift}`);
  }
}

/**
 * gemmlowp SaturatingRoundingDoublingHighMul: the high 32 bits of 2·a·b. Transcribed literally: a nudge of
 * ±2^30 and a division that truncates toward zero, which together round ties toward +∞ (see the doc).
 */
export function saturatingRoundingDoublingHighMul(a: number, b: number): number {
  assertInt32(a, 'a');
  assertInt32(b, 'b');
  if (a === INT32_MIN && b === INT32_MIN) return INT32_MAX;
  const ab = BigInt(a) * BigInt(b);
  const nudge = ab >= 0n ? 1n << 30n : 1n - (1n << 30n);
  // BigInt division truncates toward zero, exactly like C's integer division in gemmlowp.
  return Number((ab + nudge) / (1n << 31n));
}

/** gemmlowp RoundingDivideByPOT: x / 2^exponent rounded to nearest, ties away from zero; exponent in [0, 31]. */
export function roundingDivideByPOT(x: number, exponent: number): number {
  assertInt32(x, 'x');
  if (!Number.isInteger(exponent) || exponent < 0 || exponent > 31) {
    throw new RangeError(`exponent must be in [0, 31], got ${exponent}`);
  }
  const mask = 2 ** exponent - 1;
  const remainder = (x & mask) >>> 0;
  const threshold = Math.floor(mask / 2) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/** x · 2^shift saturated to int32 (gemmlowp's saturating ShiftLeft). */
export function saturatingLeftShift(x: number, shift: number): number {
  const shifted = x * 2 ** shift;
  return Math.min(INT32_MAX, Math.max(INT32_MIN, shifted));
}

/** The spec: RoundingDivideByPOT(SRDHM(SaturatingLeftShift(x, left), M0), right), in BigInt where it matters. */
export function multiplyByQuantizedMultiplier(x: number, multiplier: number, shift: number): number {
  assertInt32(x, 'x');
  assertQuantizedMultiplier(multiplier, shift);
  const left = shift < 0 ? -shift : 0;
  const right = shift > 0 ? shift : 0;
  return roundingDivideByPOT(saturatingRoundingDoublingHighMul(saturatingLeftShift(x, left), multiplier), right);
}

/**
 * The same function without BigInt, for the fast TS engine; the parity tests prove it equal on edge values.
 * SRDHM is floor((v·M0 + 2^30) / 2^31) (M0 is never INT32_MIN). v·M0 can exceed 2^53, so M0 is split into
 * 15 + 16 bits: with P = v·hi and Q = v·lo + 2^30 (both exact), floor((P·2^16 + Q) / 2^31) equals
 * floor((P + floor(Q / 2^16)) / 2^15), because the dropped fraction of Q / 2^16 is below one unit.
 */
export function multiplyByQuantizedMultiplierFast(x: number, multiplier: number, shift: number): number {
  let v = x;
  if (shift < 0) v = Math.min(INT32_MAX, Math.max(INT32_MIN, v * 2 ** -shift));
  const high = Math.floor(multiplier / 65536);
  const low = multiplier - high * 65536;
  const p = v * high;
  const q = v * low + 0x40000000;
  const z = Math.floor((p + Math.floor(q / 65536)) / 32768);
  if (shift <= 0) return z;
  const mask = 2 ** shift - 1;
  const threshold = Math.floor(mask / 2) + (z < 0 ? 1 : 0);
  return (z >> shift) + (((z & mask) >>> 0) > threshold ? 1 : 0);
}

/** clamp(zeroPoint + MBQM(acc), qmin, qmax), computed exactly: no int32 overflow is possible here. */
export function requantize(
  acc: number, multiplier: number, shift: number, zeroPoint: number, qmin: number, qmax: number,
): number {
  const scaled = multiplyByQuantizedMultiplier(acc, multiplier, shift);
  return Math.min(qmax, Math.max(qmin, scaled + zeroPoint));
}

/**
 * Encodes a real multiplier as M0 · 2^-31 · 2^-shift with M0 in [2^30, 2^31) and shift in [-30, 30], i.e. real in
 * [2^-31, 2^30). M0 = round(mantissa · 2^31): relative error ≤ 2^-31. Below 2^-31 the result is {0, 0}: every
 * int32 accumulator times such a multiplier is below one unit in magnitude, so the layer's output is its zero
 * point (±1 from exact rounding). 0 maps to {0, 0}; negative, non-finite or ≥ 2^30 multipliers throw.
 */
export function quantizeMultiplier(real: number): QuantizedMultiplier {
  if (!Number.isFinite(real) || real < 0) throw new RangeError(`multiplier must be finite and ≥ 0, got ${real}`);
  if (real === 0) return { multiplier: 0, shift: 0 };
  let mantissa = real;
  let shift = 0;
  // Multiplying or dividing a double by 2 is exact, so the mantissa keeps every bit of `real`.
  while (mantissa < 0.5) {
    mantissa *= 2;
    shift += 1;
  }
  while (mantissa >= 1) {
    mantissa /= 2;
    shift -= 1;
  }
  let multiplier = Math.round(mantissa * 2 ** 31);
  if (multiplier === 2 ** 31) {
    multiplier = 2 ** 30;
    shift -= 1;
  }
  if (shift > SHIFT_MAX) return { multiplier: 0, shift: 0 };
  if (shift < SHIFT_MIN) throw new RangeError(`multiplier ${real} is too large: at most 2^30 is supported`);
  return { multiplier, shift };
}

/** The real number a quantized multiplier stands for. */
export function multiplierValue({ multiplier, shift }: QuantizedMultiplier): number {
  return multiplier * 2 ** (-31 - shift);
}
