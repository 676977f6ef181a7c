// The contract for what a gesture event can do on stream: OBS requests, a custom event, or an overlay effect.
import type { EventHandedness } from '../core/gestures/gesture-event';
import type { OverlayEffectKind } from '../core/overlay/effect-message';

export type Toggle = 'on' | 'off' | 'toggle';

export type StreamAction =
  /** SetCurrentProgramScene. */
  | { readonly kind: 'switch-scene'; readonly sceneName: string }
  /** SetSceneItemEnabled (the item is looked up by source name in the scene); on = visible. */
  | { readonly kind: 'scene-item'; readonly sceneName: string; readonly sourceName: string; readonly visible: Toggle }
  /** SetInputMute / ToggleInputMute; on = muted. */
  | { readonly kind: 'input-mute'; readonly inputName: string; readonly muted: Toggle }
  /** SetSourceFilterEnabled; on = enabled. */
  | { readonly kind: 'filter'; readonly sourceName: string; readonly filterName: string; readonly enabled: Toggle }
  /** TriggerHotkeyByName, e.g. 'OBSBasic.Screenshot'. */
  | { readonly kind: 'hotkey'; readonly hotkeyName: string }
  /** BroadcastCustomEvent: every obs-websocket client receives eventData (an object). */
  | { readonly kind: 'custom-event'; readonly eventData: Readonly<Record<string, unknown>> }
  /** An effect on the overlay page, anchored at the event's position. */
  | { readonly kind: 'overlay-effect'; readonly effect: OverlayEffectKind; readonly emoji?: string; readonly text?: string };

/** One user mapping: when this gesture fires (on this hand), do that. Nothing is mapped by default. */
export interface GestureMapping {
  readonly id: string;
  readonly gesture: string;
  readonly hand: EventHandedness | 'any';
  readonly action: StreamAction;
  /** Fires only while one of these OBS scenes is on program (at least one name); absent: in every scene. */
  readonly scenes?: readonly string[];
}
