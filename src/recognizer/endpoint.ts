// The recognizer's message handler, shared by the worker and the in-page fallback so both behave the same.
import { RecognitionPipeline } from './pipeline';
import type { GestureEventSettings } from './gesture-events';
import type { FromWorker, RecognizerSettings, ToWorker } from './protocol';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * A frame's failure in words a user can act on. MediaPipe reads camera frames through WebGL even on its CPU
 * delegate; without any WebGL (no GPU and no software rasteriser) it fails deep inside with "reading
 * 'activeTexture'", which says nothing to anyone.
 */
export function frameFailureMessage(error: unknown): string {
  const message = messageOf(error);
  if (/activeTexture|WebGL/i.test(message)) {
    return `This browser gives the hand landmarker no WebGL, which it needs to read camera frames (${message}). `
      + 'Turn on hardware acceleration (or allow software WebGL) in the browser settings.';
  }
  return message;
}

/** Returns the handler for messages to the recognizer; answers go through `post`. */
export function createRecognizerEndpoint(post: (message: FromWorker) => void, useModuleLoader: boolean): (message: ToWorker) => void {
  let pipeline: RecognitionPipeline | null = null;
  /** Engine settings changed while a pipeline was loading: the new pipeline starts with them. */
  let gestureEventsMeanwhile: GestureEventSettings | null = null;

  async function init(settings: RecognizerSettings): Promise<void> {
    pipeline?.close();
    pipeline = null;
    gestureEventsMeanwhile = null;
    try {
      pipeline = await RecognitionPipeline.create(settings, useModuleLoader);
      if (gestureEventsMeanwhile) pipeline.setGestureEvents(gestureEventsMeanwhile);
      post({ type: 'ready', info: pipeline.info });
    } catch (error) {
      post({ type: 'init-failed', message: messageOf(error) });
    }
  }

  function recognize(id: number, bitmap: ImageBitmap, timestampMs: number): void {
    try {
      if (!pipeline) throw new Error('The recognizer is not ready.');
      post({ type: 'result', id, ...pipeline.recognize(bitmap, timestampMs) });
    } catch (error) {
      post({ type: 'frame-failed', id, message: frameFailureMessage(error) });
    } finally {
      bitmap.close();
    }
  }

  async function replaceClassifier(message: Extract<ToWorker, { type: 'set-classifier' }>): Promise<void> {
    try {
      if (!pipeline) throw new Error('The recognizer is not ready.');
      await pipeline.replaceClassifier(message.modelUrl, message.modelJson, message.engine);
      post({ type: 'classifier-replaced', info: pipeline.info });
    } catch (error) {
      post({ type: 'classifier-failed', message: messageOf(error) });
    }
  }

  return (message) => {
    switch (message.type) {
      case 'landmarks':
        try {
          if (!pipeline) throw new Error('The recognizer is not ready.');
          post({ type: 'result', id: message.id, ...pipeline.recognizeLandmarks(message.hands, message.aspect, message.timeMs) });
        } catch (error) {
          post({ type: 'frame-failed', id: message.id, message: messageOf(error) });
        }
        break;
      case 'set-classifier':
        void replaceClassifier(message);
        break;
      case 'init':
        void init(message.settings);
        break;
      case 'set-flip-handedness':
        pipeline?.setFlipHandedness(message.flipHandedness);
        break;
      case 'set-power-mode':
        pipeline?.setPowerMode(message.powerMode);
        break;
      case 'set-gesture-events':
        gestureEventsMeanwhile = message.settings;
        pipeline?.setGestureEvents(message.settings);
        break;
      case 'reset-gesture-events':
        pipeline?.resetGestureEvents();
        break;
      case 'frame':
        recognize(message.id, message.bitmap, message.timestampMs);
        break;
      case 'inject-landmarker-faults':
        pipeline?.injectLandmarkerFaults(message.everyNth);
        break;
    }
  };
}
