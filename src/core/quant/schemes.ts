// The quantization schemes: how a calibrated real range becomes an integer grid for activations and weights.
import { WEIGHT_MAX } from '../../kernels/ref/gemm';
import {
  dequantize, quantizeValue, roundHalfToEven, type ActivationType, type IntRange, type QuantizationParams,
} from '../../kernels/ref/quantize';

/**
 * pot-int8    symmetric int8, every scale a power of two ("fractional length"): requantization is a shift.
 * sym-int8    symmetric int8, any scale (zero point 0).
 * asym-uint8  asymmetric uint8 with a zero point (Jacob et al. 2018).
 * asym-int8   asymmetric int8 with a zero point.
 * u7          asymmetric on [0, 127]: the 7-bit operands of the relaxed-SIMD kernel (SEVEN_BIT_RANGE).
 */
export const QUANT_SCHEMES = ['pot-int8', 'sym-int8', 'asym-uint8', 'asym-int8', 'u7'] as const;
export type QuantScheme = (typeof QUANT_SCHEMES)[number];

export interface SchemeSpec {
  readonly activationType: ActivationType;
  /** Zero point 0 and a range symmetric about it; otherwise the zero point follows the calibrated range. */
  readonly symmetric: boolean;
  /** Activation and weight scales are powers of two. */
  readonly powerOfTwo: boolean;
  /** The codes activations may take (the kernels' contract for the layer inputs). */
  readonly codes: IntRange;
}

export const SCHEMES: Readonly<Record<QuantScheme, SchemeSpec>> = {
  'pot-int8': { activationType: 'int8', symmetric: true, powerOfTwo: true, codes: { min: -128, max: 127 } },
  'sym-int8': { activationType: 'int8', symmetric: true, powerOfTwo: false, codes: { min: -128, max: 127 } },
  'asym-uint8': { activationType: 'uint8', symmetric: false, powerOfTwo: false, codes: { min: 0, max: 255 } },
  'asym-int8': { activationType: 'int8', symmetric: false, powerOfTwo: false, codes: { min: -128, max: 127 } },
  // uint8 storage: the relaxed kernels write qu8 then, and [0, 127] is the same bytes in either type.
  u7: { activationType: 'uint8', symmetric: false, powerOfTwo: false, codes: { min: 0, max: 127 } },
};

export function isQuantScheme(value: unknown): value is QuantScheme {
  return typeof value === 'string' && (QUANT_SCHEMES as readonly string[]).includes(value);
}

/** A real interval; calibration always widens it to contain 0 (0 must be exact: ReLU and zero padding). */
export interface RealRange {
  readonly min: number;
  readonly max: number;
}

/** Whether a tensor can be negative (the features) or not (a ReLU output). */
export type TensorSign = 'signed' | 'non-negative';

/** 2^⌈log2 x⌉ for x > 0, exact for powers of two themselves. */
export function powerOfTwoAtLeast(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`expected a positive finite number, got ${x}`);
  let power = 2 ** Math.ceil(Math.log2(x));
  // log2 is not exact near powers of two: step to the smallest power that still covers x.
  while (power / 2 >= x) power /= 2;
  while (power < x) power *= 2;
  return power;
}

export function isPowerOfTwo(x: number): boolean {
  return x > 0 && Number.isFinite(x) && 2 ** Math.round(Math.log2(x)) === x;
}

/** The smallest positive scale used when a tensor is all zeros (any scale represents it exactly). */
const EMPTY_RANGE_SCALE = 1;

/**
 * Activation parameters for a calibrated range. A symmetric scheme maps [-T, T] (T = max |bound|) onto
 * ±127 with zero point 0, so a ReLU output uses only [0, 127]. An asymmetric one spreads [min, max] over
 * all its codes and rounds the zero point to an integer (the real 0 stays exact; the range shifts by at
 * most half a step). A non-negative tensor's clamp starts at the zero point: the fused ReLU.
 * Scales are float32 because the kernels quantize the input with a float32 scale.
 */
export function activationParams(scheme: QuantScheme, range: RealRange, sign: TensorSign): QuantizationParams {
  const spec = SCHEMES[scheme];
  const low = sign === 'non-negative' ? 0 : Math.min(0, range.min);
  const high = Math.max(0, range.max);
  if (!Number.isFinite(low) || !Number.isFinite(high)) throw new RangeError(`range [${range.min}, ${range.max}] is not finite`);
  if (spec.symmetric) {
    const magnitude = Math.max(-low, high);
    let scale = magnitude === 0 ? EMPTY_RANGE_SCALE : magnitude / 127;
    scale = spec.powerOfTwo ? powerOfTwoAtLeast(scale) : Math.fround(scale);
    return { scale, zeroPoint: 0, min: sign === 'non-negative' ? 0 : spec.codes.min, max: spec.codes.max };
  }
  const { min: qmin, max: qmax } = spec.codes;
  const scale = high === low ? EMPTY_RANGE_SCALE : Math.fround((high - low) / (qmax - qmin));
  const zeroPoint = Math.min(qmax, Math.max(qmin, Math.round(qmin - low / scale)));
  return { scale, zeroPoint, min: sign === 'non-negative' ? zeroPoint : qmin, max: qmax };
}

/** x through quantize → dequantize with the kernels' rounding: what the integer model "sees" of x. */
export function fakeQuantize(x: number, params: QuantizationParams): number {
  return dequantize(quantizeValue(x, params.scale, params.zeroPoint, params.min, params.max), params.scale, params.zeroPoint);
}

/** The real values a set of activation parameters can represent. */
export function representableRange(params: QuantizationParams): RealRange {
  return { min: dequantize(params.min, params.scale, params.zeroPoint), max: dequantize(params.max, params.scale, params.zeroPoint) };
}

/** Symmetric weight scale for a clip threshold: clip ↦ 127 (a power of two at least that for pot-int8). */
export function weightScale(scheme: QuantScheme, clip: number): number {
  if (!(clip > 0)) return EMPTY_RANGE_SCALE;
  const scale = clip / WEIGHT_MAX;
  return SCHEMES[scheme].powerOfTwo ? powerOfTwoAtLeast(scale) : scale;
}

/** round(w / scale) in doubles, clamped to [-127, 127], ties to even like every other rounding in the contract. */
export function quantizeWeight(w: number, scale: number): number {
  return Math.min(WEIGHT_MAX, Math.max(-WEIGHT_MAX, roundHalfToEven(w / scale)));
}

/**
 * The real multiplier of a requantized output channel: s_in · s_w / s_out (one expression, shared by the
 * quantizer and the model-file check so both compute the same double).
 */
export function requantizationScale(inputScale: number, weightScaleValue: number, outputScale: number): number {
  return (inputScale * weightScaleValue) / outputScale;
}
