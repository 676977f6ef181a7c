// The whole-MLP entry point: one call quantizes the input floats and runs every layer, reading a plan in memory.
import { gemm1x4 } from './gemm-scalar';
import { gemm1x16c2, gemm4x16c2 } from './gemm-dot16x2';
import { gemm1x16c4, gemm4x16c4 } from './gemm-relaxed';
import { quantizeScalar, quantizeSimd } from './vcvt';

/**
 * The plan, written by src/kernels/wasm-kernels.ts (the offsets there must match these), i32 words:
 *   header: layer count, input floats, input length K0, input scale (f32 bits), input zero point, qmin, qmax,
 *           activations signed (0/1), ping buffer, pong buffer, output
 *   layer l at 64 + 32·l: kernel for one row (0 scalar 1x4, 1 SIMD128 1x16c2, 2 relaxed 1x16c4), K, N,
 *           its packed weights, params block, int32 output (0/1), kernel for a batch (M > 1: 3 SIMD128 4x16c2
 *           with int16 weights, 4 relaxed 4x16c4, or the one-row kernel again), its packed weights
 * ISA is an asc --use constant: 0 scalar, 1 SIMD128, 2 relaxed SIMD; a build compiles only its own kernels.
 */
export const KERNEL_SCALAR = 0;
export const KERNEL_DOT16X2 = 1;
export const KERNEL_RELAXED = 2;
export const KERNEL_DOT16X2_4ROWS = 3;
export const KERNEL_RELAXED_4ROWS = 4;

export function runMlp(plan: usize, m: i32): void {
  const layerCount = load<i32>(plan);
  const inputCount = m * load<i32>(plan, 8);
  const signed = load<i32>(plan, 28) != 0;
  let source = load<usize>(plan, 32);
  let target = load<usize>(plan, 36);
  if (ISA == 0) {
    quantizeScalar(load<usize>(plan, 4), inputCount, source, load<f32>(plan, 12), load<i32>(plan, 16), load<i32>(plan, 20), load<i32>(plan, 24));
  } else {
    quantizeSimd(load<usize>(plan, 4), inputCount, source, load<f32>(plan, 12), load<i32>(plan, 16), load<i32>(plan, 20), load<i32>(plan, 24));
  }
  for (let l = 0; l < layerCount; l++) {
    const layer = plan + 64 + (<usize>l << 5);
    const k = load<i32>(layer, 4);
    const n = load<i32>(layer, 8);
    const int32Out = load<i32>(layer, 20) != 0;
    const out = l == layerCount - 1 ? load<usize>(plan, 40) : target;
    const outStride = int32Out ? <usize>n << 2 : <usize>n;
    const batch = m > 1;
    const kernel = batch ? load<i32>(layer, 24) : load<i32>(layer);
    const weights = batch ? load<usize>(layer, 28) : load<usize>(layer, 12);
    runLayer(kernel, signed, int32Out, m, n, k, source, out, outStride, weights, load<usize>(layer, 16));
    const swap = source;
    source = target;
    target = swap;
  }
}

function runLayer(
  kernel: i32, signed: bool, int32Out: bool, m: i32, n: i32, k: i32, a: usize, c: usize, cStride: usize, w: usize, params: usize,
): void {
  const aStride = <usize>k;
  if (ISA == 0) {
    if (int32Out) {
      if (signed) gemm1x4<i8, i32>(m, n, k, a, aStride, w, c, cStride, params);
      else gemm1x4<u8, i32>(m, n, k, a, aStride, w, c, cStride, params);
    } else if (signed) gemm1x4<i8, i8>(m, n, k, a, aStride, w, c, cStride, params);
    else gemm1x4<u8, u8>(m, n, k, a, aStride, w, c, cStride, params);
    return;
  }
  if (ISA == 2) {
    if (kernel == KERNEL_RELAXED) {
      if (int32Out) gemm1x16c4<i32>(m, n, k, a, aStride, w, c, cStride, params);
      else if (signed) gemm1x16c4<i8>(m, n, k, a, aStride, w, c, cStride, params);
      else gemm1x16c4<u8>(m, n, k, a, aStride, w, c, cStride, params);
      return;
    }
    if (kernel == KERNEL_RELAXED_4ROWS) {
      if (int32Out) gemm4x16c4<i32>(m, n, k, a, aStride, w, c, cStride, params);
      else if (signed) gemm4x16c4<i8>(m, n, k, a, aStride, w, c, cStride, params);
      else gemm4x16c4<u8>(m, n, k, a, aStride, w, c, cStride, params);
      return;
    }
  }
  if (kernel == KERNEL_DOT16X2_4ROWS) {
    if (int32Out) {
      if (signed) gemm4x16c2<i8, i32>(m, n, k, a, aStride, w, c, cStride, params);
      else gemm4x16c2<u8, i32>(m, n, k, a, aStride, w, c, cStride, params);
    } else if (signed) gemm4x16c2<i8, i8>(m, n, k, a, aStride, w, c, cStride, params);
    else gemm4x16c2<u8, u8>(m, n, k, a, aStride, w, c, cStride, params);
    return;
  }
  if (int32Out) {
    if (signed) gemm1x16c2<i8, i32>(m, n, k, a, aStride, w, c, cStride, params);
    else gemm1x16c2<u8, i32>(m, n, k, a, aStride, w, c, cStride, params);
  } else if (signed) gemm1x16c2<i8, i8>(m, n, k, a, aStride, w, c, cStride, params);
  else gemm1x16c2<u8, u8>(m, n, k, a, aStride, w, c, cStride, params);
}
