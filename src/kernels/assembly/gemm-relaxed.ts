// GEMM on 7-bit activations, WebAssembly relaxed SIMD: 1 row or 4 rows × 16 columns, i32x4.relaxed_dot_i8x16_i7x16_add_s.
import { PARAM_LEFT_SHIFTS, PARAM_MAX, PARAM_MIN, PARAM_ZERO_POINT, storeBytes, storeBytes8, storeInt32s, storeInt32s8 } from './common';
import { dotAdd4 } from './relaxed-dot';
import { REQUANT_BLOCK_BYTES, narrowToBytes, requantize4, requantize8 } from './requantize-simd';

/**
 * Packed layout (src/kernels/pack.ts), per tile of 16 output columns (zero-padded), K padded to a multiple of
 * 4 with zero weights:
 *   bias: 16 × i32 | weights: K/4 groups of [16 columns × 4 k] i8 (64 bytes) | requantization block (320 bytes)
 * A group's bytes 16j … 16j+15 are columns 4j … 4j+3, four k each: one v128.load is a dot operand, and the
 * four activation bytes are broadcast with one load32_splat, no widening.
 * Activations must lie in [0, 127] (the instruction's 7-bit operand): on x86 it is pmaddubsw, whose int16
 * pair sums would saturate past that (127·128·2 > 32767), on Arm sdot/udot treat the top bit differently.
 * Both kernels read up to 3 bytes past each activation row (callers leave slack; the zero weights cancel them).
 */

/** One row at a time (the MLP's M = 1 path). */
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
    row1x16c4<TOut>(n, kPadded, a + <usize>row * aStride, w, c + <usize>row * cStride, leftShifts, low, high, zeroPoint);
  }
}

@inline
function row1x16c4<TOut>(
  n: i32, kPadded: i32, aRow: usize, w: usize, cRow: usize, leftShifts: bool, low: v128, high: v128, zeroPoint: v128,
): void {
  const aEnd = aRow + <usize>kPadded;
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

/**
 * Batched GEMM: 4 rows per tile, each weight vector loaded once for four rows (the single-row kernel is bound by
 * those loads). A 16-column tile is computed as two 8-column halves, 8 accumulators each (4 × 16 would need 16
 * and spill on x64); each k quad of a row is one load32_splat straight from its row, no scratch. The
 * requantization runs once per half tile, outside the k loop; a half with no valid column is skipped.
 * Rows left over: three run as a tile whose last row repeats the third (its stores are skipped); one or two run
 * one at a time.
 */
export function gemm4x16c4<TOut>(
  m: i32, n: i32, k: i32, a: usize, aStride: usize, w: usize, c: usize, cStride: usize, params: usize,
): void {
  const zero = load<i32>(params, PARAM_ZERO_POINT);
  const zeroPoint = i32x4.splat(zero);
  const low = i32x4.splat(load<i32>(params, PARAM_MIN) - zero);
  const high = i32x4.splat(load<i32>(params, PARAM_MAX) - zero);
  const leftShifts = load<i32>(params, PARAM_LEFT_SHIFTS) != 0;
  const kPadded = (k + 3) & ~3;
  const kEnd = <usize>kPadded;
  const weightBytes = <usize>kPadded << 4;
  const tileBytes: usize = 64 + weightBytes + (sizeof<TOut>() == 4 ? 0 : REQUANT_BLOCK_BYTES);
  let row = 0;
  while (row < m) {
    const rows = m - row;
    const a0 = a + <usize>row * aStride;
    const c0 = c + <usize>row * cStride;
    if (rows < 3) {
      row1x16c4<TOut>(n, kPadded, a0, w, c0, leftShifts, low, high, zeroPoint);
      row += 1;
      continue;
    }
    const a1 = a0 + aStride;
    const a2 = a1 + aStride;
    const a3 = rows > 3 ? a2 + aStride : a2;
    const fourth = rows > 3;
    let tile = w;
    for (let n0 = 0; n0 < n; n0 += 16) {
      for (let half = 0; half < 2; half++) {
        const count = n - n0 - (half << 3);
        if (count <= 0) break;
        const bias = tile + (<usize>half << 5);
        let acc00 = v128.load(bias);
        let acc01 = v128.load(bias, 16);
        let acc10 = acc00;
        let acc11 = acc01;
        let acc20 = acc00;
        let acc21 = acc01;
        let acc30 = acc00;
        let acc31 = acc01;
        let wp = tile + 64 + (<usize>half << 5);
        for (let kk: usize = 0; kk < kEnd; kk += 4) {
          const w0 = v128.load(wp);
          const w1 = v128.load(wp, 16);
          let x = v128.load32_splat(a0 + kk);
          acc00 = dotAdd4(w0, x, acc00);
          acc01 = dotAdd4(w1, x, acc01);
          x = v128.load32_splat(a1 + kk);
          acc10 = dotAdd4(w0, x, acc10);
          acc11 = dotAdd4(w1, x, acc11);
          x = v128.load32_splat(a2 + kk);
          acc20 = dotAdd4(w0, x, acc20);
          acc21 = dotAdd4(w1, x, acc21);
          x = v128.load32_splat(a3 + kk);
          acc30 = dotAdd4(w0, x, acc30);
          acc31 = dotAdd4(w1, x, acc31);
          wp += 64;
        }
        const column = n0 + (half << 3);
        if (sizeof<TOut>() == 4) {
          const out = c0 + (<usize>column << 2);
          storeInt32s8(out, acc00, acc01, count);
          storeInt32s8(out + cStride, acc10, acc11, count);
          storeInt32s8(out + 2 * cStride, acc20, acc21, count);
          if (fourth) storeInt32s8(out + 3 * cStride, acc30, acc31, count);
        } else {
          const block = tile + 64 + weightBytes + (<usize>half << 5);
          const out = c0 + <usize>column;
          storeBytes8(out, requantize8<TOut>(acc00, acc01, block, leftShifts, low, high, zeroPoint), count);
          storeBytes8(out + cStride, requantize8<TOut>(acc10, acc11, block, leftShifts, low, high, zeroPoint), count);
          storeBytes8(out + 2 * cStride, requantize8<TOut>(acc20, acc21, block, leftShifts, low, high, zeroPoint), count);
          if (fourth) storeBytes8(out + 3 * cStride, requantize8<TOut>(acc30, acc31, block, leftShifts, low, high, zeroPoint), count);
        }
      }
      tile += tileBytes;
    }
    row += fourth ? 4 : 3;
  }
}

