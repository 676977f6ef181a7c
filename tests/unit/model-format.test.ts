// The gesture model file: round trip, one test per validation error class, the float engine, the committed model and its int8 section.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { extractFeatures, FEATURE_SPEC } from '../../src/core/landmarks/features.ts';
import { FloatMlpClassifier } from '../../src/core/mlp/float-mlp.ts';
import { parseGestureModel, parseGestureModelText, type GestureModel } from '../../src/core/model/gesture-model.ts';
import { roundSignificant, serializeGestureModel } from '../../src/core/model/serialize-model.ts';
import { Int8MlpClassifier } from '../../src/core/quant/int8-classifier.ts';
import { DEFAULT_QUANT_CONFIG } from '../../src/core/train/shared/quant-pipeline.ts';
import { GESTURE_LABELS } from '../../src/core/model/builtin-gestures.ts';
import { kiniviOpenLandmarks, repoRoot } from './shared-data.ts';
import { MIN_DEFAULT_AGREEMENT } from './quant-fixtures.ts';

const HIDDEN = 3;

/** A small valid model: 42 → 3 (relu) → 2 (softmax), weights already at 6 significant digits. */
function tinyModel(): GestureModel {
  const values = (count: number, offset: number) => Array.from({ length: count }, (_, i) => roundSignificant(Math.sin(i + offset) / 3));
  return {
    format: 'handcast-gesture-model',
    version: 1,
    labels: ['yes', 'no'],
    featureSpec: { ...FEATURE_SPEC },
    layers: [
      { inputs: FEATURE_SPEC.length, outputs: HIDDEN, activation: 'relu', weights: values(FEATURE_SPEC.length * HIDDEN, 1), bias: values(HIDDEN, 2) },
      { inputs: HIDDEN, outputs: 2, activation: 'softmax', weights: values(HIDDEN * 2, 3), bias: values(2, 4) },
    ],
    training: { seed: 7, epochs: 3, note: 'kept as is' },
    provenance: { sources: [{ path: 'landmarks/example.csv', license: 'MIT', rows: 10, labelsUsed: ['a', 'b'] }] },
    validation: { method: 'none (test model)', perClass: { yes: { correct: 1, total: 2 } }, accuracy: 0.5 },
  };
}

/** A model document as untyped JSON: the tests below break it on purpose, which no precise type allows. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LooseJson = Record<string, any>;

/** A JSON copy of the tiny model with one change applied. */
function edited(change: (json: LooseJson) => void): unknown {
  const json = JSON.parse(JSON.stringify(tinyModel()));
  change(json);
  return json;
}

describe('gesture model round trip', () => {
  it('serialises and parses back to the same model, and the same model gives the same bytes', () => {
    const text = serializeGestureModel(tinyModel());
    expect(parseGestureModelText(text)).toEqual(tinyModel());
    expect(serializeGestureModel(parseGestureModelText(text))).toBe(text);
  });

  it('ignores unknown top-level sections and keeps optional createdAt', () => {
    const model = parseGestureModel(edited((json) => {
      json.notes = { anything: [1] };
      json.createdAt = 'build 42';
    }));
    expect(model.createdAt).toBe('build 42');
  });

  it('checks an int8 section as strictly as the layers (quant-model-file.test.ts has every case)', () => {
    expect(() => parseGestureModel(edited((json) => { json.int8 = { scales: [1] }; }))).toThrow(/^int8\.scheme must be one of/);
  });

  it('runs in the float32-ts engine with probabilities that sum to 1', () => {
    const classifier = new FloatMlpClassifier(tinyModel());
    expect(classifier.engine).toBe('float32-ts');
    expect(classifier.featureLength).toBe(42);
    const prediction = classifier.classify(extractFeatures(kiniviOpenLandmarks(), 1));
    expect(prediction.probabilities.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 6);
    expect(classifier.labels).toContain(prediction.label);
    expect(prediction.score).toBe(Math.max(...prediction.probabilities));
    expect(() => classifier.classify(new Float32Array(41))).toThrow(/expected 42 features, got 41/);
  });
});

