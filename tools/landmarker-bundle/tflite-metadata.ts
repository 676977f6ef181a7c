// Writes and reads the TFLite ModelMetadata (M001) that MediaPipe Tasks needs to feed an image to a model.
import { Builder } from 'flatbuffers';
import { type FlatTable, readFlatRoot, withReadContext } from './flat-reader.ts';
import {
  TFLITE_METADATA_NAME, attachModelMetadata, readImageInputShape, readMetadataBuffer, readMetadataEntryNames,
  readOutputTensorNames, writeOffsetVector, writeTable,
} from './tflite-model.ts';

export const METADATA_FILE_IDENTIFIER = 'M001';
/** Every field we write exists since metadata schema 1.0.0. */
const MIN_PARSER_VERSION = '1.0.0';

/** Field ids of tensorflow_lite_support/metadata/metadata_schema.fbs; a union takes two ids (type, then value). */
const MODEL_METADATA = { name: 0, description: 1, version: 2, subgraphMetadata: 3, minParserVersion: 7 } as const;
const SUBGRAPH_METADATA = { inputTensorMetadata: 2, outputTensorMetadata: 3 } as const;
const TENSOR_METADATA = { name: 0, description: 1, content: 3, processUnits: 4, stats: 5 } as const;
const CONTENT = { propertiesType: 0, properties: 1 } as const;
const IMAGE_PROPERTIES = { colorSpace: 0, defaultSize: 1 } as const;
const IMAGE_SIZE = { width: 0, height: 1 } as const;
const PROCESS_UNIT = { optionsType: 0, options: 1 } as const;
const NORMALIZATION = { mean: 0, std: 1 } as const;
const STATS = { max: 0, min: 1 } as const;
/** Union and enum values: ContentProperties.ImageProperties, ProcessUnitOptions.NormalizationOptions, ColorSpaceType.RGB. */
const CONTENT_IMAGE_PROPERTIES = 2;
const OPTIONS_NORMALIZATION = 1;
const COLOR_SPACE_RGB = 1;

/**
 * Both hand networks take RGB in [0, 1]; MediaPipe computes (pixel - mean) / std per channel from 0..255 pixels.
 * One value applies to all channels.
 */
const UNIT_RANGE_NORMALIZATION = { mean: [0], std: [255] } as const;
const UNIT_RANGE_STATS = { min: [0], max: [1] } as const;

export interface ModelDescription {
  name: string;
  description: string;
  version: string;
}

export interface ImageTensorMetadata {
  name: string;
  description: string | null;
  colorSpace: number | null;
  imageSize: { width: number; height: number } | null;
  normalization: { mean: number[]; std: number[] } | null;
  stats: { min: number[]; max: number[] };
}

export interface ReadMetadata {
  /** Names of all Model.metadata entries, TFLITE_METADATA included. */
  entryNames: string[];
  name: string | null;
  description: string | null;
  version: string | null;
  minParserVersion: string | null;
  inputs: ImageTensorMetadata[];
  outputNames: string[];
}

/**
 * A copy of the float32 image model `model` with ModelMetadata describing its input as an RGB image in [0, 1]
 * of the size its input tensor has, and naming its outputs after the model's own tensors.
 */
export function addImageModelMetadata(model: Uint8Array, about: ModelDescription, label: string): Uint8Array {
  const input = readImageInputShape(model, label);
  if (input.channels !== 3) {
    throw new Error(`${label}: input has ${input.channels} channels; an RGB image has 3`);
  }
  const metadata = buildImageModelMetadata(about, input, readOutputTensorNames(model, label));
  return attachModelMetadata(model, metadata, label);
}

/** The ModelMetadata flatbuffer (file identifier M001) for a model with one image input. */
export function buildImageModelMetadata(
  about: ModelDescription,
  input: { tensorName: string; width: number; height: number },
  outputNames: readonly string[],
): Uint8Array {
  const builder = new Builder(1024);
  const inputTensor = writeImageTensorMetadata(builder, input);
  const outputTensors = outputNames.map((name) => writeNamedTensorMetadata(builder, name));
  const inputs = writeOffsetVector(builder, [inputTensor]);
  const outputs = writeOffsetVector(builder, outputTensors);
  const subgraph = writeTable(builder, 4, () => {
    builder.addFieldOffset(SUBGRAPH_METADATA.inputTensorMetadata, inputs, 0);
    builder.addFieldOffset(SUBGRAPH_METADATA.outputTensorMetadata, outputs, 0);
  });
  const subgraphs = writeOffsetVector(builder, [subgraph]);
  const name = builder.createString(about.name);
  const description = builder.createString(about.description);
  const version = builder.createString(about.version);
  const minParserVersion = builder.createString(MIN_PARSER_VERSION);
  const root = writeTable(builder, 8, () => {
    builder.addFieldOffset(MODEL_METADATA.name, name, 0);
    builder.addFieldOffset(MODEL_METADATA.description, description, 0);
    builder.addFieldOffset(MODEL_METADATA.version, version, 0);
    builder.addFieldOffset(MODEL_METADATA.subgraphMetadata, subgraphs, 0);
    builder.addFieldOffset(MODEL_METADATA.minParserVersion, minParserVersion, 0);
  });
  builder.finish(root, METADATA_FILE_IDENTIFIER);
  return builder.asUint8Array().slice();
}

