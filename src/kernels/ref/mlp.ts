// A quantized MLP (what the kernels run end to end) and its reference forward pass: floats in, integers out.
import { assertGemmProblem, gemmFast, gemmReference, type GemmProblem, type Requantization } from './gemm';
import {
  ACTIVATION_RANGES, assertQuantizationRange, quantizeInput, quantizeValue, type ActivationType, type IntRange, type QuantizationParams,
} from './quantize';

/** One dense layer in integers. Its input zero point is already folded into `bias` (foldZeroPoints). */
export interface QuantizedDenseLayer {
  readonly inputs: number;
  readonly outputs: number;
  /** Row-major outputs × inputs, in [-127, 127]. */
  readonly weights: Int8Array;
  readonly bias: Int32Array;
  /** null only for the last layer: its int32 accumulators (at scale s_in·s_w[n]) are the logits. */
  readonly requantization: Requantization | null;
}

export interface QuantizedMlp {
  /** The storage type of every activation, the quantized input included. */
  readonly activationType: ActivationType;
  readonly input: QuantizationParams;
  readonly layers: readonly QuantizedDenseLayer[];
}

/** The range layer `index` reads: the input's [min, max], then each requantized layer's output range. */
export function layerInputRange(mlp: QuantizedMlp, index: number): IntRange {
  if (index === 0) return { min: mlp.input.min, max: mlp.input.max };
  const previous = mlp.layers[index - 1].requantization;
  if (previous === null) throw new RangeError(`layers[${index - 1}] has no requantization but is not the last layer`);
  return { min: previous.min, max: previous.max };
}

/** Throws, naming the layer, unless every layer chains and meets the kernels' contract (ranges, bounds). */
export function assertQuantizedMlp(mlp: QuantizedMlp): void {
  const { activationType, input, layers } = mlp;
  if (layers.length === 0) throw new RangeError('a quantized MLP needs at least one layer');
  assertQuantizationRange(activationType, input, 'input');
  const scale = Math.fround(input.scale);
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`input scale must be a positive finite float32, got ${input.scale}`);
  layers.forEach((layer, i) => {
    const where = `layers[${i}]`;
    const expectedInputs = i === 0 ? null : layers[i - 1].outputs;
    if (expectedInputs !== null && layer.inputs !== expectedInputs) {
      throw new RangeError(`${where}.inputs is ${layer.inputs}, expected ${expectedInputs}`);
    }
    if (layer.requantization === null && i !== layers.length - 1) {
      throw new RangeError(`${where}: only the last layer may output int32 accumulators`);
    }
    if (layer.requantization !== null) assertQuantizationRange(activationType, layer.requantization, `${where} output`);
    const inputRange = layerInputRange(mlp, i);
    try {
      // One row of valid activations: the checks that matter here are the shapes, weights and bounds.
      const a = new Int32Array(layer.inputs).fill(inputRange.min);
      assertGemmProblem({ ...layer, m: 1, n: layer.outputs, k: layer.inputs, a, inputRange });
    } catch (error) {
      throw new RangeError(`${where}: ${(error as Error).message}`);
    }
  });
}

/** The spec forward pass: quantizeInput, then gemmReference layer by layer. `features` holds batch × inputs floats. */
export function runQuantizedMlpReference(mlp: QuantizedMlp, features: ArrayLike<number>, batch = 1): Int32Array {
  assertQuantizedMlp(mlp);
  const { input } = mlp;
  let current = quantizeInput(features, input.scale, input.zeroPoint, input.min, input.max);
  mlp.layers.forEach((layer, i) => {
    current = gemmReference({
      m: batch, n: layer.outputs, k: layer.inputs, a: current, inputRange: layerInputRange(mlp, i),
      weights: layer.weights, bias: layer.bias, requantization: layer.requantization,
    });
  });
  return current;
}

/**
 * The fast TypeScript engine ("int8-ts"): the same arithmetic without BigInt and without per-call allocation.
 * The parity tests hold it to the reference bit for bit.
 */
export class TsInt8Mlp {
  readonly engine = 'int8-ts';
  readonly inputs: number;
  readonly outputs: number;
  private readonly buffers: Int32Array[];
  private readonly problems: GemmProblem[];

  constructor(private readonly mlp: QuantizedMlp, readonly maxBatch = 1) {
    assertQuantizedMlp(mlp);
    this.inputs = mlp.layers[0].inputs;
    this.outputs = mlp.layers[mlp.layers.length - 1].outputs;
    this.buffers = [new Int32Array(maxBatch * this.inputs), ...mlp.layers.map((layer) => new Int32Array(maxBatch * layer.outputs))];
    this.problems = mlp.layers.map((layer, i) => ({
      m: maxBatch, n: layer.outputs, k: layer.inputs, a: this.buffers[i], inputRange: ACTIVATION_RANGES[mlp.activationType],
      weights: layer.weights, bias: layer.bias, requantization: layer.requantization,
    }));
  }

  /** Logits for `batch` rows of features; the returned array is reused by the next call. */
  run(features: ArrayLike<number>, batch = 1): Int32Array {
    if (batch > this.maxBatch || features.length < batch * this.inputs) {
      throw new RangeError(`expected ${batch} × ${this.inputs} features (max batch ${this.maxBatch}), got ${features.length}`);
    }
    const { scale, zeroPoint, min, max } = this.mlp.input;
    const quantized = this.buffers[0];
    for (let i = 0; i < batch * this.inputs; i++) quantized[i] = quantizeValue(features[i], scale, zeroPoint, min, max);
    this.problems.forEach((problem, i) => gemmFast(problem, this.buffers[i + 1], batch));
    return this.buffers[this.buffers.length - 1].subarray(0, batch * this.outputs);
  }
}
