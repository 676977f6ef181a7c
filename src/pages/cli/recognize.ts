// The page behind `npm run recognize`: the same worker, landmarker and classifier as the live page, in IMAGE mode.
import { RecognizerClient, type FrameResult } from '../../recognizer/client';
import type { EngineChoice } from '../../engines/gesture-engines';
import type { ReadyInfo, RecognizedHand } from '../../recognizer/protocol';
import { DEFAULT_GESTURE_MODEL_URL } from '../../recognizer/load-classifier';

export interface RecognizePageApi {
  init(options: { lite: boolean; engine: EngineChoice; gestureModelJson?: unknown }): Promise<ReadyInfo>;
  /** Recognises one encoded image (JPEG/PNG bytes as base64). */
  recognize(base64: string): Promise<RecognizedHand[]>;
  /** Recognises a frame made in the page (the frame-size tool composes and resizes its own), with the worker's timings. */
  recognizeBitmap(bitmap: ImageBitmap): Promise<FrameResult>;
}

let pending: { resolve: (r: FrameResult) => void; reject: (e: Error) => void } | null = null;
const client = new RecognizerClient({
  onResult: (result) => { pending?.resolve(result); pending = null; },
  onFrameError: (message) => { pending?.reject(new Error(message)); pending = null; },
}, 'worker');

const api: RecognizePageApi = {
  init: ({ lite, engine, gestureModelJson }) =>
    client.init({
      landmarkerModel: lite ? 'lite' : 'full',
      preferGpu: false,
      numHands: 2,
      flipHandedness: false,
      runningMode: 'IMAGE',
      detectionSchedule: 'every_frame',
      powerMode: 'smooth',
      gestureModelUrl: DEFAULT_GESTURE_MODEL_URL,
      gestureModelJson,
      classifierEngine: engine,
    }),
  async recognize(base64) {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    return (await api.recognizeBitmap(await createImageBitmap(new Blob([bytes])))).hands;
  },
  recognizeBitmap: (bitmap) =>
    new Promise<FrameResult>((resolve, reject) => {
      pending = { resolve, reject };
      client.submit(bitmap, 0);
    }),
};

(window as unknown as { handcastRecognize: RecognizePageApi }).handcastRecognize = api;
