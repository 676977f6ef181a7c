// GEMM, WebAssembly SIMD128: int8 widened to int16, i32x4.dot_i16x8_s on k pairs; 1 row or 4 rows × 16 columns per tile.
import { PARAM_LEFT_SHIFTS, PARAM_MAX, PARAM_MIN, PARAM_SCRATCH, PARAM_ZERO_POINT, storeBytes, storeBytes8, storeInt32s, storeInt32s8 } from './common';
import { REQUANT_BLOCK_BYTES, narrowToBytes, requantize4, requantize8 } from './requantize-simd';

/**
 * Packed layout (src/kernels/pack.ts), per tile of 16 output columns (the last one zero-padded), K padded to
 * an even count with zero weights:
 *   bias: 16 × i32 | weights: K/2 groups of [16 columns × 2 k] | requantization block (320 bytes)
 * The one-row kernel reads int8 weights (32-byte groups; bytes 8j … 8j+7 are columns 4j … 4j+3, two k each: one
 * i16x8.load8x8_s makes a dot operand). The 4-row kernel reads extended weights, the same values stored as int16
 * (64-byte groups; bytes 16j … 16j+15 are columns 4j … 4j+3: one v128.load is a dot operand, no widening).
 * Products fit int16·int16 → int32 with room: |127·255·2| < 2^16.
 * Both kernels read up to 7 bytes past each activation row (callers leave slack; the zero weights cancel them).
 */

