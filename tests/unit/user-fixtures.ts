// Test helper: a "user dataset" built from victorexpounder's real recordings, takes = contiguous blocks of 40 rows.
import type { GestureSample } from '../../src/core/dataset/types.ts';
import { parseLandmarkRows, usableRows } from '../../src/core/dataset/landmark-rows.ts';
import { parseLabelNames } from '../../src/core/dataset/label-names.ts';
import { resolveLabelName } from '../../src/core/dataset/label-names.ts';
import { readShared } from './shared-data.ts';

/** victorexpounder's capture aspect (not recorded; 640×480 is likely, see src/core/train/builtin/sources.ts). */
const VICTOR_ASPECT = 640 / 480;
export const TAKE_LENGTH = 40;

/**
 * victorexpounder's rows of the given source labels as GestureSamples named `rename[label]`; every
 * TAKE_LENGTH consecutive rows of a label form one take (one press of Record).
 */
export function victorSamples(rename: Readonly<Record<string, string>>): GestureSample[] {
  const names = parseLabelNames(readShared('landmarks/victorexpounder/labels.csv'));
  const rows = usableRows(parseLandmarkRows(readShared('landmarks/victorexpounder/gestures.csv'), 'xyz63', { aspect: VICTOR_ASPECT }));
  const counts = new Map<string, number>();
  const samples: GestureSample[] = [];
  for (const row of rows) {
    const source = resolveLabelName(row.label ?? '', names);
    const label = rename[source];
    if (label === undefined) continue;
    const index = counts.get(label) ?? 0;
    counts.set(label, index + 1);
    samples.push({
      id: `${label}-${index}`,
      label,
      landmarks: row.landmarks.map(({ x, y, z }) => [x, y, z] as const),
      aspect: VICTOR_ASPECT,
      handedness: 'Right',
      take: `${label}-take${Math.floor(index / TAKE_LENGTH)}`,
      capturedAt: 1_700_000_000_000 + samples.length * 100,
    });
  }
  return samples;
}
