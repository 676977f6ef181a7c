// Row parsers for kinivi42, xy42, xyz63 and jsonl: good rows, bad rows named by line and reason, label files.
import { parseLabelNames, resolveLabelName } from '../../src/core/dataset/label-names.ts';
import {
  featuresOfRow, parseLandmarkRows, usableRows, type LandmarkRow, type ParsedRow, type RowError,
} from '../../src/core/dataset/landmark-rows.ts';
import { extractFeatures } from '../../src/core/landmarks/features.ts';
import { GESTURE_LABELS } from '../../src/core/model/builtin-gestures.ts';
import { SHARED_DATA_SOURCES } from '../../src/core/train/builtin/sources.ts';
import { KINIVI_OPEN_ROW, kiniviOpenLandmarks, readShared, sharedSourcesMissing } from './shared-data.ts';

const dataMissing = sharedSourcesMissing('data-formats.test.ts');

const hand = kiniviOpenLandmarks();
/** The embedded hand as raw normalised image coordinates of a 640×480 frame. */
const rawHand = hand.map((point) => ({ x: 0.5 + (point.x * 0.2) / (4 / 3), y: 0.5 + point.y * 0.2, z: -0.01 }));
const xy42Row = (label: string) => [label, ...rawHand.flatMap((p) => [p.x, p.y])].join(',');
const xyz63Row = (label: string) => [label, ...rawHand.flatMap((p) => [p.x, p.y, p.z])].join(',');

function ok(row: ParsedRow): LandmarkRow {
  if (!row.ok) throw new Error(`expected a usable row, got line ${row.line}: ${row.error}`);
  return row;
}

function error(row: ParsedRow): RowError {
  if (row.ok) throw new Error(`expected an error for line ${row.line}`);
  return row;
}

describe('kinivi42', () => {
  it('reads label and 21 points at aspect 1, and the features match the landmarks', () => {
    const [row] = parseLandmarkRows(KINIVI_OPEN_ROW, 'kinivi42', { aspect: 4 / 3 }).map(ok);
    expect(row).toMatchObject({ line: 1, label: '0', aspect: 1 });
    expect(row.landmarks).toHaveLength(21);
    expect(row.landmarks[3]).toEqual(hand[3]);
    expect(featuresOfRow(row)).toEqual(extractFeatures(hand, 1));
  });

  it('accepts an unlabelled row, a BOM, CRLF and blank lines, keeping 1-based file line numbers', () => {
    const unlabelled = KINIVI_OPEN_ROW.split(',').slice(1).join(',');
    const rows = parseLandmarkRows(`\uFEFF${KINIVI_OPEN_ROW}\r\n\r\n${unlabelled}\r\n`, 'kinivi42', { aspect: 1 }).map(ok);
    expect(rows.map((r) => [r.line, r.label])).toEqual([[1, '0'], [3, undefined]]);
  });

  it('names each bad row and its reason, and goes on with the rest', () => {
    const values = KINIVI_OPEN_ROW.split(',');
    const replaced = (column: number, text: string) => values.map((v, i) => (i === column ? text : v)).join(',');
    const text = [
      KINIVI_OPEN_ROW,
      values.slice(0, 20).join(','),
      replaced(5, 'abc'),
      replaced(6, 'NaN'),
      replaced(7, 'Infinity'),
      replaced(8, ''),
      ['1', ...Array(42).fill('0')].join(','),
      KINIVI_OPEN_ROW,
    ].join('\n');
    const rows = parseLandmarkRows(text, 'kinivi42', { aspect: 1 });
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(rows[0].ok && rows[7].ok).toBe(true);
    expect(error(rows[1]).error).toMatch(/wrong column count: 20 columns, expected 43/);
    expect(error(rows[2]).error).toBe('column 6 is not a number: "abc"');
    expect(error(rows[3]).error).toBe('column 7 is not finite: "NaN"');
    expect(error(rows[4]).error).toBe('column 8 is not finite: "Infinity"');
    expect(error(rows[5]).error).toBe('column 9 is not a number: ""');
    expect(error(rows[6]).error).toMatch(/degenerate hand/);
  });
});

