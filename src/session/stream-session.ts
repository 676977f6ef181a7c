// Going live: gesture events (fired in the recognizer worker, delivered by the live session) → the user's mappings → OBS requests and overlay effects.
import { effectMessageFor, obsEffectRequest, openOverlaySender } from '../actions/overlay-channel';
import { ObsClient } from '../actions/obs/obs-client';
import { programSceneFor, runMappings, type ActionOutcome, type ObsRequester } from '../actions/obs/obs-actions';
import { readSceneNames } from '../actions/obs/obs-scenes';
import { mappingsForEvent } from '../actions/gesture-mappings';
import { sceneGateRefusal } from '../actions/scene-gate';
import type { GestureMapping } from '../actions/stream-action';
import type { GestureEvent } from '../core/gestures';
import { isEffectDrawn, placeHandOnOverlay } from '../core/overlay/camera-placement';
import type { OverlayEffectMessage } from '../core/overlay/effect-message';
import { handcastStore } from '../store';
import { DISCONNECTED } from '../store/stream-slice';
import { currentOverlayPlacement, startCameraFollow, stopCameraFollow } from './camera-follow';
import { readObsPassword } from './obs-password';

const overlay = openOverlaySender();
let obs: ObsClient | null = null;
let eventsFired = 0;

/** Requests while OBS is not connected fail at once with the client's own message: nothing is queued for later. */
const NOT_CONNECTED: ObsRequester = {
  request: async (requestType) => ({
    ok: false, requestType, reason: 'not-connected', message: 'OBS is not connected (connect it under "On stream"); the action was dropped.',
  }),
};

/**
 * The event's position in the camera's own picture: events come as the page shows the video, mirrored by default
 * like a selfie view.
 */
function inCameraPicture(event: GestureEvent): { x: number; y: number } {
  const mirrored = handcastStore.getState().settings.mirrored;
  return mirrored ? { x: 1 - event.position.x, y: event.position.y } : event.position;
}

/**
 * One event: log it, ask OBS for the program scene when a matched mapping is scene-limited, then show the overlay
 * effects that pass the scene gate in the preview and run the mapped actions (or describe them in a dry run).
 */
export function fireGestureEvent(pageEvent: GestureEvent): void {
  eventsFired += 1;
  const store = handcastStore.getState();
  const matched = mappingsForEvent(pageEvent, store.stream.mappings);
  const logId = store.logStreamEvent({
    timeMs: pageEvent.timeMs, gesture: pageEvent.gesture, handedness: pageEvent.handedness,
    outcomes: matched.length === 0 ? ['no mapping'] : ['…'],
  });
  if (matched.length === 0) return;
  // Overlay effects go where OBS shows the hand; hand-anchored ones not at all when OBS does not show it.
  const hand = placeHandOnOverlay(currentOverlayPlacement(), inCameraPicture(pageEvent));
  const event: GestureEvent = { ...pageEvent, position: hand.position };
  const requester = obs?.connected ? obs : NOT_CONNECTED;
  void programSceneFor(matched, requester).then(async (programScene) => {
    const passes = (mapping: GestureMapping) => sceneGateRefusal(mapping, programScene) === null;
    const notDrawn: string[] = [];
    const mappings = matched.filter((mapping) => {
      if (mapping.action.kind !== 'overlay-effect' || !passes(mapping)) return true;
      if (!isEffectDrawn(mapping.action.effect, hand)) {
        notDrawn.push(`Overlay effect "${mapping.action.effect}" not drawn: ${hand.notShown}`);
        return false;
      }
      const problem = overlay.send(effectMessageFor(event, mapping.action));
      if (problem) store.notify({ kind: 'warning', text: problem });
      return true;
    });
    const dryRun = store.stream.dryRun;
    // Overlay effects reach OBS's browser source through obs-websocket; without OBS the preview alone shows them (held ones are logged as held).
    const obsMappings = mappings.filter((m) => m.action.kind !== 'overlay-effect' || (obs?.connected ?? false) || dryRun || !passes(m));
    const outcomes = await runMappings(event, obsMappings, requester, programScene, { dryRun });
    const lines = [...outcomes.map(describeOutcome), ...notDrawn];
    const previewOnly = mappings.length - obsMappings.length;
    if (previewOnly > 0) lines.push(`${previewOnly} overlay effect${previewOnly > 1 ? 's' : ''} shown in the preview (OBS not connected)`);
    handcastStore.getState().amendStreamLog(logId, lines);
  });
}

function describeOutcome(outcome: ActionOutcome): string {
  return outcome.status === 'failed' ? `✗ ${outcome.message}` : outcome.message;
}

/**
 * A message straight to the overlay (the Test effect button): the preview over the channel, and OBS's browser
 * source when OBS is connected. Returns why it did not go out, or null.
 */
export function sendOverlayEffect(message: OverlayEffectMessage): string | null {
  const problem = overlay.send(message);
  if (problem === null && obs?.connected) {
    const { requestType, requestData } = obsEffectRequest(message);
    void obs.request(requestType, requestData).then((result) => {
      if (!result.ok) handcastStore.getState().notify({ kind: 'warning', text: `OBS did not take the test effect: ${result.message}` });
    });
  }
  return problem;
}

/** Connects to OBS with the saved URL and password (auto-reconnects with backoff until disconnectObs). */
export function connectObs(): void {
  disconnectObs();
  const { stream, setObsStatus } = handcastStore.getState();
  const password = readObsPassword();
  obs = new ObsClient({ url: stream.obsUrl, password });
  obs.onStatus((status) => {
    setObsStatus(status);
    // Each (re)connection reads the scene list afresh: scenes may have been renamed while OBS was away.
    if (status.state === 'connected') void refreshObsScenes();
    else handcastStore.getState().setObsScenes(null);
  });
  setObsStatus(obs.status);
  obs.connect();
  startCameraFollow(stream.obsUrl, password);
}

export function disconnectObs(): void {
  obs?.disconnect();
  obs = null;
  stopCameraFollow();
  handcastStore.getState().setObsStatus(DISCONNECTED);
  handcastStore.getState().setObsScenes(null);
}

/** Reads OBS's scene list into the store (the panel's scene picker and its "scene no longer exists" notes); says why when it cannot. */
export async function refreshObsScenes(): Promise<void> {
  const client = obs;
  if (!client?.connected) return;
  const list = await readSceneNames(client);
  if (obs !== client) return; // reconnected or disconnected meanwhile
  if ('problem' in list) {
    handcastStore.getState().notify({ kind: 'warning', text: `Could not read OBS's scene list: ${list.problem}` });
    return;
  }
  handcastStore.getState().setObsScenes(list.scenes);
}

/** The action connection to OBS while it is connected (the camera list asks it for OBS's sources), else null. */
export function obsConnection(): ObsClient | null {
  return obs?.connected ? obs : null;
}

/** How many gesture events fired since the page loaded (the test API and the soak read it). */
export function gestureEventsFired(): number {
  return eventsFired;
}
