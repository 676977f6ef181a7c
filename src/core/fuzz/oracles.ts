// Independent validity checks for what a loader accepted: the fuzzer's judge of "never accepts an invalid file" (or message).
import { describeLabelProblem } from '../dataset/names';
import type { ImportResult } from '../dataset/import-common';
import { HANDEDNESS_VALUES } from '../labels';
import { extractFeatures, FEATURE_SPEC } from '../landmarks/features';
import { LANDMARK_COUNT } from '../landmarks/types';
import type { ParsedRow } from '../dataset/landmark-rows';
import { FloatMlpClassifier } from '../mlp/float-mlp';
import { GESTURE_MODEL_FORMAT, GESTURE_MODEL_VERSION, type GestureModel } from '../model/gesture-model';
import { floatLayersDigest } from '../model/int8-section';
import {
  OVERLAY_EFFECT_KINDS, OVERLAY_EMOJI_MAX_LENGTH, OVERLAY_TEXT_MAX_LENGTH, type EffectMessageCheck,
} from '../overlay/effect-message';
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

/** What a profile import gives (src/session/stream-profile.ts ProfileImport), as the oracle sees it. */
export interface ProfileOutcome {
  readonly settings: {
    readonly obsUrl?: unknown; readonly dryRun?: unknown; readonly armingRequired?: unknown; readonly obsCameraMirrored?: unknown;
    readonly obsCameraSource?: unknown;
    readonly mappings?: readonly unknown[];
  } | null;
  readonly problems: readonly string[];
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isName = (value: unknown) => typeof value === 'string' && value.trim() !== '';
const isToggle = (value: unknown) => value === 'on' || value === 'off' || value === 'toggle';
const isOptionalText = (value: unknown) => value === undefined || typeof value === 'string';
const isOverlayEffect = (value: unknown) => (OVERLAY_EFFECT_KINDS as readonly unknown[]).includes(value);

/** Each stream action's fields and what each must be: the contract in src/actions/stream-action.ts, restated here. */
const ACTION_CONTRACT: Readonly<Record<string, Readonly<Record<string, (value: unknown) => boolean>>>> = {
  'switch-scene': { sceneName: isName },
  'scene-item': { sceneName: isName, sourceName: isName, visible: isToggle },
  'input-mute': { inputName: isName, muted: isToggle },
  filter: { sourceName: isName, filterName: isName, enabled: isToggle },
  hotkey: { hotkeyName: isName },
  'custom-event': { eventData: isPlainObject },
  'overlay-effect': { effect: isOverlayEffect, emoji: isOptionalText, text: isOptionalText },
};

/** A mapping's scene limit: at least one scene, each a non-blank name, none twice. */
const isSceneList = (value: unknown) => Array.isArray(value) && value.length > 0 && value.every(isName) && new Set(value).size === value.length;

const MAPPING_HANDS: readonly unknown[] = ['Left', 'Right', 'both', 'any'];
const PROFILE_FLAGS = ['dryRun', 'armingRequired', 'obsCameraMirrored'] as const;
const PROFILE_SETTINGS = new Set(['obsUrl', ...PROFILE_FLAGS, 'obsCameraSource', 'mappings']);
/** Longest camera source name a profile may set (the stream settings' own bound). */
const MAX_CAMERA_SOURCE_CHARS = 256;

/** Why a kept mapping breaks the mapping contract, or null; `ids` collects the ids seen so far. */
function describeBadMapping(mapping: unknown, ids: Set<string>): string | null {
  if (!isPlainObject(mapping)) return 'is not an object';
  const fields = Object.keys(mapping).sort().join(',');
  if (fields !== 'action,gesture,hand,id' && fields !== 'action,gesture,hand,id,scenes') return `carries the fields ${fields.slice(0, 80)}`;
  if ('scenes' in mapping && !isSceneList(mapping.scenes)) return 'has scenes that are not a list of distinct scene names';
  if (typeof mapping.id !== 'string' || mapping.id === '' || ids.has(mapping.id)) return 'has an empty or repeated id';
  ids.add(mapping.id);
  const gestureProblem = typeof mapping.gesture === 'string' ? describeBadLabel(mapping.gesture) : 'gesture is not text';
  if (gestureProblem !== null) return gestureProblem;
  if (!MAPPING_HANDS.includes(mapping.hand)) return 'has an unknown hand';
  const action = mapping.action;
  if (!isPlainObject(action) || typeof action.kind !== 'string' || !Object.hasOwn(ACTION_CONTRACT, action.kind)) return 'has no known action kind';
  const contract = ACTION_CONTRACT[action.kind];
  const unknown = Object.keys(action).find((field) => field !== 'kind' && !Object.hasOwn(contract, field));
  if (unknown !== undefined) return `action carries the unknown field ${unknown.slice(0, 40)}`;
  const bad = Object.entries(contract).find(([field, isValid]) => !isValid(action[field]));
  return bad === undefined ? null : `action.${bad[0]} is not valid for ${action.kind}`;
}

/** Why a kept mapping is not the file's mapping, field for field, or null (values compared as JSON text). */
function describeChangedMapping(kept: Record<string, unknown>, given: unknown): string | null {
  if (!isPlainObject(given) || !isPlainObject(given.action)) return 'does not come from an object in the file';
  const changed = (['id', 'gesture', 'hand'] as const).find((field) => kept[field] !== given[field]);
  if (changed !== undefined) return `${changed} differs from the file`;
  if (JSON.stringify(kept.scenes) !== JSON.stringify(given.scenes)) return 'scenes differ from the file';
  const action = kept.action as Record<string, unknown>;
  for (const field of ['kind', ...Object.keys(ACTION_CONTRACT[action.kind as string])]) {
    if (JSON.stringify(action[field]) !== JSON.stringify(given.action[field])) return `action.${field} differs from the file`;
  }
  return null;
}

/**
 * Why a profile import is wrong, or null. Written apart from the importer: a refused file names a problem;
 * an applied one is a version 1 Handcast profile, carries no password and no unknown setting, takes the file's
 * address and flags, keeps only mappings that meet the mapping contract (known fields only, allowed gesture
 * label, known hand, the action kind's fields, scenes absent or distinct names), can be saved and exported as JSON, and every mapping of the
 * file is either kept unchanged, in order, or named in a problem ("mapping N").
 */
export function describeInvalidProfile(outcome: ProfileOutcome, text: string): string | null {
  const { settings, problems } = outcome;
  if (settings === null) return problems.length > 0 ? null : 'refused without naming a problem';
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    return 'applied a file that is not JSON';
  }
  if (!isPlainObject(file) || file.format !== 'handcast-profile' || file.version !== 1) return 'applied a file that is not a version 1 Handcast profile';
  const unknownSetting = Object.keys(settings).find((key) => !PROFILE_SETTINGS.has(key));
  if (unknownSetting !== undefined) return `applied the setting ${unknownSetting.slice(0, 40)}, which a profile does not hold`;
  if (settings.obsUrl !== (typeof file.obsUrl === 'string' ? file.obsUrl : undefined)) return 'obsUrl is not the text the file gave';
  if (settings.obsCameraSource !== undefined) {
    const source = settings.obsCameraSource;
    if (source !== file.obsCameraSource) return 'obsCameraSource is not the text the file gave';
    if (typeof source !== 'string' || source.length > MAX_CAMERA_SOURCE_CHARS || /\p{Cc}/u.test(source)) return 'obsCameraSource is not one line of bounded text';
  } else if (file.obsCameraSource !== undefined && !problems.some((problem) => problem.startsWith('obsCameraSource'))) {
    return 'the file\'s obsCameraSource was dropped without naming a problem';
  }
  const flag = PROFILE_FLAGS.find((name) => settings[name] !== (typeof file[name] === 'boolean' ? file[name] : undefined));
  if (flag !== undefined) return `${flag} is not the file's true or false`;
  const { mappings } = settings;
  if (!Array.isArray(mappings)) return 'applied without a mappings list';
  const ids = new Set<string>();
  for (const [i, mapping] of mappings.entries()) {
    const problem = describeBadMapping(mapping, ids);
    if (problem !== null) return `kept mapping ${i} ${problem}`;
  }
  try {
    JSON.parse(JSON.stringify(settings));
  } catch (error) {
    return `the applied settings cannot be saved or exported as JSON: ${String(error).slice(0, 120)}`;
  }
  const given = file.mappings ?? [];
  if (!Array.isArray(given)) return mappings.length === 0 && problems.length > 0 ? null : 'mappings that are not a list were not refused';
  const named = new Set(problems.flatMap((problem) => /^mapping (\d+)\b/.exec(problem)?.[1] ?? []).map(Number));
  if ([...named].some((n) => n < 1 || n > given.length)) return 'a problem names a mapping the file does not have';
  const keptIndices = given.flatMap((_, i) => (named.has(i + 1) ? [] : [i]));
  if (keptIndices.length !== mappings.length) {
    return `${given.length} mappings in the file, ${mappings.length} kept and ${named.size} named: one was lost or counted twice`;
  }
  for (const [k, i] of keptIndices.entries()) {
    const problem = describeChangedMapping(mappings[k] as Record<string, unknown>, given[i]);
    if (problem !== null) return `kept mapping ${k} (the file's mapping ${i + 1}) ${problem}`;
  }
  return null;
}

