// Open-set evaluation: the class set without a class, which rows test it, the scoring and the summary; one tiny real run.
import type { GestureClassifier } from '../../src/core/classifier.ts';
import type { LandmarkRow } from '../../src/core/dataset/landmark-rows.ts';
import type { Landmark } from '../../src/core/landmarks/types.ts';
import { rowsByLabel, thinRows, type LoadedSource } from '../../src/core/train/builtin/dataset.ts';
import { BUILTIN_CLASSES, patternsFreedBy, withoutClass } from '../../src/core/train/builtin/gesture-recipes.ts';
import {
  OPEN_SET_CLASSES, runOpenSetFold, scoreOpenSet, summarizeOpenSet, unknownClassSamples, type OpenSetScore,
} from '../../src/core/train/builtin/open-set.ts';
import { SHARED_DATA_SOURCES } from '../../src/core/train/builtin/sources.ts';
import { DEFAULT_TRAIN_OPTIONS } from '../../src/core/train/builtin/train-gesture-model.ts';
import type { ValidationSample } from '../../src/core/train/shared/splits.ts';
import { kiniviOpenLandmarks, loadSharedSources, sharedSourcesMissing } from './shared-data.ts';

const dataMissing = sharedSourcesMissing('open-set.test.ts');

/** The embedded open hand with the given fingers (index…pinky chains) folded onto their knuckles. */
function handWithFolded(folded: readonly (readonly number[])[]): Landmark[] {
  const hand = kiniviOpenLandmarks();
  for (const [mcp, ...rest] of folded) for (const joint of rest) hand[joint] = { ...hand[mcp] };
  return hand;
}

const INDEX = [5, 6, 7, 8];
const OTHERS = [[9, 10, 11, 12], [13, 14, 15, 16], [17, 18, 19, 20]];

/** A kinivi-like source: `count` rows of each label, in runs (Open, Close, Pointer by index as in kinivi's label file). */
function tinySource(count: number): LoadedSource {
  const shapes: Record<string, Landmark[]> = {
    0: kiniviOpenLandmarks(),
    1: handWithFolded([INDEX, ...OTHERS]),
    2: handWithFolded(OTHERS),
  };
  const rows: LandmarkRow[] = [];
  for (const [label, landmarks] of Object.entries(shapes)) {
    for (let i = 0; i < count; i++) rows.push({ ok: true, line: rows.length + 1, label, landmarks, aspect: 1 });
  }
  return { spec: SHARED_DATA_SOURCES[0], rows, labelNames: ['Open', 'Close', 'Pointer'] };
}

describe('withoutClass', () => {
  it('drops the label and every recipe that trains it, keeps the rest in order, and refuses none', () => {
    const classes = withoutClass(BUILTIN_CLASSES, 'victory');
    expect(classes.labels).toEqual(BUILTIN_CLASSES.labels.filter((label) => label !== 'victory'));
    expect(classes.recipes.some((recipe) => recipe.gesture === 'victory')).toBe(false);
    expect(classes.recipes.filter((recipe) => recipe.sourceLabel === 'Pointer')).toHaveLength(2);
    expect(() => withoutClass(BUILTIN_CLASSES, 'none')).toThrow(/none cannot be left out/);
    expect(() => withoutClass(classes, 'victory')).toThrow(/not one of the classes/);
  });
});

describe('patternsFreedBy', () => {
  it('gives the left-out class\'s finger patterns that no other class claims, so none\'s synthesis can cover them', () => {
    expect(patternsFreedBy(BUILTIN_CLASSES, 'open_palm')).toEqual([]); // 11111 is also ok's (--111)
    expect(patternsFreedBy(BUILTIN_CLASSES, 'ok')).toEqual(['00111', '01111', '10111']);
    expect(patternsFreedBy(BUILTIN_CLASSES, 'fist')).toEqual(['00000']);
    expect(patternsFreedBy(BUILTIN_CLASSES, 'pointing_up')).toEqual(['01000', '11000']);
    expect(patternsFreedBy(BUILTIN_CLASSES, 'victory')).toEqual(['01100', '11100']);
    expect(patternsFreedBy(BUILTIN_CLASSES, 'rock')).toEqual(['01001']);
    expect(patternsFreedBy(BUILTIN_CLASSES, 'thumb_up')).toEqual([]); // thumb_down trains 10000 too
    const withoutOk = withoutClass(BUILTIN_CLASSES, 'ok');
    expect(patternsFreedBy(withoutOk, 'open_palm')).toEqual(['11111']);
  });
});

