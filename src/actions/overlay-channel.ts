// The main page's side of the overlay: builds OverlayEffectMessages and posts them on the BroadcastChannel the overlay listens to.
import type { GestureEvent } from '../core/gestures/gesture-event';
import { checkEffectMessage } from '../core/overlay/effect-message';
import { OVERLAY_CHANNEL, type OverlayEffectKind, type OverlayEffectMessage, type StreamAction } from './stream-action';

/** The obs-browser event name (CallVendorRequest 'obs-browser' / 'emit_event', event_name) the overlay listens to in OBS. */
export const OBS_EFFECT_EVENT = 'handcast-effect';

/** The overlay page's path; its URL carries nothing else (no keys, no settings). */
export const OVERLAY_PATH = '/overlay.html';

/** The gesture name a test effect carries. */
export const TEST_EFFECT_GESTURE = 'test';

/** The message for an overlay-effect action fired by a gesture event, anchored at the event's position. */
export function effectMessageFor(event: GestureEvent, action: Extract<StreamAction, { kind: 'overlay-effect' }>): OverlayEffectMessage {
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

/** A synthetic effect at the centre of the picture, for the "Test effect" button. */
export function testEffectMessage(effect: OverlayEffectKind, timeMs: number): OverlayEffectMessage {
  return {
    type: 'handcast-effect', effect, x: 0.5, y: 0.5, gesture: TEST_EFFECT_GESTURE, timeMs,
    ...(effect === 'lower-third' ? { text: 'Handcast test effect' } : {}),
  };
}

export interface OverlaySender {
  /** Posts the message; returns why it was not sent (the overlay would refuse it, or there is no channel), else null. */
  send(message: OverlayEffectMessage): string | null;
  close(): void;
}

/** A sender on OVERLAY_CHANNEL. Messages the overlay would refuse are not posted: the reason comes back instead. */
export function openOverlaySender(): OverlaySender {
  let channel: BroadcastChannel | null = null;
  return {
    send(message) {
      const check = checkEffectMessage(message);
      if (!check.ok) return `The overlay effect was not sent: ${check.reason}.`;
      if (typeof BroadcastChannel !== 'function') return 'The overlay effect was not sent: this browser has no BroadcastChannel.';
      channel ??= new BroadcastChannel(OVERLAY_CHANNEL);
      channel.postMessage(check.message);
      return null;
    },
    close() {
      channel?.close();
      channel = null;
    },
  };
}
