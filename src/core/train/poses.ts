// Training poses (a canonical hand plus its image orientation) and the seeded augmentation that re-poses them.
import { canonicalHand, landmarksFromCanonical } from '../landmarks/canonical-hand';
import { extractFeatures } from '../landmarks/features';
import type { HandLandmarks, Landmark } from '../landmarks/types';
import { DIGIT_SEGMENTS, type Digit, type PosePolicy } from './gesture-recipes';
import type { SeededRandom } from './random';

const DEG = Math.PI / 180;

/** A hand as training sees it: its canonical shape (42 values) and the orientation it was recorded at. */
export interface Pose {
  readonly points: Float64Array;
  /** Radians, 0 = fingers up (see CanonicalHand). */
  readonly orientation: number;
}

export interface AugmentOptions {
  /** x is stretched by a factor drawn log-uniformly from [1/maxStretch, maxStretch] (unknown camera aspect). */
  readonly maxStretch: number;
  /** Standard deviation of per-coordinate noise, in palm sizes (landmark tracking noise). */
  readonly jitter: number;
  /**
   * The hand is squashed along a random direction by a factor drawn from [minTiltSquash, 1]: an affine
   * stand-in for tilting the hand out of the image plane, which the 2D recordings barely vary.
   */
  readonly minTiltSquash: number;
}

export const DEFAULT_AUGMENT: AugmentOptions = { maxStretch: 1.3, jitter: 0.015, minTiltSquash: 0.6 };

export function poseOf(landmarks: HandLandmarks, aspect: number): Pose {
  const hand = canonicalHand(landmarks, aspect);
  return { points: hand.points, orientation: Math.atan2(hand.orientationSin, hand.orientationCos) };
}

/** Direction of a digit within the hand (radians, 0 = along the palm axis, + = towards the thumb side). */
export function digitAngleInHand(points: Float64Array, digit: Digit): number {
  const [base, tip] = DIGIT_SEGMENTS[digit];
  return Math.atan2(points[2 * tip] - points[2 * base], points[2 * tip + 1] - points[2 * base + 1]);
}

/** Digit length base → tip in palm sizes. */
export function digitLength(points: Float64Array, digit: Digit): number {
  const [base, tip] = DIGIT_SEGMENTS[digit];
  return Math.hypot(points[2 * tip] - points[2 * base], points[2 * tip + 1] - points[2 * base + 1]);
}

/** Wraps an angle to (-π, π]. */
export function wrapAngle(angle: number): number {
  const wrapped = angle - 2 * Math.PI * Math.floor((angle + Math.PI) / (2 * Math.PI));
  return wrapped === -Math.PI ? Math.PI : wrapped;
}

/** The digit's direction in the image (radians, 0 = up) for a pose. */
export function digitAngleInImage(pose: Pose, digit: Digit): number {
  return wrapAngle(pose.orientation + digitAngleInHand(pose.points, digit));
}

/** True when the digit's recorded image direction is within spread of one of the policy's targets. */
export function isWithinAimWindow(pose: Pose, policy: Extract<PosePolicy, { kind: 'aim' }>): boolean {
  const direction = digitAngleInImage(pose, policy.digit);
  return policy.targetsDeg.some((target) => Math.abs(wrapAngle(direction - target * DEG)) <= policy.spreadDeg * DEG);
}

/** Hand orientation that makes the digit point at `directionRad` in the image. */
export function orientationAiming(points: Float64Array, digit: Digit, directionRad: number): number {
  return wrapAngle(directionRad - digitAngleInHand(points, digit));
}

/** A random orientation allowed by the policy. */
export function drawOrientation(pose: Pose, policy: PosePolicy, random: SeededRandom): number {
  if (policy.kind === 'any-rotation') return random.uniform(-Math.PI, Math.PI);
  const target = random.pick(policy.targetsDeg) + random.uniform(-policy.spreadDeg, policy.spreadDeg);
  return orientationAiming(pose.points, policy.digit, target * DEG);
}

/**
 * Landmarks (aspect 1) for a pose at `orientation`, x stretched by `stretch`, with Gaussian jitter and
 * an optional mirror. The order follows the camera: the hand turns, then the image is stretched.
 */
export function renderPose(
  points: Float64Array, orientation: number, stretch: number, jitter: number, mirror: boolean, random: SeededRandom,
): Landmark[] {
  return landmarksFromCanonical(points, orientation).map((point) => {
    const x = point.x * stretch + (jitter > 0 ? jitter * random.normal() : 0);
    const y = point.y + (jitter > 0 ? jitter * random.normal() : 0);
    return { x: mirror ? -x : x, y, z: 0 };
  });
}

/** Canonical points squashed by `factor` along the direction at `angle` (radians). */
export function squashPoints(points: Float64Array, angle: number, factor: number): Float64Array {
  const dx = Math.cos(angle);
  const dy = Math.sin(angle);
  const squashed = new Float64Array(points.length);
  for (let i = 0; i < points.length; i += 2) {
    const along = (points[i] * dx + points[i + 1] * dy) * (factor - 1);
    squashed[i] = points[i] + along * dx;
    squashed[i + 1] = points[i + 1] + along * dy;
  }
  return squashed;
}

/** Features of a randomly augmented copy of the pose (seeded, so an epoch repeats exactly). */
export function augmentedFeatures(pose: Pose, policy: PosePolicy, options: AugmentOptions, random: SeededRandom): Float32Array {
  const squash = random.uniform(options.minTiltSquash, 1);
  const points = squash < 1 ? squashPoints(pose.points, random.uniform(0, Math.PI), squash) : pose.points;
  // Aim after squashing, so the digit points where the policy wants in the final image.
  const orientation = drawOrientation({ points, orientation: pose.orientation }, policy, random);
  const logStretch = Math.log(options.maxStretch);
  const stretch = Math.exp(random.uniform(-logStretch, logStretch));
  // Mirroring is a no-op for the canonical features; it is drawn anyway so that stays true if they change.
  const mirror = random.next() < 0.5;
  return extractFeatures(renderPose(points, orientation, stretch, options.jitter, mirror, random), 1);
}

/** Features of the pose at an exact orientation, without noise (validation). */
export function featuresAt(pose: Pose, orientation: number): Float32Array {
  return extractFeatures(landmarksFromCanonical(pose.points, orientation), 1);
}
