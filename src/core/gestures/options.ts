// The gesture event engine's settings: documented defaults, partial overrides merged in, every value checked.
import { NONE_LABEL } from '../labels';
import { quoteValue } from '../model/json-checks';

export interface PoseOptions {
  /** A label starts its hold only at this score or above. */
  readonly minConfidence: number;
  /** Once holding or active, a label lasts until its own score falls below this (hysteresis; ≤ minConfidence). */
  readonly releaseConfidence: number;
  /** How long a label must last before its event fires, ms. */
  readonly holdMs: number;
  /** After an event, the same gesture on the same hand slot cannot fire again for this long, ms. */
  readonly cooldownMs: number;
  /** Labels that take over like any other but never fire (NONE_LABEL). */
  readonly silentLabels: readonly string[];
}

export interface ArmingOptions {
  /** Holding this pose (for holdMs) arms the engine; it never fires a pose event itself. */
  readonly gesture: string;
  /** Holding this pose disarms; the same label as `gesture` makes it a toggle; null: only the timeout disarms. */
  readonly disarmGesture: string | null;
  readonly holdMs: number;
  /** Armed for this long after the arming hold completes, ms. */
  readonly armedForMs: number;
  /** Every event fired while armed restarts the armed period. */
  readonly renewOnEvent: boolean;
}

export interface MotionOptions {
  /** The fingertip path covers at most the last windowMs, ms. */
  readonly windowMs: number;
  /** A path is classified once its bounding box's larger side reaches this, in image heights. */
  readonly minExtent: number;
  /** A path is classified once it has this many points. */
  readonly minPoints: number;
  /** The classifier's score needed to fire. */
  readonly minConfidence: number;
  /**
   * The path must keep the same label (at minConfidence) for this long before it fires, ms: the first
   * quarter of a circle looks like a swipe until it bends, a finished swipe keeps looking like one.
   */
  readonly confirmMs: number;
  readonly cooldownMs: number;
  /** A fingertip step longer than this between two frames (image heights) is a tracking jump: the path starts afresh there. */
  readonly maxStep: number;
  /** After any motion event on a hand, its path stays empty this long: the hand coming back is no swipe the other way. */
  readonly refractoryMs: number;
  /** Only follow the fingertip while the hand's pose label is one of these; null: whatever the pose. */
  readonly trackPoses: readonly string[] | null;
}

export interface HeartOptions {
  /** Index tips, and thumb tips, at most this many palm sizes apart (palm size: wrist to middle-finger knuckle). */
  readonly touchDistance: number;
  /** The thumb tips' midpoint at least this many palm sizes below the index tips' midpoint. */
  readonly thumbsBelow: number;
  /** The wrists at least this many palm sizes apart (two hands, not one hand seen twice). */
  readonly wristsApart: number;
}

export interface TwoHandOptions {
  readonly enabled: boolean;
  readonly holdMs: number;
  readonly cooldownMs: number;
  /** The pose label both hands must show for both_open_palms. */
  readonly openPalmLabel: string;
  readonly heart: HeartOptions;
}

export interface SlotOptions {
  /** A hand keeps its slot when its centre moved at most this far since last seen (image heights) and its handedness is the same. */
  readonly maxMatchDistance: number;
  /** A slot unseen for longer is freed and its holds and path dropped, ms. */
  readonly lostAfterMs: number;
}

export interface GestureEngineOptions {
  /** Frame width / height: distances are measured in image heights so both axes count alike. */
  readonly aspect: number;
  /** The page shows the video mirrored (its default): positions and directions are then flipped left-right to match what the viewer sees. */
  readonly mirrored: boolean;
  readonly pose: PoseOptions;
  /** null: always armed. */
  readonly arming: ArmingOptions | null;
  readonly motion: MotionOptions;
  readonly twoHand: TwoHandOptions;
  readonly slots: SlotOptions;
}

export const DEFAULT_ARMING: ArmingOptions = { gesture: 'victory', disarmGesture: null, holdMs: 1000, armedForMs: 30_000, renewOnEvent: true };

export const DEFAULT_GESTURE_OPTIONS: GestureEngineOptions = {
  aspect: 4 / 3,
  mirrored: true,
  pose: { minConfidence: 0.7, releaseConfidence: 0.5, holdMs: 300, cooldownMs: 1500, silentLabels: [NONE_LABEL] },
  arming: null,
  motion: { windowMs: 1000, minExtent: 0.1, minPoints: 6, minConfidence: 0.85, confirmMs: 150, cooldownMs: 1000, maxStep: 0.25, refractoryMs: 400, trackPoses: null },
  twoHand: {
    enabled: true, holdMs: 300, cooldownMs: 1500, openPalmLabel: 'open_palm',
    heart: { touchDistance: 0.4, thumbsBelow: 0.3, wristsApart: 1 },
  },
  slots: { maxMatchDistance: 0.3, lostAfterMs: 200 },
};

