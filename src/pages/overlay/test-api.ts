// The overlay page's read-only test API on window (window.handcastOverlay), like the main page's window.handcast.
import type { OverlayCounters } from './overlay-runtime';

declare global {
  interface Window {
    /** Installed by the overlay page only (installOverlayTestApi); the browser tests and the soak read it. */
    handcastOverlay?: OverlayCounters;
  }
}

export function installOverlayTestApi(target: Window, runtime: OverlayCounters): void {
  const api: OverlayCounters = {
    effectsRendered: () => runtime.effectsRendered(),
    messagesRejected: () => runtime.messagesRejected(),
    messagesDroppedWhileHidden: () => runtime.messagesDroppedWhileHidden(),
    lastRejection: () => runtime.lastRejection(),
    framesDrawn: () => runtime.framesDrawn(),
    liveEffects: () => runtime.liveEffects(),
    particles: () => runtime.particles(),
    loopRunning: () => runtime.loopRunning(),
    paused: () => runtime.paused(),
  };
  target.handcastOverlay = Object.freeze(api);
}