describe('xy42 and xyz63', () => {
  it('keep the caller’s aspect so raw coordinates give the same features as the pixel-proportional hand', () => {
    const [xy] = parseLandmarkRows(xy42Row('peace'), 'xy42', { aspect: 4 / 3 }).map(ok);
    const [xyz] = parseLandmarkRows(xyz63Row('2.000000000000000000e+00'), 'xyz63', { aspect: 4 / 3 }).map(ok);
    expect(xy).toMatchObject({ label: 'peace', aspect: 4 / 3 });
    expect(xyz.landmarks[4].z).toBeCloseTo(-0.01);
    const expected = extractFeatures(hand, 1);
    for (const row of [xy, xyz]) {
      const features = featuresOfRow(row);
      for (let i = 0; i < expected.length; i++) expect(features[i]).toBeCloseTo(expected[i], 5);
    }
  });

  it('reject the other format’s column count', () => {
    expect(error(parseLandmarkRows(xyz63Row('0'), 'xy42', { aspect: 1 })[0]).error).toMatch(/64 columns, expected 43/);
    expect(error(parseLandmarkRows(xy42Row('0'), 'xyz63', { aspect: 1 })[0]).error).toMatch(/43 columns, expected 64/);
  });

  it('refuse a meaningless aspect up front', () => {
    expect(() => parseLandmarkRows(xy42Row('0'), 'xy42', { aspect: 0 })).toThrow(/aspect/);
  });
});

describe('jsonl', () => {
  const points = rawHand.map((p) => [p.x, p.y, p.z]);

  it('reads [x, y, z] arrays, {x, y, z} objects and an optional label', () => {
    const text = [
      JSON.stringify({ landmarks: points, label: 'fist' }),
      JSON.stringify({ landmarks: rawHand }),
      JSON.stringify({ landmarks: points.map(([x, y]) => [x, y]) }),
    ].join('\n');
    const rows = parseLandmarkRows(text, 'jsonl', { aspect: 4 / 3 }).map(ok);
    expect(rows.map((r) => r.label)).toEqual(['fist', undefined, undefined]);
    expect(featuresOfRow(rows[1])).toEqual(featuresOfRow(rows[0]));
  });

  it('names malformed records', () => {
    const text = [
      '{"landmarks": [[0.1, 0.2, 0]',
      JSON.stringify({ landmarks: points.slice(1) }),
      JSON.stringify({ landmarks: points.map((p, i) => (i === 3 ? [p[0], 'a', p[2]] : p)) }),
      JSON.stringify({ points }),
      '[1, 2]',
      JSON.stringify({ landmarks: points.map(() => [0.5, 0.5, 0]) }),
    ].join('\n');
    const messages = parseLandmarkRows(text, 'jsonl', { aspect: 1 }).map((row) => error(row).error);
    expect(messages[0]).toMatch(/^not valid JSON/);
    expect(messages[1]).toBe('"landmarks" has 20 points, expected 21');
    expect(messages[2]).toBe('landmarks[3] has a non-numeric coordinate: "a"');
    expect(messages[3]).toBe('missing "landmarks" array');
    expect(messages[4]).toMatch(/expected a JSON object/);
    expect(messages[5]).toMatch(/degenerate hand/);
  });
});

describe('label files', () => {
  it('strip the BOM and CRLF of kinivi’s label file and map float indices to names', () => {
    const names = parseLabelNames('\uFEFFOpen\r\nClose\r\nPointer\r\nOK\r\n');
    expect(names).toEqual(['Open', 'Close', 'Pointer', 'OK']);
    expect(resolveLabelName('3.000000000000000000e+00', names)).toBe('OK');
    expect(resolveLabelName('0', names)).toBe('Open');
    expect(resolveLabelName('peace', names)).toBe('peace');
    expect(() => resolveLabelName('4', names)).toThrow(/not an index into the 4 label names/);
  });
});

describe.skipIf(dataMissing)('the shared data files (shared data)', () => {

  it.each(SHARED_DATA_SOURCES.map((spec) => [spec.path, spec] as const))('%s parses without a bad row', (_, spec) => {
    const rows = parseLandmarkRows(readShared(spec.path), spec.format, { aspect: spec.aspect });
    expect(rows.filter((row) => !row.ok)).toEqual([]);
    // A label file maps index labels to names; the people's files hold our gesture names themselves.
    const names: readonly string[] = spec.labelsPath === undefined ? GESTURE_LABELS : parseLabelNames(readShared(spec.labelsPath));
    const labels = new Set(usableRows(rows).map((row) => resolveLabelName(row.label!, names)));
    expect(labels.size).toBeGreaterThan(0);
    expect([...labels].every((label) => names.includes(label))).toBe(true);
  });
});
