// Checks an untrusted sample (from storage, a file or the recorder) and converts landmarks to and from MediaPipe's shape.
import { describeHandDegeneracy } from '../landmarks/canonical-hand';
import { LANDMARK_COUNT, type HandLandmarks, type Landmark } from '../landmarks/types';
import { quoteValue } from '../model/json-checks';
import { describeLabelProblem } from './names';
import { HANDEDNESS_VALUES } from '../labels';
import { SAMPLE_SOURCES, type GestureSample, type LandmarkPoint } from './types';

export type SampleCheck = { readonly ok: true; readonly sample: GestureSample } | { readonly ok: false; readonly reason: string };

/**
 * Returns the sample typed and copied (only the known fields), or the first reason it is unusable:
 * a label outside the allow-list, not exactly 21 finite points, aspect not > 0, a hand too degenerate
 * to extract features from (it would make training throw), or a missing id, take, time or handedness.
 */
export function checkSample(value: unknown): SampleCheck {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('is not an object');
  const record = value as Record<string, unknown>;
  const { id, label, aspect, handedness, take, capturedAt, source } = record;
  if (typeof id !== 'string' || id === '') return fail('has no id');
  const labelProblem = describeLabelProblem(label);
  if (labelProblem !== null) return fail(labelProblem);
  const landmarks = readPoints(record.landmarks);
  if (typeof landmarks === 'string') return fail(landmarks);
  if (typeof aspect !== 'number' || !Number.isFinite(aspect) || aspect <= 0) {
    return fail(`aspect must be a positive number, got ${quoteValue(aspect)}`);
  }
  if (!HANDEDNESS_VALUES.includes(handedness as never)) {
    return fail(`handedness must be "Left" or "Right", got ${quoteValue(handedness)}`);
  }
  if (typeof take !== 'string' || take === '') return fail('has no take');
  if (typeof capturedAt !== 'number' || !Number.isFinite(capturedAt) || capturedAt < 0) {
    return fail(`capturedAt must be a time in milliseconds, got ${quoteValue(capturedAt)}`);
  }
  if (source !== undefined && !SAMPLE_SOURCES.includes(source as never)) {
    return fail(`source must be "recorded" or "imported", got ${quoteValue(source)}`);
  }
  const degeneracy = describeHandDegeneracy(toHandLandmarks(landmarks), aspect);
  if (degeneracy !== null) return fail(degeneracy);
  const sample: GestureSample = {
    id, label: label as string, landmarks, aspect, handedness: handedness as GestureSample['handedness'], take, capturedAt,
    ...(source === undefined ? {} : { source: source as GestureSample['source'] }),
  };
  return { ok: true, sample };
}

function fail(reason: string): SampleCheck {
  return { ok: false, reason };
}

/** 21 `[x, y, z]` finite triples, copied, or what is wrong with them. */
function readPoints(value: unknown): LandmarkPoint[] | string {
  if (!Array.isArray(value)) return 'landmarks must be an array of 21 [x, y, z] points';
  if (value.length !== LANDMARK_COUNT) return `landmarks has ${value.length} points, expected ${LANDMARK_COUNT}`;
  const points: LandmarkPoint[] = [];
  for (let i = 0; i < LANDMARK_COUNT; i++) {
    const point: unknown = value[i];
    if (!Array.isArray(point) || point.length !== 3) return `landmarks[${i}] is not an [x, y, z] point`;
    const [x, y, z] = point as unknown[];
    if (!isFiniteNumber(x) || !isFiniteNumber(y) || !isFiniteNumber(z)) return `landmarks[${i}] has a non-finite coordinate`;
    points.push([x, y, z]);
  }
  return points;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** The sample's points as the `{x, y, z}` landmarks that feature extraction takes. */
export function toHandLandmarks(points: readonly LandmarkPoint[]): HandLandmarks {
  return points.map(([x, y, z]): Landmark => ({ x, y, z }));
}

/** MediaPipe's `{x, y, z}` landmarks as stored points. */
export function fromHandLandmarks(landmarks: HandLandmarks): LandmarkPoint[] {
  return landmarks.map(({ x, y, z }): LandmarkPoint => [x, y, z]);
}

/**
 * A random id, unique for all practical purposes (128 bits). getRandomValues works in every context
 * this code runs in (page, worker, node), unlike randomUUID, which needs a secure context.
 */
export function randomId(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
