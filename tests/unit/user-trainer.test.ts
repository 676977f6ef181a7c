// The user-gesture trainer on real recordings: take-held-out accuracy, determinism, the int8 section, rejection, abort.
import { serializeGestureModel } from '../../src/core/model/serialize-model.ts';
import { parseGestureModelText } from '../../src/core/model/gesture-model.ts';
import { Int8MlpClassifier } from '../../src/core/quant/int8-classifier.ts';
import { extractFeatures } from '../../src/core/landmarks/features.ts';
import { toHandLandmarks } from '../../src/core/dataset/sample.ts';
import { applyRejection } from '../../src/core/model/rejection.ts';
import { chooseRejectionThreshold, rejectionFigures } from '../../src/core/train/shared/rejection-threshold.ts';
import { splitByTake } from '../../src/core/train/user/take-split.ts';
import {
  DEFAULT_USER_TRAIN_OPTIONS, TrainingAbortedError, trainUserGestureModel, type UserTrainProgress,
} from '../../src/core/train/user/user-model.ts';
import { sharedSourcesMissing } from './shared-data.ts';
import { TAKE_LENGTH, victorSamples } from './user-fixtures.ts';

const dataMissing = sharedSourcesMissing('user-trainer');

const GESTURES = { handOpen: 'open_hand', peace: 'peace', ThumbsUp: 'thumbs_up' };
const OPTIONS = { seed: 7, maxEpochs: 30, patience: 5 };

describe('splitByTake', () => {
  const sample = (label: string, take: string, i: number) => ({
    id: `${take}-${i}`, label, take, landmarks: [], aspect: 1, handedness: 'Right' as const, capturedAt: i,
  });
  it('holds out whole takes, at least one per label with two or more, and the tail of a single take', () => {
    const samples = [
      ...Array.from({ length: 8 }, (_, t) => Array.from({ length: 10 }, (_, i) => sample('a', `a${t}`, t * 10 + i))).flat(),
      ...Array.from({ length: 2 }, (_, t) => Array.from({ length: 10 }, (_, i) => sample('b', `b${t}`, t * 10 + i))).flat(),
      ...Array.from({ length: 40 }, (_, i) => sample('c', 'c0', i)),
    ];
    const split = splitByTake(samples, 3);
    const byLabel = Object.fromEntries(split.labels.map((s) => [s.label, s]));
    expect(byLabel.a.validationTakes).toHaveLength(2);
    expect(byLabel.b.validationTakes).toHaveLength(1);
    for (const s of [byLabel.a, byLabel.b]) expect(s.trainTakes.some((t) => s.validationTakes.includes(t))).toBe(false);
    // One take of 40: the last 8 validate, 2 are dropped as a gap, the first 30 train.
    expect(byLabel.c.note).toMatch(/one take only/);
    expect(split.validation.filter((s) => s.label === 'c').map((s) => s.capturedAt)).toEqual(Array.from({ length: 8 }, (_, i) => 32 + i));
    expect(split.train.filter((s) => s.label === 'c')).toHaveLength(30);
    expect(splitByTake(samples, 3)).toEqual(split);
  });
});

describe('rejection threshold', () => {
  it('keeps 95% of the correct known samples and rejects the rest below it', () => {
    const scored = Array.from({ length: 100 }, (_, i) => ({ actual: 'a', predicted: 'a', score: 0.5 + i / 200 }));
    const threshold = chooseRejectionThreshold(scored);
    expect(scored.filter((s) => s.score >= threshold).length).toBeGreaterThanOrEqual(95);
    const none = { actual: 'none', predicted: 'a', score: threshold - 0.01 };
    expect(rejectionFigures([...scored, none], threshold).noneMisclassifiedRate).toBe(0);
    const prediction = { label: 'a', score: 0.4, probabilities: new Float32Array([0.4, 0.6]) };
    expect(applyRejection(prediction, 0.5).label).toBe('none');
    expect(applyRejection(prediction, 0.3)).toBe(prediction);
  });
});

