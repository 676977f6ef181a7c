// Cross-source validation: one person's recordings of a class held out entirely, the model trained without them.
import { resolveLabelName } from '../../dataset/label-names';
import type { GestureClassifier } from '../../classifier';
import { FloatMlpClassifier } from '../../mlp/float-mlp';
import type { ClassTally, GestureModel } from '../../model/gesture-model';
import type { GestureLabel } from '../../model/builtin-gestures';
import type { LoadedSource } from './dataset';
import { CLASS_RECIPES, gestureIndex } from './gesture-recipes';
import type { ValidationSample } from '../shared/splits';
import { featuresAt, poseOf } from '../shared/poses';
import { trainGestureModel, type TrainOptions } from './train-gesture-model';

/** The rows of one label in one source: one person filming one class. */
export interface HeldOutRecording {
  readonly sourceId: string;
  readonly label: string;
}

/** One training run: these recordings are left out of training and are the test set. */
export interface CrossSourceFold {
  readonly name: string;
  readonly heldOut: readonly HeldOutRecording[];
}

/**
 * Only open palm, fist and victory were recorded by more than one person, so only they can be tested
 * on someone the model has never seen. Each fold keeps one recording of each of the three classes for
 * training (kinivi + rps-scissor, or victorexpounder) and tests on the others. The tested person's
 * other classes stay in training: without them rock, thumb_up and middle-finger none would have no
 * data, so the model may still have seen that person's hand, never in the tested class.
 */
export const CROSS_SOURCE_FOLDS: readonly CrossSourceFold[] = [
  {
    name: 'test victorexpounder',
    heldOut: [
      { sourceId: 'victorexpounder', label: 'handOpen' },
      { sourceId: 'victorexpounder', label: 'handClose' },
      { sourceId: 'victorexpounder', label: 'peace' },
    ],
  },
  {
    name: 'test kinivi + rps-scissor',
    heldOut: [
      { sourceId: 'kinivi', label: 'Open' },
      { sourceId: 'kinivi', label: 'Close' },
      { sourceId: 'rps-scissor', label: 'Scissor' },
    ],
  },
];

export const CROSS_SOURCE_METHOD = 'leave one person out per class: each fold trains the full recipe without some '
  + 'recordings (one source\'s rows of a class) and scores every row of those recordings as recorded; '
  + CROSS_SOURCE_FOLDS.map((fold) => `${fold.name} (${fold.heldOut.map((r) => `${r.sourceId}:${r.label}`).join(', ')})`).join('; ')
  + '; meanAccuracy is the mean over the recordings, so each person counts once per class';

/** The gesture a recording is tested as: it must have exactly one recipe, free to rotate (tested as recorded). */
function gestureOfRecording(label: string): GestureLabel {
  const recipes = CLASS_RECIPES.filter((recipe) => recipe.sourceLabel === label);
  if (recipes.length !== 1 || recipes[0].pose.kind !== 'any-rotation') {
    throw new Error(`cross-source: ${label} must map to one rotation-free gesture, it has ${recipes.length} recipes`);
  }
  return recipes[0].gesture;
}

/** The sources without the fold's recordings, and those recordings as test samples (as recorded, all rows). */
export function splitFold(sources: readonly LoadedSource[], fold: CrossSourceFold): { training: LoadedSource[]; test: ValidationSample[] } {
  const test: ValidationSample[] = [];
  const training = sources.map((source) => {
    const heldLabels = fold.heldOut.filter((r) => r.sourceId === source.spec.id).map((r) => r.label);
    if (heldLabels.length === 0) return source;
    const kept = source.rows.filter((row) => {
      const label = resolveLabelName(row.label ?? '', source.labelNames);
      if (!heldLabels.includes(label)) return true;
      const gesture = gestureOfRecording(label);
      const pose = poseOf(row.landmarks, row.aspect);
      test.push({ features: featuresAt(pose, pose.orientation), target: gestureIndex(gesture), subset: `${gesture} ← ${source.spec.id}:${label}` });
      return false;
    });
    return { ...source, rows: kept };
  });
  for (const recording of fold.heldOut) {
    if (!test.some((sample) => sample.subset.endsWith(`${recording.sourceId}:${recording.label}`))) {
      throw new Error(`cross-source: no rows for ${recording.sourceId}:${recording.label}`);
    }
  }
  return { training, test };
}

