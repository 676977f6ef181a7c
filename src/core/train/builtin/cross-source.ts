// Cross-person validation: leave one person (one source) out of training entirely and score every row they recorded.
import type { GestureClassifier } from '../../classifier';
import { FloatMlpClassifier } from '../../mlp/float-mlp';
import { withModelRejection } from '../../model/rejection';
import type { ClassTally, GestureModel } from '../../model/gesture-model';
import { fitsThumb, rowsByLabel, usablePoses, validationSamples, type LoadedSource } from './dataset';
import { gestureIndex, type ClassSet } from './gesture-recipes';
import type { ValidationSample } from '../shared/splits';
import { poseOf } from '../shared/poses';
import { trainGestureModel, type TrainOptions } from './train-gesture-model';

export const CROSS_SOURCE_METHOD = 'leave one person out: each source is one person; for each, the full recipe is trained without '
  + 'any of their rows and every row they recorded is scored as recorded (kinivi\'s Pointer and victorexpounder\'s ThumbsUp only '
  + 'where the finger already points into a class window: up for pointing_up and thumb_up, down or sideways for none); '
  + 'tallies are per person and class; meanAccuracy is the mean over person-classes, so each person counts once per class';

/** Separates person and class in a tally key: "victory ← kinivi". */
const SEPARATOR = ' ← ';

/** The key of one person's rows of one class. */
export function personClassKey(gesture: string, person: string): string {
  return `${gesture}${SEPARATOR}${person}`;
}

/**
 * The sources without `person`'s, and every row `person` recorded as test samples: a recipe validated as recorded
 * scores all its rows (a foreshortened thumb is still that person's thumbs-up; a recipe of the rows with the thumb
 * out, or folded, all of those), one validated in an aim window scores
 * the usable rows already pointing there; rows only ever rotated into a class (thumb_down from a thumbs-up) are not
 * the person's own gesture and are left out. Subsets are personClassKey(gesture, person).
 */
export function splitPerson(
  sources: readonly LoadedSource[], person: string, classes: ClassSet,
): { training: LoadedSource[]; test: ValidationSample[] } {
  const held = sources.find((source) => source.spec.id === person);
  if (held === undefined) throw new Error(`cross-source: no source "${person}"`);
  const test: ValidationSample[] = [];
  for (const [label, run] of rowsByLabel(held)) {
    const poses = run.map((row) => poseOf(row.landmarks, row.aspect));
    for (const recipe of classes.recipes.filter((r) => r.sourceLabel === label)) {
      const target = gestureIndex(recipe.gesture, classes);
      for (const mode of recipe.validation) {
        if (mode === 'rotated-to-target') continue;
        const tested = mode === 'as-recorded' ? poses.filter((pose) => fitsThumb(recipe, pose)) : usablePoses(recipe, poses);
        test.push(...validationSamples(recipe, mode, tested, personClassKey(recipe.gesture, person), target));
      }
    }
  }
  if (test.length === 0) throw new Error(`cross-source: ${person} recorded nothing the recipes read`);
  return { training: sources.filter((source) => source !== held), test };
}

/** Tallies of one person's rows of one class, with what its mistakes were called. */
export interface RecordingTally extends ClassTally {
  /** Wrong predictions by label, e.g. { thumb_up: 12 }. */
  readonly mistakes: Record<string, number>;
}

/** One class over the people who recorded it. */
export interface ClassAcrossPeople extends ClassTally {
  readonly people: number;
  /** Mean of the people's accuracies on the class. */
  readonly meanAccuracy: number;
  readonly worstPerson: string;
  readonly worstAccuracy: number;
}

export interface CrossSourceResult {
  /** By personClassKey, e.g. "victory ← kinivi". */
  readonly perRecording: Record<string, RecordingTally>;
  readonly perClass: Record<string, ClassAcrossPeople>;
  /** Each person's rows pooled. */
  readonly perPerson: Record<string, ClassTally>;
  /** Mean of the person-class accuracies: each person weighs the same in each class they recorded. */
  readonly meanAccuracy: number;
}

