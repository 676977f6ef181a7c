// Shared by every kernel build: the parameter block, scalar gemmlowp requantization and partial-tile stores.

/**
 * A kernel's parameter block, five i32 words: output zero point, qmin, qmax, the address of a scratch area
 * (the SIMD128 kernels widen activations there: one row, or four interleaved rows, 8·round_up(K, 8) bytes at
 * most), and 1 when any channel has a left shift (M ≥ 1; otherwise the SIMD kernels skip that step).
 */
export const PARAM_ZERO_POINT = 0;
export const PARAM_MIN = 4;
export const PARAM_MAX = 8;
export const PARAM_SCRATCH = 12;
export const PARAM_LEFT_SHIFTS = 16;

/** Where a partial tile is staged before its valid part is copied out (16 int32 = 64 bytes). */
const TAIL = memory.data(64, 16);

/**
 * gemmlowp MultiplyByQuantizedMultiplier, bit-exact with the TypeScript spec:
 * RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(SaturatingLeftShift(acc, left), M0), right).
 * SRDHM is (acc·M0 + 2^30) >> 31 in 64 bits: M0 is never INT32_MIN, so it cannot saturate.
 */
export function requantizeScalar(acc: i32, multiplier: i32, shift: i32): i32 {
  let x = acc;
  if (shift < 0) {
    const left = -shift;
    if (x > (i32.MAX_VALUE >> left)) x = i32.MAX_VALUE;
    else if (x < (i32.MIN_VALUE >> left)) x = i32.MIN_VALUE;
    else x = x << left;
  }
  const z = <i32>((<i64>x * <i64>multiplier + 0x40000000) >> 31);
  if (shift <= 0) return z;
  const mask = (1 << shift) - 1;
  // Ties away from zero: a negative z needs a remainder strictly above half to round up.
  const threshold = (mask >> 1) + <i32>(z >>> 31);
  return (z >> shift) + <i32>((z & mask) > threshold);
}

/** Adds the zero point after clamping to [qmin − zp, qmax − zp], so the sum cannot overflow int32. */
export function clampAndOffset(value: i32, low: i32, high: i32, zeroPoint: i32): i32 {
  return max(low, min(high, value)) + zeroPoint;
}

/** Stores the first `count` bytes of a 16-byte tile. */
export function storeBytes(c: usize, tile: v128, count: i32): void {
  if (count >= 16) {
    v128.store(c, tile);
    return;
  }
  v128.store(TAIL, tile);
  memory.copy(c, TAIL, <usize>count);
}

/** Stores the first `count` (at most 8; none when `count` ≤ 0) of the low 8 bytes of a vector. */
export function storeBytes8(c: usize, bytes: v128, count: i32): void {
  if (count >= 8) {
    v128.store64_lane(c, bytes, 0);
    return;
  }
  if (count <= 0) return;
  v128.store(TAIL, bytes);
  memory.copy(c, TAIL, <usize>count);
}

/** Stores the first `count` (at most 8; none when `count` ≤ 0) of 8 int32 held in two vectors. */
export function storeInt32s8(c: usize, v0: v128, v1: v128, count: i32): void {
  if (count >= 8) {
    v128.store(c, v0);
    v128.store(c, v1, 16);
    return;
  }
  if (count <= 0) return;
  v128.store(TAIL, v0);
  v128.store(TAIL, v1, 16);
  memory.copy(c, TAIL, <usize>count << 2);
}

/** Stores the first `count` of 16 int32 held in four vectors. */
export function storeInt32s(c: usize, v0: v128, v1: v128, v2: v128, v3: v128, count: i32): void {
  if (count >= 16) {
    v128.store(c, v0);
    v128.store(c, v1, 16);
    v128.store(c, v2, 32);
    v128.store(c, v3, 48);
    return;
  }
  v128.store(TAIL, v0);
  v128.store(TAIL, v1, 16);
  v128.store(TAIL, v2, 32);
  v128.store(TAIL, v3, 48);
  memory.copy(c, TAIL, <usize>count << 2);
}