/** Held-out tallies of one recording, with what its mistakes were called. */
export interface RecordingTally extends ClassTally {
  readonly fold: string;
  /** Wrong predictions by label, e.g. { thumb_up: 12 }. */
  readonly mistakes: Record<string, number>;
}

export interface CrossSourceResult {
  /** By subset name, e.g. "open_palm ← victorexpounder:handOpen". */
  readonly perRecording: Record<string, RecordingTally>;
  /** Pooled over recordings of the same gesture. */
  readonly perClass: Record<string, ClassTally>;
  /** Mean of the recordings' accuracies: each person's recording of each class weighs the same. */
  readonly meanAccuracy: number;
}

/** Trains one model per fold with `options` and scores it on the fold's held-out recordings. */
export function crossSourceValidate(
  sources: readonly LoadedSource[], options: TrainOptions, folds: readonly CrossSourceFold[] = CROSS_SOURCE_FOLDS,
): CrossSourceResult {
  const tallies = folds.map((fold) => {
    const { training, test } = splitFold(sources, fold);
    const { model } = trainGestureModel(training, options);
    return tallyRecordings(new FloatMlpClassifier(model), test, fold.name);
  });
  return summarizeCrossSource(Object.assign({}, ...tallies));
}

/** Per-recording tallies of a classifier on test samples. */
export function tallyRecordings(
  classifier: GestureClassifier, test: readonly ValidationSample[], fold: string,
): Record<string, RecordingTally> {
  const perRecording: Record<string, { fold: string; correct: number; total: number; mistakes: Record<string, number> }> = {};
  for (const sample of test) {
    const entry = perRecording[sample.subset] ??= { fold, correct: 0, total: 0, mistakes: {} };
    const predicted = classifier.classify(sample.features).label;
    entry.total++;
    if (predicted === classifier.labels[sample.target]) entry.correct++;
    else entry.mistakes[predicted] = (entry.mistakes[predicted] ?? 0) + 1;
  }
  return perRecording;
}

/** Adds up tallies of several runs (seeds) of the same folds. */
export function mergeRecordingTallies(runs: readonly Record<string, RecordingTally>[]): Record<string, RecordingTally> {
  const merged: Record<string, { fold: string; correct: number; total: number; mistakes: Record<string, number> }> = {};
  for (const run of runs) {
    for (const [name, tally] of Object.entries(run)) {
      const entry = merged[name] ??= { fold: tally.fold, correct: 0, total: 0, mistakes: {} };
      entry.correct += tally.correct;
      entry.total += tally.total;
      for (const [label, count] of Object.entries(tally.mistakes)) entry.mistakes[label] = (entry.mistakes[label] ?? 0) + count;
    }
  }
  return merged;
}

/** Per-class pooling and the mean recording accuracy. */
export function summarizeCrossSource(perRecording: Record<string, RecordingTally>): CrossSourceResult {
  const perClass: Record<string, { correct: number; total: number }> = {};
  let accuracySum = 0;
  for (const [name, tally] of Object.entries(perRecording)) {
    const gesture = name.split(' ← ')[0];
    const entry = perClass[gesture] ??= { correct: 0, total: 0 };
    entry.correct += tally.correct;
    entry.total += tally.total;
    accuracySum += tally.correct / tally.total;
  }
  const count = Object.keys(perRecording).length;
  return { perRecording, perClass, meanAccuracy: count === 0 ? 0 : accuracySum / count };
}

/** The model with `cross` recorded as validation.crossSource (an extra key the model parser keeps). */
export function withCrossSourceValidation(model: GestureModel, cross: CrossSourceResult): GestureModel {
  const round = (value: number) => Number(value.toFixed(4));
  return {
    ...model,
    validation: {
      ...model.validation,
      crossSource: {
        method: CROSS_SOURCE_METHOD,
        meanAccuracy: round(cross.meanAccuracy),
        perClass: cross.perClass,
        perRecording: cross.perRecording,
      },
    },
  };
}
