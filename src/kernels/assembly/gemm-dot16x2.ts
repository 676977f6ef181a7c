// GEMM, WebAssembly SIMD128: 1 row × 16 columns per step, int8 widened to int16, i32x4.dot_i16x8_s on k pairs.
import { PARAM_LEFT_SHIFTS, PARAM_MAX, PARAM_MIN, PARAM_SCRATCH, PARAM_ZERO_POINT, storeBytes, storeInt32s } from './common';
import { REQUANT_BLOCK_BYTES, narrowToBytes, requantize4 } from './requantize-simd';

/**
 * Packed layout (src/kernels/pack.ts), per tile of 16 output columns (the last one zero-padded), K padded to
 * an even count with zero weights:
 *   bias: 16 × i32 | weights: K/2 groups of [16 columns × 2 k] i8 (32 bytes) | requantization block (320 bytes)
 * A group's bytes j·8 … j·8+7 are columns 4j … 4j+3, two k each: one i16x8.load8x8_s makes a dot operand.
 * The activation row is widened to int16 once into the scratch area, then each k pair is broadcast to all
 * four lanes with a single load32_splat. Products fit int16·int16 → int32 with room: |127·255·2| < 2^16.
 * Reads up to 7 bytes past each activation row (callers leave slack; the zero weights cancel them).
 */
export function gemm1x16c2<TA, TOut>(
  m: i32, n: i32, k: i32, a: usize, aStride: usize, w: usize, c: usize, cStride: usize, params: usize,
): void {
  const scratch = load<usize>(params, PARAM_SCRATCH);
  const zero = load<i32>(params, PARAM_ZERO_POINT);
  const zeroPoint = i32x4.splat(zero);
  const low = i32x4.splat(load<i32>(params, PARAM_MIN) - zero);
  const high = i32x4.splat(load<i32>(params, PARAM_MAX) - zero);
  const leftShifts = load<i32>(params, PARAM_LEFT_SHIFTS) != 0;
  const kPadded = (k + 1) & ~1;
  for (let row = 0; row < m; row++) {
    const aRow = a + <usize>row * aStride;
    const cRow = c + <usize>row * cStride;
    for (let kk = 0; kk < kPadded; kk += 8) {
      const wide = isSigned<TA>() ? v128.load8x8_s(aRow + <usize>kk) : v128.load8x8_u(aRow + <usize>kk);
      v128.store(scratch + (<usize>kk << 1), wide);
    }
    const scratchEnd = scratch + (<usize>kPadded << 1);
    let wp = w;
    for (let n0 = 0; n0 < n; n0 += 16) {
      let acc0 = v128.load(wp);
      let acc1 = v128.load(wp, 16);
      let acc2 = v128.load(wp, 32);
      let acc3 = v128.load(wp, 48);
      wp += 64;
      let ap = scratch;
      // Two k pairs per iteration (V8 does not unroll loops), then the odd pair if any.
      for (; ap + 8 <= scratchEnd; ap += 8) {
        const pair0 = v128.load32_splat(ap);
        const pair1 = v128.load32_splat(ap, 4);
        acc0 = i32x4.add(acc0, i32x4.add(i32x4.dot_i16x8_s(pair0, v128.load8x8_s(wp)), i32x4.dot_i16x8_s(pair1, v128.load8x8_s(wp, 32))));
        acc1 = i32x4.add(acc1, i32x4.add(i32x4.dot_i16x8_s(pair0, v128.load8x8_s(wp, 8)), i32x4.dot_i16x8_s(pair1, v128.load8x8_s(wp, 40))));
        acc2 = i32x4.add(acc2, i32x4.add(i32x4.dot_i16x8_s(pair0, v128.load8x8_s(wp, 16)), i32x4.dot_i16x8_s(pair1, v128.load8x8_s(wp, 48))));
        acc3 = i32x4.add(acc3, i32x4.add(i32x4.dot_i16x8_s(pair0, v128.load8x8_s(wp, 24)), i32x4.dot_i16x8_s(pair1, v128.load8x8_s(wp, 56))));
        wp += 64;
      }
      if (ap < scratchEnd) {
        const pair = v128.load32_splat(ap);
        acc0 = i32x4.add(acc0, i32x4.dot_i16x8_s(pair, v128.load8x8_s(wp)));
        acc1 = i32x4.add(acc1, i32x4.dot_i16x8_s(pair, v128.load8x8_s(wp, 8)));
        acc2 = i32x4.add(acc2, i32x4.dot_i16x8_s(pair, v128.load8x8_s(wp, 16)));
        acc3 = i32x4.add(acc3, i32x4.dot_i16x8_s(pair, v128.load8x8_s(wp, 24)));
        wp += 32;
      }
      if (sizeof<TOut>() == 4) {
        storeInt32s(cRow + (<usize>n0 << 2), acc0, acc1, acc2, acc3, n - n0);
      } else {
        const r0 = requantize4(acc0, wp, leftShifts, low, high, zeroPoint);
        const r1 = requantize4(acc1, wp + 16, leftShifts, low, high, zeroPoint);
        const r2 = requantize4(acc2, wp + 32, leftShifts, low, high, zeroPoint);
        const r3 = requantize4(acc3, wp + 48, leftShifts, low, high, zeroPoint);
        storeBytes(cRow + <usize>n0, narrowToBytes<TOut>(r0, r1, r2, r3), n - n0);
        wp += REQUANT_BLOCK_BYTES;
      }
    }
  }
}
