// Re-shapes a canonical hand as another person's might differ (spread, flexion, thumb, proportions, pitch), within its class.
import { FINGER_CHAINS, THUMB_CHAIN } from '../../landmarks/types';
import type { SeededRandom } from '../../../util/seeded-random';

const DEG = Math.PI / 180;

const MIDDLE = 1;

/**
 * Shortest MCP → tip distance (palm sizes) an extended finger may be given, index…pinky: below about
 * this a finger no longer reads as extended next to a fist's curled fingers (0.2–0.45 in the recordings).
 */
const MIN_EXTENDED_LENGTH = [0.6, 0.6, 0.6, 0.5];

/** Longest MCP → tip distance (palm sizes) augmentation may give a curled finger: a margin below MIN_EXTENDED_LENGTH. */
const MAX_CURLED_LENGTH = MIN_EXTENDED_LENGTH.map((length) => length - 0.1);

/**
 * What each digit of a training hand is doing, thumb first: '1' extended, '0' curled (the thumb:
 * closed), '-' part of the gesture's exact shape (ok's touching thumb and index): left as recorded.
 */
export type FingerPattern = string;

export interface ArticulationOptions {
  /**
   * Spread (abduction): an extended finger's angle from the middle finger (the palm axis when the
   * middle finger is curled) is multiplied by a factor from [minSpreadFactor, maxSpreadFactor].
   * Scaling the angle (instead of adding one) keeps each finger on its own side; a small negative factor
   * leans the tips in towards the middle finger, as fingers pressed together do (their knuckles stay apart).
   */
  readonly minSpreadFactor: number;
  readonly maxSpreadFactor: number;
  /** Each finger also turns about its knuckle by up to ± this (degrees): fingers are never quite symmetric. */
  readonly fingerWobbleDeg: number;
  /** An extended finger is scaled towards its knuckle by a factor in [minForeshortening, 1]: pointing partly at the camera. */
  readonly minForeshortening: number;
  /** Extended fingers bend at PIP and DIP by up to ± this (degrees), both joints the same way. */
  readonly flexDeg: number;
  /**
   * A curled finger is scaled about its knuckle by a factor from [minCurledScale, maxCurledScale]:
   * curled tighter or looser (a loose fist's finger tips lie twice as far from the knuckles as a tight one's).
   */
  readonly minCurledScale: number;
  readonly maxCurledScale: number;
  /** Probability that a closed thumb is replaced by the thumb of a random real fist (tucked, alongside, across). */
  readonly thumbSwap: number;
  /** The thumb turns about its base (CMC) by up to ± this (degrees); a closed thumb by a third of it. */
  readonly thumbDeg: number;
  /**
   * An extended thumb beside a curled index finger (thumb up or down, "call") may also swing up to this many
   * degrees further out, away from the fingers: a thumbs-up's thumb stands anywhere from along the palm axis
   * to square to it, and the recorded one stays close to the axis.
   */
  readonly thumbAbductionDeg: number;
  /** Finger length against palm size (per person): every chain is scaled by a factor log-uniform in [1/r, r]. */
  readonly fingerLengthRange: number;
  /** Knuckle-line width (per person): the index, ring and pinky knuckles move across by a factor log-uniform in [1/r, r]. */
  readonly palmWidthRange: number;
  /**
   * Palm pitch: the palm (wrist to knuckles) is squashed along its axis by a factor from [minPalmPitch, 1]
   * while extended digits keep their length, as when the palm tilts away from the camera and the fingers
   * stay upright. Relative to the palm, fingers then look longer and the knuckle line wider.
   */
  readonly minPalmPitch: number;
}

/** Every variation off: articulate() returns the hand unchanged and draws no random numbers. */
export const NO_ARTICULATION: ArticulationOptions = {
  minSpreadFactor: 1, maxSpreadFactor: 1, fingerWobbleDeg: 0, minForeshortening: 1, flexDeg: 0, minCurledScale: 1, maxCurledScale: 1,
  thumbSwap: 0, thumbDeg: 0, thumbAbductionDeg: 0, fingerLengthRange: 1, palmWidthRange: 1, minPalmPitch: 1,
};

function isNeutral(options: ArticulationOptions): boolean {
  return (Object.keys(NO_ARTICULATION) as (keyof ArticulationOptions)[]).every((key) => options[key] === NO_ARTICULATION[key]);
}