/**
 * One row at a time (the MLP's M = 1 path). The activation row is widened to int16 once into the scratch area,
 * then each k pair is broadcast to all four lanes with a single load32_splat.
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
    row1x16c2<TA, TOut, i8>(n, kPadded, a + <usize>row * aStride, w, c + <usize>row * cStride, scratch, leftShifts, low, high, zeroPoint);
  }
}

/** One row: TW is the packed weight type, i8 (the one-row kernel) or i16 (rows left over by the 4-row kernel). */
@inline
function row1x16c2<TA, TOut, TW>(
  n: i32, kPadded: i32, aRow: usize, w: usize, cRow: usize, scratch: usize, leftShifts: bool, low: v128, high: v128, zeroPoint: v128,
): void {
  const wide = sizeof<TW>() == 2;
  for (let kk = 0; kk < kPadded; kk += 8) {
    const row = isSigned<TA>() ? v128.load8x8_s(aRow + <usize>kk) : v128.load8x8_u(aRow + <usize>kk);
    v128.store(scratch + (<usize>kk << 1), row);
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
      const w00 = wide ? v128.load(wp) : v128.load8x8_s(wp);
      const w01 = wide ? v128.load(wp, 16) : v128.load8x8_s(wp, 8);
      const w02 = wide ? v128.load(wp, 32) : v128.load8x8_s(wp, 16);
      const w03 = wide ? v128.load(wp, 48) : v128.load8x8_s(wp, 24);
      const w10 = wide ? v128.load(wp, 64) : v128.load8x8_s(wp, 32);
      const w11 = wide ? v128.load(wp, 80) : v128.load8x8_s(wp, 40);
      const w12 = wide ? v128.load(wp, 96) : v128.load8x8_s(wp, 48);
      const w13 = wide ? v128.load(wp, 112) : v128.load8x8_s(wp, 56);
      acc0 = i32x4.add(acc0, i32x4.add(i32x4.dot_i16x8_s(pair0, w00), i32x4.dot_i16x8_s(pair1, w10)));
      acc1 = i32x4.add(acc1, i32x4.add(i32x4.dot_i16x8_s(pair0, w01), i32x4.dot_i16x8_s(pair1, w11)));
      acc2 = i32x4.add(acc2, i32x4.add(i32x4.dot_i16x8_s(pair0, w02), i32x4.dot_i16x8_s(pair1, w12)));
      acc3 = i32x4.add(acc3, i32x4.add(i32x4.dot_i16x8_s(pair0, w03), i32x4.dot_i16x8_s(pair1, w13)));
      wp += wide ? 128 : 64;
    }
    if (ap < scratchEnd) {
      const pair = v128.load32_splat(ap);
      acc0 = i32x4.add(acc0, i32x4.dot_i16x8_s(pair, wide ? v128.load(wp) : v128.load8x8_s(wp)));
      acc1 = i32x4.add(acc1, i32x4.dot_i16x8_s(pair, wide ? v128.load(wp, 16) : v128.load8x8_s(wp, 8)));
      acc2 = i32x4.add(acc2, i32x4.dot_i16x8_s(pair, wide ? v128.load(wp, 32) : v128.load8x8_s(wp, 16)));
      acc3 = i32x4.add(acc3, i32x4.dot_i16x8_s(pair, wide ? v128.load(wp, 48) : v128.load8x8_s(wp, 24)));
      wp += wide ? 64 : 32;
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
 * Batched GEMM: 4 rows per tile, so each weight vector loaded serves four rows (the one-row kernel is bound by
 * those loads), on extended (int16) weights, so the k loop has no widening left: per k pair and half tile,
 * 2 weight loads and 4 broadcasts feed 8 i32x4.dot_i16x8_s (64 multiply-adds). The four rows are widened and
 * interleaved into the scratch area once per row block: k pair p of row r lies at 16p + 4r, so each pair is one
 * load32_splat per row, all from one pointer. A 16-column tile is computed as two 8-column halves: 4 rows × 2
 * vectors = 8 accumulators, plus 2 weight and 4 activation vectors, fit the 16 registers x64 gives V8 (a whole
 * 4 × 16 tile would need 16 accumulators and spill). The requantization runs once per half tile, outside the k
 * loop; a half with no valid column is skipped.
 * Rows left over: three run as a tile whose last row repeats the third (its stores are skipped); one or two run
 * one at a time, which costs less than a tile with repeated rows.
 */
export function gemm4x16c2<TA, TOut>(
  m: i32, n: i32, k: i32, a: usize, aStride: usize, w: usize, c: usize, cStride: usize, params: usize,
): void {
  const scratch = load<usize>(params, PARAM_SCRATCH);
  const zero = load<i32>(params, PARAM_ZERO_POINT);
  const zeroPoint = i32x4.splat(zero);
  const low = i32x4.splat(load<i32>(params, PARAM_MIN) - zero);
  const high = i32x4.splat(load<i32>(params, PARAM_MAX) - zero);
  const leftShifts = load<i32>(params, PARAM_LEFT_SHIFTS) != 0;
  const kPadded = (k + 1) & ~1;
  const weightBytes = <usize>kPadded << 5;
  const tileBytes: usize = 64 + weightBytes + (sizeof<TOut>() == 4 ? 0 : REQUANT_BLOCK_BYTES);
  const scratchEnd = scratch + (<usize>kPadded << 3);
  let row = 0;
  while (row < m) {
    const rows = m - row;
    const a0 = a + <usize>row * aStride;
    const c0 = c + <usize>row * cStride;
    if (rows < 3) {
      row1x16c2<TA, TOut, i16>(n, kPadded, a0, w, c0, scratch, leftShifts, low, high, zeroPoint);
      row += 1;
      continue;
    }
    const a1 = a0 + aStride;
    const a2 = a1 + aStride;
    const a3 = rows > 3 ? a2 + aStride : a2;
    const fourth = rows > 3;
    interleaveWidened4<TA>(a0, a1, a2, a3, kPadded, scratch);
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
        // One k pair per iteration: unrolled, V8 would load every operand first and spill accumulators.
        for (let ap = scratch; ap < scratchEnd; ap += 16) {
          const w0 = v128.load(wp);
          const w1 = v128.load(wp, 16);
          let x = v128.load32_splat(ap);
          acc00 = i32x4.add(acc00, i32x4.dot_i16x8_s(x, w0));
          acc01 = i32x4.add(acc01, i32x4.dot_i16x8_s(x, w1));
          x = v128.load32_splat(ap, 4);
          acc10 = i32x4.add(acc10, i32x4.dot_i16x8_s(x, w0));
          acc11 = i32x4.add(acc11, i32x4.dot_i16x8_s(x, w1));
          x = v128.load32_splat(ap, 8);
          acc20 = i32x4.add(acc20, i32x4.dot_i16x8_s(x, w0));
          acc21 = i32x4.add(acc21, i32x4.dot_i16x8_s(x, w1));
          x = v128.load32_splat(ap, 12);
          acc30 = i32x4.add(acc30, i32x4.dot_i16x8_s(x, w0));
          acc31 = i32x4.add(acc31, i32x4.dot_i16x8_s(x, w1));
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


/**
 * Widens four activation rows to int16 and interleaves them by k pair: pair p of row r goes to s + 16p + 4r.
 * Eight k (four pairs) of each row per step, transposed as a 4 × 4 matrix of 32-bit lanes.
 */
@inline
function interleaveWidened4<TA>(a0: usize, a1: usize, a2: usize, a3: usize, kPadded: i32, s: usize): void {
  for (let kk = 0; kk < kPadded; kk += 8) {
    const offset = <usize>kk;
    const r0 = isSigned<TA>() ? v128.load8x8_s(a0 + offset) : v128.load8x8_u(a0 + offset);
    const r1 = isSigned<TA>() ? v128.load8x8_s(a1 + offset) : v128.load8x8_u(a1 + offset);
    const r2 = isSigned<TA>() ? v128.load8x8_s(a2 + offset) : v128.load8x8_u(a2 + offset);
    const r3 = isSigned<TA>() ? v128.load8x8_s(a3 + offset) : v128.load8x8_u(a3 + offset);
    const low01 = i32x4.shuffle(r0, r1, 0, 4, 1, 5);
    const low23 = i32x4.shuffle(r2, r3, 0, 4, 1, 5);
    const high01 = i32x4.shuffle(r0, r1, 2, 6, 3, 7);
    const high23 = i32x4.shuffle(r2, r3, 2, 6, 3, 7);
    v128.store(s, i64x2.shuffle(low01, low23, 0, 2));
    v128.store(s, i64x2.shuffle(low01, low23, 1, 3), 16);
    v128.store(s, i64x2.shuffle(high01, high23, 0, 2), 32);
    v128.store(s, i64x2.shuffle(high01, high23, 1, 3), 48);
    s += 64;
  }
}