describe('unknownClassSamples', () => {
  const source = tinySource(100);

  it('tests every row of a recording only the left-out class reads, labelled none of the smaller class set', () => {
    const samples = unknownClassSamples([source], 'open_palm', DEFAULT_TRAIN_OPTIONS);
    expect(samples).toHaveLength(100);
    const none = withoutClass(BUILTIN_CLASSES, 'open_palm').labels.indexOf('none');
    expect(samples.every((sample) => sample.target === none && sample.subset === 'open_palm ← kinivi:Open')).toBe(true);
  });

  it('tests only the held-out block of a recording another recipe still trains on (Pointer also feeds none)', () => {
    const samples = unknownClassSamples([source], 'pointing_up', DEFAULT_TRAIN_OPTIONS);
    // 20 held-out rows, scored rotated into the window; the embedded hand points up, so recorded-in-window scores them too.
    expect(new Set(samples.map((sample) => sample.subset))).toEqual(new Set(['pointing_up ← kinivi:Pointer, recorded', 'pointing_up ← kinivi:Pointer, rotated']));
    expect(samples.filter((sample) => sample.subset.endsWith('rotated'))).toHaveLength(20);
  });

  it('says so when the sources hold no rows of the class', () => {
    expect(() => unknownClassSamples([source], 'rock', DEFAULT_TRAIN_OPTIONS)).toThrow(/no rows of rock/);
  });
});

describe('scoreOpenSet and summarizeOpenSet', () => {
  const labels = ['open_palm', 'fist', 'none'];
  /** A stub classifier that reads its answer from the first feature (an index into labels). */
  const stub: GestureClassifier = {
    engine: 'stub', labels, featureLength: 1,
    classify: (features) => ({ label: labels[features[0]], score: 1, probabilities: new Float32Array(3) }),
  };
  const sample = (predicted: number, target: number): ValidationSample => ({ features: Float32Array.of(predicted), target, subset: 's' });

  it('counts the unknown rows called none, what the others were called, and known rows turned none or kept', () => {
    const unknown = [sample(2, 2), sample(2, 2), sample(1, 2), sample(0, 2)];
    const heldOut = [sample(0, 0), sample(2, 0), sample(1, 1), sample(0, 1), sample(2, 2), sample(0, 2)];
    expect(scoreOpenSet(stub, 'victory', unknown, heldOut)).toEqual({
      leftOut: 'victory',
      unknown: { toNone: 2, total: 4, calledAs: { fist: 1, open_palm: 1 } },
      // none's own held-out rows are not "known" rows
      known: { toNone: 1, correct: 2, total: 4 },
    });
  });

  it('adds seeds up per class and weighs every class the same in the means', () => {
    const score = (leftOut: OpenSetScore['leftOut'], toNone: number, total: number, knownToNone: number): OpenSetScore => ({
      leftOut, unknown: { toNone, total, calledAs: { fist: total - toNone } }, known: { toNone: knownToNone, correct: 90, total: 100 },
    });
    const summary = summarizeOpenSet([score('rock', 9, 10, 0), score('victory', 50, 100, 2), score('rock', 7, 10, 4)]);
    expect(summary.perClass.map((row) => row.leftOut)).toEqual(['victory', 'rock']);
    const rock = summary.perClass.find((row) => row.leftOut === 'rock')!;
    expect(rock).toMatchObject({ runs: 2, unknownToNone: 0.8, knownToNone: 0.02, knownAccuracy: 0.9, unknownRows: 10, calledAs: { fist: 4 } });
    expect(summary.meanUnknownToNone).toBeCloseTo((0.8 + 0.5) / 2, 10);
    expect(summary.meanKnownToNone).toBeCloseTo((0.02 + 0.02) / 2, 10);
    expect(summary.worstUnknownToNone).toBe(0.5);
  });
});

describe.skipIf(dataMissing)('runOpenSetFold on a thinned copy of the shared data', () => {
  it('trains without the class, runs INT8, and scores every row of it and the other classes\' held-out rows', () => {
    const sources = loadSharedSources().map((source) => thinRows(source, 40));
    const options = { ...DEFAULT_TRAIN_OPTIONS, epochs: 2, hiddenSizes: [16], samplesPerClass: 40, syntheticValidationCount: 20 };
    const [score, neverNone, alwaysNone] = runOpenSetFold(sources, 'victory', options, { noneBiases: [0, -50, 50] });
    expect(score.leftOut).toBe('victory');
    expect(score.noneBias).toBe(0);
    // Every recording of a V is read by the victory recipe alone: all its rows are tested.
    const rows = (label: string) => sources.reduce((sum, source) => sum + (rowsByLabel(source).get(label)?.length ?? 0), 0);
    const victoryRows = rows('peace') + rows('Scissor') + rows('victory');
    expect(victoryRows).toBeGreaterThan(100);
    expect(score.unknown.total).toBe(victoryRows);
    expect(Object.keys(score.unknown.calledAs)).not.toContain('victory');
    expect(score.known.total).toBeGreaterThan(0);
    expect(OPEN_SET_CLASSES).not.toContain('none');
    // The same trained model scored with none's logit pushed far down, then far up: none never, then always, wins.
    expect(neverNone.noneBias).toBe(-50);
    expect(neverNone.unknown.toNone + neverNone.known.toNone).toBe(0);
    expect(neverNone.unknown.total).toBe(score.unknown.total);
    expect(alwaysNone.unknown.toNone).toBe(alwaysNone.unknown.total);
    expect(alwaysNone.known.toNone).toBe(alwaysNone.known.total);
  });
});
