// GEMM, scalar WebAssembly (no SIMD): 1 row × 4 columns per step, one k at a time.
import { PARAM_MAX, PARAM_MIN, PARAM_ZERO_POINT, clampAndOffset, requantizeScalar } from './common';

/**
 * Packed layout (src/kernels/pack.ts), per tile of 4 output columns (the last one zero-padded):
 *   bias: 4 × i32 | weights: K × [4 columns] i8 | when requantizing: multiplier 4 × i32, shift 4 × i32
 * TA is the activation type (u8 or i8); TOut is the output type (u8, i8, or i32 for raw accumulators).
 * Strides are in bytes.
 */
export function gemm1x4<TA, TOut>(
  m: i32, n: i32, k: i32, a: usize, aStride: usize, w: usize, c: usize, cStride: usize, params: usize,
): void {
  const zeroPoint = load<i32>(params, PARAM_ZERO_POINT);
  const low = load<i32>(params, PARAM_MIN) - zeroPoint;
  const high = load<i32>(params, PARAM_MAX) - zeroPoint;
  for (let row = 0; row < m; row++) {
    const aRow = a + <usize>row * aStride;
    const cRow = c + <usize>row * cStride;
    let wp = w;
    for (let n0 = 0; n0 < n; n0 += 4) {
      let acc0 = load<i32>(wp);
      let acc1 = load<i32>(wp, 4);
      let acc2 = load<i32>(wp, 8);
      let acc3 = load<i32>(wp, 12);
      wp += 16;
      for (let kk = 0; kk < k; kk++) {
        const value = <i32>load<TA>(aRow + <usize>kk);
        acc0 += value * <i32>load<i8>(wp);
        acc1 += value * <i32>load<i8>(wp, 1);
        acc2 += value * <i32>load<i8>(wp, 2);
        acc3 += value * <i32>load<i8>(wp, 3);
        wp += 4;
      }
      const remaining = n - n0;
      if (sizeof<TOut>() == 4) {
        const out = cRow + (<usize>n0 << 2);
        store<i32>(out, acc0);
        if (remaining > 1) store<i32>(out, acc1, 4);
        if (remaining > 2) store<i32>(out, acc2, 8);
        if (remaining > 3) store<i32>(out, acc3, 12);
      } else {
        const out = cRow + <usize>n0;
        store<u8>(out, <u8>clampAndOffset(requantizeScalar(acc0, load<i32>(wp), load<i32>(wp, 16)), low, high, zeroPoint));
        if (remaining > 1) store<u8>(out, <u8>clampAndOffset(requantizeScalar(acc1, load<i32>(wp, 4), load<i32>(wp, 20)), low, high, zeroPoint), 1);
        if (remaining > 2) store<u8>(out, <u8>clampAndOffset(requantizeScalar(acc2, load<i32>(wp, 8), load<i32>(wp, 24)), low, high, zeroPoint), 2);
        if (remaining > 3) store<u8>(out, <u8>clampAndOffset(requantizeScalar(acc3, load<i32>(wp, 12), load<i32>(wp, 28)), low, high, zeroPoint), 3);
        wp += 32;
      }
    }
  }
}
