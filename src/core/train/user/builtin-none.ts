// Synthetic "none" hands for a user model: real embedded fingers recombined into patterns the user's gestures do not use.
import { FINGER_CHAINS, type Landmark } from '../../landmarks/types';
import { FIST_ROWS, OPEN_HAND_ROWS } from './builtin-donors';
import { poseOf, type Pose } from '../shared/poses';
import type { SeededRandom } from '../../../util/seeded-random';
import { donorsFromHands, synthesizeHand, type Donors } from '../shared/synthesize-none';

/** Synthetic hands closer than this to a user training pose (RMS landmark distance, palm sizes) are dropped. */
export const MIN_NONE_DISTANCE = 0.25;

/** A pattern's share of a label's poses above which synthetic none never uses that pattern. */
const PATTERN_SHARE = 0.1;

let cachedDonors: Donors | undefined;

/** Canonical points of the embedded kinivi open hands and fists (built once). */
export function builtinDonors(): Donors {
  const canonical = (row: readonly number[]) => {
    const landmarks: Landmark[] = Array.from({ length: 21 }, (_, i) => ({ x: row[2 * i], y: row[2 * i + 1], z: 0 }));
    return poseOf(landmarks, 1).points;
  };
  cachedDonors ??= donorsFromHands(OPEN_HAND_ROWS.map(canonical), FIST_ROWS.map(canonical));
  return cachedDonors;
}

/**
 * Which of index, middle, ring, pinky are extended ("1") or curled ("0"): a finger is extended when
 * its tip is farther from the wrist than its PIP joint. The thumb is left out: its 2D shape is too
 * ambiguous to tell reliably, so patterns are compared on the four fingers only (the safe side).
 */
export function fingerPattern(points: Float64Array): string {
  const fromWrist = (joint: number) => Math.hypot(points[2 * joint], points[2 * joint + 1]);
  return FINGER_CHAINS.map(([, pip, , tip]) => (fromWrist(tip) > fromWrist(pip) ? '1' : '0')).join('');
}

/** Four-finger patterns used by at least PATTERN_SHARE of some label's poses: synthetic none must avoid them. */
export function usedFingerPatterns(posesByLabel: ReadonlyMap<string, readonly Pose[]>): Set<string> {
  const used = new Set<string>();
  for (const poses of posesByLabel.values()) {
    const counts = new Map<string, number>();
    for (const pose of poses) {
      const pattern = fingerPattern(pose.points);
      counts.set(pattern, (counts.get(pattern) ?? 0) + 1);
    }
    for (const [pattern, count] of counts) if (count >= PATTERN_SHARE * poses.length) used.add(pattern);
  }
  return used;
}

/** RMS distance between two canonical hands over their 21 landmarks, in palm sizes. */
export function handDistance(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] - b[i]) ** 2;
  return Math.sqrt(sum / (a.length / 2));
}

export interface NoneSynthesis {
  readonly poses: Pose[];
  /** Four-finger patterns left out because the user's gestures use them. */
  readonly excludedPatterns: readonly string[];
  /** Candidates dropped for being within MIN_NONE_DISTANCE of a user pose. */
  readonly droppedAsTooClose: number;
}

/**
 * Up to `count` none hands (upright; training rotates them freely): each has a random thumb and a
 * four-finger pattern no user gesture uses, and is dropped when it lands within MIN_NONE_DISTANCE of
 * any of `guardPoses` (a subsample of the user's known-gesture poses keeps this cheap). Gives up
 * after 4 · count candidates, so a user set that uses every pattern yields few or none.
 */
export function synthesizeUserNone(
  count: number, posesByLabel: ReadonlyMap<string, readonly Pose[]>, random: SeededRandom, maxGuardPoses = 400,
): NoneSynthesis {
  const excluded = usedFingerPatterns(posesByLabel);
  const allowed = Array.from({ length: 16 }, (_, i) => i.toString(2).padStart(4, '0')).filter((p) => !excluded.has(p));
  const known = [...posesByLabel.values()].flat();
  const step = Math.max(1, known.length / maxGuardPoses);
  const guard: Float64Array[] = [];
  for (let i = 0; i < known.length; i += step) guard.push(known[Math.floor(i)].points);
  const poses: Pose[] = [];
  let dropped = 0;
  if (allowed.length === 0) return { poses, excludedPatterns: [...excluded].sort(), droppedAsTooClose: 0 };
  const donors = builtinDonors();
  for (let attempt = 0; attempt < 4 * count && poses.length < count; attempt++) {
    const pattern = `x${random.pick(allowed)}`;
    const points = synthesizeHand(pattern, donors, random);
    if (guard.some((other) => handDistance(points, other) < MIN_NONE_DISTANCE)) {
      dropped++;
      continue;
    }
    poses.push({ points, orientation: 0 });
  }
  return { poses, excludedPatterns: [...excluded].sort(), droppedAsTooClose: dropped };
}

