// Float32 → 8-bit input quantization, scalar and SIMD128: q = clamp(nearest_even(x / scale) + zp, qmin, qmax).

/**
 * One float32 division (not a multiply by 1/scale, which rounds differently), f32.nearest (ties to even),
 * a saturating conversion (NaN → 0, ±∞ → int32 limits), a clamp to [qmin − zp, qmax − zp], then + zp: the
 * order that makes every step exact in int32. Output bytes are the low 8 bits, right for uint8 and int8.
 */
export function quantizeScalar(x: usize, count: i32, out: usize, scale: f32, zeroPoint: i32, qmin: i32, qmax: i32): void {
  const low = qmin - zeroPoint;
  const high = qmax - zeroPoint;
  for (let i = 0; i < count; i++) {
    const q = <i32>nearest<f32>(load<f32>(x + (<usize>i << 2)) / scale);
    store<u8>(out + <usize>i, <u8>(max(low, min(high, q)) + zeroPoint));
  }
}

/** The same, sixteen values per step; reads up to 15 floats and writes up to 15 bytes past `count`. */
export function quantizeSimd(x: usize, count: i32, out: usize, scale: f32, zeroPoint: i32, qmin: i32, qmax: i32): void {
  const scales = f32x4.splat(scale);
  const zeroPoints = i32x4.splat(zeroPoint);
  const low = i32x4.splat(qmin - zeroPoint);
  const high = i32x4.splat(qmax - zeroPoint);
  for (let i = 0; i < count; i += 16) {
    const p = x + (<usize>i << 2);
    const q0 = quantize4(v128.load(p), scales, low, high, zeroPoints);
    const q1 = quantize4(v128.load(p, 16), scales, low, high, zeroPoints);
    const q2 = quantize4(v128.load(p, 32), scales, low, high, zeroPoints);
    const q3 = quantize4(v128.load(p, 48), scales, low, high, zeroPoints);
    // Values are in [-128, 255]: exact as int16, then their low bytes are the output.
    const first = i16x8.narrow_i32x4_s(q0, q1);
    const second = i16x8.narrow_i32x4_s(q2, q3);
    v128.store(out + <usize>i, i8x16.shuffle(first, second, 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30));
  }
}

function quantize4(values: v128, scales: v128, low: v128, high: v128, zeroPoints: v128): v128 {
  const q = i32x4.trunc_sat_f32x4_s(f32x4.nearest(f32x4.div(values, scales)));
  return i32x4.add(i32x4.max_s(i32x4.min_s(q, high), low), zeroPoints);
}
