// Reads the parts of a TFLite model we need, and adds a metadata buffer to it without re-serialising the graph.
import { Builder } from 'flatbuffers';
import { FlatBufferError, type FlatTable, readFlatRoot, withReadContext } from './flat-reader.ts';

export const TFLITE_FILE_IDENTIFIER = 'TFL3';
/** The Model.metadata name under which TFLite (and MediaPipe) look for a ModelMetadata flatbuffer. */
export const TFLITE_METADATA_NAME = 'TFLITE_METADATA';

/** Field ids of tensorflow/lite/schema/schema.fbs (ids count from 0 in declaration order). */
const MODEL = {
  version: 0, operatorCodes: 1, subgraphs: 2, description: 3, buffers: 4,
  metadataBuffer: 5, metadata: 6, signatureDefs: 7, fieldCount: 8,
} as const;
const SUBGRAPH = { tensors: 0, inputs: 1, outputs: 2 } as const;
const TENSOR = { shape: 0, type: 1, name: 3 } as const;
const BUFFER = { data: 0, offset: 1 } as const;
const METADATA = { name: 0, buffer: 1 } as const;
const TENSOR_TYPE_FLOAT32 = 0;
/** TFLite's converter aligns buffer data to 16 bytes; the prefix we add keeps every old offset congruent. */
const BUFFER_ALIGNMENT = 16;

export interface ImageInputShape {
  tensorName: string;
  height: number;
  width: number;
  channels: number;
}

/** The first input of the main subgraph, which must be a float32 NHWC image with one batch. */
export function readImageInputShape(model: Uint8Array, label: string): ImageInputShape {
  return withReadContext(label, () => {
    const subgraph = mainSubgraph(model, label);
    const [inputIndex] = subgraph.int32s(SUBGRAPH.inputs);
    const tensor = tensorAt(subgraph, inputIndex, label);
    const shape = tensor.int32s(TENSOR.shape);
    const type = tensor.int8(TENSOR.type, TENSOR_TYPE_FLOAT32);
    if (shape.length !== 4 || shape[0] !== 1 || type !== TENSOR_TYPE_FLOAT32) {
      throw new FlatBufferError(
        `${label}: input tensor has shape [${shape.join(', ')}] and type ${type}; expected a float32 [1, height, width, channels] image`,
      );
    }
    const [, height, width, channels] = shape;
    return { tensorName: tensor.string(TENSOR.name) ?? 'input', height, width, channels };
  });
}

/** Names of the main subgraph's output tensors, in output order. */
export function readOutputTensorNames(model: Uint8Array, label: string): string[] {
  return withReadContext(label, () => {
    const subgraph = mainSubgraph(model, label);
    return subgraph.int32s(SUBGRAPH.outputs).map(
      (index, position) => tensorAt(subgraph, index, label).string(TENSOR.name) ?? `output_${position}`,
    );
  });
}

/** Names of the Model.metadata entries, in order (e.g. min_runtime_version, TFLITE_METADATA). */
export function readMetadataEntryNames(model: Uint8Array, label: string): string[] {
  return withReadContext(label, () =>
    readFlatRoot(model, TFLITE_FILE_IDENTIFIER, label).tables(MODEL.metadata).map((entry) => entry.string(METADATA.name) ?? ''),
  );
}

/** The bytes of the buffer a named Model.metadata entry points at, or null when there is no such entry. */
export function readMetadataBuffer(model: Uint8Array, entryName: string, label: string): Uint8Array | null {
  return withReadContext(label, () => {
    const root = readFlatRoot(model, TFLITE_FILE_IDENTIFIER, label);
    const entry = root.tables(MODEL.metadata).find((candidate) => candidate.string(METADATA.name) === entryName);
    if (entry === undefined) return null;
    const buffers = root.tables(MODEL.buffers);
    const index = entry.uint32(METADATA.buffer, 0);
    if (index >= buffers.length) {
      throw new FlatBufferError(`${label}: metadata ${entryName} points at buffer ${index} of ${buffers.length}`);
    }
    return buffers[index].bytes(BUFFER.data) ?? new Uint8Array(0);
  });
}

/**
 * A copy of `model` whose Model.metadata gains an entry TFLITE_METADATA pointing at a new buffer holding `metadata`.
 * An older TFLITE_METADATA entry is dropped; every other entry and buffer index is kept.
 *
 * FlatBuffer references only point forward, so the old model can stay byte for byte as it is: we write a new root
 * table (and new `buffers` and `metadata` vectors) in front of it, referring to the old tables in place. The old
 * root table becomes a few dead bytes. Re-serialising the graph instead would need the whole TFLite schema.
 */
