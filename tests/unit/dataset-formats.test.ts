// Dataset files: JSONL and CSV (xyz63, xy42) export then import give the same samples, the CLI's reader reads them, bad lines are named.
import { exportCsv, importCsv, mostCommonAspect } from '../../src/core/dataset/csv.ts';
import { exportSamples, importSamples } from '../../src/core/dataset/file-formats.ts';
import { MAX_IMPORT_CHARS, MAX_IMPORT_LINES } from '../../src/core/dataset/import-common.ts';
import { exportJsonl, importJsonl } from '../../src/core/dataset/jsonl.ts';
import { toHandLandmarks } from '../../src/core/dataset/sample.ts';
import type { GestureSample } from '../../src/core/dataset/types.ts';
import { featuresOfRow, parseLandmarkRows, usableRows } from '../../src/core/dataset/landmark-rows.ts';
import { extractFeatures } from '../../src/core/landmarks/features.ts';
import { makeSample, makeSamples, withoutIdentity } from './dataset-fixtures.ts';

/** Deterministic import options: ids s-1, s-2, …, takes run-1, run-2, …. */
function options(extra: Record<string, unknown> = {}) {
  let next = 0;
  return { now: 42, newId: () => `s-${++next}`, takePrefix: 'run', ...extra };
}

function expectFeaturesClose(actual: Float32Array, expected: Float32Array): void {
  expect(actual).toHaveLength(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i], 5);
}

