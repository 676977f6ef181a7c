// What reaches the overlay page: the effect message contract, and its strict check (anything else is refused, with a reason).
import { describeLabelProblem } from '../dataset/names';
import { quoteValue } from '../model/json-checks';

/** Every effect the overlay draws. */
export const OVERLAY_EFFECT_KINDS = ['emoji-burst', 'confetti', 'lower-third'] as const;

export type OverlayEffectKind = (typeof OVERLAY_EFFECT_KINDS)[number];

/**
 * Effects that start at the hand: with the camera out of the picture (not in the program scene, hidden, or the hand
 * cropped away) they are not drawn. A lower-third is a band across the whole stage; the hand only picks its side.
 */
export const HAND_ANCHORED_EFFECTS: ReadonlySet<OverlayEffectKind> = new Set(['emoji-burst', 'confetti']);

/** What the overlay page receives (over BroadcastChannel, or obs-browser emit_event inside OBS). */
export interface OverlayEffectMessage {
  readonly type: 'handcast-effect';
  readonly effect: OverlayEffectKind;
  /**
   * The hand's position normalised [0, 1] on the overlay, which covers the OBS canvas: where the camera's scene item
   * puts the hand (core/overlay/camera-placement.ts), or the camera picture itself when no camera source is followed.
   */
  readonly x: number;
  readonly y: number;
  readonly gesture: string;
  readonly emoji?: string;
  readonly text?: string;
  readonly timeMs: number;
}

/** Longest lower-third text, in code points: about what fits on one line of a 1920-pixel-wide stage. */
export const OVERLAY_TEXT_MAX_LENGTH = 80;
/** Longest emoji field, in code points: one emoji ZWJ sequence (family, flags with tags) fits, a sentence does not. */
export const OVERLAY_EMOJI_MAX_LENGTH = 12;

/**
 * Control characters (a newline would break the one-line label) and bidi overrides (they would reorder the text
 * around them). Zero-width joiners stay allowed: emoji sequences are built from them.
 */
const FORBIDDEN_IN_TEXT = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

export type EffectMessageCheck =
  | { readonly ok: true; readonly message: OverlayEffectMessage }
  | { readonly ok: false; readonly reason: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const clampUnit = (value: number) => Math.min(1, Math.max(0, value));

/** Why an optional display string is refused, or null. Markup characters are fine: the overlay only ever draws text. */
function describeTextProblem(value: unknown, field: string, maxLength: number): string | null {
  if (typeof value !== 'string') return `${field} must be text`;
  if (value.trim() === '') return `${field} is empty`;
  const length = [...value].length;
  if (length > maxLength) return `${field} is ${length} characters long, at most ${maxLength} are allowed`;
  if (FORBIDDEN_IN_TEXT.test(value)) return `${field} contains a control or text-direction character`;
  return null;
}

/**
 * Checks one incoming message (from a BroadcastChannel or an obs-browser event). x and y must be finite numbers and
 * are clamped to [0, 1] (a hand at the very edge may land a hair outside); the gesture must be a valid gesture label
 * (letters, digits, spaces, "_" and "-": no markup); emoji and text are optional, bounded, one line.
 */
export function checkEffectMessage(data: unknown): EffectMessageCheck {
  const refuse = (reason: string): EffectMessageCheck => ({ ok: false, reason });
  if (!isRecord(data)) return refuse(`the message is ${quoteValue(data)}, not an object`);
  if (data.type !== 'handcast-effect') return refuse(`type must be "handcast-effect"`);
  const effect = data.effect;
  if (typeof effect !== 'string' || !(OVERLAY_EFFECT_KINDS as readonly string[]).includes(effect)) {
    return refuse(`effect must be one of ${OVERLAY_EFFECT_KINDS.join(', ')}`);
  }
  for (const axis of ['x', 'y', 'timeMs'] as const) {
    const value = data[axis];
    if (typeof value !== 'number' || !Number.isFinite(value)) return refuse(`${axis} must be a finite number`);
  }
  const gestureProblem = describeLabelProblem(data.gesture);
  if (gestureProblem) return refuse(`gesture: ${gestureProblem}`);
  if (data.emoji !== undefined) {
    const problem = describeTextProblem(data.emoji, 'emoji', OVERLAY_EMOJI_MAX_LENGTH);
    if (problem) return refuse(problem);
  }
  if (data.text !== undefined) {
    const problem = describeTextProblem(data.text, 'text', OVERLAY_TEXT_MAX_LENGTH);
    if (problem) return refuse(problem);
  }
  // A fresh object with only the known fields: nothing else the sender attached travels further.
  const message: OverlayEffectMessage = {
    type: 'handcast-effect',
    effect: effect as OverlayEffectKind,
    x: clampUnit(data.x as number),
    y: clampUnit(data.y as number),
    gesture: data.gesture as string,
    timeMs: data.timeMs as number,
    ...(data.emoji !== undefined ? { emoji: data.emoji as string } : {}),
    ...(data.text !== undefined ? { text: data.text as string } : {}),
  };
  return { ok: true, message };
}
