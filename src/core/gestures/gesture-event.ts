// The contract between recognition and everything downstream: what a gesture event is (pure data, JSON-safe).
import type { Handedness } from '../labels';

/** Which hand, as the person sees it (MediaPipe's label corrected by the recognizer); 'both' for two-hand gestures. */
export type EventHandedness = Handedness | 'both';

export const BOTH_OPEN_PALMS = 'both_open_palms';
export const TWO_HAND_HEART = 'two_hand_heart';
/** The gestures made with both hands together (kind 'two-hand'). */
export const TWO_HAND_GESTURES = [BOTH_OPEN_PALMS, TWO_HAND_HEART] as const;

/** Where the gesture happened: image-normalised [0, 1], origin top left, as the viewer sees the picture. */
export interface NormalisedPoint {
  readonly x: number;
  readonly y: number;
}

export type GestureEventKind =
  /** A static pose held long enough (thumb_up, open_palm, …: the classifier's labels). */
  | 'pose'
  /** A fingertip trajectory: swipe_left/right/up/down, circle_cw/circle_ccw. */
  | 'motion'
  /** Both hands together: TWO_HAND_GESTURES. */
  | 'two-hand';

/** One event: fires once when a gesture starts counting (after its hold time), never per frame. */
export interface GestureEvent {
  readonly kind: GestureEventKind;
  /** The gesture's label, e.g. 'thumb_up', 'swipe_left', 'two_hand_heart'. */
  readonly gesture: string;
  /** The tracked hand slot (0, 1, …) the event came from; -1 for two-hand events. */
  readonly hand: number;
  readonly handedness: EventHandedness;
  /** The hand's centre (for two-hand events, the midpoint between the hands): effects are anchored here. */
  readonly position: NormalisedPoint;
  /** The classifier's confidence in [0, 1] when the event fired. */
  readonly confidence: number;
  /** Milliseconds on the caller's clock (the frame timestamp that completed the gesture). */
  readonly timeMs: number;
}
