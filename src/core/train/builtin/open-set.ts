// Open-set evaluation: train without one class entirely and see whether its hands come out "none" (npm run eval:open-set).
import type { GestureClassifier } from '../../classifier';
import { NONE_LABEL } from '../../labels';
import { GESTURE_LABELS, type GestureLabel } from '../../model/builtin-gestures';
import { withModelRejection } from '../../model/rejection';
import { Int8MlpClassifier } from '../../quant/int8-classifier';
import type { GestureModel } from '../../model/gesture-model';
import { splitRun, type ValidationSample } from '../shared/splits';
import { poseOf } from '../shared/poses';
import { MODE_SUFFIX, rowsByLabel, usablePoses, validationSamples, type LoadedSource } from './dataset';
import { gestureIndex, patternsFreedBy, withoutClass } from './gesture-recipes';
import { withShippedInt8 } from './quantize-builtin';
import { trainGestureModel, withNoneBias, type TrainOptions } from './train-gesture-model';

/** The classes left out in turn: every static class (none is what they should become). */
export const OPEN_SET_CLASSES: readonly GestureLabel[] = GESTURE_LABELS.filter((label) => label !== NONE_LABEL);

export const OPEN_SET_METHOD = 'leave one class out: for each static class C, the built-in recipe is trained without C (no output, '
  + 'no recipe, no donor hands for the synthetic none, whose finger patterns stay the ones that avoid C), quantized as shipped, '
  + 'and scored INT8 (with the model\'s rejection threshold, if it has one): every row of C\'s recordings should come out none '
  + '(only the held-out blocks of a recording another recipe still trains on, e.g. kinivi Pointer for pointing_up), and the '
  + 'other classes\' held-out blocks should keep their label';

/**
 * The hands of `leftOut` as test samples, all labelled none of the class set without it. A recording that only
 * `leftOut`'s recipes read is never seen in training, so all its rows count; one that another recipe still reads
 * (kinivi's Pointer, pointed up for pointing_up and elsewhere for none) counts its held-out block only. Each of
 * `leftOut`'s recipes scores its rows the way the held-out blocks do (as recorded, in the aim window, rotated there).
 */
export function unknownClassSamples(sources: readonly LoadedSource[], leftOut: GestureLabel, options: TrainOptions): ValidationSample[] {
  const remaining = withoutClass(options.classes, leftOut);
  const none = gestureIndex(NONE_LABEL, remaining);
  const samples: ValidationSample[] = [];
  for (const source of sources) {
    for (const [label, run] of rowsByLabel(source)) {
      const recipes = options.classes.recipes.filter((recipe) => recipe.sourceLabel === label && recipe.gesture === leftOut);
      if (recipes.length === 0) continue;
      const poses = run.map((row) => poseOf(row.landmarks, row.aspect));
      const stillTrained = remaining.recipes.some((recipe) => recipe.sourceLabel === label);
      const tested = stillTrained ? splitRun(poses, options.split).validation : poses;
      for (const recipe of recipes) {
        for (const mode of recipe.validation) {
          const subset = `${leftOut} ← ${source.spec.id}:${label}${MODE_SUFFIX[mode]}`;
          samples.push(...validationSamples(recipe, mode, usablePoses(recipe, tested), subset, none));
        }
      }
    }
  }
  if (samples.length === 0) throw new Error(`open set: the sources hold no rows of ${leftOut}`);
  return samples;
}

/** One left-out class, one model. */
export interface OpenSetScore {
  readonly leftOut: GestureLabel;
  /** The none bias the model was scored with (TrainOptions.noneBias); absent: the trained model as it is. */
  readonly noneBias?: number;
  /** The left-out class's rows: how many came out none, and what the others were called. */
  readonly unknown: { readonly toNone: number; readonly total: number; readonly calledAs: Record<string, number> };
  /** The other classes' held-out rows (none's own left aside): how many came out none, how many kept their label. */
  readonly known: { readonly toNone: number; readonly correct: number; readonly total: number };
}

/** Scores a model trained without `leftOut` on that class's rows and on the known classes' held-out rows. */
export function scoreOpenSet(
  classifier: GestureClassifier, leftOut: GestureLabel, unknown: readonly ValidationSample[], heldOut: readonly ValidationSample[],
): OpenSetScore {
  const none = classifier.labels.indexOf(NONE_LABEL);
  if (none < 0) throw new Error('open set: the classifier has no none label');
  const calledAs: Record<string, number> = {};
  let unknownToNone = 0;
  for (const sample of unknown) {
    const label = classifier.classify(sample.features).label;
    if (label === NONE_LABEL) unknownToNone++;
    else calledAs[label] = (calledAs[label] ?? 0) + 1;
  }
  let knownToNone = 0;
  let knownCorrect = 0;
  let knownTotal = 0;
  for (const sample of heldOut) {
    if (sample.target === none) continue;
    const label = classifier.classify(sample.features).label;
    knownTotal++;
    if (label === NONE_LABEL) knownToNone++;
    if (label === classifier.labels[sample.target]) knownCorrect++;
  }
  return {
    leftOut,
    unknown: { toNone: unknownToNone, total: unknown.length, calledAs },
    known: { toNone: knownToNone, correct: knownCorrect, total: knownTotal },
  };
}

