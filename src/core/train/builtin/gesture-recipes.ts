// Which recorded classes make which gesture, and how each may be rotated: the training set's definition.
import { NONE_LABEL } from '../../labels';
import { GESTURE_LABELS, type GestureLabel } from '../../model/builtin-gestures';
import type { FingerPattern } from '../shared/articulation';
import { fitsFingerPattern } from '../shared/finger-pattern';
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
  /** Only the rows whose thumb is folded, or out (isThumbOut): one recording may hold two shapes told apart by it. */
  readonly thumb?: 'folded' | 'out';
  /**
   * The finger pattern a training row must show to be used when TrainOptions.checkFingerPatterns is on (fingerPattern:
   * '1' out, '0' folded, '-' either): the people's files were labelled by their authors, and some rows of a class hold
   * another shape (a fifth of Djerry11's "Stop" are fists). Held-out rows are never filtered.
   */
  readonly check?: string;
}

const FREE: PosePolicy = { kind: 'any-rotation' };
const AS_RECORDED: readonly ValidationMode[] = ['as-recorded'];
const ROTATED: readonly ValidationMode[] = ['rotated-to-target'];
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
const LANDMARK_RECIPES: readonly ClassRecipe[] = [
  { sourceLabel: 'Open', gesture: 'open_palm', fingers: '11111', pose: FREE, validation: AS_RECORDED },
  { sourceLabel: 'handOpen', gesture: 'open_palm', fingers: '11111', pose: FREE, validation: AS_RECORDED },
  { sourceLabel: 'Close', gesture: 'fist', fingers: '00000', pose: FREE, validation: AS_RECORDED },
  { sourceLabel: 'handClose', gesture: 'fist', fingers: '00000', pose: FREE, validation: AS_RECORDED },
  { sourceLabel: 'Pointer', gesture: 'pointing_up', fingers: '01000', pose: aim('index', [0]), validation: BOTH, minDigitLength: 0.7 },
  { sourceLabel: 'Pointer', gesture: NONE_LABEL, fingers: '01000', pose: aim('index', [180, 90, -90]), validation: BOTH, minDigitLength: 0.7 },
  { sourceLabel: 'peace', gesture: 'victory', fingers: '01100', pose: FREE, validation: AS_RECORDED },
  { sourceLabel: 'Scissor', gesture: 'victory', fingers: '01100', pose: FREE, validation: AS_RECORDED },
  { sourceLabel: 'ThumbsUp', gesture: 'thumb_up', fingers: '10000', pose: aim('thumb', [0]), validation: ['recorded-in-window'], minDigitLength: 0.4 },
  { sourceLabel: 'ThumbsUp', gesture: 'thumb_down', fingers: '10000', pose: aim('thumb', [180]), validation: ROTATED, minDigitLength: 0.4 },
  { sourceLabel: 'ThumbsUp', gesture: NONE_LABEL, fingers: '10000', pose: aim('thumb', [90, -90]), validation: ROTATED, minDigitLength: 0.4 },
  { sourceLabel: 'OK', gesture: 'ok', fingers: '--111', pose: FREE, validation: AS_RECORDED },
  // victorexpounder's "rock" holds the thumb out in nine rows of ten: the "I love you" hand, which is none.
  { sourceLabel: 'rock', gesture: 'rock', fingers: '01001', pose: FREE, validation: AS_RECORDED, thumb: 'folded' },
  { sourceLabel: 'rock', gesture: NONE_LABEL, fingers: '11001', pose: FREE, validation: AS_RECORDED, thumb: 'out' },
  { sourceLabel: 'middle_finger', gesture: NONE_LABEL, fingers: '00100', pose: FREE, validation: AS_RECORDED },
];

/**
 * The people's files (sources.ts PEOPLE_SOURCES) name our gestures, and each is trained as the recorded classes above
 * are: thumbs up and down aimed at their own direction, the other two and sideways (none) by rotation; a pointing hand
 * aimed up, and down or sideways as none. Their none rows (the "I love you" hand, an "L", sign-alphabet letters…)
 * keep every digit as recorded ('-'): what they hold differs from row to row. A recipe is found by the class name
 * alone, so each name has its recipes once.
 */
