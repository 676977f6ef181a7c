// A small read-only test API on window for the browser tests (tldraw-style): counters and the latest hands.
import { feedLandmarks, liveFrameState, stopLandmarkFeed } from '../../session/recognition-session';
import { gestureEventsFired } from '../../session/stream-session';
import { handcastStore } from '../../store';

export interface HandcastTestApi {
  framesProcessed(): number;
  lastHands(): ReturnType<typeof liveFrameState>['hands'];
  state(): ReturnType<typeof handcastStore.getState>;
  /** Classifies these hands as if a camera frame had shown them (see feedLandmarks); false while busy. */
  feedLandmarks(hands: Parameters<typeof feedLandmarks>[0], width?: number, height?: number): boolean;
  stopLandmarkFeed(): void;
  /** Gesture events fired since load (each one goes to the mappings). */
  gestureEventsFired(): number;
}

export function installTestApi(target: Window): void {
  const api: HandcastTestApi = {
    framesProcessed: () => liveFrameState().framesProcessed,
    lastHands: () => liveFrameState().hands,
    state: () => handcastStore.getState(),
    feedLandmarks,
    stopLandmarkFeed,
    gestureEventsFired,
  };
  (target as unknown as { handcast: HandcastTestApi }).handcast = api;
}
