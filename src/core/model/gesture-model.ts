// The gesture model file (one versioned JSON document) and its validating parser; see docs/model-format.md.
import { FEATURE_SPEC, type FeatureSpec } from '../landmarks/features';
import { describeLabelProblem } from '../dataset/names';
import { stripBom } from '../dataset/landmark-rows';
import type { Activation } from '../mlp/mlp';
import { parseInt8Section, type Int8Section } from './int8-section';
import {
  fail, quoteValue, readArray, readInteger, readNonEmptyString, readNumber, readNumberArray, readObject, readString,
  readUniqueStrings, type JsonObject,
} from './json-checks';

export const GESTURE_MODEL_FORMAT = 'handcast-gesture-model';
/** Major version this build reads. Additive, optional fields keep the version; anything else bumps it. */
export const GESTURE_MODEL_VERSION = 1;

/**
 * Largest |weight| or |bias| a float layer may have. Trained weights are O(1) (the shipped model's largest
 * is 1.44); far larger ones mean a corrupt file, and past about 1e38 float32 — what the engines run — turns
 * them into Infinity and the probabilities into NaN. 1e6 keeps every sum finite with room to spare.
 */
export const MAX_FLOAT_PARAMETER = 1e6;

export interface ModelLayer {
  readonly inputs: number;
  readonly outputs: number;
  readonly activation: Activation;
  /** Row-major outputs × inputs. */
  readonly weights: readonly number[];
  readonly bias: readonly number[];
}

export interface ClassTally {
  readonly correct: number;
  readonly total: number;
}

/** How the model was checked on held-out data; extra keys (e.g. perSubset) are kept as they are. */
export interface ValidationReport {
  readonly method: string;
  readonly perClass: Readonly<Record<string, ClassTally>>;
  /** Fraction of held-out samples classified correctly, in [0, 1]. */
  readonly accuracy: number;
  readonly [extra: string]: unknown;
}

export interface SourceProvenance {
  /** Path of the data file relative to the shared data folder. */
  readonly path: string;
  readonly license: string;
  readonly rows: number;
  readonly labelsUsed: readonly string[];
}

/** Hyper-parameters; seed and epochs are required, anything else is recorded as is. */
export interface TrainingInfo {
  readonly seed: number;
  readonly epochs: number;
  readonly [extra: string]: unknown;
}

export interface GestureModel {
  readonly format: typeof GESTURE_MODEL_FORMAT;
  readonly version: typeof GESTURE_MODEL_VERSION;
  readonly labels: readonly string[];
  readonly featureSpec: FeatureSpec;
  readonly layers: readonly ModelLayer[];
  readonly training: TrainingInfo;
  readonly provenance: { readonly sources: readonly SourceProvenance[] };
  readonly validation: ValidationReport;
  readonly createdAt?: string;
  /** The same network quantized for the INT8 engines (docs/model-format.md), when `npm run quantize` added it. */
  readonly int8?: Int8Section;
  /** User models: below this top probability a prediction means "none" (applyRejection); absent: never reject. */
  readonly rejection?: RejectionInfo;
}

/** The calibrated rejection threshold and how it was chosen; extra keys (figures) are kept as they are. */
export interface RejectionInfo {
  /** Top softmax probability in [0, 1]; a lower score is reported as "none". */
  readonly threshold: number;
  /** Per predicted label, a threshold in [0, 1] that replaces `threshold` for that label (the built-in model's). */
  readonly perClass?: Readonly<Record<string, number>>;
  readonly [extra: string]: unknown;
}

/** Parses model file text; a truncated or otherwise broken file gets a message saying so. A UTF-8 BOM is allowed. */
export function parseGestureModelText(text: string, expectedFeatures: FeatureSpec = FEATURE_SPEC): GestureModel {
  let json: unknown;
  try {
    json = JSON.parse(stripBom(text));
  } catch (error) {
    throw new Error(`model is not valid JSON (truncated or corrupt file?): ${(error as Error).message}`);
  }
  return parseGestureModel(json, expectedFeatures);
}

