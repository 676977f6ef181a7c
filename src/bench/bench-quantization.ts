// The benchmark's own INT8 quantization of a gesture model (min/max calibration on real rows), with the real scales an ONNX export needs.
import type { GestureModel } from '../core/model/gesture-model';
import { foldZeroPoints, WEIGHT_MAX } from '../kernels/ref/gemm';
import { quantizeMultiplier } from '../kernels/ref/fixed-point';
import type { QuantizedDenseLayer, QuantizedMlp } from '../kernels/ref/mlp';
import { roundHalfToEven, SEVEN_BIT_RANGE, type QuantizationParams } from '../kernels/ref/quantize';

/** Activations stay in [0, 127] (stored as uint8), so every layer is eligible for the relaxed-SIMD kernel. */
const ACTIVATION_MAX = SEVEN_BIT_RANGE.max;

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

/**
 * Quantizes `model` as the benchmark runs it when the model file has no int8 section: int8 weights, symmetric per
 * output channel (scale = max|W|/127); uint8 activations held to 7 bits [0, 127] with scales from the min/max over
 * `calibration` (input: asymmetric with a zero point; hidden: [0, max] with zero point 0, i.e. the ReLU fused into
 * the clamp); int32 bias; gemmlowp multipliers; the last layer returns its int32 accumulators. Deterministic: the
 * page and node derive the same integers from the same rows.
 */
export function quantizeForBench(model: GestureModel, calibration: readonly ArrayLike<number>[]): BenchQuantization {
  if (calibration.length === 0) throw new RangeError('calibration needs at least one row of features');
  const ranges = calibrate(model, calibration);
  const inputLow = Math.min(0, ranges.inputMin);
  const inputHigh = Math.max(0, ranges.inputMax);
  const inputScale = positiveScale((inputHigh - inputLow) / ACTIVATION_MAX);
  const input: QuantizationParams = {
    scale: inputScale,
    zeroPoint: Math.min(ACTIVATION_MAX, Math.max(0, roundHalfToEven(-inputLow / inputScale))),
    min: 0,
    max: ACTIVATION_MAX,
  };
  const layers: QuantizedDenseLayer[] = [];
  const weightScales: Float32Array[] = [];
  const outputScales: (number | null)[] = [];
  let inScale = input.scale;
  let inZeroPoint = input.zeroPoint;
  model.layers.forEach((layer, l) => {
    const last = l === model.layers.length - 1;
    const { inputs, outputs } = layer;
    const scales = new Float32Array(outputs);
    const weights = new Int8Array(outputs * inputs);
    const bias = new Int32Array(outputs);
    for (let o = 0; o < outputs; o++) {
      let largest = 0;
      for (let i = 0; i < inputs; i++) largest = Math.max(largest, Math.abs(layer.weights[o * inputs + i]));
      scales[o] = largest > 0 ? positiveScale(largest / WEIGHT_MAX) : 1;
      for (let i = 0; i < inputs; i++) {
        const q = roundHalfToEven(layer.weights[o * inputs + i] / scales[o]);
        weights[o * inputs + i] = Math.max(-WEIGHT_MAX, Math.min(WEIGHT_MAX, q));
      }
      bias[o] = roundHalfToEven(layer.bias[o] / (inScale * scales[o]));
    }
    const outputScale = last ? null : positiveScale(ranges.outputMax[l] / ACTIVATION_MAX);
    let requantization: QuantizedDenseLayer['requantization'] = null;
    if (outputScale !== null) {
      const multiplier = new Int32Array(outputs);
      const shift = new Int32Array(outputs);
      for (let o = 0; o < outputs; o++) {
        const quantized = quantizeMultiplier((inScale * scales[o]) / outputScale);
        multiplier[o] = quantized.multiplier;
        shift[o] = quantized.shift;
      }
      requantization = { multiplier, shift, zeroPoint: 0, min: 0, max: ACTIVATION_MAX };
    }
    layers.push({ inputs, outputs, weights, bias: foldZeroPoints(weights, bias, inZeroPoint), requantization });
    weightScales.push(scales);
    outputScales.push(outputScale);
    if (outputScale !== null) {
      inScale = outputScale;
      inZeroPoint = 0;
    }
  });
  return describeQuantization(model, { activationType: 'uint8', input, layers }, weightScales, outputScales, calibration,
    `bench-local: int8 weights symmetric per channel, uint8 activations in 7 bits [0, 127] `
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
  const ranges = calibrate(model, calibration);
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
    const described = { weightScales: scales, bias, inputScale, inputZeroPoint, outputScale, preBiasAbsMax: ranges.preBiasAbsMax[l] };
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

interface CalibrationRanges {
  inputMin: number;
  inputMax: number;
  /** Per layer: the largest post-ReLU output (hidden layers). */
  outputMax: number[];
  preBiasAbsMax: number[];
}

/**
 * The float forward pass over every row, recording the ranges the scales are made from. Its own loops, not
 * core/mlp's: feeding those other array types here would make the float engine's code polymorphic, and the
 * benchmark would time a slower float engine than the app runs.
 */
function calibrate(model: GestureModel, rows: readonly ArrayLike<number>[]): CalibrationRanges {
  const ranges: CalibrationRanges = {
    inputMin: Infinity, inputMax: -Infinity, outputMax: model.layers.map(() => 0), preBiasAbsMax: model.layers.map(() => 0),
  };
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      ranges.inputMin = Math.min(ranges.inputMin, row[i]);
      ranges.inputMax = Math.max(ranges.inputMax, row[i]);
    }
    let current = Array.from(row);
    model.layers.forEach((layer, l) => {
      const output: number[] = [];
      for (let o = 0; o < layer.outputs; o++) {
        let sum = 0;
        for (let i = 0; i < layer.inputs; i++) sum += layer.weights[o * layer.inputs + i] * current[i];
        ranges.preBiasAbsMax[l] = Math.max(ranges.preBiasAbsMax[l], Math.abs(sum));
        const activated = Math.max(0, sum + layer.bias[o]);
        ranges.outputMax[l] = Math.max(ranges.outputMax[l], activated);
        output.push(activated);
      }
      current = output;
    });
  }
  return ranges;
}

/** A float32 scale > 0 (a layer that never fires still gets a usable one). */
function positiveScale(value: number): number {
  const scale = Math.fround(value);
  return scale > 0 && Number.isFinite(scale) ? scale : 1;
}
