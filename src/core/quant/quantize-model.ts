// Post-training quantization of a gesture model: calibrated activation ranges + int8 weights → the integer network.
import { foldZeroPoints } from '../../kernels/ref/gemm';
import { INT32_MAX, INT32_MIN, quantizeMultiplier } from '../../kernels/ref/fixed-point';
import { assertQuantizedMlp, type QuantizedDenseLayer } from '../../kernels/ref/mlp';
import { roundHalfToEven, type QuantizationParams } from '../../kernels/ref/quantize';
import type { ModelLayer } from '../model/gesture-model';
import type { QuantizedGestureMlp } from '../model/int8-section';
import { floatActivations } from './activations';
import { calibrateRange, type CalibrationMethod, type CalibrationOptions, type TensorSamples } from './calibrate';
import { activationParams, requantizationScale, SCHEMES, type QuantScheme, type RealRange } from './schemes';
import { quantizeWeights, type WeightClipping } from './weights';

export interface QuantizeOptions extends Omit<CalibrationOptions, 'method'> {
  readonly scheme: QuantScheme;
  readonly calibration: CalibrationMethod;
  readonly perChannel: boolean;
  readonly weightClipping: WeightClipping;
}

export interface QuantizeResult {
  readonly quantized: QuantizedGestureMlp;
  /** The calibrated real range of each quantized activation tensor: the input, then each hidden layer's output. */
  readonly ranges: readonly RealRange[];
  /** Per layer, per output channel: the weight clip threshold used. */
  readonly weightClips: readonly Float64Array[];
}

/** The activation tensors a model quantizes (input and hidden outputs, not the logits), from float activations. */
export function activationSamples(layers: readonly ModelLayer[], tensors: readonly Float32Array[]): TensorSamples[] {
  return layers.map((layer, l) => ({
    values: tensors[l],
    width: layer.inputs,
    sign: l === 0 ? 'signed' : 'non-negative',
  }));
}

/** Calibrates every activation tensor of `layers` over the features: input range, then each ReLU output. */
export function calibrateActivationRanges(
  layers: readonly ModelLayer[], calibrationFeatures: readonly ArrayLike<number>[], options: QuantizeOptions,
): RealRange[] {
  if (calibrationFeatures.length === 0) throw new RangeError('the calibration set is empty');
  const samples = activationSamples(layers, floatActivations(layers, calibrationFeatures));
  return samples.map((tensor) => calibrateRange(tensor, options.scheme, { ...options, method: options.calibration }));
}

/**
 * Calibrates on `calibrationFeatures` (training data only) and quantizes: see quantizeWithRanges.
 * Deterministic: the same model, features and options give the same integers.
 */
export function quantizeGestureModel(
  model: { readonly layers: readonly ModelLayer[] }, calibrationFeatures: readonly ArrayLike<number>[], options: QuantizeOptions,
): QuantizeResult {
  return quantizeWithRanges(model.layers, calibrateActivationRanges(model.layers, calibrationFeatures, options), options);
}

/** round(b / (s_in · s_w)) as an int32: the bias on the accumulator's scale. */
function quantizeBias(bias: number, accumulatorScale: number, where: string): number {
  const value = roundHalfToEven(bias / accumulatorScale);
  if (!(value >= INT32_MIN && value <= INT32_MAX)) {
    throw new RangeError(`${where}: bias ${bias} at scale ${accumulatorScale} does not fit int32`);
  }
  return value;
}

/**
 * The integer network for given activation ranges (one per layer input: the features, then each ReLU
 * output). Per layer l with input params (s_in, z_in), weight scales s_w[n] and output params (s_out, z_out):
 *   W_q = round(W / s_w[n]) in [-127, 127];  b_q = round(b / (s_in·s_w[n])) − z_in·Σ_k W_q[n][k]  (folded)
 *   M[n] = s_in·s_w[n] / s_out as (M0, shift);  clamp to [z_out, q_max] (ReLU);  the last layer keeps int32.
 */
export function quantizeWithRanges(
  layers: readonly ModelLayer[], ranges: readonly RealRange[], options: Omit<QuantizeOptions, 'calibration'>,
): QuantizeResult {
  if (ranges.length !== layers.length) throw new RangeError(`expected ${layers.length} activation ranges, got ${ranges.length}`);
  const { scheme } = options;
  const params: QuantizationParams[] = ranges.map((range, l) => activationParams(scheme, range, l === 0 ? 'signed' : 'non-negative'));
  const weightScales: Float64Array[] = [];
  const weightClips: Float64Array[] = [];
  const outputScales: (number | null)[] = [];
  const quantizedLayers: QuantizedDenseLayer[] = layers.map((layer, l) => {
    const where = `layers[${l}]`;
    const { weights, scales, clips } = quantizeWeights(layer.weights, layer.outputs, {
      scheme, perChannel: options.perChannel, clipping: options.weightClipping,
    });
    weightScales.push(scales);
    weightClips.push(clips);
    const inputParams = params[l];
    const bias = layer.bias.map((b, n) => quantizeBias(b, inputParams.scale * scales[n], where));
    const folded = foldZeroPoints(weights, bias, inputParams.zeroPoint);
    const isLast = l === layers.length - 1;
    outputScales.push(isLast ? null : params[l + 1].scale);
    if (isLast) return { inputs: layer.inputs, outputs: layer.outputs, weights, bias: folded, requantization: null };
    const out = params[l + 1];
    const multiplier = new Int32Array(layer.outputs);
    const shift = new Int32Array(layer.outputs);
    scales.forEach((scale, n) => {
      const encoded = quantizeMultiplier(requantizationScale(inputParams.scale, scale, out.scale));
      multiplier[n] = encoded.multiplier;
      shift[n] = encoded.shift;
    });
    return {
      inputs: layer.inputs, outputs: layer.outputs, weights, bias: folded,
      requantization: { multiplier, shift, zeroPoint: out.zeroPoint, min: out.min, max: out.max },
    };
  });
  const mlp = { activationType: SCHEMES[scheme].activationType, input: params[0], layers: quantizedLayers };
  assertQuantizedMlp(mlp);
  return { quantized: { scheme, mlp, weightScales, outputScales }, ranges, weightClips };
}
