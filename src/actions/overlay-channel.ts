// The main page's side of the overlay: builds OverlayEffectMessages, posts them on the overlay's BroadcastChannel, wraps them for OBS.
import type { GestureEvent } from '../core/gestures/gesture-event';
import { checkEffectMessage, type OverlayEffectKind, type OverlayEffectMessage } from '../core/overlay/effect-message';
import type { StreamAction } from './stream-action';

/** The BroadcastChannel the main page and the overlay preview share (inside OBS, obs-browser's OBS_EFFECT_EVENT). */
export const OVERLAY_CHANNEL = 'handcast-overlay';

/** The obs-browser event name (CallVendorRequest 'obs-browser' / 'emit_event', event_name) the overlay listens to in OBS. */
export const OBS_EFFECT_EVENT = 'handcast-effect';

/** The overlay page's path in the app; its URL carries nothing else (no keys, no settings). */
export const OVERLAY_PAGE = 'overlay.html';

/** The gesture name a test effect carries. */
export const TEST_EFFECT_GESTURE = 'test';

/**
 * The obs-websocket request that shows `message` on every OBS Browser Source: obs-browser's emit_event, which
 * dispatches OBS_EFFECT_EVENT on the page with event_data as the event's detail.
 */
export function obsEffectRequest(message: OverlayEffectMessage) {
  return {
    requestType: 'CallVendorRequest',
    requestData: {
      vendorName: 'obs-browser',
      requestType: 'emit_event',
      // obs-browser hands event_data to the page as the event's detail; it must be an object, not a JSON string.
      requestData: { event_name: OBS_EFFECT_EVENT, event_data: message },
    },
  } as const;
}

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