function writeImageTensorMetadata(
  builder: Builder,
  input: { tensorName: string; width: number; height: number },
): number {
  const imageSize = writeTable(builder, 2, () => {
    builder.addFieldInt32(IMAGE_SIZE.width, input.width, 0);
    builder.addFieldInt32(IMAGE_SIZE.height, input.height, 0);
  });
  const imageProperties = writeTable(builder, 2, () => {
    builder.addFieldInt8(IMAGE_PROPERTIES.colorSpace, COLOR_SPACE_RGB, 0);
    builder.addFieldOffset(IMAGE_PROPERTIES.defaultSize, imageSize, 0);
  });
  const content = writeTable(builder, 3, () => {
    builder.addFieldInt8(CONTENT.propertiesType, CONTENT_IMAGE_PROPERTIES, 0);
    builder.addFieldOffset(CONTENT.properties, imageProperties, 0);
  });
  const mean = writeFloatVector(builder, UNIT_RANGE_NORMALIZATION.mean);
  const std = writeFloatVector(builder, UNIT_RANGE_NORMALIZATION.std);
  const normalization = writeTable(builder, 2, () => {
    builder.addFieldOffset(NORMALIZATION.mean, mean, 0);
    builder.addFieldOffset(NORMALIZATION.std, std, 0);
  });
  const processUnit = writeTable(builder, 2, () => {
    builder.addFieldInt8(PROCESS_UNIT.optionsType, OPTIONS_NORMALIZATION, 0);
    builder.addFieldOffset(PROCESS_UNIT.options, normalization, 0);
  });
  const processUnits = writeOffsetVector(builder, [processUnit]);
  const max = writeFloatVector(builder, UNIT_RANGE_STATS.max);
  const min = writeFloatVector(builder, UNIT_RANGE_STATS.min);
  const stats = writeTable(builder, 2, () => {
    builder.addFieldOffset(STATS.max, max, 0);
    builder.addFieldOffset(STATS.min, min, 0);
  });
  const name = builder.createString(input.tensorName);
  const description = builder.createString(`RGB image of ${input.width}x${input.height}, values in [0, 1]`);
  return writeTable(builder, 6, () => {
    builder.addFieldOffset(TENSOR_METADATA.name, name, 0);
    builder.addFieldOffset(TENSOR_METADATA.description, description, 0);
    builder.addFieldOffset(TENSOR_METADATA.content, content, 0);
    builder.addFieldOffset(TENSOR_METADATA.processUnits, processUnits, 0);
    builder.addFieldOffset(TENSOR_METADATA.stats, stats, 0);
  });
}

function writeNamedTensorMetadata(builder: Builder, tensorName: string): number {
  const name = builder.createString(tensorName);
  return writeTable(builder, 1, () => builder.addFieldOffset(TENSOR_METADATA.name, name, 0));
}

function writeFloatVector(builder: Builder, values: readonly number[]): number {
  builder.startVector(4, values.length, 4);
  for (let i = values.length - 1; i >= 0; i--) builder.addFloat32(values[i]);
  return builder.endVector();
}

/** Parses the TFLITE_METADATA of a TFLite model back into plain values: what a test or a curious human wants. */
export function readModelMetadata(model: Uint8Array, label = 'model'): ReadMetadata {
  const entryNames = readMetadataEntryNames(model, label);
  const bytes = readMetadataBuffer(model, TFLITE_METADATA_NAME, label);
  if (bytes === null) throw new Error(`${label}: has no ${TFLITE_METADATA_NAME} entry (entries: ${entryNames.join(', ')})`);
  const metadataLabel = `${label} ${TFLITE_METADATA_NAME}`;
  return withReadContext(metadataLabel, () => {
    const root = readFlatRoot(bytes, METADATA_FILE_IDENTIFIER, metadataLabel);
    const [subgraph] = root.tables(MODEL_METADATA.subgraphMetadata);
    return {
      entryNames,
      name: root.string(MODEL_METADATA.name),
      description: root.string(MODEL_METADATA.description),
      version: root.string(MODEL_METADATA.version),
      minParserVersion: root.string(MODEL_METADATA.minParserVersion),
      inputs: subgraph?.tables(SUBGRAPH_METADATA.inputTensorMetadata).map(readImageTensorMetadata) ?? [],
      outputNames: subgraph?.tables(SUBGRAPH_METADATA.outputTensorMetadata).map((t) => t.string(TENSOR_METADATA.name) ?? '') ?? [],
    };
  });
}

function readImageTensorMetadata(tensor: FlatTable): ImageTensorMetadata {
  const content = tensor.table(TENSOR_METADATA.content);
  const isImage = content?.int8(CONTENT.propertiesType, 0) === CONTENT_IMAGE_PROPERTIES;
  const imageProperties = isImage ? content?.table(CONTENT.properties) ?? null : null;
  const size = imageProperties?.table(IMAGE_PROPERTIES.defaultSize) ?? null;
  const normalizationUnit = tensor.tables(TENSOR_METADATA.processUnits)
    .find((unit) => unit.int8(PROCESS_UNIT.optionsType, 0) === OPTIONS_NORMALIZATION);
  const normalization = normalizationUnit?.table(PROCESS_UNIT.options) ?? null;
  const stats = tensor.table(TENSOR_METADATA.stats);
  return {
    name: tensor.string(TENSOR_METADATA.name) ?? '',
    description: tensor.string(TENSOR_METADATA.description),
    colorSpace: imageProperties?.int8(IMAGE_PROPERTIES.colorSpace, 0) ?? null,
    imageSize: size && { width: size.uint32(IMAGE_SIZE.width, 0), height: size.uint32(IMAGE_SIZE.height, 0) },
    normalization: normalization && {
      mean: normalization.float32s(NORMALIZATION.mean),
      std: normalization.float32s(NORMALIZATION.std),
    },
    stats: { min: stats?.float32s(STATS.min) ?? [], max: stats?.float32s(STATS.max) ?? [] },
  };
}