export function attachModelMetadata(model: Uint8Array, metadata: Uint8Array, label: string): Uint8Array {
  return withReadContext(label, () => {
    const root = readFlatRoot(model, TFLITE_FILE_IDENTIFIER, label);
    if (root.fieldCount() > MODEL.fieldCount) {
      throw new FlatBufferError(`${label}: Model has ${root.fieldCount()} fields; this tool knows ${MODEL.fieldCount}`);
    }
    const oldBuffers = root.tables(MODEL.buffers);
    refuseExternalBuffers(oldBuffers, label);
    const keptEntries = root.tables(MODEL.metadata).filter((entry) => entry.string(METADATA.name) !== TFLITE_METADATA_NAME);

    const builder = new Builder(metadata.length + 1024);
    const data = writeAlignedBytes(builder, metadata, BUFFER_ALIGNMENT);
    const newBuffer = writeTable(builder, 1, () => builder.addFieldOffset(BUFFER.data, data, 0));
    const entryName = builder.createString(TFLITE_METADATA_NAME);
    const newEntry = writeTable(builder, 2, () => {
      builder.addFieldOffset(METADATA.name, entryName, 0);
      builder.addFieldInt32(METADATA.buffer, oldBuffers.length, 0);
    });
    const buffers = writeOffsetVector(builder, [...oldBuffers.map(offsetOfOldTable), newBuffer]);
    const entries = writeOffsetVector(builder, [...keptEntries.map(offsetOfOldTable), newEntry]);
    const newRoot = writeTable(builder, MODEL.fieldCount, () => {
      builder.addFieldInt32(MODEL.version, root.uint32(MODEL.version, 0), 0);
      for (const id of [MODEL.operatorCodes, MODEL.subgraphs, MODEL.description, MODEL.metadataBuffer, MODEL.signatureDefs]) {
        const target = root.referencedPosition(id);
        if (target !== null) builder.addFieldOffset(id, offsetOfOldPosition(target), 0);
      }
      builder.addFieldOffset(MODEL.buffers, buffers, 0);
      builder.addFieldOffset(MODEL.metadata, entries, 0);
    });
    builder.finish(newRoot, TFLITE_FILE_IDENTIFIER);

    const prefix = builder.asUint8Array();
    if (prefix.length % BUFFER_ALIGNMENT !== 0) {
      throw new Error(`internal: new model header is ${prefix.length} bytes, not a multiple of ${BUFFER_ALIGNMENT}`);
    }
    const result = new Uint8Array(prefix.length + model.length);
    result.set(prefix, 0);
    result.set(model, prefix.length);
    return result;
  });
}

/**
 * The builder measures an object's offset from the end of what it has written so far. The old model is appended
 * right after that end, so an old object at position p sits p bytes beyond it: its builder offset is -p.
 */
function offsetOfOldPosition(position: number): number {
  return -position;
}

function offsetOfOldTable(table: FlatTable): number {
  return offsetOfOldPosition(table.position);
}

/** Buffers stored outside the FlatBuffer (models over 2 GB) are addressed from the file start, which we move. */
function refuseExternalBuffers(buffers: FlatTable[], label: string): void {
  if (buffers.some((buffer) => buffer.uint64(BUFFER.offset, 0n) > 1n)) {
    throw new FlatBufferError(`${label}: has buffers stored outside the FlatBuffer; not supported`);
  }
}

function mainSubgraph(model: Uint8Array, label: string): FlatTable {
  const [subgraph] = readFlatRoot(model, TFLITE_FILE_IDENTIFIER, label).tables(MODEL.subgraphs);
  if (subgraph === undefined) throw new FlatBufferError(`${label}: model has no subgraph`);
  return subgraph;
}

function tensorAt(subgraph: FlatTable, index: number | undefined, label: string): FlatTable {
  const tensors = subgraph.tables(SUBGRAPH.tensors);
  if (index === undefined || index < 0 || index >= tensors.length) {
    throw new FlatBufferError(`${label}: tensor index ${index} is not among the ${tensors.length} tensors`);
  }
  return tensors[index];
}

export function writeTable(builder: Builder, fieldCount: number, addFields: () => void): number {
  builder.startObject(fieldCount);
  addFields();
  return builder.endObject();
}

export function writeOffsetVector(builder: Builder, offsets: readonly number[]): number {
  builder.startVector(4, offsets.length, 4);
  for (let i = offsets.length - 1; i >= 0; i--) builder.addOffset(offsets[i]);
  return builder.endVector();
}

/** A [ubyte] vector whose first byte is aligned to `alignment` (the builder writes back to front). */
function writeAlignedBytes(builder: Builder, bytes: Uint8Array, alignment: number): number {
  builder.startVector(1, bytes.length, alignment);
  for (let i = bytes.length - 1; i >= 0; i--) builder.addInt8(bytes[i]);
  return builder.endVector();
}