describe('parseGestureModel rejects, naming the problem', () => {
  const cases: [string, (json: LooseJson) => void, RegExp][] = [
    ['a wrong format', (j) => { j.format = 'keras'; }, /^format must be "handcast-gesture-model", got "keras"/],
    ['an unknown major version', (j) => { j.version = 2; }, /^version 2 is not supported: this build reads version 1/],
    ['a missing version', (j) => { delete j.version; }, /^version must be a number/],
    ['empty labels', (j) => { j.labels = []; }, /^labels must not be empty/],
    ['repeated labels', (j) => { j.labels = ['yes', 'yes']; }, /^labels\[1\] repeats "yes"/],
    ['a non-string label', (j) => { j.labels = ['yes', 3]; }, /^labels\[1\] must be a string/],
    ['another feature extractor', (j) => { j.featureSpec.version = 2; }, /^featureSpec is handcast-canonical-2d v2/],
    ['too few weights', (j) => { j.layers[0].weights.pop(); }, /^layers\[0\]\.weights has 125 values, expected 126$/],
    ['too many biases', (j) => { j.layers[1].bias.push(0); }, /^layers\[1\]\.bias has 3 values, expected 2$/],
    ['layers that do not chain', (j) => {
      j.layers[1].inputs = 4;
      j.layers[1].weights.push(0, 0);
    }, /^layers\[1\]\.inputs is 4, expected 3 \(layers\[0\]\.outputs\)/],
    ['a first layer not fed by the features', (j) => {
      j.layers[0].inputs = 41;
      j.layers[0].weights = j.layers[0].weights.slice(0, 123);
    }, /^layers\[0\]\.inputs is 41, expected 42 \(featureSpec\.length\)/],
    ['outputs that do not match the labels', (j) => { j.labels = ['yes', 'no', 'maybe']; }, /^layers\[1\]\.outputs is 2, expected 3 \(one per label\)/],
    ['a hidden softmax', (j) => { j.layers[0].activation = 'softmax'; }, /^layers\[0\]\.activation must be "relu"/],
    ['NaN in a weight', (j) => { j.layers[0].weights[5] = Number.NaN; }, /^layers\[0\]\.weights\[5\] must be finite, got NaN/],
    ['a string weight', (j) => { j.layers[1].weights[2] = '0.5'; }, /^layers\[1\]\.weights\[2\] must be a number, got "0\.5"/],
    ['a missing training seed', (j) => { delete j.training.seed; }, /^training\.seed must be a number/],
    ['a provenance source without a license', (j) => { j.provenance.sources[0].license = ''; }, /^provenance\.sources\[0\]\.license must not be empty/],
    ['a tally for an unknown label', (j) => { j.validation.perClass.maybe = { correct: 0, total: 1 }; }, /^validation\.perClass has "maybe"/],
    ['more correct than total', (j) => { j.validation.perClass.yes.correct = 3; }, /^validation\.perClass\.yes has correct 3 > total 2/],
    ['an accuracy above 1', (j) => { j.validation.accuracy = 1.5; }, /^validation\.accuracy must be in \[0, 1\]/],
    ['a per-class rejection threshold for an unknown label', (j) => { j.rejection = { threshold: 0, perClass: { maybe: 0.5 } }; },
      /^rejection\.perClass has "maybe", which is not one of the labels/],
    ['a per-class rejection threshold above 1', (j) => { j.rejection = { threshold: 0, perClass: { yes: 2 } }; },
      /^rejection\.perClass\.yes must be in \[0, 1\], got 2/],
    ['a non-object', (j) => { j.layers = 'none'; }, /^layers must be an array/],
  ];

  it.each(cases)('%s', (_, change, message) => {
    expect(() => parseGestureModel(edited(change))).toThrow(message);
  });

  it('rejects a document that is not an object', () => {
    expect(() => parseGestureModel(null)).toThrow(/^model must be an object, got null/);
  });

  it('rejects truncated JSON text', () => {
    const text = serializeGestureModel(tinyModel());
    expect(() => parseGestureModelText(text.slice(0, text.length / 2))).toThrow(/^model is not valid JSON \(truncated or corrupt file\?\)/);
  });
});

describe('the committed default model', () => {
  const text = readFileSync(path.join(repoRoot, 'public', 'models', 'gesture_model.json'), 'utf8');
  const model = parseGestureModelText(text);

  it('is valid, has the nine labels in order and the current feature spec', () => {
    expect(model.labels).toEqual([...GESTURE_LABELS]);
    expect(model.featureSpec).toEqual(FEATURE_SPEC);
  });

  it('records honest held-out figures: every label validated, above 90% overall', () => {
    for (const label of GESTURE_LABELS) expect(model.validation.perClass[label].total).toBeGreaterThan(0);
    expect(model.validation.accuracy).toBeGreaterThan(0.9);
    expect(model.provenance.sources.map((s) => s.path)).toContain('landmarks/kinivi/keypoint.csv');
  });

  it('is stored in canonical form (serialising it again gives the same bytes)', () => {
    expect(serializeGestureModel(model)).toBe(text);
  });

  it('recognises the embedded real open hand', () => {
    expect(new FloatMlpClassifier(model).classify(extractFeatures(kiniviOpenLandmarks(), 1)).label).toBe('open_palm');
  });

  it('carries an int8 section derived from these float layers (npm run quantize after npm run train)', () => {
    const { int8 } = model;
    if (int8 === undefined) expect.fail('public/models/gesture_model.json has no int8 section: run npm run quantize after npm run train');
    // The parser already proved it matches the float layers (digest) and the kernels' contract.
    expect(int8.scheme).toBe(DEFAULT_QUANT_CONFIG.scheme);
    expect(int8.calibration.method).toBe(DEFAULT_QUANT_CONFIG.calibration);
    expect(int8.validation.int8Accuracy).toBeGreaterThanOrEqual(int8.validation.floatAccuracy - 0.005);
    expect(int8.validation.agreement).toBeGreaterThanOrEqual(MIN_DEFAULT_AGREEMENT);
    expect(int8.validation.floatAccuracy).toBe(model.validation.accuracy);
    expect(Int8MlpClassifier.fromModel(model).classify(extractFeatures(kiniviOpenLandmarks(), 1)).label).toBe('open_palm');
  });
});