/** The engine a model ships with: its int8 section on the integer engine, then its rejection threshold if it has one. */
export function shippedClassifier(model: GestureModel): GestureClassifier {
  return withModelRejection(Int8MlpClassifier.fromModel(model), model);
}

/** How a fold is run beyond the recipe's options. */
export interface OpenSetFoldOptions {
  /** None biases to score the one trained model at (TrainOptions.noneBias); default: the options' own. */
  readonly noneBiases?: readonly number[];
  /**
   * true (default): none's synthesis also covers the patterns only `leftOut` claimed (patternsFreedBy), as it would
   * if the class had never existed. false: it keeps the recipe's pattern list, so C's pattern is a gap neither a
   * class nor synthesised (how an "L" or a thumb+V, patterns the list leaves out, meet the shipped model).
   */
  readonly freePatterns?: boolean;
}

/**
 * Trains `options`' recipe without `leftOut`, quantizes it as shipped, and scores it (seeded by options.seed): once
 * per none bias (OpenSetFoldOptions), applied to the one trained model, so a sweep costs one training.
 */
export function runOpenSetFold(
  sources: readonly LoadedSource[], leftOut: GestureLabel, options: TrainOptions, fold: OpenSetFoldOptions = {},
): OpenSetScore[] {
  const noneBiases = fold.noneBiases ?? [options.noneBias];
  const freed = fold.freePatterns === false ? [] : patternsFreedBy(options.classes, leftOut);
  const nonePatterns = [...new Set([...options.noneSynthesisPatterns, ...freed])];
  const classes = withoutClass(options.classes, leftOut);
  const { model, data } = trainGestureModel(sources, { ...options, classes, noneSynthesisPatterns: nonePatterns, noneBias: 0 });
  const unknown = unknownClassSamples(sources, leftOut, options);
  const none = gestureIndex(NONE_LABEL, classes);
  return noneBiases.map((noneBias) => {
    const biased = { ...model, layers: withNoneBias(model.layers, none, noneBias) };
    const classifier = shippedClassifier(withShippedInt8(biased, data, options.seed));
    return { ...scoreOpenSet(classifier, leftOut, unknown, data.validation), noneBias };
  });
}

/** Per left-out class, its runs (seeds) added up. */
export interface OpenSetClassSummary {
  readonly leftOut: GestureLabel;
  readonly runs: number;
  /** Fraction of the left-out class's rows called none. */
  readonly unknownToNone: number;
  /** Fraction of the known classes' held-out rows called none. */
  readonly knownToNone: number;
  /** Fraction of the known classes' held-out rows that kept their label. */
  readonly knownAccuracy: number;
  /** What the left-out rows that were not none were called, summed over runs. */
  readonly calledAs: Record<string, number>;
  readonly unknownRows: number;
}

export interface OpenSetSummary {
  readonly perClass: readonly OpenSetClassSummary[];
  /** Means over the left-out classes (each class weighs the same, whatever its row count). */
  readonly meanUnknownToNone: number;
  readonly meanKnownToNone: number;
  readonly meanKnownAccuracy: number;
  /** The lowest class's unknown → none. */
  readonly worstUnknownToNone: number;
}

/** Adds up the runs of each left-out class (in OPEN_SET_CLASSES order) and takes the means over classes. */
export function summarizeOpenSet(scores: readonly OpenSetScore[]): OpenSetSummary {
  const perClass = OPEN_SET_CLASSES.flatMap((leftOut): OpenSetClassSummary[] => {
    const runs = scores.filter((score) => score.leftOut === leftOut);
    if (runs.length === 0) return [];
    const sum = (pick: (score: OpenSetScore) => number) => runs.reduce((total, score) => total + pick(score), 0);
    const calledAs: Record<string, number> = {};
    for (const run of runs) for (const [label, count] of Object.entries(run.unknown.calledAs)) calledAs[label] = (calledAs[label] ?? 0) + count;
    const unknownRows = sum((s) => s.unknown.total);
    const knownRows = sum((s) => s.known.total);
    return [{
      leftOut,
      runs: runs.length,
      unknownToNone: sum((s) => s.unknown.toNone) / unknownRows,
      knownToNone: sum((s) => s.known.toNone) / knownRows,
      knownAccuracy: sum((s) => s.known.correct) / knownRows,
      calledAs,
      unknownRows: unknownRows / runs.length,
    }];
  });
  const mean = (pick: (row: OpenSetClassSummary) => number) => perClass.reduce((total, row) => total + pick(row), 0) / Math.max(1, perClass.length);
  return {
    perClass,
    meanUnknownToNone: mean((row) => row.unknownToNone),
    meanKnownToNone: mean((row) => row.knownToNone),
    meanKnownAccuracy: mean((row) => row.knownAccuracy),
    worstUnknownToNone: perClass.length === 0 ? 0 : Math.min(...perClass.map((row) => row.unknownToNone)),
  };
}
