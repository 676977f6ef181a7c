// The user dataset model: the name allow-list, sample checks, immutable edits, counts and change sets.
import {
  addSamples, countByLabel, countByTake, createDataset, diffDatasets, labelsByTake, removeSamples, removeTake,
  renameDataset, renameLabel,
} from '../../src/core/dataset/dataset.ts';
import {
  describeDatasetOrModelNameProblem, describeLabelProblem, LABEL_MAX_LENGTH, nameFromText, tidyName,
} from '../../src/core/dataset/names.ts';
import { checkSample, fromHandLandmarks, randomId, toHandLandmarks } from '../../src/core/dataset/sample.ts';
import { makeDataset, makeSample } from './dataset-fixtures.ts';

describe('label allow-list', () => {
  it.each(['fist', 'thumbs up', 'Daumen_hoch-2', 'ça va', 'привет', 'ok 1', '__proto__', 'x'.repeat(LABEL_MAX_LENGTH)])(
    'accepts %j', (label) => expect(describeLabelProblem(label)).toBeNull(),
  );

  it.each([
    ['', /label is empty/],
    ['   ', /label is empty/],
    [' fist', /spaces at the start or end/],
    ['x'.repeat(LABEL_MAX_LENGTH + 1), /41 characters long, at most 40/],
    ['<script>alert(1)</script>', /contains "<" \(U\+003C\): only letters, digits, spaces, "_" and "-" are allowed/],
    ['<img src=x onerror=alert(1)>', /contains "<"/],
    ['a,b', /contains "," \(U\+002C\)/],
    ['say "hi"', /contains """/],
    ['fist\u200d', /the invisible character U\+200D/],
    ['\u202Eevil', /the invisible character U\+202E/],
    ['tab\there', /the invisible character U\+0009/],
    ['a&b', /contains "&"/],
  ])('refuses %j with a reason', (label, reason) => {
    expect(describeLabelProblem(label)).toMatch(reason);
  });

  it('refuses a value that is not text', () => {
    expect(describeLabelProblem(3)).toBe('label must be text');
    expect(describeLabelProblem(undefined)).toBe('label must be text');
  });

  it('allows longer dataset and model names, with the same characters', () => {
    expect(describeDatasetOrModelNameProblem('x'.repeat(60))).toBeNull();
    expect(describeDatasetOrModelNameProblem('x'.repeat(61))).toMatch(/at most 60/);
    expect(describeDatasetOrModelNameProblem('a/b')).toMatch(/contains "\/"/);
  });

  it('tidies typed names and makes safe names from file names', () => {
    expect(tidyName('  thumbs \t  up ')).toBe('thumbs up');
    expect(nameFromText('my model (2).json', 'Model')).toBe('my model 2');
    expect(nameFromText('<script>.jsonl', 'Dataset')).toBe('script');
    expect(nameFromText('***.csv', 'Dataset')).toBe('Dataset');
    expect(describeDatasetOrModelNameProblem(nameFromText(`${'ab<'.repeat(40)}.csv`, 'x'))).toBeNull();
  });
});

describe('checkSample', () => {
  const good = makeSample('s1', 'fist', 'take-a');

  it('accepts a valid sample and copies only the known fields', () => {
    const check = checkSample({ ...good, extra: 'dropped' });
    expect(check).toEqual({ ok: true, sample: good });
  });

  it.each([
    ['a non-object', null, /is not an object/],
    ['no id', { ...good, id: '' }, /has no id/],
    ['a label with markup', { ...good, label: '<b>x</b>' }, /label contains "<"/],
    ['20 points', { ...good, landmarks: good.landmarks.slice(1) }, /landmarks has 20 points, expected 21/],
    ['a NaN coordinate', { ...good, landmarks: good.landmarks.map((p, i) => (i === 4 ? [p[0], Number.NaN, p[2]] : p)) }, /landmarks\[4\] has a non-finite/],
    ['a 2D point', { ...good, landmarks: good.landmarks.map((p, i) => (i === 2 ? [p[0], p[1]] : p)) }, /landmarks\[2\] is not an \[x, y, z\] point/],
    ['aspect 0', { ...good, aspect: 0 }, /aspect must be a positive number, got 0/],
    ['aspect Infinity', { ...good, aspect: Infinity }, /aspect must be a positive number/],
    ['lower-case handedness', { ...good, handedness: 'left' }, /handedness must be "Left" or "Right", got "left"/],
    ['no take', { ...good, take: '' }, /has no take/],
    ['a string time', { ...good, capturedAt: '2024' }, /capturedAt must be a time/],
    ['an unknown source', { ...good, source: 'web' }, /source must be/],
    ['a degenerate hand', { ...good, landmarks: good.landmarks.map(() => [0.5, 0.5, 0]) }, /degenerate hand/],
  ])('refuses %s', (_, value, reason) => {
    const check = checkSample(value);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toMatch(reason);
  });

  it('converts points to and from MediaPipe landmarks', () => {
    expect(fromHandLandmarks(toHandLandmarks(good.landmarks))).toEqual(good.landmarks);
    expect(toHandLandmarks(good.landmarks)[3]).toEqual({ x: good.landmarks[3][0], y: good.landmarks[3][1], z: good.landmarks[3][2] });
  });

  it('makes distinct 32-hex-digit ids', () => {
    const ids = new Set(Array.from({ length: 100 }, randomId));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('dataset edits', () => {
  it('counts per label and per take in order of first appearance', () => {
    const { samples } = makeDataset();
    expect([...countByLabel(samples)]).toEqual([['fist', 4], ['thumbs up', 2]]);
    expect([...countByTake(samples)]).toEqual([['take-a', 2], ['take-b', 2], ['take-c', 2]]);
    expect(labelsByTake(samples).get('take-b')).toEqual(new Set(['thumbs up']));
  });

  it('adds without mutating, keeps unchanged samples identical, and refuses bad or duplicate samples', () => {
    const dataset = makeDataset();
    const before = [...dataset.samples];
    const added = addSamples(dataset, [makeSample('s7', 'wave', 'take-d')], 5);
    expect(dataset.samples).toEqual(before);
    expect(added.samples).toHaveLength(7);
    expect(added.samples[0]).toBe(dataset.samples[0]);
    expect(added.updatedAt).toBe(5);
    expect(() => addSamples(dataset, [makeSample('s1', 'fist', 'take-a')], 5)).toThrow(/already in dataset/);
    expect(() => addSamples(dataset, [makeSample('s9', 'a<b', 'take-a')], 5)).toThrow(/label contains "<"/);
  });

  it('removes samples and takes, relabels only what changes, and renames', () => {
    const dataset = makeDataset();
    expect(removeSamples(dataset, ['s2', 'nope'], 1).samples.map((s) => s.id)).toEqual(['s1', 's3', 's4', 's5', 's6']);
    expect(removeTake(dataset, 'take-b', 1).samples.map((s) => s.id)).toEqual(['s1', 's2', 's5', 's6']);
    const relabelled = renameLabel(dataset, 'thumbs up', 'like', 1);
    expect(relabelled.samples.map((s) => s.label)).toEqual(['fist', 'fist', 'like', 'like', 'fist', 'fist']);
    expect(relabelled.samples[0]).toBe(dataset.samples[0]);
    expect(relabelled.samples[2]).not.toBe(dataset.samples[2]);
    expect(renameLabel(dataset, 'thumbs up', 'fist', 1).samples.every((s) => s.label === 'fist')).toBe(true);
    expect(() => renameLabel(dataset, 'fist', '<i>', 1)).toThrow(/label contains "<"/);
    expect(renameDataset(dataset, 'Mine', 2)).toMatchObject({ name: 'Mine', updatedAt: 2 });
    expect(() => renameDataset(dataset, 'a"b', 2)).toThrow(/name contains/);
    expect(createDataset('New', 'd9', 3)).toEqual({ id: 'd9', name: 'New', samples: [], createdAt: 3, updatedAt: 3 });
    expect(() => createDataset('', 'd9', 3)).toThrow(/name is empty/);
  });

  it('diffs two versions by identity: new and edited samples to put, missing ones to remove', () => {
    const before = makeDataset();
    const after = addSamples(renameLabel(removeSamples(before, ['s1'], 1), 'thumbs up', 'like', 1), [makeSample('s7', 'wave', 't')], 1);
    const changes = diffDatasets(before, after);
    expect(changes.put.map((s) => s.id)).toEqual(['s3', 's4', 's7']);
    expect(changes.remove).toEqual(['s1']);
    expect(diffDatasets(before, before)).toEqual({ put: [], remove: [] });
  });
});
