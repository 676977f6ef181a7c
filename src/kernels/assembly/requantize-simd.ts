// gemmlowp requantization of four int32 lanes with per-lane multipliers and shifts, in SIMD128.

/**
 * The requantization block the packer writes after each 16-column tile, five rows of 16 i32 (320 bytes):
 *   M0 | 2^left | xmin = -2^(31-left) | xmax = 2^(31-left) - 1 | 2^(30-right)
 * WebAssembly SIMD has no per-lane variable shift, so both shifts become per-lane multiplies (doc, "SIMD").
 */
export const REQUANT_BLOCK_BYTES = 320;
const ROW_MULTIPLIER = 0;
const ROW_LEFT = 64;
const ROW_XMIN = 128;
const ROW_XMAX = 192;
const ROW_RIGHT = 256;

/**
 * Lanes 4j..4j+3 of a tile whose block starts at `block` (pass block + 16j). Steps, per lane:
 *  1. left shift: clamp into [xmin, xmax] then multiply by 2^left. This differs from a saturating shift only
 *     where the result is ≥ 2^30 in magnitude, and after SRDHM and the final clamp both give qmin or qmax.
 *  2. SRDHM: (x·M0 + 2^30) >> 31 in 64-bit lanes. Only the low 32 bits are kept, so a logical shift serves
 *     (SSE has no 64-bit arithmetic shift; V8 emulates i64x2.shr_s with several instructions).
 *  3. RoundingDivideByPOT(z, right) = round-half-away(z / 2^right), odd-symmetric, so it is computed on |z|:
 *     (|z|·2^(30-right) + 2^29) >> 30 divides the same rational number by a constant power of two, rounding
 *     ties up; the sign of z is then put back. |z| < 2^31 because M0 < 2^31.
 *  4. clamp into [qmin − zp, qmax − zp] and add zp (never overflows).
 */
export function requantize4(acc: v128, block: usize, leftShifts: bool, low: v128, high: v128, zeroPoint: v128): v128 {
  let x = acc;
  if (leftShifts) {
    x = i32x4.mul(i32x4.max_s(i32x4.min_s(x, v128.load(block, ROW_XMAX)), v128.load(block, ROW_XMIN)), v128.load(block, ROW_LEFT));
  }
  const multiplier = v128.load(block, ROW_MULTIPLIER);
  const half = i64x2.splat(0x40000000);
  const productLow = i64x2.shr_u(i64x2.add(i64x2.extmul_low_i32x4_s(x, multiplier), half), 31);
  const productHigh = i64x2.shr_u(i64x2.add(i64x2.extmul_high_i32x4_s(x, multiplier), half), 31);
  const z = i32x4.shuffle(productLow, productHigh, 0, 2, 4, 6);
  const sign = i32x4.shr_s(z, 31);
  const magnitude = i32x4.abs(z);
  const right = v128.load(block, ROW_RIGHT);
  const quarter = i64x2.splat(0x20000000);
  const roundedLow = i64x2.shr_u(i64x2.add(i64x2.extmul_low_i32x4_u(magnitude, right), quarter), 30);
  const roundedHigh = i64x2.shr_u(i64x2.add(i64x2.extmul_high_i32x4_u(magnitude, right), quarter), 30);
  const rounded = i32x4.shuffle(roundedLow, roundedHigh, 0, 2, 4, 6);
  const scaled = i32x4.sub(v128.xor(rounded, sign), sign);
  return i32x4.add(i32x4.max_s(i32x4.min_s(scaled, high), low), zeroPoint);
}

/** Sixteen requantized lanes (values in [qmin, qmax]) to sixteen bytes, uint8 or int8 alike. */
export function narrowToBytes<TOut>(r0: v128, r1: v128, r2: v128, r3: v128): v128 {
  const first = i16x8.narrow_i32x4_s(r0, r1);
  const second = i16x8.narrow_i32x4_s(r2, r3);
  return isSigned<TOut>() ? i8x16.narrow_i16x8_s(first, second) : i8x16.narrow_i16x8_u(first, second);
}

/**
 * Eight accumulators of one row, columns 4j … 4j+7 of a tile (pass block + 16j), requantized to the low eight
 * bytes of a vector (the multi-row kernels requantize half a tile at a time).
 */
@inline
export function requantize8<TOut>(acc0: v128, acc1: v128, block: usize, leftShifts: bool, low: v128, high: v128, zeroPoint: v128): v128 {
  const words = i16x8.narrow_i32x4_s(requantize4(acc0, block, leftShifts, low, high, zeroPoint), requantize4(acc1, block + 16, leftShifts, low, high, zeroPoint));
  return isSigned<TOut>() ? i8x16.narrow_i16x8_s(words, words) : i8x16.narrow_i16x8_u(words, words);
}
