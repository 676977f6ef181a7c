// Entry of the relaxed-SIMD build (public/kernels/relaxed-simd.wasm): the SIMD128 kernels plus the 7-bit one.
import { gemm1x16c4, gemm4x16c4 } from './gemm-relaxed';

// Layers whose activations are not 7-bit still run on the SIMD128 kernel re-exported here.
export * from './simd128';

// (m, n, k, a, aStride, packedWeights, c, cStride, params); activations in [0, 127] (the same bytes in uint8 and
// int8), outputs in the activation type, which the next layer may read on another kernel.
export function qu7_qu8_qc8w_gemm_minmax_gemmlowp_ukernel_1x16c4__wasmrelaxedsimd(m: i32, n: i32, k: i32, a: usize, aStride: usize, w: usize, c: usize, cStride: usize, params: usize): void {
  gemm1x16c4<u8>(m, n, k, a, aStride, w, c, cStride, params);
}
export function qu7_qs8_qc8w_gemm_minmax_gemmlowp_ukernel_1x16c4__wasmrelaxedsimd(m: i32, n: i32, k: i32, a: usize, aStride: usize, w: usize, c: usize, cStride: usize, params: usize): void {
  gemm1x16c4<i8>(m, n, k, a, aStride, w, c, cStride, params);
}
export function qu7_qs32_qc8w_gemm_ukernel_1x16c4__wasmrelaxedsimd(m: i32, n: i32, k: i32, a: usize, aStride: usize, w: usize, c: usize, cStride: usize, params: usize): void {
  gemm1x16c4<i32>(m, n, k, a, aStride, w, c, cStride, params);
}
// Batched GEMM (M > 1) on the same packed weights as the one-row kernel: 4 rows per tile.
export function qu7_qu8_qc8w_gemm_minmax_gemmlowp_ukernel_4x16c4__wasmrelaxedsimd(m: i32, n: i32, k: i32, a: usize, aStride: usize, w: usize, c: usize, cStride: usize, params: usize): void {
  gemm4x16c4<u8>(m, n, k, a, aStride, w, c, cStride, params);
}
export function qu7_qs8_qc8w_gemm_minmax_gemmlowp_ukernel_4x16c4__wasmrelaxedsimd(m: i32, n: i32, k: i32, a: usize, aStride: usize, w: usize, c: usize, cStride: usize, params: usize): void {
  gemm4x16c4<i8>(m, n, k, a, aStride, w, c, cStride, params);
}
export function qu7_qs32_qc8w_gemm_ukernel_4x16c4__wasmrelaxedsimd(m: i32, n: i32, k: i32, a: usize, aStride: usize, w: usize, c: usize, cStride: usize, params: usize): void {
  gemm4x16c4<i32>(m, n, k, a, aStride, w, c, cStride, params);
}
