// Puts a hand into one canonical 2D frame: pixel-proportional, wrist at the origin, palm-sized, fingers up, right-handed.
import { HandPoint, LANDMARK_COUNT, type HandLandmarks, type Landmark } from './types';

/** A hand in the canonical frame, plus what was removed to get there. */
export interface CanonicalHand {
  /**
   * x, y of all 21 landmarks (42 values) in the canonical frame: wrist at (0, 0), one unit = palm size,
   * +y along wrist→middle-MCP (so the middle MCP is at (0, r) with r > 0), +x towards the index side.
   */
  readonly points: Float64Array;
  /** Palm size in pixel-proportional units (x·aspect, y) of the input. */
  readonly palmSize: number;
  /** True when x was mirrored to make the hand right-handed. */
  readonly mirrored: boolean;
  /**
   * Orientation of wrist→middle-MCP in the (un-rotated) image: 0 = fingers up, +π/2 = fingers tilted over
   * to the hand's index side (thumb side). Taken after mirroring, so a mirrored hand has the same orientation.
   */
  readonly orientationSin: number;
  readonly orientationCos: number;
}

const PALM_KNUCKLES = [HandPoint.indexMcp, HandPoint.middleMcp, HandPoint.ringMcp, HandPoint.pinkyMcp] as const;

/**
 * Farthest a landmark may be from the wrist, in palm sizes. A real hand spans about 3; far beyond that is
 * a corrupt file (e.g. a coordinate of 1e300), whose canonical points overflow the float32 features to Infinity.
 */
export const MAX_REACH_PALM_SIZES = 1e12;

/**
 * Returns why these landmarks cannot be put into the canonical frame, or null when they can.
 * Used by extractFeatures (which throws) and by the row parsers (which report the row).
 */
export function describeHandDegeneracy(landmarks: HandLandmarks, aspect: number): string | null {
  if (!Number.isFinite(aspect) || aspect <= 0) return `aspect must be a positive finite number, got ${aspect}`;
  if (landmarks.length !== LANDMARK_COUNT) return `expected ${LANDMARK_COUNT} landmarks, got ${landmarks.length}`;
  for (let i = 0; i < LANDMARK_COUNT; i++) {
    const point = landmarks[i];
    if (!Number.isFinite(point.x) || !Number.isFinite(point.y)) return `landmark ${i} has a non-finite coordinate`;
  }
  const wrist = landmarks[HandPoint.wrist];
  // Relative threshold would be meaningless for an all-zero hand, so an exact zero is what counts as degenerate.
  const palmSize = palmSizeOf(landmarks, aspect);
  if (palmSize === 0) return 'degenerate hand: the palm has zero size (all knuckles on the wrist)';
  if (!Number.isFinite(palmSize)) return 'degenerate hand: the coordinates are too large (the palm size overflows)';
  for (let i = 0; i < LANDMARK_COUNT; i++) {
    const reach = Math.hypot((landmarks[i].x - wrist.x) * aspect, landmarks[i].y - wrist.y) / palmSize;
    if (!(reach <= MAX_REACH_PALM_SIZES)) return `degenerate hand: landmark ${i} is ${reach.toPrecision(3)} palm sizes from the wrist (at most ${MAX_REACH_PALM_SIZES})`;
  }
  const middle = landmarks[HandPoint.middleMcp];
  if ((middle.x - wrist.x) * aspect === 0 && middle.y - wrist.y === 0) {
    return 'degenerate hand: wrist and middle-finger knuckle coincide, so the orientation is undefined';
  }
  return null;
}

/**
 * Palm size: mean distance wrist→{index, middle, ring, pinky} MCP in pixel-proportional units.
 * Four knuckles average out one badly tracked point, and none of them moves when fingers curl.
 */
export function palmSizeOf(landmarks: HandLandmarks, aspect: number): number {
  const wrist = landmarks[HandPoint.wrist];
  let total = 0;
  for (const knuckle of PALM_KNUCKLES) {
    const point = landmarks[knuckle];
    total += Math.hypot((point.x - wrist.x) * aspect, point.y - wrist.y);
  }
  return total / PALM_KNUCKLES.length;
}

/**
 * Maps landmarks (x, y normalised to an image of width/height = aspect) into the canonical frame.
 * Exactly invariant to translation, uniform scale, the image aspect ratio (when `aspect` is right),
 * mirroring and in-plane rotation; throws when describeHandDegeneracy finds a problem.
 */
export function canonicalHand(landmarks: HandLandmarks, aspect: number): CanonicalHand {
  const problem = describeHandDegeneracy(landmarks, aspect);
  if (problem !== null) throw new Error(problem);

  const wrist = landmarks[HandPoint.wrist];
  const palmSize = palmSizeOf(landmarks, aspect);
  // Image coordinates have y pointing down; everything below works in those until the final frame.
  const relX = (point: Landmark) => ((point.x - wrist.x) * aspect) / palmSize;
  const relY = (point: Landmark) => (point.y - wrist.y) / palmSize;

  const middle = landmarks[HandPoint.middleMcp];
  const axisLength = Math.hypot(relX(middle), relY(middle));
  const axisX = relX(middle) / axisLength;
  const axisY = relY(middle) / axisLength;

  // The 2D cross product flips sign under mirroring and not under rotation, so it tells the hand's chirality.
  const index = landmarks[HandPoint.indexMcp];
  const pinky = landmarks[HandPoint.pinkyMcp];
  const chirality = relX(index) * relY(pinky) - relY(index) * relX(pinky);
  const mirrored = chirality > 0;
  const mirror = mirrored ? -1 : 1;

  const points = new Float64Array(LANDMARK_COUNT * 2);
  for (let i = 0; i < LANDMARK_COUNT; i++) {
    const x = relX(landmarks[i]);
    const y = relY(landmarks[i]);
    // Across the axis: the image's +x direction when the fingers point up.
    points[2 * i] = mirror * (x * -axisY + y * axisX);
    // Along the axis: up the fingers.
    points[2 * i + 1] = x * axisX + y * axisY;
  }
  return { points, palmSize, mirrored, orientationSin: mirror * axisX, orientationCos: -axisY };
}

/**
 * Turns canonical points back into landmarks (aspect 1, y down), rotated so the hand has the given
 * orientation angle (radians, 0 = fingers up). Lets training re-pose canonical hands.
 */
export function landmarksFromCanonical(points: ArrayLike<number>, orientation = 0): Landmark[] {
  const cos = Math.cos(orientation);
  const sin = Math.sin(orientation);
  const landmarks: Landmark[] = [];
  for (let i = 0; i < LANDMARK_COUNT; i++) {
    const across = points[2 * i];
    const along = points[2 * i + 1];
    // Inverse of canonicalHand's frame for an un-mirrored hand whose axis is (sin, -cos) in image space.
    landmarks.push({ x: across * cos + along * sin, y: across * sin - along * cos, z: 0 });
  }
  return landmarks;
}
