// The shared landmark data sets the default model is trained on: where they are and how to read them.
import { parseLabelNames } from '../../dataset/label-names';
import { parseLandmarkRows, usableRows, type LandmarkFormat } from '../../dataset/landmark-rows';
import type { LoadedSource } from './dataset';

export interface DataSourceSpec {
  /** Short name used in reports, e.g. "kinivi". */
  readonly id: string;
  /** Data file, relative to the shared data folder. */
  readonly path: string;
  /** Label-name file (one name per line, index order), relative to the shared data folder. */
  readonly labelsPath: string;
  readonly format: LandmarkFormat;
  readonly license: string;
  /**
   * Capture width / height for raw formats. victorexpounder's was not recorded: 640×480 is likely,
   * and training stretches x randomly to cover the uncertainty (see docs/features.md).
   */
  readonly aspect: number;
}

export const SHARED_DATA_SOURCES: readonly DataSourceSpec[] = [
  {
    id: 'kinivi',
    path: 'landmarks/kinivi/keypoint.csv',
    labelsPath: 'landmarks/kinivi/keypoint_classifier_label.csv',
    format: 'kinivi42',
    license: 'Apache-2.0',
    aspect: 1,
  },
  {
    id: 'victorexpounder',
    path: 'landmarks/victorexpounder/gestures.csv',
    labelsPath: 'landmarks/victorexpounder/labels.csv',
    format: 'xyz63',
    license: 'MIT',
    aspect: 640 / 480,
  },
  {
    id: 'rps-scissor',
    path: 'landmarks/rps-scissor/keypoint.csv',
    labelsPath: 'landmarks/rps-scissor/keypoint_classifier_label.csv',
    format: 'kinivi42',
    license: 'Apache-2.0',
    aspect: 1,
  },
];

/**
 * Parses the given sources with `readText` (path relative to the data folder → file text), so the
 * I/O stays with the caller. Rows that fail to parse are returned as problems, not thrown.
 */
export function loadSources(
  specs: readonly DataSourceSpec[], readText: (relativePath: string) => string,
): { sources: LoadedSource[]; problems: string[] } {
  const sources: LoadedSource[] = [];
  const problems: string[] = [];
  for (const spec of specs) {
    const parsed = parseLandmarkRows(readText(spec.path), spec.format, { aspect: spec.aspect });
    for (const row of parsed) if (!row.ok) problems.push(`${spec.path} line ${row.line}: ${row.error}`);
    sources.push({ spec, rows: usableRows(parsed), labelNames: parseLabelNames(readText(spec.labelsPath)) });
  }
  return { sources, problems };
}
