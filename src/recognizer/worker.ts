// The recognizer worker: the recognition pipeline off the UI thread (MediaPipe's SIMD build, loaded as an ES module).
import { createRecognizerEndpoint } from './endpoint';
import type { ToWorker } from './protocol';
import { announceLoadedResources } from '../offline/announce-resources';

announceLoadedResources();

const handle = createRecognizerEndpoint((message) => (self as unknown as Worker).postMessage(message), true);
self.addEventListener('message', (event: MessageEvent<ToWorker>) => handle(event.data));
