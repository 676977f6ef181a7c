// The training worker: trains, quantizes and calibrates a user model off the page's thread (module worker).
import { createTrainingEndpoint } from './endpoint';
import type { ToTrainingWorker } from './protocol';
import { announceLoadedResources } from '../offline/announce-resources';

announceLoadedResources();

const handle = createTrainingEndpoint((message) => (self as unknown as Worker).postMessage(message));
self.addEventListener('message', (event: MessageEvent<ToTrainingWorker>) => handle(event.data));
