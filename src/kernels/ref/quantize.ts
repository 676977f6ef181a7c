// Activation types and ranges, and float → int quantization of the input exactly as the kernels do it.

/** How activations are stored: uint8 with a zero point in [0, 255], or int8 with one in [-128, 127]. */
export type ActivationType = 'uint8' | 'int8';

export interface IntRange {
  readonly min: number;
  readonly max: number;
}

export const ACTIVATION_RANGES: Readonly<Record<ActivationType, IntRange>> = {
  uint8: { min: 0, max: 255 },
  int8: { min: -128, max: 127 },
};

/**
 * The range of activations a relaxed-SIMD layer may read: relaxed_dot_i8x16_i7x16 multiplies int8 weights by
 * 7-bit operands. Both activation types represent [0, 127] with the same bytes.
 */
export const SEVEN_BIT_RANGE: IntRange = { min: 0, max: 127 };

/** real = scale · (q − zeroPoint), with q clamped to [min, max] (min = zeroPoint is a fused ReLU). */
export interface QuantizationParams {
  readonly scale: number;
  readonly zeroPoint: number;
  readonly min: number;
  readonly max: number;
}

export function isWithin(inner: IntRange, outer: IntRange): boolean {
  return inner.min >= outer.min && inner.max <= outer.max;
}

/** Throws unless zeroPoint, min and max are integers of the type with min ≤ max. */
export function assertQuantizationRange(type: ActivationType, params: Omit<QuantizationParams, 'scale'>, what: string): void {
  const range = ACTIVATION_RANGES[type];
  const inRange = (value: number): boolean => Number.isInteger(value) && value >= range.min && value <= range.max;
  if (!inRange(params.zeroPoint)) throw new RangeError(`${what}: zero point ${params.zeroPoint} is not a ${type}`);
  if (!inRange(params.min) || !inRange(params.max) || params.min > params.max) {
    throw new RangeError(`${what}: [${params.min}, ${params.max}] is not a ${type} range`);
  }
}

/** Round to nearest, ties to even: IEEE roundTiesToEven, what WebAssembly's f32.nearest does. */
export function roundHalfToEven(value: number): number {
  const rounded = Math.round(value); // ties toward +∞
  return rounded - value === 0.5 && rounded % 2 !== 0 ? rounded - 1 : rounded;
}

/**
 * The input quantization every kernel implements, for one value:
 *   v = fround(x / fround(scale))            a float32 division (a double division rounded once to float32 is
 *                                             the correctly rounded float32 quotient: 53 ≥ 2·24 + 2)
 *   q = clamp(roundHalfToEven(v) + zeroPoint, qmin, qmax)    exactly, with NaN quantized as 0 (the zero point)
 */
export function quantizeValue(x: number, scale: number, zeroPoint: number, qmin: number, qmax: number): number {
  const v = Math.fround(Math.fround(x) / Math.fround(scale));
  const rounded = Number.isNaN(v) ? 0 : roundHalfToEven(v);
  return Math.min(qmax, Math.max(qmin, rounded + zeroPoint));
}

/** quantizeValue over an array; the result holds the integers (a uint8 or int8 reading of the kernels' bytes). */
export function quantizeInput(
  values: ArrayLike<number>, scale: number, zeroPoint: number, qmin: number, qmax: number, out?: Int32Array,
): Int32Array {
  if (!(Math.fround(scale) > 0) || !Number.isFinite(Math.fround(scale))) {
    throw new RangeError(`scale must be a positive finite float32, got ${scale}`);
  }
  const result = out ?? new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) result[i] = quantizeValue(values[i], scale, zeroPoint, qmin, qmax);
  return result;
}

/** real = scale · (q − zeroPoint). */
export function dequantize(q: number, scale: number, zeroPoint: number): number {
  return scale * (q - zeroPoint);
}
