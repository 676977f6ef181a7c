// Test helper for the quantization tests: a small seeded float model, seeded features, and the real data split once.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FEATURE_SPEC } from '../../src/core/landmarks/features.ts';
import { parseGestureModelText, type GestureModel } from '../../src/core/model/gesture-model.ts';
import { roundSignificant } from '../../src/core/model/serialize-model.ts';
import { referenceRun, type ReferenceRun } from '../../src/core/quant/compare-float.ts';
import { calibrationRun, int8Section, runQuantConfig, type QuantConfig } from '../../src/core/train/shared/quant-pipeline.ts';
import { prepareData, thinRows, type PoseGroup } from '../../src/core/train/builtin/dataset.ts';
import type { Donors } from '../../src/core/train/shared/synthesize-none.ts';
import { SeededRandom } from '../../src/util/seeded-random.ts';
import { DEFAULT_TRAIN_OPTIONS } from '../../src/core/train/builtin/train-gesture-model.ts';
import { loadSharedSources, repoRoot } from './shared-data.ts';

/**
 * The floor for the default scheme's top-1 agreement with float on the 2,290 held-out hands. The model trained
 * with re-articulation agrees on 98.91% (25 hands differ; 99.52% for the earlier model); the best cell of the
 * comparison reaches 99.34%. 98.5% leaves room for retraining noise (about ±10 hands) without hiding a real regression.
 */
export const MIN_DEFAULT_AGREEMENT = 0.985;

export const TINY_LABELS = ['a', 'b', 'c'];

/** A valid float model 42 → 8 (relu) → 3 (softmax) with seeded weights at 6 significant digits. */
export function tinyFloatModel(seed = 11): GestureModel {
  const random = new SeededRandom(seed);
  const values = (count: number, scale: number) => Array.from({ length: count }, () => roundSignificant(random.normal() * scale));
  return {
    format: 'handcast-gesture-model',
    version: 1,
    labels: TINY_LABELS,
    featureSpec: { ...FEATURE_SPEC },
    layers: [
      { inputs: FEATURE_SPEC.length, outputs: 8, activation: 'relu', weights: values(FEATURE_SPEC.length * 8, 0.3), bias: values(8, 0.1) },
      { inputs: 8, outputs: 3, activation: 'softmax', weights: values(24, 0.5), bias: values(3, 0.1) },
    ],
    training: { seed, epochs: 0 },
    provenance: { sources: [] },
    validation: { method: 'none (test model)', perClass: {}, accuracy: 0 },
  };
}

/** `count` seeded feature vectors, roughly the scale of real ones (palm sizes). */
export function randomFeatures(count: number, seed = 3): Float32Array[] {
  const random = new SeededRandom(seed);
  return Array.from({ length: count }, () => Float32Array.from({ length: FEATURE_SPEC.length }, () => random.normal()));
}

/** The tiny model with an int8 section made by the pipeline on random features (labels: the float argmax). */
export function tinyQuantizedModel(config: QuantConfig): GestureModel {
  const model = tinyFloatModel();
  const features = randomFeatures(200);
  const reference = referenceRun(model.layers, features, features.map(() => 0));
  const run = runQuantConfig(model.layers, calibrationRun(model.layers, features), reference, config);
  return { ...model, int8: int8Section(model, run, { description: 'random test features', samples: features.length }, 'test') };
}

/** The committed default model. */
export function shippedModel(): GestureModel {
  return parseGestureModelText(readFileSync(path.join(repoRoot, 'public', 'models', 'gesture_model.json'), 'utf8'));
}

export interface RealSplit {
  readonly groups: readonly (readonly PoseGroup[])[];
  readonly donors: Donors;
  readonly reference: ReferenceRun;
}

const splits = new Map<number, RealSplit>();

/**
 * The trainer's split of the shared data (at most `maxPerLabel` evenly spaced rows per label, 0 for all),
 * with the held-out samples scored by `model`'s float layers.
 */
export function realSplit(model: GestureModel, maxPerLabel: number): RealSplit {
  const cached = splits.get(maxPerLabel);
  if (cached) return cached;
  const sources = loadSharedSources().map((source) => (maxPerLabel > 0 ? thinRows(source, maxPerLabel) : source));
  const data = prepareData(sources, {
    ...DEFAULT_TRAIN_OPTIONS, seed: model.training.seed, syntheticValidationCount: maxPerLabel > 0 ? 100 : DEFAULT_TRAIN_OPTIONS.syntheticValidationCount,
  });
  const reference = referenceRun(model.layers, data.validation.map((s) => s.features), data.validation.map((s) => s.target));
  const result = { groups: data.groups, donors: data.trainDonors, reference };
  splits.set(maxPerLabel, result);
  return result;
}
