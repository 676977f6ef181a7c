// A small read-only test API on window for the browser tests (tldraw-style): counters and the latest hands.
import { liveFrameState } from '../../session/recognition-session';
import { handcastStore } from '../../store';

export interface HandcastTestApi {
  framesProcessed(): number;
  lastHands(): ReturnType<typeof liveFrameState>['hands'];
  state(): ReturnType<typeof handcastStore.getState>;
}

export function installTestApi(target: Window): void {
  const api: HandcastTestApi = {
    framesProcessed: () => liveFrameState().framesProcessed,
    lastHands: () => liveFrameState().hands,
    state: () => handcastStore.getState(),
  };
  (target as unknown as { handcast: HandcastTestApi }).handcast = api;
}
