// How the built-in trainer weighs a class's recordings, and which of the people's training rows fit their label.
import { BUILTIN_CLASSES, CLASS_RECIPES } from '../../src/core/train/builtin/gesture-recipes.ts';
import type { PoseGroup } from '../../src/core/train/builtin/dataset.ts';
import { groupWeights, withNoneBias } from '../../src/core/train/builtin/train-gesture-model.ts';
import type { ModelLayer } from '../../src/core/model/gesture-model.ts';
import { fingerPattern, fitsFingerPattern } from '../../src/core/train/shared/finger-pattern.ts';
import { poseOf } from '../../src/core/train/shared/poses.ts';
import { kiniviOpenLandmarks } from './shared-data.ts';

const recipe = (sourceLabel: string, gesture: string) => {
  const found = CLASS_RECIPES.find((r) => r.sourceLabel === sourceLabel && r.gesture === gesture);
  if (!found) throw new Error(`no recipe ${sourceLabel} → ${gesture}`);
  return found;
};
const group = (name: string, sourceLabel: string): PoseGroup => ({ gesture: 'none', name, recipe: recipe(sourceLabel, 'none'), poses: [] });

describe('groupWeights', () => {
  const groups = [
    group('none ← kinivi:Pointer', 'Pointer'),
    group('none ← ksackvil:pointing_up', 'pointing_up'),
    group('none ← victorexpounder:middle_finger', 'middle_finger'),
    group('none ← ann:none', 'none'),
    group('none ← bob:none', 'none'),
    group('none ← cid:none', 'none'),
  ];

  it('gives each kind of hand 1, shared by the people who recorded it, and the people\'s own none recordedNoneWeight in all', () => {
    const weights = groupWeights(groups, 1);
    // Pointing down or sideways is one kind (kinivi's Pointer and a person's pointing hand, 01000 aimed the same way).
    expect(weights.slice(0, 3)).toEqual([0.5, 0.5, 1]);
    weights.slice(3).forEach((weight) => expect(weight).toBeCloseTo(1 / 3, 12));
  });

  it('scales only the recorded none with recordedNoneWeight (3 recordings at 3: each one as much as a kind)', () => {
    expect(groupWeights(groups, 3)).toEqual([0.5, 0.5, 1, 1, 1, 1]);
  });
});

describe('fingerPattern', () => {
  it('reads kinivi\'s open hand as all five out, which fits open_palm and not fist', () => {
    const pattern = fingerPattern(poseOf(kiniviOpenLandmarks(), 1).points);
    expect(pattern).toBe('11111');
    expect(fitsFingerPattern(pattern, '11111')).toBe(true);
    expect(fitsFingerPattern(pattern, '00000')).toBe(false);
    expect(fitsFingerPattern(pattern, '--111')).toBe(true);
  });

  it('gives every people recipe of a named gesture a check, and none\'s as-recorded rows none', () => {
    const people = BUILTIN_CLASSES.recipes.filter((r) => ['open_palm', 'fist', 'victory', 'thumb_up', 'thumb_down', 'ok', 'none'].includes(r.sourceLabel));
    for (const r of people) expect(r.check === undefined).toBe(r.sourceLabel === 'none');
  });
});

describe('withNoneBias', () => {
  const layer = (outputs: number, bias: number[]): ModelLayer => ({
    inputs: 2, outputs, activation: 'relu', weights: new Array(2 * outputs).fill(0.5), bias,
  });
  it('shifts only none\'s bias in the last layer, and leaves the layers as they were', () => {
    const layers = [layer(3, [1, 2, 3]), { ...layer(4, [0.1, 0.2, 0.3, 0.4]), activation: 'softmax' as const }];
    const shifted = withNoneBias(layers, 2, -1.5);
    expect(shifted[0]).toBe(layers[0]);
    expect(shifted[1].bias).toEqual([0.1, 0.2, 0.3 - 1.5, 0.4]);
    expect(shifted[1].weights).toEqual(layers[1].weights);
    expect(layers[1].bias).toEqual([0.1, 0.2, 0.3, 0.4]);
    expect(withNoneBias(layers, 2, 0)).toBe(layers);
    expect(withNoneBias(layers, -1, 1)).toBe(layers);
  });
});