const PEOPLE_RECIPES: readonly ClassRecipe[] = [
  { sourceLabel: 'open_palm', gesture: 'open_palm', fingers: '11111', check: '11111', pose: FREE, validation: AS_RECORDED },
  { sourceLabel: 'fist', gesture: 'fist', fingers: '00000', check: '00000', pose: FREE, validation: AS_RECORDED },
  { sourceLabel: 'pointing_up', gesture: 'pointing_up', fingers: '01000', check: '-1000', pose: aim('index', [0]), validation: AS_RECORDED, minDigitLength: 0.7 },
  { sourceLabel: 'pointing_up', gesture: NONE_LABEL, fingers: '01000', check: '-1000', pose: aim('index', [180, 90, -90]), validation: ROTATED, minDigitLength: 0.7 },
  { sourceLabel: 'victory', gesture: 'victory', fingers: '01100', check: '-1100', pose: FREE, validation: AS_RECORDED },
  ...(['thumb_up', 'thumb_down'] as const).flatMap((sourceLabel): ClassRecipe[] => {
    const thumb = { sourceLabel, fingers: '10000', check: '10000', minDigitLength: 0.4 };
    const up = { ...thumb, gesture: 'thumb_up' as const, pose: aim('thumb', [0]) };
    const down = { ...thumb, gesture: 'thumb_down' as const, pose: aim('thumb', [180]) };
    return [
      { ...up, validation: sourceLabel === 'thumb_up' ? AS_RECORDED : ROTATED },
      { ...down, validation: sourceLabel === 'thumb_down' ? AS_RECORDED : ROTATED },
      { ...thumb, gesture: NONE_LABEL, pose: aim('thumb', [90, -90]), validation: ROTATED },
    ];
  }),
  { sourceLabel: 'ok', gesture: 'ok', fingers: '--111', check: '--111', pose: FREE, validation: AS_RECORDED },
  // 'rock' is victorexpounder's class name too: its recipes above read the people's rock rows.
  { sourceLabel: 'none', gesture: NONE_LABEL, fingers: '-----', pose: FREE, validation: AS_RECORDED },
];

/** Every recipe: the first three sources' class names, then the people's (our gesture names). */
export const CLASS_RECIPES: readonly ClassRecipe[] = [...LANDMARK_RECIPES, ...PEOPLE_RECIPES];

/** What one training run learns: its output labels (in order) and the recipes that feed them. */
export interface ClassSet {
  readonly labels: readonly GestureLabel[];
  readonly recipes: readonly ClassRecipe[];
}

/** The built-in model's classes: every label, every recipe. */
export const BUILTIN_CLASSES: ClassSet = { labels: GESTURE_LABELS, recipes: CLASS_RECIPES };

/**
 * The class set as if `label` did not exist (the open-set evaluation): it is no output, and no recipe trains it. A
 * recording some other recipe also reads (kinivi's Pointer feeds pointing_up and none) keeps feeding that recipe.
 */
export function withoutClass(classes: ClassSet, label: GestureLabel): ClassSet {
  if (label === NONE_LABEL) throw new Error('none cannot be left out: it is what an unknown hand should be called');
  if (!classes.labels.includes(label)) throw new Error(`${label} is not one of the classes (${classes.labels.join(', ')})`);
  return { labels: classes.labels.filter((l) => l !== label), recipes: classes.recipes.filter((recipe) => recipe.gesture !== label) };
}

/** Every concrete finger pattern, thumb first: 00000 … 11111. */
const ALL_PATTERNS = Array.from({ length: 32 }, (_, bits) => bits.toString(2).padStart(5, '0'));

/** The concrete finger patterns the class set's recipes of `label` train (their `check`, else their `fingers`). */
export function patternsOfClass(classes: ClassSet, label: GestureLabel): Set<string> {
  const recipes = classes.recipes.filter((recipe) => recipe.gesture === label);
  return new Set(ALL_PATTERNS.filter((pattern) => recipes.some((recipe) => fitsFingerPattern(pattern, recipe.check ?? recipe.fingers))));
}

/**
 * The finger patterns `label` claims in `classes` that no other class claims: once it is left out (withoutClass),
 * nothing names them any more, so none's synthesis covers them as it covers every pattern of no class
 * (synthesize-none.ts NONE_FINGER_PATTERNS): the synthetic none is made as if the class never existed. thumb_up and
 * thumb_down free nothing (each other's pattern); ok frees 00111 and 10111 (open hand minus the index).
 */
export function patternsFreedBy(classes: ClassSet, label: GestureLabel): string[] {
  const claimedByOthers = new Set(classes.labels.filter((other) => other !== label && other !== NONE_LABEL)
    .flatMap((other) => [...patternsOfClass(classes, other)]));
  return [...patternsOfClass(classes, label)].filter((pattern) => !claimedByOthers.has(pattern)).sort();
}

/** Index of a label among the class set's outputs (-1 when it is not one of them). */
export function gestureIndex(label: GestureLabel, classes: ClassSet = BUILTIN_CLASSES): number {
  return classes.labels.indexOf(label);
}
