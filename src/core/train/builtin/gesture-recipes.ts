// Which recorded classes make which gesture, and how each may be rotated: the training set's definition.
import { NONE_LABEL } from '../../labels';
import { GESTURE_LABELS, type GestureLabel } from '../../model/builtin-gestures';
import type { FingerPattern } from '../shared/articulation';
import type { Digit, PosePolicy } from '../shared/poses';

/**
 * How held-out rows of a recipe are validated.
 * as-recorded: unchanged. recorded-in-window: unchanged, only rows whose recorded digit direction is
 * within a target window (real, un-rotated examples). rotated-to-target: rotated to the targets
 * (a derived class such as thumb_down, which no source recorded).
 */
export type ValidationMode = 'as-recorded' | 'recorded-in-window' | 'rotated-to-target';

export interface ClassRecipe {
  /** Class name in the source's label file. */
  readonly sourceLabel: string;
  readonly gesture: GestureLabel;
  readonly pose: PosePolicy;
  /**
   * What each digit does, thumb first ('1' extended, '0' curled or closed, '-' kept as recorded): tells
   * the articulation augmentation which fingers to spread, flex or curl, and which thumbs may be swapped.
   */
  readonly fingers: FingerPattern;
  /** One or more ways to validate; each gives its own subset in the report. */
  readonly validation: readonly ValidationMode[];
  /**
   * Minimum digit length (base joint → tip, in palm sizes) for aim recipes: a finger pointing at the
   * camera is foreshortened and its image direction is noise, so such rows are left out.
   */
  readonly minDigitLength?: number;
}

const FREE: PosePolicy = { kind: 'any-rotation' };
const AS_RECORDED: readonly ValidationMode[] = ['as-recorded'];
/** Few held-out Pointer rows point within the window, so rotated copies of all of them are scored too. */
const BOTH: readonly ValidationMode[] = ['recorded-in-window', 'rotated-to-target'];
/** ±25° around the target: a clear "up" (or "down") without eating the diagonals. */
const AIM_SPREAD_DEG = 25;

function aim(digit: Digit, targetsDeg: number[]): PosePolicy {
  return { kind: 'aim', digit, targetsDeg, spreadDeg: AIM_SPREAD_DEG };
}

/**
 * kinivi's Pointer rows point every way (the finger was used to draw), so pointing_up and the
 * "pointing down / sideways" part of none both come from them by aiming the index finger.
 * victorexpounder's ThumbsUp rows point up; thumb_down and "thumb sideways" (none) are them rotated.
 */
export const CLASS_RECIPES: readonly ClassRecipe[] = [
  { sourceLabel: 'Open', gesture: 'open_palm', fingers: '11111', pose: FREE, validation: AS_RECORDED },
  { sourceLabel: 'handOpen', gesture: 'open_palm', fingers: '11111', pose: FREE, validation: AS_RECORDED },
  { sourceLabel: 'Close', gesture: 'fist', fingers: '00000', pose: FREE, validation: AS_RECORDED },
  { sourceLabel: 'handClose', gesture: 'fist', fingers: '00000', pose: FREE, validation: AS_RECORDED },
  { sourceLabel: 'Pointer', gesture: 'pointing_up', fingers: '01000', pose: aim('index', [0]), validation: BOTH, minDigitLength: 0.7 },
  { sourceLabel: 'Pointer', gesture: NONE_LABEL, fingers: '01000', pose: aim('index', [180, 90, -90]), validation: BOTH, minDigitLength: 0.7 },
  { sourceLabel: 'peace', gesture: 'victory', fingers: '01100', pose: FREE, validation: AS_RECORDED },
  { sourceLabel: 'Scissor', gesture: 'victory', fingers: '01100', pose: FREE, validation: AS_RECORDED },
  { sourceLabel: 'ThumbsUp', gesture: 'thumb_up', fingers: '10000', pose: aim('thumb', [0]), validation: ['recorded-in-window'], minDigitLength: 0.4 },
  { sourceLabel: 'ThumbsUp', gesture: 'thumb_down', fingers: '10000', pose: aim('thumb', [180]), validation: ['rotated-to-target'], minDigitLength: 0.4 },
  { sourceLabel: 'ThumbsUp', gesture: NONE_LABEL, fingers: '10000', pose: aim('thumb', [90, -90]), validation: ['rotated-to-target'], minDigitLength: 0.4 },
  { sourceLabel: 'OK', gesture: 'ok', fingers: '--111', pose: FREE, validation: AS_RECORDED },
  { sourceLabel: 'rock', gesture: 'rock', fingers: '01001', pose: FREE, validation: AS_RECORDED },
  { sourceLabel: 'middle_finger', gesture: NONE_LABEL, fingers: '00100', pose: FREE, validation: AS_RECORDED },
];

/** Index of a label in GESTURE_LABELS. */
export function gestureIndex(label: GestureLabel): number {
  return GESTURE_LABELS.indexOf(label);
}