/** Direction of the vector from joint a to joint b (radians, 0 = +y, positive towards +x, the index side). */
function direction(points: Float64Array, a: number, b: number): number {
  return Math.atan2(points[2 * b] - points[2 * a], points[2 * b + 1] - points[2 * a + 1]);
}

function distance(points: Float64Array, a: number, b: number): number {
  return Math.hypot(points[2 * b] - points[2 * a], points[2 * b + 1] - points[2 * a + 1]);
}

/** Turns `joints` about `pivot` by `angle` (radians, positive towards +x when pointing up), in place. */
function rotateJoints(points: Float64Array, pivot: number, joints: readonly number[], angle: number): void {
  if (angle === 0) return;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const px = points[2 * pivot];
  const py = points[2 * pivot + 1];
  for (const joint of joints) {
    const dx = points[2 * joint] - px;
    const dy = points[2 * joint + 1] - py;
    points[2 * joint] = px + dx * cos + dy * sin;
    points[2 * joint + 1] = py - dx * sin + dy * cos;
  }
}

/** Scales `joints` towards `pivot` by `factor`, in place. */
function scaleJoints(points: Float64Array, pivot: number, joints: readonly number[], factor: number): void {
  for (const joint of joints) {
    points[2 * joint] = points[2 * pivot] + (points[2 * joint] - points[2 * pivot]) * factor;
    points[2 * joint + 1] = points[2 * pivot + 1] + (points[2 * joint + 1] - points[2 * pivot + 1]) * factor;
  }
}

function logUniform(random: SeededRandom, range: number): number {
  return Math.exp(random.uniform(-Math.log(range), Math.log(range)));
}

/** Spread, wobble, flexion and foreshortening of the extended fingers; curling variation of the curled ones. */
function articulateFingers(
  hand: Float64Array, pattern: FingerPattern, fingerLength: number, options: ArticulationOptions, random: SeededRandom,
): void {
  const state = (finger: number) => pattern[finger + 1];
  const reference = state(MIDDLE) === '1' ? direction(hand, 9, 12) : 0;
  const spread = random.uniform(options.minSpreadFactor, options.maxSpreadFactor);
  FINGER_CHAINS.forEach((chain, finger) => {
    const [mcp, pip, dip, tip] = chain;
    const wobble = random.uniform(-options.fingerWobbleDeg, options.fingerWobbleDeg) * DEG;
    if (state(finger) === '1') {
      const fromReference = finger === MIDDLE ? 0 : direction(hand, mcp, tip) - reference;
      rotateJoints(hand, mcp, [pip, dip, tip], (spread - 1) * fromReference + wobble);
      const bend = random.uniform(-options.flexDeg, options.flexDeg) * DEG;
      rotateJoints(hand, pip, [dip, tip], bend);
      rotateJoints(hand, dip, [tip], bend);
      const length = distance(hand, mcp, tip);
      const shortest = Math.min(1, MIN_EXTENDED_LENGTH[finger] / Math.max(length, 1e-9));
      const shortening = fingerLength * random.uniform(options.minForeshortening, 1);
      scaleJoints(hand, mcp, [pip, dip, tip], Math.max(shortening, shortest));
    } else if (state(finger) === '0') {
      rotateJoints(hand, mcp, [pip, dip, tip], wobble);
      scaleJoints(hand, mcp, [pip, dip, tip], fingerLength * random.uniform(options.minCurledScale, options.maxCurledScale));
    }
  });
}

/** Thumb placement: a closed thumb may come from a real fist; either kind turns a little about its base. */
function articulateThumb(
  hand: Float64Array, pattern: FingerPattern, closedThumbs: readonly Float64Array[], fingerLength: number,
  options: ArticulationOptions, random: SeededRandom,
): void {
  const state = pattern[0];
  if (state === '-') return;
  const [cmc, mcp, ip, tip] = THUMB_CHAIN;
  if (state === '0' && closedThumbs.length > 0 && random.next() < options.thumbSwap) {
    const donor = random.pick(closedThumbs);
    // Relative to the wrist, like none-synthesis: the canonical frame already puts every palm in one place.
    for (const joint of THUMB_CHAIN) {
      hand[2 * joint] = donor[2 * joint];
      hand[2 * joint + 1] = donor[2 * joint + 1];
    }
  }
  const limit = (state === '0' ? options.thumbDeg / 3 : options.thumbDeg) * DEG;
  const abduction = state === '1' && pattern[1] === '0' ? options.thumbAbductionDeg * DEG : 0;
  let angle = random.uniform(-limit, limit + abduction);
  if (state === '1') {
    // An extended thumb may close up to the index finger (fingers-together palm), never cross it.
    const room = direction(hand, mcp, tip) - direction(hand, 5, 8) - 5 * DEG;
    angle = Math.max(angle, -Math.max(0, room));
  }
  rotateJoints(hand, cmc, [mcp, ip, tip], angle);
  scaleJoints(hand, cmc, [mcp, ip, tip], fingerLength);
}