describe('JSONL', () => {
  const samples = makeSamples();

  it('writes one object per line with the documented keys in order', () => {
    const lines = exportJsonl(samples).split('\n');
    expect(lines).toHaveLength(samples.length + 1);
    expect(lines.at(-1)).toBe('');
    expect(Object.keys(JSON.parse(lines[0]))).toEqual(['label', 'landmarks', 'aspect', 'handedness', 'take', 'capturedAt']);
  });

  it('round-trips every field exactly (new ids, source "imported")', () => {
    const result = importJsonl(exportJsonl(samples), options());
    expect(result.errors).toEqual([]);
    expect(result.samples.map(withoutIdentity)).toEqual(samples.map(withoutIdentity));
    expect(result.samples.map((s) => s.id)).toEqual(['s-1', 's-2', 's-3', 's-4', 's-5', 's-6']);
    expect(result.samples.every((s) => s.source === 'imported')).toBe(true);
  });

  it('is read by the CLI’s jsonl reader (parseLandmarkRows) with the same labels and features', () => {
    const rows = parseLandmarkRows(exportJsonl(samples), 'jsonl', { aspect: 4 / 3 });
    expect(rows.every((row) => row.ok)).toBe(true);
    const usable = usableRows(rows);
    expect(usable.map((row) => row.label)).toEqual(samples.map((s) => s.label));
    usable.forEach((row, i) => expect(featuresOfRow(row)).toEqual(extractFeatures(toHandLandmarks(samples[i].landmarks), 4 / 3)));
  });

  it('fills what a line leaves out from the options, takes by label runs', () => {
    const points = samples[0].landmarks;
    const text = [
      JSON.stringify({ label: 'fist', landmarks: points }),
      JSON.stringify({ label: 'fist', landmarks: points.map(([x, y, z]) => ({ x, y, z })) }),
      JSON.stringify({ label: 'ok', landmarks: points.map(([x, y]) => [x, y]), take: 'mine', handedness: 'Left' }),
      JSON.stringify({ label: 'fist', landmarks: points, aspect: 16 / 9, capturedAt: 7 }),
    ].join('\r\n');
    const result = importJsonl(`\uFEFF${text}`, options({ aspect: 1.5, handedness: 'Left' }));
    expect(result.errors).toEqual([]);
    expect(result.samples.map((s) => [s.label, s.take, s.aspect, s.handedness, s.capturedAt])).toEqual([
      ['fist', 'run-1', 1.5, 'Left', 42], ['fist', 'run-1', 1.5, 'Left', 42],
      ['ok', 'mine', 1.5, 'Left', 42], ['fist', 'run-2', 16 / 9, 'Left', 7],
    ]);
    expect(result.samples[2].landmarks[0][2]).toBe(0);
  });

  it('names each bad line with its number and reason, and keeps the rest', () => {
    const good = JSON.parse(exportJsonl([samples[0]]));
    const line = (patch: Record<string, unknown>) => JSON.stringify({ ...good, ...patch });
    const text = [
      line({}),
      '{"label": "fist", "landmarks": [[0.1, 0.2',
      '',
      line({ label: undefined }),
      line({ label: '<script>alert(1)</script>' }),
      line({ landmarks: good.landmarks.slice(1) }),
      line({ handedness: 'right' }),
      line({ aspect: -1 }),
      line({ take: '' }),
      line({ capturedAt: 'yesterday' }),
      line({ landmarks: good.landmarks.map(() => [0.5, 0.5, 0]) }),
      '[1, 2, 3]',
      line({ label: 'ok' }),
    ].join('\n');
    const result = importJsonl(text, options());
    expect(result.samples.map((s) => s.label)).toEqual(['fist', 'ok']);
    expect(result.errors.map((e) => e.line)).toEqual([2, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const reasons = result.errors.map((e) => e.reason);
    expect(reasons[0]).toMatch(/^not valid JSON/);
    expect(reasons[1]).toBe('missing "label"');
    expect(reasons[2]).toMatch(/^label contains "<"/);
    expect(reasons[3]).toBe('"landmarks" has 20 points, expected 21');
    expect(reasons[4]).toBe('"handedness" must be "Left" or "Right", got "right"');
    expect(reasons[5]).toBe('"aspect" must be a positive number, got -1');
    expect(reasons[6]).toBe('"take" must be a non-empty string, got ""');
    expect(reasons[7]).toMatch(/^capturedAt must be a time in milliseconds/);
    expect(reasons[8]).toMatch(/degenerate hand/);
    expect(reasons[9]).toMatch(/expected a JSON object/);
  });
});

describe('CSV', () => {
  const samples = makeSamples();

  it.each(['xyz63', 'xy42'] as const)('%s round-trips labels and coordinates, takes by label runs', (format) => {
    const { text, aspect } = exportCsv(samples, format);
    expect(aspect).toBe(4 / 3);
    expect(text.split('\n')[0].split(',')).toHaveLength(format === 'xyz63' ? 64 : 43);
    const result = importCsv(text, format, options({ aspect }));
    expect(result.errors).toEqual([]);
    expect(result.samples.map((s) => [s.label, s.take, s.aspect, s.handedness, s.capturedAt, s.source])).toEqual([
      ['fist', 'run-1', 4 / 3, 'Right', 42, 'imported'], ['fist', 'run-1', 4 / 3, 'Right', 42, 'imported'],
      ['thumbs up', 'run-2', 4 / 3, 'Right', 42, 'imported'], ['thumbs up', 'run-2', 4 / 3, 'Right', 42, 'imported'],
      // take-c follows take-a's label only after thumbs up, so it is a run of its own.
      ['fist', 'run-3', 4 / 3, 'Right', 42, 'imported'], ['fist', 'run-3', 4 / 3, 'Right', 42, 'imported'],
    ]);
    result.samples.forEach((sample, i) => {
      const expected = format === 'xyz63' ? samples[i].landmarks : samples[i].landmarks.map(([x, y]) => [x, y, 0]);
      expect(sample.landmarks).toEqual(expected);
    });
  });

  it.each(['xyz63', 'xy42'] as const)('%s is read by the CLI’s parser with the same labels and features', (format) => {
    const { text, aspect } = exportCsv(samples, format);
    const rows = usableRows(parseLandmarkRows(text, format, { aspect }));
    expect(rows.map((row) => row.label)).toEqual(samples.map((s) => s.label));
    rows.forEach((row, i) => expect(featuresOfRow(row)).toEqual(extractFeatures(toHandLandmarks(samples[i].landmarks), aspect)));
  });

  it('writes samples of another aspect rescaled so their features are unchanged', () => {
    const wide = makeSample('s8', 'fist', 't', { aspect: 16 / 9 });
    const mixed = [...samples, wide];
    expect(mostCommonAspect(mixed)).toBe(4 / 3);
    const { text, aspect } = exportCsv(mixed, 'xyz63');
    const rows = usableRows(parseLandmarkRows(text, 'xyz63', { aspect }));
    expectFeaturesClose(featuresOfRow(rows[6]), extractFeatures(toHandLandmarks(wide.landmarks), 16 / 9));
    // Written at an explicit aspect instead, every row is rescaled and still gives the same features.
    const at1 = usableRows(parseLandmarkRows(exportCsv(mixed, 'xy42', 1).text, 'xy42', { aspect: 1 }));
    at1.forEach((row, i) => expectFeaturesClose(featuresOfRow(row), extractFeatures(toHandLandmarks(mixed[i].landmarks), mixed[i].aspect)));
  });

  it('names bad rows (CLI messages, unlabelled rows, labels off the allow-list) and keeps the rest', () => {
    const good = exportCsv([samples[0]], 'xyz63').text.trim();
    const values = good.split(',').slice(1);
    const text = [
      good,
      values.join(','),
      ['<b>bold</b>', ...values].join(','),
      ['fist', ...values.slice(0, 30)].join(','),
      ['fist', ...values.slice(0, 62), 'abc'].join(','),
      ['fist', ...values.slice(0, 62), 'NaN'].join(','),
      good.replace(/^fist/, 'ok'),
    ].join('\n');
    const result = importCsv(text, 'xyz63', options());
    expect(result.samples.map((s) => [s.label, s.take])).toEqual([['fist', 'run-1'], ['ok', 'run-2']]);
    expect(result.errors).toEqual([
      { line: 2, reason: 'no label column: each row must start with the gesture name' },
      { line: 3, reason: expect.stringMatching(/^label contains "<"/) },
      { line: 4, reason: expect.stringMatching(/^wrong column count: 31 columns/) },
      { line: 5, reason: 'column 64 is not a number: "abc"' },
      { line: 6, reason: 'column 64 is not finite: "NaN"' },
    ]);
  });

  it('keeps a take running across a skipped bad row', () => {
    const text = exportCsv(samples.slice(0, 2), 'xy42').text.replace('\n', '\nnot,a,row\n');
    const result = importCsv(text, 'xy42', options());
    expect(result.samples.map((s) => s.take)).toEqual(['run-1', 'run-1']);
    expect(result.errors.map((e) => e.line)).toEqual([2]);
  });
});

describe('every importer', () => {
  it.each(['jsonl', 'xyz63', 'xy42'] as const)('%s: the dispatcher round-trips', (format) => {
    const samples = makeSamples();
    const result = importSamples(exportSamples(samples, format), format, options());
    expect(result.errors).toEqual([]);
    expect(result.samples.map((s) => s.label)).toEqual(samples.map((s) => s.label));
  });

  it.each(['jsonl', 'xyz63', 'xy42'] as const)('%s: never throws on garbage, and reports every non-blank line', (format) => {
    const garbage = ['\u0000', 'null', '{}', '[]', '"x"', '1,2,3', ',,,,', '{"landmarks": null}', '\uD800', 'a'.repeat(10_000), '0'.repeat(64).split('').join(',')];
    const result = importSamples(garbage.join('\n'), format, options());
    expect(result.samples).toEqual([]);
    expect(result.errors.map((e) => e.line)).toEqual(garbage.map((_, i) => i + 1));
    expect(importSamples('', format, options())).toEqual({ samples: [], errors: [] });
  });

  it('refuses an unusable aspect as a whole-file error (line 0) instead of throwing', () => {
    expect(importCsv('x', 'xy42', options({ aspect: 0 })).errors).toEqual([{ line: 0, reason: expect.stringMatching(/aspect must be a positive number/) }]);
    expect(importJsonl('x', options({ aspect: Number.NaN })).errors[0].line).toBe(0);
  });

  it('refuses a file over the line cap or the size cap with a clear message, reading none of it', () => {
    const line = exportJsonl([makeSamples()[0]]);
    const tooManyLines = '\n'.repeat(MAX_IMPORT_LINES) + line;
    expect(importJsonl(tooManyLines, options())).toEqual({
      samples: [], errors: [{ line: 0, reason: 'the file has 200,001 lines; Handcast imports at most 200,000 at once: split it into smaller files' }],
    });
    const huge = ' '.repeat(MAX_IMPORT_CHARS + 1);
    expect(importCsv(huge, 'xyz63', options()).errors).toEqual([{ line: 0, reason: expect.stringMatching(/^the file is 50\.0 MB; Handcast imports at most 50 MB/) }]);
  });

  it('reads a file of exactly the line cap', () => {
    const samples: GestureSample[] = Array.from({ length: 2_000 }, (_, i) => makeSample(`s${i}`, i < 1_000 ? 'a' : 'b', 't'));
    const result = importCsv(exportCsv(samples, 'xy42').text + '\n'.repeat(MAX_IMPORT_LINES - 2_000), 'xy42', options());
    expect(result.errors).toEqual([]);
    expect(result.samples).toHaveLength(2_000);
    expect(new Set(result.samples.map((s) => s.take))).toEqual(new Set(['run-1', 'run-2']));
  });
});
