// The overlay message for an 'overlay-effect' action, anchored where the gesture happened.
import type { GestureEvent } from '../core/gestures/gesture-event';
import type { OverlayEffectMessage, StreamAction } from './stream-action';

type OverlayEffectAction = Extract<StreamAction, { kind: 'overlay-effect' }>;

export function overlayEffectMessage(action: OverlayEffectAction, event: GestureEvent): OverlayEffectMessage {
  return {
    type: 'handcast-effect',
    effect: action.effect,
    x: event.position.x,
    y: event.position.y,
    gesture: event.gesture,
    ...(action.emoji !== undefined ? { emoji: action.emoji } : {}),
    ...(action.text !== undefined ? { text: action.text } : {}),
    timeMs: event.timeMs,
  };
}
