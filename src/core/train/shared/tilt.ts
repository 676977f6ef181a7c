// Tilts a canonical 2D hand out of the image plane: a depth guessed from bone lengths, a 3D rotation, a projection.
import type { SeededRandom } from '../../../util/seeded-random';

/** Digit chains base → tip: thumb, index, middle, ring, pinky. */
const CHAINS = [
  [1, 2, 3, 4],
  [5, 6, 7, 8],
  [9, 10, 11, 12],
  [13, 14, 15, 16],
  [17, 18, 19, 20],
] as const;

/**
 * Typical bone lengths per digit, base → tip, in palm sizes (wrist → knuckle ≈ 1), from the straight
 * fingers of the open-hand recordings and usual hand proportions. Only used to guess how far a
 * shorter-looking bone points out of the image plane, so rough values do.
 */
const BONE_LENGTHS = [
  [0.38, 0.3, 0.26],
  [0.43, 0.25, 0.19],
  [0.48, 0.3, 0.21],
  [0.45, 0.29, 0.21],
  [0.35, 0.2, 0.18],
] as const;

/**
 * Depth (out of the image, palm sizes) of each of the 21 points, guessed for a flat palm: the wrist and
 * the digit bases are at 0; a bone that looks shorter than its typical length points out of the plane
 * by the missing length (Pythagoras). The first bone of a digit rises to the palm side; a later bone
 * keeps rising while it goes on in the first bone's direction and comes back once it turns round,
 * which is how a curled finger folds over the palm. A straight finger in the plane gets no depth.
 */
export function guessDepth(points: Float64Array): Float64Array {
  const depth = new Float64Array(points.length / 2);
  CHAINS.forEach((chain, digit) => {
    const firstX = points[2 * chain[1]] - points[2 * chain[0]];
    const firstY = points[2 * chain[1] + 1] - points[2 * chain[0] + 1];
    for (let bone = 0; bone < 3; bone++) {
      const from = chain[bone];
      const to = chain[bone + 1];
      const dx = points[2 * to] - points[2 * from];
      const dy = points[2 * to + 1] - points[2 * from + 1];
      const seen = Math.hypot(dx, dy);
      const rise = Math.sqrt(Math.max(0, BONE_LENGTHS[digit][bone] ** 2 - seen ** 2));
      const turnedRound = bone > 0 && dx * firstX + dy * firstY < 0;
      depth[to] = depth[from] + (turnedRound ? -rise : rise);
    }
  });
  return depth;
}

/**
 * The hand turned about an in-plane axis and projected back (orthographic: the hand is small against
 * its distance to the camera). `direction` (radians) is the in-plane direction that tilts away; a flat
 * hand (all depths 0) is just squashed by cos(angle) along it.
 */
export function tiltPoints(points: Float64Array, depth: Float64Array, direction: number, angle: number): Float64Array {
  const dx = Math.cos(direction);
  const dy = Math.sin(direction);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const tilted = new Float64Array(points.length);
  for (let i = 0; i < depth.length; i++) {
    const x = points[2 * i];
    const y = points[2 * i + 1];
    const along = x * dx + y * dy;
    const change = along * cos - depth[i] * sin - along;
    tilted[2 * i] = x + change * dx;
    tilted[2 * i + 1] = y + change * dy;
  }
  return tilted;
}

/**
 * A random tilt: the projected squash factor cos(angle) is uniform in [minSquash, 1] (as the 2D squash
 * it generalises), the direction uniform over the circle. `depthScale` scales the guessed depth:
 * 0 gives the flat-hand squash, 1 lets curled fingers and foreshortened bones move as in 3D.
 */
export function randomTilt(points: Float64Array, minSquash: number, depthScale: number, random: SeededRandom): Float64Array {
  const squash = random.uniform(minSquash, 1);
  const direction = random.uniform(0, 2 * Math.PI);
  if (squash >= 1) return points;
  const depth = guessDepth(points);
  for (let i = 0; i < depth.length; i++) depth[i] *= depthScale;
  return tiltPoints(points, depth, direction, Math.acos(squash));
}
