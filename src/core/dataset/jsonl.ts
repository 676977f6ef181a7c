// Dataset samples as JSON lines: one `{"label","landmarks","aspect","handedness","take","capturedAt"}` object per line.
import { nonBlankLines } from './landmark-rows';
import { parseJsonRecord, readLandmarkRecord } from './landmark-rows-jsonl';
import { quoteValue } from '../model/json-checks';
import {
  importLines, PENDING_TAKE, type DraftSample, type ImportOptions, type ImportResult, type ResolvedImportOptions,
} from './import-common';
import { checkSample, fromHandLandmarks } from './sample';
import { HANDEDNESS_VALUES } from '../labels';
import type { GestureSample } from './types';

/**
 * One line per sample. `landmarks` is `[[x, y, z] × 21]`, the shape `npm run recognize` prints, so
 * `npm run classify -- --format jsonl` reads the file as it is (it ignores the other keys). Numbers are
 * written in JavaScript's shortest round-trip form: importing gives back the same values exactly.
 */
export function exportJsonl(samples: readonly GestureSample[]): string {
  return samples.map((sample) => JSON.stringify({
    label: sample.label,
    landmarks: sample.landmarks,
    aspect: sample.aspect,
    handedness: sample.handedness,
    take: sample.take,
    capturedAt: sample.capturedAt,
  }) + '\n').join('');
}

/**
 * Reads JSON lines. `label` and `landmarks` are required (landmarks as the CLI's jsonl reader accepts
 * them: `[x, y]`, `[x, y, z]` or `{x, y, z?}`); `aspect`, `handedness`, `take` and `capturedAt` are
 * optional and default from `options` (takes by label runs, as for CSV). Never throws: a bad line is
 * named with its reason and the rest are kept.
 */
export function importJsonl(text: string, options: ImportOptions = {}): ImportResult {
  return importLines(text, options, (resolved) => nonBlankLines(text)
    .map(({ line, content }) => ({ line, result: readJsonlSample(content, resolved) })));
}

/** One line as a draft sample, or why it is not one. */
function readJsonlSample(line: string, options: ResolvedImportOptions): DraftSample | string {
  const parsed = parseJsonRecord(line);
  if ('error' in parsed) return parsed.error;
  const { record } = parsed;
  const hand = readLandmarkRecord(record);
  if ('error' in hand) return hand.error;
  if (hand.label === undefined) return 'missing "label"';
  const { aspect, handedness, take, capturedAt } = record as Record<string, unknown>;
  if (aspect !== undefined && !(typeof aspect === 'number' && Number.isFinite(aspect) && aspect > 0)) {
    return `"aspect" must be a positive number, got ${quoteValue(aspect)}`;
  }
  if (handedness !== undefined && !HANDEDNESS_VALUES.includes(handedness as never)) {
    return `"handedness" must be "Left" or "Right", got ${quoteValue(handedness)}`;
  }
  if (take !== undefined && !(typeof take === 'string' && take !== '')) {
    return `"take" must be a non-empty string, got ${quoteValue(take)}`;
  }
  const check = checkSample({
    id: options.newId(),
    label: hand.label,
    landmarks: fromHandLandmarks(hand.landmarks),
    aspect: aspect ?? options.aspect,
    handedness: handedness ?? options.handedness,
    take: take ?? PENDING_TAKE,
    capturedAt: capturedAt ?? options.now,
    source: 'imported',
  });
  return check.ok ? { sample: check.sample, hasTake: take !== undefined } : check.reason;
}