/** The message the overlay's check hands on when it accepts. */
type AcceptedEffectMessage = Extract<EffectMessageCheck, { ok: true }>['message'];

const OVERLAY_MESSAGE_FIELDS: readonly string[] = ['type', 'effect', 'x', 'y', 'gesture', 'timeMs', 'emoji', 'text'];

/** Control characters and bidi overrides: the overlay draws one line of text in the order it was written. */
const UNPRINTABLE_TEXT = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

/**
 * Why a message the overlay accepted is not a valid effect, or null. Written apart from the overlay's check: a
 * fresh object with only the contract's fields, the sent type, effect, time and gesture (an allowed label), the
 * sent position clamped to [0, 1], and emoji and text as sent: non-blank, one line, within their lengths.
 */
export function describeInvalidOverlayMessage(message: AcceptedEffectMessage, sent: unknown): string | null {
  if (!isPlainObject(sent)) return 'accepted something that is not an object';
  if (!isPlainObject(message) || message === sent) return 'the accepted message is not a fresh object';
  const fields = message as unknown as Record<string, unknown>;
  const unknown = Object.keys(fields).find((field) => !OVERLAY_MESSAGE_FIELDS.includes(field));
  if (unknown !== undefined) return `the message carries the field ${unknown.slice(0, 40)}`;
  if (message.type !== 'handcast-effect' || sent.type !== 'handcast-effect') return 'the type is not "handcast-effect"';
  if (!isOverlayEffect(message.effect) || message.effect !== sent.effect) return 'the effect is not a known one, or not the one sent';
  for (const axis of ['x', 'y'] as const) {
    const given = sent[axis];
    if (!isFiniteNumber(given) || message[axis] !== Math.min(1, Math.max(0, given))) return `${axis} is not the sent position clamped to [0, 1]`;
  }
  if (!isFiniteNumber(sent.timeMs) || message.timeMs !== sent.timeMs) return 'timeMs is not the finite time sent';
  if (message.gesture !== sent.gesture) return 'the gesture is not the one sent';
  const gestureProblem = describeBadLabel(message.gesture);
  if (gestureProblem !== null) return `gesture: ${gestureProblem}`;
  for (const [field, maxLength] of [['emoji', OVERLAY_EMOJI_MAX_LENGTH], ['text', OVERLAY_TEXT_MAX_LENGTH]] as const) {
    const value = fields[field];
    if (value !== sent[field]) return `${field} is not the one sent`;
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.trim() === '' || [...value].length > maxLength || UNPRINTABLE_TEXT.test(value)) {
      return `${field} is blank, longer than ${maxLength}, or carries a control or direction character`;
    }
  }
  return null;
}
