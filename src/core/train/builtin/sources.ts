// The shared landmark data sets the default model is trained on: where they are and how to read them.
import { parseLabelNames } from '../../dataset/label-names';
import { parseLandmarkRows, usableRows, type LandmarkFormat } from '../../dataset/landmark-rows';
import type { LoadedSource } from './dataset';

export interface DataSourceSpec {
  /** Short name used in reports, e.g. "kinivi". */
  readonly id: string;
  /** Data file, relative to the shared data folder. */
  readonly path: string;
  /** Label-name file (one name per line, index order), relative to the shared data folder; absent when the rows hold names. */
  readonly labelsPath?: string;
  readonly format: LandmarkFormat;
  readonly license: string;
  /**
   * Capture width / height for raw formats. victorexpounder's was not recorded: 640×480 is likely,
   * and training stretches x randomly to cover the uncertainty (see docs/features.md).
   */
  readonly aspect: number;
}

/** The first three sources: each folder of ../shared/data/landmarks, one person each. */
export const LANDMARK_SOURCES: readonly DataSourceSpec[] = [
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
 * ../shared/data/people: one file per GitHub owner (taken as one person), kinivi42 rows with our label names in the
 * first column, mapped from each author's class names by the folder's README (which gives every file's repository,
 * commit and license; the license texts are in people/licenses). id is the owner.
 */
export const PEOPLE_SOURCES: readonly DataSourceSpec[] = ([
  ['13lack13lood', 'Hands-On-Fluency-backend', 'Apache-2.0'],
  ['15gk', 'LinguaMimee', 'Apache-2.0'],
  ['ASHISH74888', 'Real-Time-gesture-recognition', 'Apache-2.0'],
  ['Abdulrahman956', 'samett_model', 'Apache-2.0'],
  ['AdiosSora', 'FOCUS', 'Apache-2.0'],
  ['Bikrm10', 'Hand-gesture-detection', 'Apache-2.0'],
  ['BubuPenguin', 'OpenCV-Workshop', 'Apache-2.0'],
  ['CharlesCai7', 'CASE_workshop', 'Apache-2.0'],
  ['Djerry11', 'NeuroRaceML', 'Apache-2.0'],
  ['GOUTHAM183', 'Hand-Gesture-Recognition-for-Differently-abled-People', 'Apache-2.0'],
  ['Gandreti20', 'Sign_Lang_detection', 'MIT (© 2025 Jayanth; notice in people/licenses)'],
  ['HungNguyenPhuc', 'hand-gesture-recognition-mediapipe', 'Apache-2.0'],
  ['Insitee', 'ASL', 'Apache-2.0'],
  ['ksackvil', 'virtual-trackpad', 'Apache-2.0 (© 2022 Kai Sackville-Hii; in people/licenses)'],
] as const).map(([owner, repository, license]) => ({
  id: owner, path: `people/${owner}__${repository}.csv`, format: 'kinivi42', license, aspect: 1,
}));

/** Every source the built-in model trains on, one person each (the leave-one-person-out folds). */
export const SHARED_DATA_SOURCES: readonly DataSourceSpec[] = [...LANDMARK_SOURCES, ...PEOPLE_SOURCES];

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
    const labelNames = spec.labelsPath === undefined ? [] : parseLabelNames(readText(spec.labelsPath));
    sources.push({ spec, rows: usableRows(parsed), labelNames });
  }
  return { sources, problems };
}
