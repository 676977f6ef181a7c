// A small test API on window for the browser tests (tldraw-style): counters, the latest hands, and hooks that act only when called.
import { feedLandmarks, injectLandmarkerFaults, liveFrameState, stopLandmarkFeed } from '../../session/live-session';
import { gestureEventsFired } from '../../session/stream-session';
import { handcastStore } from '../../store';

/** What the main page puts on window.handcast; the browser tests and the soak read it through the Window declaration below. */
export interface HandcastTestApi {
  framesProcessed(): number;
  /** Frames the recognizer failed on (counted as they happen; the page shows a throttled copy). */
  frameErrors(): number;
  lastHands(): ReturnType<typeof liveFrameState>['hands'];
  state(): ReturnType<typeof handcastStore.getState>;
  /** Classifies these hands as if a camera frame had shown them (see feedLandmarks); false while busy. */
  feedLandmarks(hands: Parameters<typeof feedLandmarks>[0], width?: number, height?: number): boolean;
  stopLandmarkFeed(): void;
  /** Gesture events fired since load (each one goes to the mappings). */
  gestureEventsFired(): number;
  /** Fault injection, inert unless called: the landmarker throws on every `everyNth` frame (0 stops it). */
  injectLandmarkerFaults(everyNth: number): boolean;
}

declare global {
  interface Window {
    /** Installed by the main page only (installTestApi); absent on other pages. */
    handcast?: HandcastTestApi;
  }
}

export function installTestApi(target: Window): void {
  const api: HandcastTestApi = {
    framesProcessed: () => liveFrameState().framesProcessed,
    frameErrors: () => liveFrameState().frameErrors,
    lastHands: () => liveFrameState().hands,
    state: () => handcastStore.getState(),
    feedLandmarks,
    stopLandmarkFeed,
    gestureEventsFired,
    injectLandmarkerFaults,
  };
  target.handcast = api;
}
