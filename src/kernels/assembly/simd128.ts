// Entry of the SIMD128 build (public/kernels/simd128.wasm); the relaxed build re-exports it.
import { gemm1x16c2, gemm4x16c2 } from './gemm-dot16x2';
import { runMlp } from './mlp';
import { quantizeSimd } from './vcvt';

// Every GEMM: (m, n, k, a, aStride, packedWeights, c, cStride, params), strides in bytes (src/kernels/kernels.ts).
export function qu8_qc8w_gemm_minmax_gemmlowp_ukernel_1x16c2__wasmsimd_dot16x2(m: i32, n: i32, k: i32, a: usize, aStride: usize, w: usize, c: usize, cStride: usize, params: usize): void {
  gemm1x16c2<u8, u8>(m, n, k, a, aStride, w, c, cStride, params);
}
export function qs8_qc8w_gemm_minmax_gemmlowp_ukernel_1x16c2__wasmsimd_dot16x2(m: i32, n: i32, k: i32, a: usize, aStride: usize, w: usize, c: usize, cStride: usize, params: usize): void {
  gemm1x16c2<i8, i8>(m, n, k, a, aStride, w, c, cStride, params);
}
export function qu8_qs32_qc8w_gemm_ukernel_1x16c2__wasmsimd_dot16x2(m: i32, n: i32, k: i32, a: usize, aStride: usize, w: usize, c: usize, cStride: usize, params: usize): void {
  gemm1x16c2<u8, i32>(m, n, k, a, aStride, w, c, cStride, params);
}
export function qs8_qs32_qc8w_gemm_ukernel_1x16c2__wasmsimd_dot16x2(m: i32, n: i32, k: i32, a: usize, aStride: usize, w: usize, c: usize, cStride: usize, params: usize): void {
  gemm1x16c2<i8, i32>(m, n, k, a, aStride, w, c, cStride, params);
}
// Batched GEMM (M > 1) on extended (int16) packed weights: 4 rows per tile, rows left over as gemm-dot16x2.ts says.
export function qu8_qc8w_gemm_xw_minmax_gemmlowp_ukernel_4x16c2__wasmsimd_dot16x2(m: i32, n: i32, k: i32, a: usize, aStride: usize, w: usize, c: usize, cStride: usize, params: usize): void {
  gemm4x16c2<u8, u8>(m, n, k, a, aStride, w, c, cStride, params);
}
export function qs8_qc8w_gemm_xw_minmax_gemmlowp_ukernel_4x16c2__wasmsimd_dot16x2(m: i32, n: i32, k: i32, a: usize, aStride: usize, w: usize, c: usize, cStride: usize, params: usize): void {
  gemm4x16c2<i8, i8>(m, n, k, a, aStride, w, c, cStride, params);
}
export function qu8_qs32_qc8w_gemm_xw_ukernel_4x16c2__wasmsimd_dot16x2(m: i32, n: i32, k: i32, a: usize, aStride: usize, w: usize, c: usize, cStride: usize, params: usize): void {
  gemm4x16c2<u8, i32>(m, n, k, a, aStride, w, c, cStride, params);
}
export function qs8_qs32_qc8w_gemm_xw_ukernel_4x16c2__wasmsimd_dot16x2(m: i32, n: i32, k: i32, a: usize, aStride: usize, w: usize, c: usize, cStride: usize, params: usize): void {
  gemm4x16c2<i8, i32>(m, n, k, a, aStride, w, c, cStride, params);
}
export function f32_q8_vcvt_rne_ukernel_x16__wasmsimd(x: usize, count: i32, out: usize, scale: f32, zeroPoint: i32, qmin: i32, qmax: i32): void {
  quantizeSimd(x, count, out, scale, zeroPoint, qmin, qmax);
}
export function mlp_run(plan: usize, m: i32): void {
  runMlp(plan, m);
}
/** The first free byte after static data: the JS allocator starts there. */
export function heap_base(): usize {
  return __heap_base;
}
