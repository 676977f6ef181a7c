// The few ONNX messages an MLP needs (Model, Graph, Node, Tensor, ValueInfo, Attribute), as typed objects and their encoding.
import { ProtoWriter } from './protobuf.ts';

/** TensorProto.DataType values used here. */
export const ONNX_TYPES = { float: 1, uint8: 2, int8: 3, int32: 6, int64: 7 } as const;
export type OnnxElementType = keyof typeof ONNX_TYPES;

/** A constant (an initializer): row-major values stored little-endian in raw_data. */
export interface OnnxTensor {
  readonly name: string;
  readonly type: OnnxElementType;
  readonly dims: readonly number[];
  readonly values: ArrayLike<number>;
}

/** A graph input or output: its element type and shape (a string names a free dimension, e.g. "batch"). */
export interface OnnxValueInfo {
  readonly name: string;
  readonly type: OnnxElementType;
  readonly shape: readonly (number | string)[];
}

export type OnnxAttribute =
  | { readonly name: string; readonly int: number }
  | { readonly name: string; readonly float: number }
  | { readonly name: string; readonly ints: readonly number[] };

export interface OnnxNode {
  readonly opType: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly name?: string;
  /** Empty for the standard ai.onnx operators. */
  readonly domain?: string;
  readonly attributes?: readonly OnnxAttribute[];
}

export interface OnnxGraph {
  readonly name: string;
  /** Topologically sorted. */
  readonly nodes: readonly OnnxNode[];
  readonly initializers: readonly OnnxTensor[];
  readonly inputs: readonly OnnxValueInfo[];
  readonly outputs: readonly OnnxValueInfo[];
}

export interface OnnxModel {
  readonly irVersion: number;
  readonly opsets: readonly { readonly domain: string; readonly version: number }[];
  readonly producerName: string;
  readonly producerVersion: string;
  readonly docString?: string;
  readonly graph: OnnxGraph;
}

// Field numbers from onnx/onnx.proto.
const MODEL = { irVersion: 1, producerName: 2, producerVersion: 3, docString: 6, graph: 7, opsetImport: 8 };
const OPSET = { domain: 1, version: 2 };
const GRAPH = { node: 1, name: 2, initializer: 5, input: 11, output: 12 };
const NODE = { input: 1, output: 2, name: 3, opType: 4, attribute: 5, domain: 7 };
const ATTRIBUTE = { name: 1, f: 2, i: 3, ints: 8, type: 20 };
const ATTRIBUTE_TYPES = { float: 1, int: 2, ints: 7 };
const TENSOR = { dims: 1, dataType: 2, name: 8, rawData: 9 };
const VALUE_INFO = { name: 1, type: 2 };
const TYPE = { tensorType: 1 };
const TENSOR_TYPE = { elemType: 1, shape: 2 };
const SHAPE = { dim: 1 };
const DIMENSION = { value: 1, param: 2 };

/** Serialises a model to the bytes of an .onnx file. */
export function encodeOnnxModel(model: OnnxModel): Uint8Array {
  const writer = new ProtoWriter();
  writer.int(MODEL.irVersion, model.irVersion);
  writer.string(MODEL.producerName, model.producerName);
  writer.string(MODEL.producerVersion, model.producerVersion);
  if (model.docString !== undefined) writer.string(MODEL.docString, model.docString);
  writer.message(MODEL.graph, (graph) => writeGraph(graph, model.graph));
  for (const { domain, version } of model.opsets) {
    writer.message(MODEL.opsetImport, (opset) => opset.string(OPSET.domain, domain).int(OPSET.version, version));
  }
  return writer.finish();
}

function writeGraph(writer: ProtoWriter, graph: OnnxGraph): void {
  for (const node of graph.nodes) writer.message(GRAPH.node, (w) => writeNode(w, node));
  writer.string(GRAPH.name, graph.name);
  for (const tensor of graph.initializers) writer.message(GRAPH.initializer, (w) => writeTensor(w, tensor));
  for (const input of graph.inputs) writer.message(GRAPH.input, (w) => writeValueInfo(w, input));
  for (const output of graph.outputs) writer.message(GRAPH.output, (w) => writeValueInfo(w, output));
}

function writeNode(writer: ProtoWriter, node: OnnxNode): void {
  for (const input of node.inputs) writer.string(NODE.input, input);
  for (const output of node.outputs) writer.string(NODE.output, output);
  if (node.name !== undefined) writer.string(NODE.name, node.name);
  writer.string(NODE.opType, node.opType);
  for (const attribute of node.attributes ?? []) writer.message(NODE.attribute, (w) => writeAttribute(w, attribute));
  if (node.domain) writer.string(NODE.domain, node.domain);
}

function writeAttribute(writer: ProtoWriter, attribute: OnnxAttribute): void {
  writer.string(ATTRIBUTE.name, attribute.name);
  if ('int' in attribute) {
    writer.int(ATTRIBUTE.type, ATTRIBUTE_TYPES.int).int(ATTRIBUTE.i, attribute.int);
  } else if ('float' in attribute) {
    writer.int(ATTRIBUTE.type, ATTRIBUTE_TYPES.float).float(ATTRIBUTE.f, attribute.float);
  } else {
    writer.int(ATTRIBUTE.type, ATTRIBUTE_TYPES.ints).packedInts(ATTRIBUTE.ints, attribute.ints);
  }
}

function writeTensor(writer: ProtoWriter, tensor: OnnxTensor): void {
  const count = tensor.dims.reduce((product, dim) => product * dim, 1);
  if (tensor.values.length !== count) {
    throw new RangeError(`tensor ${tensor.name} has ${tensor.values.length} values for dims [${tensor.dims.join(', ')}]`);
  }
  writer.packedInts(TENSOR.dims, tensor.dims);
  writer.int(TENSOR.dataType, ONNX_TYPES[tensor.type]);
  writer.string(TENSOR.name, tensor.name);
  writer.bytes(TENSOR.rawData, rawData(tensor));
}

/** Fixed-width little-endian elements, as raw_data requires; integers are range-checked. */
function rawData({ name, type, values }: OnnxTensor): Uint8Array {
  const width = { float: 4, uint8: 1, int8: 1, int32: 4, int64: 8 }[type];
  const view = new DataView(new ArrayBuffer(values.length * width));
  const ranges: Record<Exclude<OnnxElementType, 'float'>, [number, number]> = {
    uint8: [0, 255], int8: [-128, 127], int32: [-0x80000000, 0x7fffffff], int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  };
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (type === 'float') {
      view.setFloat32(i * 4, value, true);
      continue;
    }
    const [min, max] = ranges[type];
    if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`tensor ${name}[${i}] = ${value} is not a ${type}`);
    if (type === 'uint8') view.setUint8(i, value);
    else if (type === 'int8') view.setInt8(i, value);
    else if (type === 'int32') view.setInt32(i * 4, value, true);
    else view.setBigInt64(i * 8, BigInt(value), true);
  }
  return new Uint8Array(view.buffer);
}

function writeValueInfo(writer: ProtoWriter, info: OnnxValueInfo): void {
  writer.string(VALUE_INFO.name, info.name);
  writer.message(VALUE_INFO.type, (type) => type.message(TYPE.tensorType, (tensorType) => {
    tensorType.int(TENSOR_TYPE.elemType, ONNX_TYPES[info.type]);
    tensorType.message(TENSOR_TYPE.shape, (shape) => {
      for (const dim of info.shape) {
        shape.message(SHAPE.dim, (d) => (typeof dim === 'number' ? d.int(DIMENSION.value, dim) : d.string(DIMENSION.param, dim)));
      }
    });
  }));
}
