// Dataset samples as the CLI's CSV formats: xyz63 (label, 21 × x, y, z) and xy42 (label, 21 × x, y), no header.
import { parseLandmarkRows } from '../data/landmark-rows';
import {
  assignTakes, describeOversizedImport, PENDING_TAKE, refuseFile, resolveImportOptions,
  type DraftSample, type ImportError, type ImportOptions, type ImportResult,
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
  const oversized = describeOversizedImport(text);
  if (oversized !== null) return refuseFile(oversized);
  const resolved = resolveImportOptions(options);
  if (typeof resolved === 'string') return refuseFile(resolved);

  const drafts: DraftSample[] = [];
  const errors: ImportError[] = [];
  for (const row of parseLandmarkRows(text, format, { aspect: resolved.aspect })) {
    if (!row.ok) {
      errors.push({ line: row.line, reason: row.error });
      continue;
    }
    if (row.label === undefined) {
      errors.push({ line: row.line, reason: 'no label column: each row must start with the gesture name' });
      continue;
    }
    const check = checkSample({
      id: resolved.newId(), label: row.label, landmarks: fromHandLandmarks(row.landmarks), aspect: resolved.aspect,
      handedness: resolved.handedness, take: PENDING_TAKE, capturedAt: resolved.now, source: 'imported',
    });
    if (check.ok) drafts.push({ sample: check.sample, hasTake: false });
    else errors.push({ line: row.line, reason: check.reason });
  }
  return { samples: assignTakes(drafts, resolved.takePrefix), errors };
}
