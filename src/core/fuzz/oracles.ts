// Independent validity checks for what a loader accepted: the fuzzer's judge of "never accepts an invalid file".
import { describeLabelProblem } from '../dataset/names';
import type { ImportResult } from '../dataset/import-common';
import { HANDEDNESS_VALUES } from '../dataset/types';
import { extractFeatures, FEATURE_SPEC } from '../landmarks/features';
import { LANDMARK_COUNT } from '../landmarks/types';
import type { ParsedRow } from '../dataset/landmark-rows';
import { FloatMlpClassifier } from '../mlp/float-mlp';
import { GESTURE_MODEL_FORMAT, GESTURE_MODEL_VERSION, type GestureModel } from '../model/gesture-model';
import { floatLayersDigest } from '../model/int8-section';
import { Int8MlpClassifier } from '../quant/int8-classifier';
import type { GestureClassifier } from '../classifier';

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * Why an accepted model is not a usable one, or null. Written apart from the parser (plain loops, not
 * its readers) so a gap in the parser is not repeated here: shapes chain from the features to one output
 * per label, every number is finite, labels are unique and allowed, the int8 section mirrors the float
 * layers, and both engines give finite probabilities summing to 1 on real hands.
 */
export function describeInvalidModel(model: GestureModel, probes: readonly Float32Array[]): string | null {
  if (model.format !== GESTURE_MODEL_FORMAT || model.version !== GESTURE_MODEL_VERSION) return 'wrong format or version';
  if (!Array.isArray(model.labels) || model.labels.length === 0) return 'no labels';
  if (new Set(model.labels).size !== model.labels.length) return 'repeated labels';
  for (const label of model.labels) {
    const problem = describeLabelProblem(label);
    if (problem !== null) return `label ${JSON.stringify(label).slice(0, 60)}: ${problem}`;
  }
  const { featureSpec } = model;
  if (featureSpec.name !== FEATURE_SPEC.name || featureSpec.version !== FEATURE_SPEC.version || featureSpec.length !== FEATURE_SPEC.length) {
    return 'feature spec differs from this build';
  }
  let width = FEATURE_SPEC.length;
  for (const [i, layer] of model.layers.entries()) {
    if (layer.inputs !== width) return `layers[${i}] takes ${layer.inputs} inputs, the previous stage gives ${width}`;
    if (!Number.isInteger(layer.outputs) || layer.outputs < 1) return `layers[${i}] has ${layer.outputs} outputs`;
    if (layer.weights.length !== layer.inputs * layer.outputs || layer.bias.length !== layer.outputs) return `layers[${i}] has the wrong number of parameters`;
    if (![...layer.weights, ...layer.bias].every(isFiniteNumber)) return `layers[${i}] has a non-finite parameter`;
    const expected = i === model.layers.length - 1 ? 'softmax' : 'relu';
    if (layer.activation !== expected) return `layers[${i}] activation ${layer.activation}`;
    width = layer.outputs;
  }
  if (model.layers.length === 0 || width !== model.labels.length) return `the network gives ${width} outputs for ${model.labels.length} labels`;
  const { validation, training, rejection } = model;
  if (!(validation.accuracy >= 0 && validation.accuracy <= 1)) return 'validation accuracy outside [0, 1]';
  for (const [label, tally] of Object.entries(validation.perClass)) {
    if (!model.labels.includes(label)) return `validation tally for unknown label ${label}`;
    if (!(Number.isSafeInteger(tally.correct) && Number.isSafeInteger(tally.total) && tally.correct >= 0 && tally.correct <= tally.total)) return `bad tally for ${label}`;
  }
  if (!(Number.isSafeInteger(training.seed) && training.seed >= 0 && Number.isSafeInteger(training.epochs) && training.epochs >= 0)) return 'bad training seed or epochs';
  if (rejection !== undefined && !(rejection.threshold >= 0 && rejection.threshold <= 1)) return 'rejection threshold outside [0, 1]';
  const int8Problem = model.int8 === undefined ? null : describeInvalidInt8(model);
  if (int8Problem !== null) return int8Problem;

  const engines: GestureClassifier[] = [new FloatMlpClassifier(model)];
  if (model.int8 !== undefined) engines.push(Int8MlpClassifier.fromModel(model));
  for (const engine of engines) {
    for (const probe of probes) {
      const { label, probabilities } = engine.classify(probe);
      const sum = probabilities.reduce((total, p) => total + p, 0);
      if (!probabilities.every(Number.isFinite) || Math.abs(sum - 1) > 1e-3) return `${engine.engine} gives non-finite or unnormalised probabilities on a real hand`;
      if (!model.labels.includes(label)) return `${engine.engine} predicts a label that is not in the model`;
    }
  }
  return null;
}

