// Entry of the scalar build (public/kernels/scalar.wasm): no SIMD, for engines without it.
import { gemm1x4 } from './gemm-scalar';
import { runMlp } from './mlp';
import { quantizeScalar } from './vcvt';

// Every GEMM: (m, n, k, a, aStride, packedWeights, c, cStride, params), strides in bytes (src/kernels/kernels.ts).
export function qu8_qc8w_gemm_minmax_gemmlowp_ukernel_1x4__scalar(m: i32, n: i32, k: i32, a: usize, aStride: usize, w: usize, c: usize, cStride: usize, params: usize): void {
  gemm1x4<u8, u8>(m, n, k, a, aStride, w, c, cStride, params);
}
export function qs8_qc8w_gemm_minmax_gemmlowp_ukernel_1x4__scalar(m: i32, n: i32, k: i32, a: usize, aStride: usize, w: usize, c: usize, cStride: usize, params: usize): void {
  gemm1x4<i8, i8>(m, n, k, a, aStride, w, c, cStride, params);
}
export function qu8_qs32_qc8w_gemm_ukernel_1x4__scalar(m: i32, n: i32, k: i32, a: usize, aStride: usize, w: usize, c: usize, cStride: usize, params: usize): void {
  gemm1x4<u8, i32>(m, n, k, a, aStride, w, c, cStride, params);
}
export function qs8_qs32_qc8w_gemm_ukernel_1x4__scalar(m: i32, n: i32, k: i32, a: usize, aStride: usize, w: usize, c: usize, cStride: usize, params: usize): void {
  gemm1x4<i8, i32>(m, n, k, a, aStride, w, c, cStride, params);
}
export function f32_q8_vcvt_rne_ukernel__scalar(x: usize, count: i32, out: usize, scale: f32, zeroPoint: i32, qmin: i32, qmax: i32): void {
  quantizeScalar(x, count, out, scale, zeroPoint, qmin, qmax);
}
export function mlp_run(plan: usize, m: i32): void {
  runMlp(plan, m);
}
/** The first free byte after static data: the JS allocator starts there. */
export function heap_base(): usize {
  return __heap_base;
}
