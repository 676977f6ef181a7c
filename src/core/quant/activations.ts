// Every tensor of the network over a batch of features, in float and through the integer pipeline, and their SQNR.
import { gemmFast } from '../../kernels/ref/gemm';
import { layerInputRange } from '../../kernels/ref/mlp';
import { quantizeInput } from '../../kernels/ref/quantize';
import { denseForward, reluInPlace, type DenseLayer } from '../mlp/mlp';
import type { ModelLayer } from '../model/gesture-model';
import { logitScales, type QuantizedGestureMlp } from '../model/int8-section';

/**
 * The float network's tensors for each sample, sample-major: [input, hidden 1 (after ReLU), …, logits
 * (before softmax)]. The same float32 arithmetic as FloatMlpClassifier.
 */
export function floatActivations(layers: readonly ModelLayer[], features: readonly ArrayLike<number>[]): Float32Array[] {
  const dense: DenseLayer[] = layers.map((layer) => ({
    ...layer, weights: Float32Array.from(layer.weights), bias: Float32Array.from(layer.bias),
  }));
  const count = features.length;
  const tensors = [new Float32Array(count * layers[0].inputs), ...layers.map((layer) => new Float32Array(count * layer.outputs))];
  features.forEach((sample, s) => {
    tensors[0].set(Array.prototype.slice.call(sample, 0, layers[0].inputs), s * layers[0].inputs);
    dense.forEach((layer, l) => {
      const input = tensors[l].subarray(s * layer.inputs, (s + 1) * layer.inputs);
      const output = tensors[l + 1].subarray(s * layer.outputs, (s + 1) * layer.outputs);
      denseForward(layer, input, output);
      if (l < dense.length - 1) reluInPlace(output);
    });
  });
  return tensors;
}

export interface IntegerActivations {
  /** Each tensor dequantized, laid out as floatActivations: [input, hidden…, logits]. */
  readonly tensors: Float32Array[];
  /** The int32 logits, sample-major. */
  readonly logits: Int32Array;
}

/**
 * The integer pipeline (input quantization, then one GEMM per layer, BigInt-free: TsInt8Mlp's arithmetic)
 * keeping every intermediate tensor, dequantized as s · (q − z) and the logits as s_in · s_w[n] · acc.
 */
export function integerActivations(quantized: QuantizedGestureMlp, features: readonly ArrayLike<number>[]): IntegerActivations {
  const { mlp, outputScales } = quantized;
  const count = features.length;
  const { input } = mlp;
  const inputs = mlp.layers[0].inputs;
  const raw = new Float32Array(count * inputs);
  features.forEach((sample, s) => raw.set(Array.prototype.slice.call(sample, 0, inputs), s * inputs));
  let codes = quantizeInput(raw, input.scale, input.zeroPoint, input.min, input.max);
  const tensors = [Float32Array.from(codes, (q) => input.scale * (q - input.zeroPoint))];
  mlp.layers.forEach((layer, l) => {
    codes = gemmFast({
      m: count, n: layer.outputs, k: layer.inputs, a: codes, inputRange: layerInputRange(mlp, l),
      weights: layer.weights, bias: layer.bias, requantization: layer.requantization,
    });
    const scale = outputScales[l];
    const zeroPoint = layer.requantization?.zeroPoint ?? 0;
    if (scale !== null) tensors.push(Float32Array.from(codes, (q) => scale * (q - zeroPoint)));
  });
  const scales = logitScales(quantized);
  const outputs = scales.length;
  tensors.push(Float32Array.from(codes, (acc, i) => acc * scales[i % outputs]));
  return { tensors, logits: codes };
}

/** Signal-to-quantization-noise ratio of `approximation` against `reference`, in dB (Infinity when exact). */
export function sqnrDb(reference: ArrayLike<number>, approximation: ArrayLike<number>): number {
  let signal = 0;
  let noise = 0;
  for (let i = 0; i < reference.length; i++) {
    signal += reference[i] * reference[i];
    const difference = reference[i] - approximation[i];
    noise += difference * difference;
  }
  if (noise === 0) return Infinity;
  return 10 * Math.log10(signal / noise);
}

/** Index of the largest of `width` values starting at row · width (the first on ties). */
export function argmaxRow(values: ArrayLike<number>, row: number, width: number): number {
  let best = 0;
  for (let i = 1; i < width; i++) if (values[row * width + i] > values[row * width + best]) best = i;
  return best;
}