/** The int8 section against the float layers and the integer kernels' contract. */
function describeInvalidInt8(model: GestureModel): string | null {
  const int8 = model.int8!;
  if (int8.sourceDigest !== floatLayersDigest(model.layers)) return 'int8 digest does not match the float layers';
  const { mlp } = int8;
  if (mlp.layers.length !== model.layers.length) return 'int8 layer count differs';
  const range = mlp.activationType === 'int8' ? [-128, 127] : [0, 255];
  const inRange = (code: number) => Number.isInteger(code) && code >= range[0] && code <= range[1];
  if (!(mlp.input.scale > 0 && Number.isFinite(mlp.input.scale)) || ![mlp.input.zeroPoint, mlp.input.min, mlp.input.max].every(inRange)) return 'int8 input params out of range';
  for (const [i, layer] of mlp.layers.entries()) {
    const float = model.layers[i];
    if (layer.inputs !== float.inputs || layer.outputs !== float.outputs) return `int8 layers[${i}] shape differs from the float layer`;
    if (layer.weights.length !== layer.inputs * layer.outputs || layer.bias.length !== layer.outputs) return `int8 layers[${i}] parameter count`;
    if (layer.weights.some((w) => w < -127)) return `int8 layers[${i}] has weight -128`;
    const scales = int8.weightScales[i];
    if (scales.length !== layer.outputs || !scales.every((s) => s > 0 && Number.isFinite(s))) return `int8 layers[${i}] weight scales`;
    const last = i === mlp.layers.length - 1;
    if (last !== (layer.requantization === null)) return `int8 layers[${i}] requantization present on the wrong layer`;
    const requantization = layer.requantization;
    if (requantization !== null) {
      if (requantization.multiplier.length !== layer.outputs || requantization.shift.length !== layer.outputs) return `int8 layers[${i}] requantization length`;
      if (![requantization.zeroPoint, requantization.min, requantization.max].every(inRange) || requantization.min > requantization.max) return `int8 layers[${i}] output clamp`;
    }
  }
  return null;
}

/** Why an accepted sample's label is not allowed: printable, bounded, no markup; independent of names.ts. */
function describeBadLabel(label: string): string | null {
  if (label.length === 0 || [...label].length > 40) return 'label empty or too long';
  if (/[<>&"'`,\p{C}]/u.test(label)) return `label ${JSON.stringify(label)} carries markup, a delimiter or an invisible character`;
  if (label !== label.trim()) return 'label has spaces at an end';
  return null;
}

/** The non-blank lines of a text as an importer sees them (after a BOM; CRLF counts as a line end). */
function nonBlankLineNumbers(text: string): number[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return body.split('\n').flatMap((line, i) => (line.trim() === '' ? [] : [i + 1]));
}

/**
 * Why a dataset import's result is wrong, or null: every accepted sample has an allowed label, 21 finite
 * points, a positive aspect, a handedness, a take and a time, and gives finite features; every line is
 * either a sample or an error naming it (line 0 only for a refusal of the whole file).
 */
export function describeInvalidImport(result: ImportResult, text: string): string | null {
  const { samples, errors } = result;
  if (!Array.isArray(samples) || !Array.isArray(errors)) return 'the result is not { samples, errors }';
  for (const [i, sample] of samples.entries()) {
    const labelProblem = describeBadLabel(sample.label);
    if (labelProblem !== null) return `sample ${i}: ${labelProblem}`;
    if (sample.landmarks.length !== LANDMARK_COUNT) return `sample ${i} has ${sample.landmarks.length} points`;
    if (!sample.landmarks.every((point) => point.length === 3 && point.every(isFiniteNumber))) return `sample ${i} has a non-finite or short point`;
    if (!(isFiniteNumber(sample.aspect) && sample.aspect > 0)) return `sample ${i} has aspect ${sample.aspect}`;
    if (!HANDEDNESS_VALUES.includes(sample.handedness)) return `sample ${i} has handedness ${String(sample.handedness)}`;
    if (typeof sample.take !== 'string' || sample.take === '' || !(isFiniteNumber(sample.capturedAt) && sample.capturedAt >= 0)) return `sample ${i} has no take or time`;
    const features = extractFeatures(sample.landmarks.map(([x, y, z]) => ({ x, y, z })), sample.aspect);
    if (!features.every(Number.isFinite)) return `sample ${i} gives non-finite features`;
  }
  const refusal = errors.find((error) => error.line === 0);
  if (refusal !== undefined) return samples.length === 0 && errors.length === 1 ? null : 'a refused file still gave samples or other errors';
  const lines = nonBlankLineNumbers(text);
  if (samples.length + errors.length !== lines.length) {
    return `${lines.length} non-blank lines but ${samples.length} samples + ${errors.length} errors: a line was lost or counted twice`;
  }
  const known = new Set(lines);
  const badError = errors.find((error) => !known.has(error.line));
  if (badError !== undefined) return `an error names line ${badError.line}, which is blank or not in the file`;
  return null;
}

/**
 * Why the CLI reader's rows are wrong, or null: one row per non-blank line in order, and each usable row
 * has 21 finite landmarks, finite features and a non-empty label (a whole CSV column), or none. The CLI
 * labels are third-party names or class indices; the model parser checks the names a model ends up with.
 */
export function describeInvalidRows(rows: readonly ParsedRow[], text: string, isCsv: boolean): string | null {
  const lines = nonBlankLineNumbers(text);
  if (rows.length !== lines.length) return `${lines.length} non-blank lines but ${rows.length} rows`;
  for (const [i, row] of rows.entries()) {
    if (row.line !== lines[i]) return `row ${i} says line ${row.line}, expected ${lines[i]}`;
    if (!row.ok) continue;
    if (row.label !== undefined && (row.label.trim() === '' || (isCsv && row.label.includes(',')))) return `line ${row.line} has label ${JSON.stringify(row.label)}`;
    if (row.landmarks.length !== LANDMARK_COUNT) return `line ${row.line} has ${row.landmarks.length} landmarks`;
    if (!row.landmarks.every((point) => [point.x, point.y, point.z].every(isFiniteNumber))) return `line ${row.line} has a non-finite coordinate`;
    if (!extractFeatures(row.landmarks, row.aspect).every(Number.isFinite)) return `line ${row.line} gives non-finite features`;
  }
  return null;
}
