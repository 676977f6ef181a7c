// Valid starting files for the fuzzer, made by the code's own exporters and trainer from the embedded real hands.
import { exportCsv } from '../dataset/csv';
import { exportJsonl } from '../dataset/jsonl';
import type { GestureSample, LandmarkPoint } from '../dataset/types';
import { extractFeatures } from '../landmarks/features';
import type { Landmark } from '../landmarks/types';
import type { GestureModel } from '../model/gesture-model';
import { serializeGestureModel } from '../model/serialize-model';
import { FIST_ROWS, OPEN_HAND_ROWS } from '../train/user/builtin-donors';
import { trainUserGestureModel } from '../train/user/user-model';

/** Which loader a seed file is read with. */
export type FuzzLoader =
  | 'model'
  | 'import-jsonl' | 'import-xyz63' | 'import-xy42'
  | 'rows-kinivi42' | 'rows-xy42' | 'rows-xyz63' | 'rows-jsonl'
  | 'profile' | 'overlay-message';

export interface SeedFile {
  readonly name: string;
  readonly loader: FuzzLoader;
  readonly text: string;
}

/**
 * Seeds made by code outside core: the profile exporter reads the store and the overlay messages are built by
 * the main page's actions (tools/fuzz-subjects.ts makes them), so core, which imports neither, is handed them.
 */
export interface OuterSeeds {
  /** Stream profiles, as the stream panel exports them. */
  readonly profile: readonly SeedFile[];
  /** Overlay effect messages as JSON, as the main page builds them (obs-browser hands them to the overlay parsed). */
  readonly overlay: readonly SeedFile[];
}

export interface FuzzSeeds extends OuterSeeds {
  readonly model: readonly SeedFile[];
  readonly dataset: readonly SeedFile[];
  /** Features of real hands that an accepted model must classify to finite probabilities. */
  readonly probes: readonly Float32Array[];
}

const ASPECT = 4 / 3;

/** A kinivi row (wrist-relative, largest |value| 1) as landmarks, in pixel-proportional units. */
function rowLandmarks(row: readonly number[]): Landmark[] {
  return Array.from({ length: 21 }, (_, i) => ({ x: row[2 * i], y: row[2 * i + 1], z: 0 }));
}

/** The row placed in a 640×480 frame, with a small z so xyz63 files carry three real coordinates. */
function rowPoints(row: readonly number[]): LandmarkPoint[] {
  return rowLandmarks(row).map(({ x, y }, i): LandmarkPoint => [0.5 + (x * 0.2) / ASPECT, 0.5 + y * 0.2, -0.01 - i / 3000]);
}

/** Twelve samples: each embedded open hand and fist, two takes per label, both hands. */
export function seedSamples(): GestureSample[] {
  const make = (rows: readonly (readonly number[])[], label: string) => rows.map((row, i): GestureSample => ({
    id: `${label}-${i}`, label, landmarks: rowPoints(row), aspect: ASPECT, handedness: i % 2 === 0 ? 'Right' : 'Left',
    take: `${label}-take-${i < 3 ? 1 : 2}`, capturedAt: 1_700_000_000_000 + i * 100, source: 'recorded',
  }));
  return [...make(OPEN_HAND_ROWS, 'open hand'), ...make(FIST_ROWS, 'fist')];
}

/** kinivi's keypoint.csv layout: class index, then the 42 wrist-relative values (its own exporter is Python). */
function kiniviText(): string {
  return [...OPEN_HAND_ROWS.map((row) => `0,${row.join(',')}`), ...FIST_ROWS.map((row) => `1,${row.join(',')}`)].join('\n') + '\n';
}

/**
 * A user model trained for two epochs on the seed samples: small (42 → 8 → 3) but complete, with the
 * int8 section and rejection threshold a real one has, so most mutations land in parts that matter.
 */
function smallModel(): GestureModel {
  return trainUserGestureModel(seedSamples(), { seed: 1, maxEpochs: 2, patience: 0, hiddenSizes: [8], samplesPerClass: 20 }).model;
}

/**
 * All seeds. `shippedModelText` is public/models/gesture_model.json (read by the caller: core reads no
 * files). The small model comes with its int8 section and without (as `npm run train` writes it before
 * `npm run quantize`): with one, any changed float weight makes the section stale, so only the float-only
 * file lets weight mutations reach the engines. Small seeds get three quarters of the inputs, keeping a
 * run fast while the full-size file is still exercised.
 */
export function buildFuzzSeeds(shippedModelText: string, outer: OuterSeeds): FuzzSeeds {
  const samples = seedSamples();
  const small = smallModel();
  const { int8: _int8, ...floatOnly } = small;
  const jsonl = exportJsonl(samples);
  const xyz63 = exportCsv(samples, 'xyz63').text;
  const xy42 = exportCsv(samples, 'xy42').text;
  return {
    model: [
      { name: 'public/models/gesture_model.json', loader: 'model', text: shippedModelText },
      { name: 'small user model', loader: 'model', text: serializeGestureModel(small) },
      { name: 'small user model (repeated for weight)', loader: 'model', text: serializeGestureModel(small) },
      { name: 'small float-only model', loader: 'model', text: serializeGestureModel(floatOnly) },
    ],
    dataset: [
      { name: 'dataset.jsonl', loader: 'import-jsonl', text: jsonl },
      { name: 'dataset xyz63.csv', loader: 'import-xyz63', text: xyz63 },
      { name: 'dataset xy42.csv', loader: 'import-xy42', text: xy42 },
      { name: 'keypoint.csv (kinivi42)', loader: 'rows-kinivi42', text: kiniviText() },
      { name: 'rows xy42.csv', loader: 'rows-xy42', text: xy42 },
      { name: 'rows xyz63.csv', loader: 'rows-xyz63', text: xyz63 },
      { name: 'rows.jsonl', loader: 'rows-jsonl', text: jsonl },
    ],
    profile: outer.profile,
    overlay: outer.overlay,
    probes: [...OPEN_HAND_ROWS, ...FIST_ROWS].map((row) => extractFeatures(rowLandmarks(row), 1)),
  };
}
