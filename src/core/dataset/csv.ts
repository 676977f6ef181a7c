// Dataset samples as the CLI's CSV formats: xyz63 (label, 21 × x, y, z) and xy42 (label, 21 × x, y), no header.
import { parseLandmarkRows, type ParsedRow } from './landmark-rows';
import {
  importLines, PENDING_TAKE, type DraftSample, type ImportOptions, type ImportResult, type ResolvedImportOptions,
} from './import-common';
import { checkSample, fromHandLandmarks } from './sample';
import type { GestureSample, LandmarkPoint } from './types';

export type CsvDatasetFormat = 'xyz63' | 'xy42';

/** The CSV text and the aspect to read it with (`npm run classify -- --aspect`, or importCsv's option). */
export interface CsvExport {
  readonly text: string;
  readonly aspect: number;
}

/**
 * One row per sample: the label, then each landmark's x, y (and z for xyz63), no header. A CSV row has no
 * room for the aspect, so every row is written for one `aspect` (by default the most common one): a
 * sample recorded at another aspect has x (and z) rescaled about the image centre,
 * x' = 0.5 + (x − 0.5)·a/A, which keeps its pixel-proportional shape and so its features exactly.
 * Handedness, take and time are not written (they have no column); use JSONL to keep them.
 */
export function exportCsv(samples: readonly GestureSample[], format: CsvDatasetFormat, aspect = mostCommonAspect(samples)): CsvExport {
  const withZ = format === 'xyz63';
  const text = samples.map((sample) => {
    const points = sample.aspect === aspect ? sample.landmarks : rescaleToAspect(sample.landmarks, sample.aspect, aspect);
    const values = points.flatMap(([x, y, z]) => (withZ ? [x, y, z] : [x, y]));
    return `${sample.label},${values.join(',')}\n`;
  }).join('');
  return { text, aspect };
}

/** The aspect most samples were recorded at (the first one on a tie), or 640/480 for no samples. */
export function mostCommonAspect(samples: readonly GestureSample[]): number {
  const counts = new Map<number, number>();
  let best = 640 / 480;
  let bestCount = 0;
  for (const { aspect } of samples) {
    const count = (counts.get(aspect) ?? 0) + 1;
    counts.set(aspect, count);
    if (count > bestCount) [best, bestCount] = [aspect, count];
  }
  return best;
}

/** Points normalised to an image of aspect `from`, re-expressed for one of aspect `to` with the same height. */
function rescaleToAspect(points: readonly LandmarkPoint[], from: number, to: number): LandmarkPoint[] {
  const factor = from / to;
  return points.map(([x, y, z]): LandmarkPoint => [0.5 + (x - 0.5) * factor, y, z * factor]);
}

/**
 * Reads xyz63 or xy42 rows with the CLI's own parser (same checks, same messages). Every row needs a
 * label; xy42 rows get z = 0. CSV has no aspect, handedness, take or time: they come from `options`
 * (aspect default 640/480), and each run of consecutive rows with the same label becomes one take.
 * Never throws: a bad row is named with its line and reason and the rest are kept.
 */
export function importCsv(text: string, format: CsvDatasetFormat, options: ImportOptions = {}): ImportResult {
  return importLines(text, options, (resolved) => parseLandmarkRows(text, format, { aspect: resolved.aspect })
    .map((row) => ({ line: row.line, result: readCsvSample(row, resolved) })));
}

/** One parsed row as a draft sample, or why it is not one. */
function readCsvSample(row: ParsedRow, options: ResolvedImportOptions): DraftSample | string {
  if (!row.ok) return row.error;
  if (row.label === undefined) return 'no label column: each row must start with the gesture name';
  const check = checkSample({
    id: options.newId(), label: row.label, landmarks: fromHandLandmarks(row.landmarks), aspect: options.aspect,
    handedness: options.handedness, take: PENDING_TAKE, capturedAt: options.now, source: 'imported',
  });
  return check.ok ? { sample: check.sample, hasTake: false } : check.reason;
}
