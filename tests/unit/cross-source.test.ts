// Leave one person out: which rows a held-out person is tested on, and the per-class / per-person summary.
import { CLASS_RECIPES, BUILTIN_CLASSES } from '../../src/core/train/builtin/gesture-recipes.ts';
import { personClassKey, splitPerson, summarizeCrossSource, type RecordingTally } from '../../src/core/train/builtin/cross-source.ts';
import { loadSharedSources, sharedSourcesMissing } from './shared-data.ts';

const dataMissing = sharedSourcesMissing('cross-source.test.ts');

describe('the recipes', () => {
  it('read each class name into each gesture once (a name shared by two sources is one recipe)', () => {
    const keys = CLASS_RECIPES.map((recipe) => `${recipe.sourceLabel} → ${recipe.gesture}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('summarizeCrossSource', () => {
  const tally = (correct: number, total: number, mistakes: Record<string, number> = {}): RecordingTally => ({ correct, total, mistakes });

  it('gives each class its mean over people and its worst person, each person their pooled rows, and the mean over person-classes', () => {
    const result = summarizeCrossSource({
      [personClassKey('fist', 'ann')]: tally(9, 10, { none: 1 }),
      [personClassKey('fist', 'bob')]: tally(60, 100),
      [personClassKey('none', 'bob')]: tally(100, 100),
    });
    expect(result.perClass.fist).toEqual({ correct: 69, total: 110, people: 2, meanAccuracy: 0.75, worstPerson: 'bob', worstAccuracy: 0.6 });
    expect(result.perClass.none).toMatchObject({ people: 1, meanAccuracy: 1, worstPerson: 'bob' });
    expect(result.perPerson).toEqual({ ann: { correct: 9, total: 10 }, bob: { correct: 160, total: 200 } });
    expect(result.meanAccuracy).toBeCloseTo((0.9 + 0.6 + 1) / 3, 10);
  });
});

describe.skipIf(dataMissing)('splitPerson (shared data)', () => {
  const sources = dataMissing ? [] : loadSharedSources();

  it('takes the person out of training and tests every row of their own gestures', () => {
    const { training, test } = splitPerson(sources, 'victorexpounder', BUILTIN_CLASSES);
    expect(training.map((s) => s.spec.id)).toEqual(sources.map((s) => s.spec.id).filter((id) => id !== 'victorexpounder'));
    const count = (gesture: string) => test.filter((s) => s.subset === personClassKey(gesture, 'victorexpounder')).length;
    expect(count('open_palm')).toBe(290);
    // thumbs-up rows where the thumb points up; thumb_down and sideways thumbs are only ever rotated ones: not tested
    expect(count('thumb_up')).toBeGreaterThan(0);
    expect(count('thumb_down')).toBe(0);
    expect(new Set(test.map((s) => s.subset))).toEqual(new Set(['open_palm', 'thumb_up', 'victory', 'none', 'fist', 'rock']
      .map((gesture) => personClassKey(gesture, 'victorexpounder'))));
    expect(() => splitPerson(sources, 'nobody', BUILTIN_CLASSES)).toThrow(/no source "nobody"/);
  });

  it('tests a person\'s rows as they labelled them, whatever the aim window (a thumbs-down held at an angle counts)', () => {
    const { test } = splitPerson(sources, 'GOUTHAM183', BUILTIN_CLASSES);
    const count = (gesture: string) => test.filter((s) => s.subset === personClassKey(gesture, 'GOUTHAM183')).length;
    expect([count('open_palm'), count('thumb_up'), count('thumb_down')]).toEqual([98, 137, 96]);
  });
});