/**
 * Checks every field of an untrusted model document and returns it typed. Throws an Error whose
 * message names the problem, e.g. "layers[1].weights has 2047 values, expected 2048".
 * Unknown top-level keys are ignored so later additions stay readable; an `int8` section is checked
 * as strictly as the float layers, and against them. `expectedFeatures` is the extractor the caller runs:
 * the hand-pose features by default, the fingertip-path features for the motion model (core/gestures).
 */
export function parseGestureModel(json: unknown, expectedFeatures: FeatureSpec = FEATURE_SPEC): GestureModel {
  const root = readObject(json, 'model');
  if (root.format !== GESTURE_MODEL_FORMAT) {
    fail('format', `must be "${GESTURE_MODEL_FORMAT}", got ${quoteValue(root.format)}`);
  }
  const version = readInteger(root.version, 'version', 0);
  if (version !== GESTURE_MODEL_VERSION) {
    fail('version', `${version} is not supported: this build reads version ${GESTURE_MODEL_VERSION}`);
  }
  const labels = readUniqueStrings(root.labels, 'labels');
  if (labels.length === 0) fail('labels', 'must not be empty');
  // Labels reach the page, the overlay and OBS: the same allow-list as a recorded gesture's name.
  labels.forEach((label, i) => {
    const problem = describeLabelProblem(label);
    if (problem !== null) fail(`labels[${i}]`, `is not allowed: ${problem}`);
  });
  const featureSpec = readFeatureSpec(root.featureSpec, expectedFeatures);
  const layers = readLayers(root.layers, featureSpec, labels);
  const model: GestureModel = {
    format: GESTURE_MODEL_FORMAT,
    version: GESTURE_MODEL_VERSION,
    labels,
    featureSpec,
    layers,
    training: readTraining(root.training),
    provenance: readProvenance(root.provenance),
    validation: readValidation(root.validation, labels),
  };
  const createdAt = root.createdAt === undefined ? {} : { createdAt: readString(root.createdAt, 'createdAt') };
  const int8 = root.int8 === undefined ? {} : { int8: parseInt8Section(root.int8, layers) };
  const rejection = root.rejection === undefined ? {} : { rejection: readRejection(root.rejection, labels) };
  return { ...model, ...createdAt, ...int8, ...rejection };
}

function readFeatureSpec(value: unknown, expected: FeatureSpec): FeatureSpec {
  const spec = readObject(value, 'featureSpec');
  const name = readNonEmptyString(spec.name, 'featureSpec.name');
  const version = readInteger(spec.version, 'featureSpec.version', 1);
  const length = readInteger(spec.length, 'featureSpec.length', 1);
  // A model is only usable with the extractor it was trained on.
  if (name !== expected.name || version !== expected.version || length !== expected.length) {
    fail('featureSpec', `is ${name} v${version} (${length} features) but this build extracts `
      + `${expected.name} v${expected.version} (${expected.length} features)`);
  }
  return { name, version, length };
}

function readLayers(value: unknown, featureSpec: FeatureSpec, labels: readonly string[]): ModelLayer[] {
  const array = readArray(value, 'layers');
  if (array.length === 0) fail('layers', 'must not be empty');
  const layers = array.map((item, i) => readLayer(item, `layers[${i}]`, i === array.length - 1));
  layers.forEach((layer, i) => {
    const expected = i === 0 ? featureSpec.length : layers[i - 1].outputs;
    const from = i === 0 ? 'featureSpec.length' : `layers[${i - 1}].outputs`;
    if (layer.inputs !== expected) fail(`layers[${i}].inputs`, `is ${layer.inputs}, expected ${expected} (${from})`);
  });
  const last = layers[layers.length - 1];
  if (last.outputs !== labels.length) {
    fail(`layers[${layers.length - 1}].outputs`, `is ${last.outputs}, expected ${labels.length} (one per label)`);
  }
  return layers;
}

