// The INT8 network the benchmark runs (the model file's int8 section, else core/quant on real rows), with the real scales an ONNX export needs.
import type { GestureModel } from '../core/model/gesture-model';
import { quantizeGestureModel, type QuantizeOptions } from '../core/quant/quantize-model';
import type { QuantizedMlp } from '../kernels/ref/mlp';

/** One layer's real-number view: what the integers mean. All scales are float32 values. */
export interface LayerScales {
  /** Per output channel: real weight = weightScales[n] · q. */
  readonly weightScales: Float64Array;
  /** The int32 bias at scale inputScale · weightScales[n], zero points not folded in (ONNX's meaning of an int32 bias). */
  readonly bias: Int32Array;
  /** The scale of the layer's input activations. */
  readonly inputScale: number;
  readonly inputZeroPoint: number;
  /** The scale of its output (ReLU fused: qmin = the zero point); null for the logits layer (int32 accumulators out). */
  readonly outputScale: number | null;
  /** max |W·x| over the calibration rows, before the bias: for runtimes whose quantized matmul has no bias input. */
  readonly preBiasAbsMax: number;
}

export interface BenchQuantization {
  readonly mlp: QuantizedMlp;
  readonly layers: readonly LayerScales[];
  /** Real logit n = headScales[n] · accumulator n: per-channel weight scales make raw accumulators incomparable. */
  readonly headScales: Float64Array;
  readonly description: string;
}

/** How the benchmark quantizes a model file without an int8 section: core/quant's u7 scheme with min/max ranges. */
export const BENCH_QUANT_OPTIONS: QuantizeOptions = { scheme: 'u7', calibration: 'minmax', perChannel: true, weightClipping: 'none' };

/**
 * Quantizes `model` as the benchmark runs it when the model file has no int8 section, with core/quant (the
 * app's own quantizer): int8 weights, symmetric per output channel; uint8 activations held to 7 bits [0, 127]
 * (so every layer is eligible for the relaxed-SIMD kernel) with ranges from the min/max over `calibration`;
 * int32 bias; gemmlowp multipliers; the last layer returns its int32 accumulators. Deterministic: the page and
 * node derive the same integers from the same rows.
 */
export function quantizeForBench(model: GestureModel, calibration: readonly ArrayLike<number>[]): BenchQuantization {
  if (calibration.length === 0) throw new RangeError('calibration needs at least one row of features');
  const { quantized } = quantizeGestureModel(model, calibration, BENCH_QUANT_OPTIONS);
  return describeQuantization(model, quantized.mlp, quantized.weightScales, quantized.outputScales, calibration,
    `bench-local (core/quant): int8 weights symmetric per channel, uint8 activations in 7 bits [0, 127] `
    + `(min/max over ${calibration.length} real rows), int32 bias, int32 logits × per-channel scale`);
}

/**
 * What the benchmark runs: the model file's int8 section when it has one (what the app ships), else
 * quantizeForBench's own quantization. `calibration` also sets the pre-bias ranges the QLinearMatMul export needs.
 */
export function benchQuantizationOf(model: GestureModel, calibration: readonly ArrayLike<number>[]): BenchQuantization {
  const section = model.int8;
  if (section === undefined) return quantizeForBench(model, calibration);
  const { method, perChannel } = section.calibration;
  return describeQuantization(model, section.mlp, section.weightScales, section.outputScales, calibration,
    `the model file's int8 section: scheme ${section.scheme}, ${section.mlp.activationType} activations, ${method} calibration, `
    + `${perChannel ? 'per-channel' : 'per-tensor'} int8 weights, int32 logits × per-channel scale `
    + `(the ${calibration.length} calibration rows set only the ONNX QLinearMatMul's pre-bias scale)`);
}

/**
 * The real-number view of an integer network (ours, or a model file's int8 section): each layer's input scale and
 * zero point, its bias with the zero point unfolded, and the pre-bias range over `calibration` (float weights).
 */
export function describeQuantization(
  model: GestureModel, mlp: QuantizedMlp, weightScales: readonly ArrayLike<number>[], outputScales: readonly (number | null)[],
  calibration: readonly ArrayLike<number>[], description: string,
): BenchQuantization {
  const preBias = preBiasAbsMax(model, calibration);
  let inputScale = mlp.input.scale;
  let inputZeroPoint = mlp.input.zeroPoint;
  const layers = mlp.layers.map((layer, l): LayerScales => {
    const scales = Float64Array.from(weightScales[l]);
    const bias = new Int32Array(layer.outputs);
    for (let o = 0; o < layer.outputs; o++) {
      let rowSum = 0;
      for (let i = 0; i < layer.inputs; i++) rowSum += layer.weights[o * layer.inputs + i];
      bias[o] = layer.bias[o] + inputZeroPoint * rowSum;
    }
    const outputScale = outputScales[l];
    const described = { weightScales: scales, bias, inputScale, inputZeroPoint, outputScale, preBiasAbsMax: preBias[l] };
    if (layer.requantization !== null && outputScale !== null) {
      inputScale = outputScale;
      inputZeroPoint = layer.requantization.zeroPoint;
    }
    return described;
  });
  const head = layers[layers.length - 1];
  return {
    mlp,
    layers,
    headScales: Float64Array.from(head.weightScales, (w) => head.inputScale * w),
    description,
  };
}

/** The index of the largest real logit, from int32 accumulators and their per-channel scales. */
export function labelIndexOfAccumulators(accumulators: ArrayLike<number>, headScales: Float64Array): number {
  let best = 0;
  let bestValue = -Infinity;
  for (let n = 0; n < headScales.length; n++) {
    const value = accumulators[n] * headScales[n];
    if (value > bestValue) {
      bestValue = value;
      best = n;
    }
  }
  return best;
}

/**
 * Per layer, max |W·x| over the rows before the bias (float weights): the QLinearMatMul export's pre-bias scale.
 * Its own loops, not core/mlp's: feeding those other array types here would make the float engine's code
 * polymorphic, and the benchmark would time a slower float engine than the app runs.
 */
function preBiasAbsMax(model: GestureModel, rows: readonly ArrayLike<number>[]): number[] {
  const largest = model.layers.map(() => 0);
  for (const row of rows) {
    let current = Array.from(row);
    model.layers.forEach((layer, l) => {
      const output: number[] = [];
      for (let o = 0; o < layer.outputs; o++) {
        let sum = 0;
        for (let i = 0; i < layer.inputs; i++) sum += layer.weights[o * layer.inputs + i] * current[i];
        largest[l] = Math.max(largest[l], Math.abs(sum));
        output.push(Math.max(0, sum + layer.bias[o]));
      }
      current = output;
    });
  }
  return largest;
}