describe.skipIf(dataMissing)('trainUserGestureModel on victorexpounder (3 gestures, takes of 40 rows)', () => {
  const samples = dataMissing ? [] : victorSamples(GESTURES);
  const progress: UserTrainProgress[] = [];
  const first = dataMissing ? undefined : trainUserGestureModel(samples, OPTIONS, (p) => progress.push(p));

  it('scores well above chance on held-out takes, float and int8', () => {
    const { report } = first!;
    expect(report.labels).toEqual(['open_hand', 'peace', 'thumbs_up', 'none']);
    expect(report.validationSamples).toBeGreaterThan(300);
    // Measured 99.5% float and int8 here (seed 7, 17 epochs): held-out takes are other moments of the same person, so this is optimistic.
    expect(report.floatAccuracy).toBeGreaterThan(0.9);
    expect(report.int8Accuracy).toBeGreaterThan(0.9);
    expect(Math.abs(report.floatAccuracy - report.int8Accuracy)).toBeLessThan(0.03);
    expect(report.epochsRun).toBeLessThanOrEqual(OPTIONS.maxEpochs);
    expect(progress.filter((p) => p.phase === 'train')).toHaveLength(report.epochsRun);
    expect(progress.at(-1)?.phase).toBe('quantize');
  });

  it('repeats bit for bit for a seed, and the text parses with its int8 and rejection sections', () => {
    const again = trainUserGestureModel(samples, OPTIONS);
    const text = serializeGestureModel(first!.model);
    expect(serializeGestureModel(again.model)).toBe(text);
    const parsed = parseGestureModelText(text);
    expect(parsed.int8?.scheme).toBe('u7');
    expect(parsed.int8?.calibration.method).toBe('kl');
    expect(parsed.rejection?.threshold).toBe(first!.report.rejection.threshold);
    expect(parsed.rejection!.threshold).toBeGreaterThan(0.3);
    const broken = JSON.parse(text);
    broken.rejection.threshold = 1.5;
    expect(() => parseGestureModelText(JSON.stringify(broken))).toThrow('rejection.threshold must be in [0, 1], got 1.5');
  });

  it('turns an untrained gesture (victorexpounder rock) into none at the threshold', () => {
    const { model } = first!;
    const classifier = Int8MlpClassifier.fromModel(model);
    const rock = victorSamples({ rock: 'rock' });
    const labels = rock.map((s) => applyRejection(classifier.classify(extractFeatures(toHandLandmarks(s.landmarks), s.aspect)), model.rejection!.threshold).label);
    const noneRate = labels.filter((l) => l === 'none').length / labels.length;
    console.log(`rock → none: ${(100 * noneRate).toFixed(1)}% of ${rock.length}`);
    // Measured 99.7% of 358 (seed 7); without the built-in none class the threshold alone gives 97.8–99.2% (seeds 1, 7).
    expect(noneRate).toBeGreaterThan(0.8);
  });

  it('stops between epochs when asked', () => {
    let epochs = 0;
    expect(() => trainUserGestureModel(samples, OPTIONS, (p) => { if (p.phase === 'train') epochs = p.epoch; }, () => epochs >= 2))
      .toThrow(TrainingAbortedError);
    expect(epochs).toBe(2);
  });

  it('trains an option left out with its default (the page sends only the options the user chose)', () => {
    const { model } = trainUserGestureModel(samples, { maxEpochs: 2 });
    const spelledOut = trainUserGestureModel(samples, { ...DEFAULT_USER_TRAIN_OPTIONS, maxEpochs: 2 });
    expect(serializeGestureModel(model)).toBe(serializeGestureModel(spelledOut.model));
    expect(model.layers.map((layer) => layer.outputs)).toEqual([...DEFAULT_USER_TRAIN_OPTIONS.hiddenSizes, 4]);
  });

  it('says so when a label has a single take', () => {
    const oneTake = samples.map((s) => (s.label === 'open_hand' ? { ...s, take: 'one' } : s));
    const { report } = trainUserGestureModel(oneTake, { ...OPTIONS, maxEpochs: 3 });
    expect(report.notes.some((n) => n.startsWith('open_hand: one take only'))).toBe(true);
    expect(TAKE_LENGTH).toBe(40);
  });
});
