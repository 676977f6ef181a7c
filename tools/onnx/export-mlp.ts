// Exports the gesture MLP to ONNX: float (Gemm, Relu, Softmax) and INT8 (QLinearMatMul, or MatMulInteger), same weights as ours.
import type { GestureModel } from '../../src/core/model/gesture-model.ts';
import type { BenchQuantization } from '../../src/bench/bench-quantization.ts';
import { encodeOnnxModel, type OnnxNode, type OnnxTensor } from './onnx-proto.ts';

/** Opset 13: per-axis QuantizeLinear and Softmax over the last axis; IR version 7 is what opset 13 needs. */
export const ONNX_OPSET = 13;
const IR_VERSION = 7;
export const ONNX_INPUT = 'features';
export const ONNX_OUTPUT = 'probabilities';
const BATCH = 'batch';

function model(name: string, doc: string, nodes: OnnxNode[], initializers: OnnxTensor[], inputs: number, outputs: number): Uint8Array {
  return encodeOnnxModel({
    irVersion: IR_VERSION,
    opsets: [{ domain: '', version: ONNX_OPSET }],
    producerName: 'handcast tools/onnx',
    producerVersion: '1',
    docString: doc,
    graph: {
      name,
      nodes,
      initializers,
      inputs: [{ name: ONNX_INPUT, type: 'float', shape: [BATCH, inputs] }],
      outputs: [{ name: ONNX_OUTPUT, type: 'float', shape: [BATCH, outputs] }],
    },
  });
}

/** Row-major N×K (ours) to K×N (MatMul's B). */
function transpose(values: ArrayLike<number>, rows: number, columns: number): number[] {
  const out = new Array<number>(rows * columns);
  for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) out[c * rows + r] = values[r * columns + c];
  return out;
}

/** The float network as is: per layer Gemm(x, W, b, transB = 1), Relu between layers, Softmax at the end. */
export function exportFloatMlp(gesture: GestureModel): Uint8Array {
  const nodes: OnnxNode[] = [];
  const initializers: OnnxTensor[] = [];
  let current = ONNX_INPUT;
  gesture.layers.forEach((layer, l) => {
    const last = l === gesture.layers.length - 1;
    initializers.push(
      { name: `W${l}`, type: 'float', dims: [layer.outputs, layer.inputs], values: layer.weights },
      { name: `b${l}`, type: 'float', dims: [layer.outputs], values: layer.bias },
    );
    nodes.push({ opType: 'Gemm', name: `dense${l}`, inputs: [current, `W${l}`, `b${l}`], outputs: [`z${l}`], attributes: [{ name: 'transB', int: 1 }] });
    const activated = last ? ONNX_OUTPUT : `h${l}`;
    nodes.push({ opType: last ? 'Softmax' : 'Relu', name: `${last ? 'softmax' : 'relu'}${l}`, inputs: [`z${l}`], outputs: [activated] });
    current = activated;
  });
  return model('handcast-gesture-mlp-float', 'Handcast gesture MLP, float32', nodes, initializers,
    gesture.layers[0].inputs, gesture.layers[gesture.layers.length - 1].outputs);
}

/** The zero point the QLinearMatMul's pre-bias output gets: the middle of the type, so negative sums survive. */
const PRE_BIAS_ZERO_POINT = { uint8: 128, int8: 0 } as const;

/** The constants both INT8 graphs share: the input quantizer and each layer's int8 weights (K×N). */
function int8Common(quant: BenchQuantization): { nodes: OnnxNode[]; initializers: OnnxTensor[] } {
  const { input, activationType } = quant.mlp;
  const initializers: OnnxTensor[] = [
    { name: 'x_scale', type: 'float', dims: [], values: [input.scale] },
    { name: 'x_zero_point', type: activationType, dims: [], values: [input.zeroPoint] },
  ];
  quant.mlp.layers.forEach((layer, l) => {
    initializers.push({ name: `W${l}_q`, type: 'int8', dims: [layer.inputs, layer.outputs], values: transpose(layer.weights, layer.outputs, layer.inputs) });
  });
  // QuantizeLinear rounds half to even and saturates to the type, as our input quantizer does (which may clamp tighter).
  const nodes: OnnxNode[] = [{ opType: 'QuantizeLinear', name: 'quantize_input', inputs: [ONNX_INPUT, 'x_scale', 'x_zero_point'], outputs: ['a0_q'] }];
  return { nodes, initializers };
}

/** A hidden layer's real-valued output `z` → Relu → QuantizeLinear to the next layer's activations. */
function reluAndQuantize(quant: BenchQuantization, l: number, z: string, scale: number, zeroPoint: number): { nodes: OnnxNode[]; initializers: OnnxTensor[] } {
  return {
    initializers: [
      { name: `a${l + 1}_scale_out`, type: 'float', dims: [], values: [scale] },
      { name: `a${l + 1}_zero_point_out`, type: quant.mlp.activationType, dims: [], values: [zeroPoint] },
    ],
    nodes: [
      { opType: 'Relu', name: `relu${l}`, inputs: [z], outputs: [`r${l}`] },
      { opType: 'QuantizeLinear', name: `requantize${l}`, inputs: [`r${l}`, `a${l + 1}_scale_out`, `a${l + 1}_zero_point_out`], outputs: [`a${l + 1}_q`] },
    ],
  };
}

