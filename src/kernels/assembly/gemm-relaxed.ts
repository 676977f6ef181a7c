// GEMM on 7-bit activations, WebAssembly relaxed SIMD: 1 row × 16 columns, i32x4.relaxed_dot_i8x16_i7x16_add_s.
import { PARAM_LEFT_SHIFTS, PARAM_MAX, PARAM_MIN, PARAM_ZERO_POINT, storeBytes, storeInt32s } from './common';
import { dotAdd4 } from './relaxed-dot';
import { REQUANT_BLOCK_BYTES, narrowToBytes, requantize4 } from './requantize-simd';

/**
 * Packed layout (src/kernels/pack.ts), per tile of 16 output columns (zero-padded), K padded to a multiple of
 * 4 with zero weights:
 *   bias: 16 × i32 | weights: K/4 groups of [16 columns × 4 k] i8 (64 bytes) | requantization block (320 bytes)
 * A group's bytes 16j … 16j+15 are columns 4j … 4j+3, four k each: one v128.load is a dot operand, and the
 * four activation bytes are broadcast with one load32_splat, no widening.
 * Activations must lie in [0, 127] (the instruction's 7-bit operand): on x86 it is pmaddubsw, whose int16
 * pair sums would saturate past that (127·128·2 > 32767), on Arm sdot/udot treat the top bit differently.
 * Reads up to 3 bytes past each activation row (callers leave slack; the zero weights cancel them).
 */
export function gemm1x16c4<TOut>(
  m: i32, n: i32, k: i32, a: usize, aStride: usize, w: usize, c: usize, cStride: usize, params: usize,
): void {
  const zero = load<i32>(params, PARAM_ZERO_POINT);
  const zeroPoint = i32x4.splat(zero);
  const low = i32x4.splat(load<i32>(params, PARAM_MIN) - zero);
  const high = i32x4.splat(load<i32>(params, PARAM_MAX) - zero);
  const leftShifts = load<i32>(params, PARAM_LEFT_SHIFTS) != 0;
  const kPadded = (k + 3) & ~3;
  for (let row = 0; row < m; row++) {
    const aRow = a + <usize>row * aStride;
    const aEnd = aRow + <usize>kPadded;
    const cRow = c + <usize>row * cStride;
    let wp = w;
    for (let n0 = 0; n0 < n; n0 += 16) {
      let acc0 = v128.load(wp);
      let acc1 = v128.load(wp, 16);
      let acc2 = v128.load(wp, 32);
      let acc3 = v128.load(wp, 48);
      wp += 64;
      let ap = aRow;
      // Two k quads per iteration (V8 does not unroll loops), then the odd quad if any.
      for (; ap + 8 <= aEnd; ap += 8) {
        const quad0 = v128.load32_splat(ap);
        const quad1 = v128.load32_splat(ap, 4);
        acc0 = dotAdd4(v128.load(wp, 64), quad1, dotAdd4(v128.load(wp), quad0, acc0));
        acc1 = dotAdd4(v128.load(wp, 80), quad1, dotAdd4(v128.load(wp, 16), quad0, acc1));
        acc2 = dotAdd4(v128.load(wp, 96), quad1, dotAdd4(v128.load(wp, 32), quad0, acc2));
        acc3 = dotAdd4(v128.load(wp, 112), quad1, dotAdd4(v128.load(wp, 48), quad0, acc3));
        wp += 128;
      }
      if (ap < aEnd) {
        const quad = v128.load32_splat(ap);
        acc0 = dotAdd4(v128.load(wp), quad, acc0);
        acc1 = dotAdd4(v128.load(wp, 16), quad, acc1);
        acc2 = dotAdd4(v128.load(wp, 32), quad, acc2);
        acc3 = dotAdd4(v128.load(wp, 48), quad, acc3);
        wp += 64;
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