function readLayer(value: unknown, path: string, isLast: boolean): ModelLayer {
  const layer = readObject(value, path);
  const inputs = readInteger(layer.inputs, `${path}.inputs`, 1);
  const outputs = readInteger(layer.outputs, `${path}.outputs`, 1);
  const activation = layer.activation;
  const expectedActivation: Activation = isLast ? 'softmax' : 'relu';
  if (activation !== expectedActivation) {
    fail(`${path}.activation`, `must be "${expectedActivation}" (${isLast ? 'the last layer' : 'hidden layers'}), `
      + `got ${quoteValue(activation)}`);
  }
  return {
    inputs,
    outputs,
    activation: expectedActivation,
    weights: readBoundedNumbers(layer.weights, `${path}.weights`, inputs * outputs),
    bias: readBoundedNumbers(layer.bias, `${path}.bias`, outputs),
  };
}

function readBoundedNumbers(value: unknown, path: string, length: number): number[] {
  const numbers = readNumberArray(value, path, length);
  const index = numbers.findIndex((number) => Math.abs(number) > MAX_FLOAT_PARAMETER);
  if (index >= 0) fail(`${path}[${index}]`, `is ${numbers[index]}: float parameters must be within ±${MAX_FLOAT_PARAMETER} (corrupt file?)`);
  return numbers;
}

function readTraining(value: unknown): TrainingInfo {
  const training = readObject(value, 'training');
  return {
    ...training,
    seed: readInteger(training.seed, 'training.seed', 0),
    epochs: readInteger(training.epochs, 'training.epochs', 0),
  };
}

function readProvenance(value: unknown): GestureModel['provenance'] {
  const provenance = readObject(value, 'provenance');
  const sources = readArray(provenance.sources, 'provenance.sources').map((item, i): SourceProvenance => {
    const path = `provenance.sources[${i}]`;
    const source = readObject(item, path);
    return {
      path: readNonEmptyString(source.path, `${path}.path`),
      license: readNonEmptyString(source.license, `${path}.license`),
      rows: readInteger(source.rows, `${path}.rows`, 0),
      labelsUsed: readUniqueStrings(source.labelsUsed, `${path}.labelsUsed`),
    };
  });
  return { sources };
}

function readValidation(value: unknown, labels: readonly string[]): ValidationReport {
  const validation = readObject(value, 'validation');
  const method = readNonEmptyString(validation.method, 'validation.method');
  const perClass = readTallies(validation.perClass, 'validation.perClass');
  for (const label of Object.keys(perClass)) {
    if (!labels.includes(label)) fail('validation.perClass', `has "${label}", which is not one of the labels`);
  }
  const accuracy = readNumber(validation.accuracy, 'validation.accuracy');
  if (accuracy < 0 || accuracy > 1) fail('validation.accuracy', `must be in [0, 1], got ${accuracy}`);
  return { ...validation, method, perClass, accuracy };
}

function readRejection(value: unknown, labels: readonly string[]): RejectionInfo {
  const rejection = readObject(value, 'rejection');
  const threshold = readNumber(rejection.threshold, 'rejection.threshold');
  if (threshold < 0 || threshold > 1) fail('rejection.threshold', `must be in [0, 1], got ${threshold}`);
  if (rejection.perClass === undefined) return { ...rejection, threshold };
  const perClass: Record<string, number> = {};
  for (const [label, item] of Object.entries(readObject(rejection.perClass, 'rejection.perClass'))) {
    if (!labels.includes(label)) fail('rejection.perClass', `has "${label}", which is not one of the labels`);
    const path = `rejection.perClass.${label}`;
    const classThreshold = readNumber(item, path);
    if (classThreshold < 0 || classThreshold > 1) fail(path, `must be in [0, 1], got ${classThreshold}`);
    perClass[label] = classThreshold;
  }
  return { ...rejection, threshold, perClass };
}

/** A map of name → {correct, total} with 0 ≤ correct ≤ total. */
export function readTallies(value: unknown, path: string): Record<string, ClassTally> {
  const object: JsonObject = readObject(value, path);
  const tallies: Record<string, ClassTally> = {};
  for (const [name, item] of Object.entries(object)) {
    const tally = readObject(item, `${path}.${name}`);
    const correct = readInteger(tally.correct, `${path}.${name}.correct`, 0);
    const total = readInteger(tally.total, `${path}.${name}.total`, 0);
    if (correct > total) fail(`${path}.${name}`, `has correct ${correct} > total ${total}`);
    tallies[name] = { correct, total };
  }
  return tallies;
}
