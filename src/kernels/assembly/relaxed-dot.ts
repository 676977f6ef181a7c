// The one relaxed-SIMD instruction the 16c4 kernel needs, native or emulated in SIMD128 (for tests).

/**
 * acc + the dot product of each group of four int8 weights with four 7-bit activations (lanes 4i … 4i+3).
 * RELAXED_DOT is an asc --use constant chosen per build (tools/kernels-build.ts):
 *   0: i32x4.relaxed_dot_i8x16_i7x16_add_s itself (the relaxed-simd build);
 *   1: the same result from SIMD128 instructions, so the relaxed kernel's packing and tiling are testable
 *      on any engine;
 *   2: what Node 20's V8 computes behind --experimental-wasm-relaxed-simd (twice the dot product, the
 *      addend dropped): the wrong kernel the loader's self-test must reject.
 */
export function dotAdd4(weights: v128, activations: v128, acc: v128): v128 {
  if (RELAXED_DOT == 0) return i32x4.relaxed_dot_i8x16_i7x16_add_s(weights, activations, acc);
  // |int8 · 7-bit| ≤ 128·127 fits int16, so the widening multiply is exact.
  const pairsLow = i32x4.extadd_pairwise_i16x8_s(i16x8.extmul_low_i8x16_s(weights, activations));
  const pairsHigh = i32x4.extadd_pairwise_i16x8_s(i16x8.extmul_high_i8x16_s(weights, activations));
  const sums = i32x4.add(i32x4.shuffle(pairsLow, pairsHigh, 0, 2, 4, 6), i32x4.shuffle(pairsLow, pairsHigh, 1, 3, 5, 7));
  if (RELAXED_DOT == 2) return i32x4.add(sums, sums);
  return i32x4.add(sums, acc);
}
