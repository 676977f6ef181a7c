// Training poses (a canonical hand plus its image orientation) and the seeded augmentation that re-poses them.
import { canonicalHand, landmarksFromCanonical } from '../../landmarks/canonical-hand';
import { extractFeatures } from '../../landmarks/features';
import type { HandLandmarks, Landmark } from '../../landmarks/types';
import { articulate, keepsFingerStates, palmSizeOfPoints, type ArticulationOptions, type FingerPattern } from './articulation';
import type { SeededRandom } from '../../../util/seeded-random';
import { randomTilt } from './tilt';

/** A digit whose image direction defines an orientation-dependent gesture: base joint → tip. */
export const DIGIT_SEGMENTS = {
  index: [5, 8],
  thumb: [2, 4],
} as const;

export type Digit = keyof typeof DIGIT_SEGMENTS;

/**
 * How a recorded hand may be posed in the image for its gesture.
 * any-rotation: the gesture means the same at every in-plane angle (open palm, fist, victory…).
 * aim: the digit must point at one of `targetsDeg` (0 = up, 180 = down, +90 = towards the hand's
 * thumb side) within ±spreadDeg; training rotates the hand there, whatever its recorded direction.
 */
export type PosePolicy =
  | { readonly kind: 'any-rotation' }
  | { readonly kind: 'aim'; readonly digit: Digit; readonly targetsDeg: readonly number[]; readonly spreadDeg: number };

const DEG = Math.PI / 180;

/** A hand as training sees it: its canonical shape (42 values) and the orientation it was recorded at. */
export interface Pose {
  readonly points: Float64Array;
  /** Radians, 0 = fingers up (see CanonicalHand). */
  readonly orientation: number;
}

export interface AugmentOptions extends ArticulationOptions {
  /** x is stretched by a factor drawn log-uniformly from [1/maxStretch, maxStretch] (unknown camera aspect). */
  readonly maxStretch: number;
  /** Standard deviation of per-coordinate noise, in palm sizes (landmark tracking noise). */
  readonly jitter: number;
  /**
   * The hand is tilted out of the image plane about a random in-plane axis, so far that a flat hand is
   * squashed by a factor drawn from [minTiltSquash, 1] (tilt.ts); the 2D recordings barely vary tilt.
   */
  readonly minTiltSquash: number;
  /**
   * How much of the guessed depth (tilt.ts: curled fingers stand out of the palm) the tilt uses: 0 tilts
   * a flat hand (a plain squash), 1 moves curled fingers and foreshortened bones as a real tilt would.
   */
  readonly tiltDepth: number;
}

/** The adopted recipe; docs/features.md has the ablation that chose each part. */
export const DEFAULT_AUGMENT: AugmentOptions = {
  maxStretch: 1.3,
  jitter: 0.015,
  minTiltSquash: 0.6,
  tiltDepth: 1,
  minSpreadFactor: -0.3,
  maxSpreadFactor: 1.75,
  fingerWobbleDeg: 5,
  minForeshortening: 1,
  flexDeg: 10,
  minCurledScale: 0.85,
  maxCurledScale: 1.15,
  thumbSwap: 0.5,
  thumbDeg: 15,
  thumbAbductionDeg: 35,
  fingerLengthRange: 1.2,
  palmWidthRange: 1.15,
  minPalmPitch: 0.35,
};

/** What the articulation step needs besides the options: which digits are extended, and real closed thumbs. */
export interface ArticulationInput {
  readonly fingers: FingerPattern;
  /** Canonical real fists whose thumbs a closed thumb may take. */
  readonly closedThumbs: readonly Float64Array[];
  /** Aim recipes: the aimed digit's minimum length (palm sizes) after reshaping (see ClassRecipe.minDigitLength). */
  readonly minDigitLength?: number;
}

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

/**
 * True when the thumb stands out from the hand: its tip is more than 1.5 knuckle-line widths (index to pinky knuckle)
 * from the pinky knuckle, the test the shared people data's README checks labels with. A folded thumb lies across or
 * beside the fingers, nearer.
 */
export function isThumbOut(points: Float64Array): boolean {
  const distance = (a: number, b: number) => Math.hypot(points[2 * a] - points[2 * b], points[2 * a + 1] - points[2 * b + 1]);
  return distance(4, 17) > 1.5 * distance(5, 17);
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

/** Attempts at re-articulating and tilting a hand before it falls back to the recorded shape. */
const RESHAPE_ATTEMPTS = 8;

/**
 * The pose's hand re-articulated (when `articulation` is given) and tilted out of the image plane,
 * without crossing a class boundary: extended fingers stay extended and curled ones curled
 * (keepsFingerStates), and an aim recipe's digit stays `minDigitLength` palm sizes long, as the recipe
 * asks of recorded rows (a stub does not show where it points). A shape that fails is redrawn; after
 * RESHAPE_ATTEMPTS the recorded shape is used.
 */
function reshapedHand(
  pose: Pose, policy: PosePolicy, options: AugmentOptions, random: SeededRandom, articulation?: ArticulationInput,
): Float64Array {
  for (let attempt = 0; attempt < RESHAPE_ATTEMPTS; attempt++) {
    const hand = articulation ? articulate(pose.points, articulation.fingers, articulation.closedThumbs, options, random) : pose.points;
    // Depth needs the guard, and the guard needs the pattern: without one the hand is tilted flat (a squash).
    const points = randomTilt(hand, options.minTiltSquash, articulation ? options.tiltDepth : 0, random);
    if (!articulation) return points;
    if (!keepsFingerStates(pose.points, points, articulation.fingers)) continue;
    const minLength = articulation.minDigitLength;
    if (policy.kind !== 'aim' || minLength === undefined) return points;
    if (digitLength(points, policy.digit) >= minLength * palmSizeOfPoints(points)) return points;
  }
  return pose.points;
}

/**
 * Features of a randomly augmented copy of the pose (seeded, so an epoch repeats exactly). Without
 * `articulation` (a caller that does not pass the recipe's finger pattern) the hand keeps its recorded
 * shape and is tilted flat: the trainer's augmentation before articulation existed.
 */
export function augmentedFeatures(
  pose: Pose, policy: PosePolicy, options: AugmentOptions, random: SeededRandom, articulation?: ArticulationInput,
): Float32Array {
  // Re-articulate first, in the hand's own frame; then tilt it, aim it and film it.
  const points = reshapedHand(pose, policy, options, random, articulation);
  // Aim after tilting, so the digit points where the policy wants in the final image.
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