/** Every source's id, in order: each is a fold of leave-one-person-out. */
export function crossSourcePeople(sources: readonly LoadedSource[]): string[] {
  return sources.map((source) => source.spec.id);
}

/** Trains one model per person left out (`people`, default all) with `options` and scores it on that person's rows. */
export function crossSourceValidate(
  sources: readonly LoadedSource[], options: TrainOptions, people: readonly string[] = crossSourcePeople(sources),
): CrossSourceResult {
  const tallies = people.map((person) => {
    const { training, test } = splitPerson(sources, person, options.classes);
    const { model } = trainGestureModel(training, options);
    return tallyRecordings(withModelRejection(new FloatMlpClassifier(model), model), test);
  });
  return summarizeCrossSource(mergeRecordingTallies(tallies));
}

/** Per-subset tallies of a classifier on test samples. */
export function tallyRecordings(classifier: GestureClassifier, test: readonly ValidationSample[]): Record<string, RecordingTally> {
  const perRecording: Record<string, { correct: number; total: number; mistakes: Record<string, number> }> = {};
  for (const sample of test) {
    const entry = perRecording[sample.subset] ??= { correct: 0, total: 0, mistakes: {} };
    const predicted = classifier.classify(sample.features).label;
    entry.total++;
    if (predicted === classifier.labels[sample.target]) entry.correct++;
    else entry.mistakes[predicted] = (entry.mistakes[predicted] ?? 0) + 1;
  }
  return perRecording;
}

/** Adds up tallies of several runs (folds, seeds). */
export function mergeRecordingTallies(runs: readonly Record<string, RecordingTally>[]): Record<string, RecordingTally> {
  const merged: Record<string, { correct: number; total: number; mistakes: Record<string, number> }> = {};
  for (const run of runs) {
    for (const [name, tally] of Object.entries(run)) {
      const entry = merged[name] ??= { correct: 0, total: 0, mistakes: {} };
      entry.correct += tally.correct;
      entry.total += tally.total;
      for (const [label, count] of Object.entries(tally.mistakes)) entry.mistakes[label] = (entry.mistakes[label] ?? 0) + count;
    }
  }
  return merged;
}

/** Per class (mean and worst person), per person, and the mean over person-classes. */
export function summarizeCrossSource(perRecording: Record<string, RecordingTally>): CrossSourceResult {
  const byClass: Record<string, { person: string; tally: ClassTally }[]> = {};
  const perPerson: Record<string, { correct: number; total: number }> = {};
  for (const [key, tally] of Object.entries(perRecording)) {
    const [gesture, person] = key.split(SEPARATOR);
    (byClass[gesture] ??= []).push({ person, tally });
    const entry = perPerson[person] ??= { correct: 0, total: 0 };
    entry.correct += tally.correct;
    entry.total += tally.total;
  }
  const accuracy = (tally: ClassTally) => tally.correct / tally.total;
  const perClass = Object.fromEntries(Object.entries(byClass).map(([gesture, people]): [string, ClassAcrossPeople] => {
    const worst = people.reduce((a, b) => (accuracy(b.tally) < accuracy(a.tally) ? b : a));
    return [gesture, {
      correct: people.reduce((sum, p) => sum + p.tally.correct, 0),
      total: people.reduce((sum, p) => sum + p.tally.total, 0),
      people: people.length,
      meanAccuracy: people.reduce((sum, p) => sum + accuracy(p.tally), 0) / people.length,
      worstPerson: worst.person,
      worstAccuracy: accuracy(worst.tally),
    }];
  }));
  const tallies = Object.values(perRecording);
  const meanAccuracy = tallies.length === 0 ? 0 : tallies.reduce((sum, t) => sum + accuracy(t), 0) / tallies.length;
  return { perRecording, perClass, perPerson, meanAccuracy };
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
        perClass: Object.fromEntries(Object.entries(cross.perClass).map(([gesture, c]) => [gesture, {
          correct: c.correct, total: c.total, people: c.people, meanAccuracy: round(c.meanAccuracy),
          worstPerson: c.worstPerson, worstAccuracy: round(c.worstAccuracy),
        }])),
        perRecording: cross.perRecording,
      },
    },
  };
}
