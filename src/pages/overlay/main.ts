// Entry point of the OBS overlay page: a transparent full-viewport canvas, fed by the BroadcastChannel and obs-browser events.
import { announceLoadedResources } from '../../offline/announce-resources';
import { connectTransports } from './transports';
import { createOverlayRuntime } from './overlay-runtime';
import { installOverlayTestApi } from './test-api';
import './overlay.css';

const canvas = document.getElementById('effects');
if (!(canvas instanceof HTMLCanvasElement)) throw new Error('overlay.html must contain <canvas id="effects">.');

const runtime = createOverlayRuntime(
  canvas,
  { request: (callback) => requestAnimationFrame(callback), cancel: (handle) => cancelAnimationFrame(handle) },
  // Each page load gets its own particle pattern; a test that needs a fixed one drives the scene module directly.
  Date.now() >>> 0,
);
installOverlayTestApi(window, runtime);
connectTransports(window, runtime);
// As the preview inside the main page, say what loaded so the main page's service worker keeps it for offline use.
announceLoadedResources(window);