/** Overrides: any field may be left out; `arming: {}` turns arming on with DEFAULT_ARMING, `arming: null` off. */
export interface GestureEngineOptionsInput {
  readonly aspect?: number;
  readonly mirrored?: boolean;
  readonly pose?: Partial<PoseOptions>;
  readonly arming?: Partial<ArmingOptions> | null;
  readonly motion?: Partial<MotionOptions>;
  readonly twoHand?: Partial<Omit<TwoHandOptions, 'heart'>> & { readonly heart?: Partial<HeartOptions> };
  readonly slots?: Partial<SlotOptions>;
}

function invalid(path: string, message: string, value: unknown): never {
  throw new RangeError(`gesture options: ${path} ${message}, got ${quoteValue(value)}`);
}

function fraction(value: number, path: string): void {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) invalid(path, 'must be a number in [0, 1]', value);
}

function nonNegative(value: number, path: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) invalid(path, 'must be a finite number ≥ 0', value);
}

function positive(value: number, path: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) invalid(path, 'must be a finite number > 0', value);
}

function label(value: unknown, path: string): void {
  if (typeof value !== 'string' || value === '') invalid(path, 'must be a non-empty label', value);
}

function labels(value: unknown, path: string): void {
  if (!Array.isArray(value)) invalid(path, 'must be an array of labels', value);
  value.forEach((item, i) => label(item, `${path}[${i}]`));
}

function flag(value: unknown, path: string): void {
  if (typeof value !== 'boolean') invalid(path, 'must be true or false', value);
}

/** A check for every field of T (a new option without one does not compile); `section` is the object holding it. */
type FieldChecks<T> = { readonly [K in keyof T]-?: (value: T[K], path: string, section: T) => void };

/** Runs each field's check in the table's order, so the first bad field is the one named. */
function checkFields<T extends object>(section: T, path: string, checks: FieldChecks<T>): void {
  for (const key of Object.keys(checks) as (keyof T & string)[]) checks[key](section[key], path ? `${path}.${key}` : key, section);
}

const POSE_CHECKS: FieldChecks<PoseOptions> = {
  minConfidence: fraction,
  releaseConfidence: (value, path, pose) => {
    fraction(value, path);
    if (value > pose.minConfidence) invalid(path, `must not exceed pose.minConfidence (${pose.minConfidence})`, value);
  },
  holdMs: nonNegative,
  cooldownMs: nonNegative,
  silentLabels: labels,
};

const ARMING_CHECKS: FieldChecks<ArmingOptions> = {
  gesture: label,
  disarmGesture: (value, path) => {
    if (value !== null) label(value, path);
  },
  holdMs: nonNegative,
  armedForMs: positive,
  renewOnEvent: flag,
};

const MOTION_CHECKS: FieldChecks<MotionOptions> = {
  windowMs: positive,
  minExtent: positive,
  minPoints: (value, path) => {
    if (!Number.isInteger(value) || value < 2) invalid(path, 'must be an integer ≥ 2', value);
  },
  minConfidence: fraction,
  confirmMs: nonNegative,
  cooldownMs: nonNegative,
  maxStep: positive,
  refractoryMs: nonNegative,
  trackPoses: (value, path) => {
    if (value !== null) labels(value, path);
  },
};

const HEART_CHECKS: FieldChecks<HeartOptions> = { touchDistance: positive, thumbsBelow: nonNegative, wristsApart: nonNegative };

const TWO_HAND_CHECKS: FieldChecks<TwoHandOptions> = {
  enabled: flag,
  holdMs: nonNegative,
  cooldownMs: nonNegative,
  openPalmLabel: label,
  heart: (heart, path) => checkFields(heart, path, HEART_CHECKS),
};

const OPTION_CHECKS: FieldChecks<GestureEngineOptions> = {
  aspect: positive,
  mirrored: flag,
  pose: (pose, path) => checkFields(pose, path, POSE_CHECKS),
  arming: (arming, path) => {
    if (arming !== null) checkFields(arming, path, ARMING_CHECKS);
  },
  motion: (motion, path) => checkFields(motion, path, MOTION_CHECKS),
  twoHand: (twoHand, path) => checkFields(twoHand, path, TWO_HAND_CHECKS),
  slots: (slots, path) => checkFields(slots, path, { maxMatchDistance: positive, lostAfterMs: nonNegative }),
};

/** Defaults merged with `input`, checked; throws a RangeError naming the first bad field. */
export function resolveGestureOptions(input: GestureEngineOptionsInput = {}): GestureEngineOptions {
  if (typeof input !== 'object' || input === null) invalid('options', 'must be an object', input);
  const d = DEFAULT_GESTURE_OPTIONS;
  const options: GestureEngineOptions = {
    aspect: input.aspect ?? d.aspect,
    mirrored: input.mirrored ?? d.mirrored,
    pose: { ...d.pose, ...input.pose },
    arming: input.arming === undefined || input.arming === null ? null : { ...DEFAULT_ARMING, ...input.arming },
    motion: { ...d.motion, ...input.motion },
    twoHand: { ...d.twoHand, ...input.twoHand, heart: { ...d.twoHand.heart, ...input.twoHand?.heart } },
    slots: { ...d.slots, ...input.slots },
  };
  checkFields(options, '', OPTION_CHECKS);
  return options;
}
