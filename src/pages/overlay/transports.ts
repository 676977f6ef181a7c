// Where effect messages come from: the BroadcastChannel the main page posts on, and, inside OBS, obs-browser's window events.
import { OBS_EFFECT_EVENT, OVERLAY_CHANNEL } from '../../actions/overlay-channel';

export interface EffectSink {
  receive(data: unknown): void;
  setHidden(hidden: boolean): void;
}

/** True inside an OBS browser source (obs-browser defines window.obsstudio before any page script runs). */
export function isInsideObs(target: Window): boolean {
  return 'obsstudio' in target;
}

/**
 * Subscribes the sink to every transport and returns the unsubscribe.
 *
 * Inside OBS, obs-websocket's CallVendorRequest('obs-browser', 'emit_event', { event_name, event_data }) reaches
 * every browser source as `window.dispatchEvent(new CustomEvent(event_name, { detail: event_data }))`; Handcast
 * sends OBS_EFFECT_EVENT (overlay-channel.ts obsEffectRequest). OBS also tells the page when the source is shown or hidden
 * (obsSourceVisibleChanged { visible }, obsSourceActiveChanged { active }); the overlay pauses while it is hidden.
 */
export function connectTransports(target: Window, sink: EffectSink): () => void {
  const cleanups: Array<() => void> = [];
  if (typeof BroadcastChannel === 'function') {
    const channel = new BroadcastChannel(OVERLAY_CHANNEL);
    channel.onmessage = (event: MessageEvent) => sink.receive(event.data);
    // A message that could not be deserialised is still a bad message: count it.
    channel.onmessageerror = () => sink.receive(undefined);
    cleanups.push(() => channel.close());
  }
  if (isInsideObs(target)) {
    const onEffect = (event: Event) => sink.receive((event as CustomEvent).detail);
    target.addEventListener(OBS_EFFECT_EVENT, onEffect);
    cleanups.push(() => target.removeEventListener(OBS_EFFECT_EVENT, onEffect));
    // Visible means shown in preview or program, active means in program: a source can be visible without being
    // active (the streamer previewing it) but not the other way round, so visibility alone decides the pause.
    const flag = (event: Event, key: 'visible' | 'active'): boolean | null => {
      const value = ((event as CustomEvent).detail as Record<string, unknown> | null | undefined)?.[key];
      return typeof value === 'boolean' ? value : null;
    };
    const onVisible = (event: Event) => {
      const visible = flag(event, 'visible');
      if (visible !== null) sink.setHidden(!visible);
    };
    const onActive = (event: Event) => {
      if (flag(event, 'active') === true) sink.setHidden(false);
    };
    target.addEventListener('obsSourceVisibleChanged', onVisible);
    target.addEventListener('obsSourceActiveChanged', onActive);
    cleanups.push(() => {
      target.removeEventListener('obsSourceVisibleChanged', onVisible);
      target.removeEventListener('obsSourceActiveChanged', onActive);
    });
  }
  return () => cleanups.forEach((cleanup) => cleanup());
}
