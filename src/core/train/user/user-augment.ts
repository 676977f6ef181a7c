// Augmentation for user gestures: the default trainer's tilt, stretch and jitter, but rotations kept near the recorded angle.
import type { GestureSample } from '../../dataset/types';
import { toHandLandmarks } from '../../dataset/sample';
import { describeHandDegeneracy } from '../../landmarks/canonical-hand';
import { extractFeatures } from '../../landmarks/features';
import { poseOf, renderPose, squashPoints, type Pose } from '../shared/poses';
import type { SeededRandom } from '../../../util/seeded-random';

export interface UserAugmentOptions {
  /**
   * Rotations are drawn within ±maxRotationDeg of the recorded orientation. We cannot know whether a
   * user gesture means something different upside down (thumb up vs down), so it stays near as recorded.
   */
  readonly maxRotationDeg: number;
  /** x stretched by a factor log-uniform in [1/maxStretch, maxStretch] (camera aspect). */
  readonly maxStretch: number;
  /** Per-coordinate Gaussian noise, in palm sizes (tracking noise). */
  readonly jitter: number;
  /** Squash along a random direction by a factor in [minTiltSquash, 1] (out-of-plane tilt). */
  readonly minTiltSquash: number;
}

/** The default trainer's stretch, jitter and tilt (shared/poses.ts DEFAULT_AUGMENT), with ±20° rotations. */
export const DEFAULT_USER_AUGMENT: UserAugmentOptions = { maxRotationDeg: 20, maxStretch: 1.3, jitter: 0.015, minTiltSquash: 0.6 };

const DEG = Math.PI / 180;

/** A training pose of a sample, or null when the hand is degenerate (collapsed landmarks: nothing to learn from). */
export function samplePose(sample: GestureSample): Pose | null {
  const landmarks = toHandLandmarks(sample.landmarks);
  if (describeHandDegeneracy(landmarks, sample.aspect) !== null) return null;
  return poseOf(landmarks, sample.aspect);
}

/** Features of the sample as recorded (validation), or null when degenerate. */
export function sampleFeatures(sample: GestureSample): Float32Array | null {
  const landmarks = toHandLandmarks(sample.landmarks);
  if (describeHandDegeneracy(landmarks, sample.aspect) !== null) return null;
  return extractFeatures(landmarks, sample.aspect);
}

/**
 * Features of a randomly re-posed copy: tilt-squash, rotate within the window around the pose's own
 * orientation (or any angle when `anyRotation`, for synthetic none hands), stretch, jitter, mirror.
 */
export function augmentUserPose(pose: Pose, options: UserAugmentOptions, random: SeededRandom, anyRotation = false): Float32Array {
  const squash = random.uniform(options.minTiltSquash, 1);
  const points = squash < 1 ? squashPoints(pose.points, random.uniform(0, Math.PI), squash) : pose.points;
  const orientation = anyRotation
    ? random.uniform(-Math.PI, Math.PI)
    : pose.orientation + random.uniform(-options.maxRotationDeg, options.maxRotationDeg) * DEG;
  const logStretch = Math.log(options.maxStretch);
  const stretch = Math.exp(random.uniform(-logStretch, logStretch));
  // Mirroring is a no-op for the canonical features; drawn anyway so that stays true if they change.
  const mirror = random.next() < 0.5;
  return extractFeatures(renderPose(points, orientation, stretch, options.jitter, mirror, random), 1);
}
