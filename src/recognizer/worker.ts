// The recognizer worker: hand landmarks, features and the gesture classifier, so the UI thread never waits on them.
import { extractFeatures } from '../core/landmarks/features';
import type { GestureClassifier } from '../core/classifier';
import { createHandLandmarker, type HandLandmarkerHandle } from '../vision/hand-landmarker';
import { loadGestureClassifier } from './load-classifier';
import type { FromWorker, RecognizedHand, ToWorker } from './protocol';

interface Pipeline {
  landmarker: HandLandmarkerHandle;
  classifier: GestureClassifier;
}

let pipeline: Pipeline | null = null;
let flipHandedness = false;

const post = (message: FromWorker) => (self as unknown as Worker).postMessage(message);

async function init(settings: Extract<ToWorker, { type: 'init' }>['settings']): Promise<void> {
  flipHandedness = settings.flipHandedness;
  pipeline?.landmarker.close();
  pipeline = null;
  try {
    const [classifier, landmarker] = await Promise.all([
      loadGestureClassifier(settings.gestureModelUrl, settings.gestureModelJson),
      createHandLandmarker({
        model: settings.landmarkerModel,
        preferGpu: settings.preferGpu,
        numHands: settings.numHands,
        runningMode: settings.runningMode,
        useModuleLoader: true,
        flipHandedness: () => flipHandedness,
      }),
    ]);
    pipeline = { landmarker, classifier };
    post({
      type: 'ready',
      info: { landmarkerModel: landmarker.model, delegate: landmarker.delegate, classifierEngine: classifier.engine, labels: classifier.labels },
    });
  } catch (error) {
    post({ type: 'init-failed', message: error instanceof Error ? error.message : String(error) });
  }
}

function recognize(id: number, bitmap: ImageBitmap, timestampMs: number): void {
  if (!pipeline) {
    bitmap.close();
    post({ type: 'frame-failed', id, message: 'The recognizer is not ready.' });
    return;
  }
  try {
    const t0 = performance.now();
    const detected = pipeline.landmarker.detect(bitmap, timestampMs);
    const t1 = performance.now();
    const aspect = bitmap.width / bitmap.height;
    const features = detected.map((hand) => extractFeatures(hand.landmarks, aspect));
    const t2 = performance.now();
    const hands: RecognizedHand[] = detected.map((hand, i) => {
      const prediction = pipeline!.classifier.classify(features[i]);
      return { ...hand, gesture: prediction.label, gestureScore: prediction.score };
    });
    const t3 = performance.now();
    post({ type: 'result', id, hands, timings: { landmarks: t1 - t0, features: t2 - t1, classifier: t3 - t2 } });
  } catch (error) {
    post({ type: 'frame-failed', id, message: error instanceof Error ? error.message : String(error) });
  } finally {
    bitmap.close();
  }
}

self.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  switch (message.type) {
    case 'init':
      void init(message.settings);
      break;
    case 'set-flip-handedness':
      flipHandedness = message.flipHandedness;
      break;
    case 'frame':
      recognize(message.id, message.bitmap, message.timestampMs);
      break;
  }
});