/**
 * The INT8 network in ONNX's quantized operators. Per layer:
 *   QLinearMatMul(a_q, W_q int8 K×N, per-column weight scales) → 8 bits at a pre-bias scale (ORT's kernels want the
 *     output type of the input; its zero point is the middle of the type so negative sums survive)
 *   DequantizeLinear → Add(bias, the int32 bias dequantized) → Relu → QuantizeLinear (the next layer's activations)
 * QLinearMatMul has no bias input, hence the Dequantize/Add/Quantize around it; the last layer ends in Softmax.
 * Same int8 weights, input and activation scales and zero points as BenchQuantization; the pre-bias rounding is
 * extra, so results agree with ours closely but not bit for bit.
 */
export function exportInt8MlpQLinear(quant: BenchQuantization): Uint8Array {
  const { nodes, initializers } = int8Common(quant);
  const { activationType } = quant.mlp;
  const last = quant.layers.length - 1;
  quant.layers.forEach((scales, l) => {
    const { outputs, requantization } = quant.mlp.layers[l];
    const preBiasScale = Math.fround(Math.max(scales.preBiasAbsMax, 1e-12) / 127);
    initializers.push(
      { name: `a${l}_scale`, type: 'float', dims: [], values: [scales.inputScale] },
      { name: `a${l}_zero_point`, type: activationType, dims: [], values: [scales.inputZeroPoint] },
      { name: `W${l}_scale`, type: 'float', dims: [outputs], values: scales.weightScales },
      { name: `W${l}_zero_point`, type: 'int8', dims: [outputs], values: new Int8Array(outputs) },
      { name: `mm${l}_scale`, type: 'float', dims: [], values: [preBiasScale] },
      { name: `mm${l}_zero_point`, type: activationType, dims: [], values: [PRE_BIAS_ZERO_POINT[activationType]] },
      { name: `b${l}`, type: 'float', dims: [outputs], values: Float32Array.from(scales.bias, (b, n) => b * scales.inputScale * scales.weightScales[n]) },
    );
    nodes.push(
      {
        opType: 'QLinearMatMul', name: `matmul${l}`,
        inputs: [`a${l}_q`, `a${l}_scale`, `a${l}_zero_point`, `W${l}_q`, `W${l}_scale`, `W${l}_zero_point`, `mm${l}_scale`, `mm${l}_zero_point`],
        outputs: [`mm${l}_q`],
      },
      { opType: 'DequantizeLinear', name: `dequantize${l}`, inputs: [`mm${l}_q`, `mm${l}_scale`, `mm${l}_zero_point`], outputs: [`mm${l}`] },
      { opType: 'Add', name: `bias${l}`, inputs: [`mm${l}`, `b${l}`], outputs: [`z${l}`] },
    );
    if (l === last || scales.outputScale === null || requantization === null) {
      nodes.push({ opType: 'Softmax', name: 'softmax', inputs: [`z${l}`], outputs: [ONNX_OUTPUT] });
      return;
    }
    const next = reluAndQuantize(quant, l, `z${l}`, scales.outputScale, requantization.zeroPoint);
    nodes.push(...next.nodes);
    initializers.push(...next.initializers);
  });
  return model('handcast-gesture-mlp-int8-qlinear', 'Handcast gesture MLP, INT8 (QLinearMatMul)', nodes, initializers,
    quant.mlp.layers[0].inputs, quant.mlp.layers[last].outputs);
}

/**
 * The INT8 network the way our kernels compute it: MatMulInteger (8-bit × int8 → int32, input zero point
 * subtracted) + Add(int32 bias), then Cast → Mul(s_in·s_w per channel: real values); hidden layers go on through
 * Relu → QuantizeLinear, the last layer's real logits through Softmax.
 */
export function exportInt8MlpMatMulInteger(quant: BenchQuantization): Uint8Array {
  const { nodes, initializers } = int8Common(quant);
  const { activationType } = quant.mlp;
  const last = quant.layers.length - 1;
  quant.layers.forEach((scales, l) => {
    const { outputs, requantization } = quant.mlp.layers[l];
    initializers.push(
      { name: `a${l}_zero_point`, type: activationType, dims: [], values: [scales.inputZeroPoint] },
      { name: `b${l}_q`, type: 'int32', dims: [outputs], values: scales.bias },
      { name: `s${l}`, type: 'float', dims: [outputs], values: Float32Array.from(scales.weightScales, (w) => scales.inputScale * w) },
    );
    nodes.push(
      { opType: 'MatMulInteger', name: `matmul${l}`, inputs: [`a${l}_q`, `W${l}_q`, `a${l}_zero_point`], outputs: [`acc${l}`] },
      { opType: 'Add', name: `bias${l}`, inputs: [`acc${l}`, `b${l}_q`], outputs: [`accb${l}`] },
      { opType: 'Cast', name: `cast${l}`, inputs: [`accb${l}`], outputs: [`accf${l}`], attributes: [{ name: 'to', int: 1 }] },
      { opType: 'Mul', name: `dequantize${l}`, inputs: [`accf${l}`, `s${l}`], outputs: [`z${l}`] },
    );
    if (l === last || scales.outputScale === null || requantization === null) {
      nodes.push({ opType: 'Softmax', name: 'softmax', inputs: [`z${l}`], outputs: [ONNX_OUTPUT] });
      return;
    }
    const next = reluAndQuantize(quant, l, `z${l}`, scales.outputScale, requantization.zeroPoint);
    nodes.push(...next.nodes);
    initializers.push(...next.initializers);
  });
  return model('handcast-gesture-mlp-int8-matmulinteger', 'Handcast gesture MLP, INT8 (MatMulInteger)', nodes, initializers,
    quant.mlp.layers[0].inputs, quant.mlp.layers[last].outputs);
}