/**
 * Palm pitch: the palm is squashed along the hand's axis by `factor` (it tilts away), and so are the
 * digits lying on it (curled, and '-' ones, which share this one linear map and so keep touching); an
 * extended digit only moves with its base and keeps its length: it stays upright and looks longer
 * against the palm.
 */
function pitchPalm(hand: Float64Array, pattern: FingerPattern, factor: number): void {
  if (factor === 1) return;
  [THUMB_CHAIN, ...FINGER_CHAINS].forEach((chain, digit) => {
    const shift = hand[2 * chain[0] + 1] * (factor - 1);
    for (const joint of chain) {
      if (pattern[digit] === '1') hand[2 * joint + 1] += shift;
      else hand[2 * joint + 1] *= factor;
    }
  });
}

/**
 * A copy of `points` (canonical hand, 42 values) re-articulated as another person might hold the same
 * gesture. `pattern` says which digits are extended (see FingerPattern); `closedThumbs` are canonical
 * hands (real fists) whose thumbs a closed thumb may take. Returns `points` itself when every option is off.
 */
export function articulate(
  points: Float64Array, pattern: FingerPattern, closedThumbs: readonly Float64Array[],
  options: ArticulationOptions, random: SeededRandom,
): Float64Array {
  if (isNeutral(options)) return points;
  const hand = Float64Array.from(points);
  // Proportions (a person's longer or shorter fingers) scale every chain the pattern lets move.
  const fingerLength = logUniform(random, options.fingerLengthRange);
  articulateFingers(hand, pattern, fingerLength, options, random);
  articulateThumb(hand, pattern, closedThumbs, fingerLength, options, random);
  const palmWidth = logUniform(random, options.palmWidthRange);
  [0, 2, 3].forEach((finger) => {
    const chain = FINGER_CHAINS[finger];
    if (pattern[finger + 1] === '-') return;
    const shift = hand[2 * chain[0]] * (palmWidth - 1);
    for (const joint of chain) hand[2 * joint] += shift;
  });
  pitchPalm(hand, pattern, random.uniform(options.minPalmPitch, 1));
  return hand;
}

/** Palm size of canonical points (wrist at the origin): the mean wrist → index, middle, ring, pinky knuckle distance. */
export function palmSizeOfPoints(points: Float64Array): number {
  return [5, 9, 13, 17].reduce((sum, k) => sum + Math.hypot(points[2 * k], points[2 * k + 1]), 0) / 4;
}

/**
 * True when no finger crossed the line between extended and curled on the way from `before` to
 * `after` (lengths in palm sizes of each): an extended finger still reaches MIN_EXTENDED_LENGTH (or
 * its recorded length, if that was shorter) and a curled one stays within MAX_CURLED_LENGTH (or its
 * recorded length, if longer). Recorded shapes are never judged, only what augmentation did to them.
 */
export function keepsFingerStates(before: Float64Array, after: Float64Array, pattern: FingerPattern): boolean {
  const palmBefore = palmSizeOfPoints(before);
  const palmAfter = palmSizeOfPoints(after);
  return FINGER_CHAINS.every(([mcp, , , tip], finger) => {
    const was = distance(before, mcp, tip) / palmBefore;
    const now = distance(after, mcp, tip) / palmAfter;
    if (pattern[finger + 1] === '1') return now >= Math.min(was, MIN_EXTENDED_LENGTH[finger]);
    if (pattern[finger + 1] === '0') return now <= Math.max(was, MAX_CURLED_LENGTH[finger]);
    return true;
  });
}
