// One recognition step, wherever it runs (the worker, or the page as a fallback): landmarks → features → classifier.
import { NONE_LABEL } from '../core/labels';
import { extractFeatures } from '../core/landmarks/features';
import { createHandLandmarker, type DetectedHand, type HandLandmarkerHandle } from '../vision/hand-landmarker';
import { measureMicrosPerInference, type BuiltClassifier, type EngineChoice } from '../engines/gesture-engines';
import { loadGestureClassifier } from './load-classifier';
import type { ReadyInfo, RecognizedHand, RecognizerSettings, WorkerTimings } from './protocol';

function featuresOrNull(landmarks: Parameters<typeof extractFeatures>[0], aspect: number): Float32Array | null {
  try {
    return extractFeatures(landmarks, aspect);
  } catch {
    return null;
  }
}

export class RecognitionPipeline {
  private flipHandedness: boolean;
  private built: BuiltClassifier;
  private classifierMicros: number;
  /** The test hook's fault rate (see injectLandmarkerFaults); 0 means none. */
  private faultEveryNth = 0;
  private framesSinceFaultsSet = 0;

  private constructor(
    private readonly landmarker: HandLandmarkerHandle,
    built: BuiltClassifier,
    flipHandedness: boolean,
  ) {
    this.built = built;
    this.flipHandedness = flipHandedness;
    this.classifierMicros = measureMicrosPerInference(built.classifier);
  }

  /** Loads the landmarker and the classifier. `useModuleLoader`: true in a module worker (no importScripts there). */
  static async create(settings: RecognizerSettings, useModuleLoader: boolean): Promise<RecognitionPipeline> {
    let pipeline: RecognitionPipeline | null = null;
    const [classifier, landmarker] = await Promise.all([
      loadGestureClassifier(settings.gestureModelUrl, settings.gestureModelJson, settings.classifierEngine),
      createHandLandmarker({
        model: settings.landmarkerModel,
        preferGpu: settings.preferGpu,
        numHands: settings.numHands,
        runningMode: settings.runningMode,
        useModuleLoader,
        flipHandedness: () => pipeline?.flipHandedness ?? settings.flipHandedness,
        assumeHardwareWebGl: settings.assumeHardwareWebGl,
      }),
    ]);
    pipeline = new RecognitionPipeline(landmarker, classifier, settings.flipHandedness);
    return pipeline;
  }

  get info(): ReadyInfo {
    const { classifier, kernel, fallbackNote } = this.built;
    return {
      landmarkerModel: this.landmarker.model,
      delegate: this.landmarker.delegate,
      delegateNote: this.landmarker.delegateNote,
      classifierEngine: classifier.engine,
      labels: classifier.labels,
      kernel,
      classifierMicros: this.classifierMicros,
      engineNote: fallbackNote,
    };
  }

  setFlipHandedness(flip: boolean): void {
    this.flipHandedness = flip;
  }

  /** Swaps the gesture classifier between two frames; the landmarker keeps running. */
  async replaceClassifier(modelUrl: string, modelJson: unknown, engine: EngineChoice): Promise<void> {
    const built = await loadGestureClassifier(modelUrl, modelJson, engine);
    this.classifierMicros = measureMicrosPerInference(built.classifier);
    this.built = built;
  }

  /**
   * Test hook: from now on the landmarker throws on every `everyNth` frame (0 stops it), so a browser test can
   * prove that failing frames are counted and shown while the loop goes on. Nothing calls it unless a test asks.
   */
  injectLandmarkerFaults(everyNth: number): void {
    this.faultEveryNth = Math.max(0, Math.floor(everyNth));
    this.framesSinceFaultsSet = 0;
  }

  /** Recognises the hands in one frame; throws if the landmarker fails on it. */
  recognize(frame: ImageBitmap, timestampMs: number): { hands: RecognizedHand[]; timings: WorkerTimings } {
    const t0 = performance.now();
    this.framesSinceFaultsSet += 1;
    if (this.faultEveryNth > 0 && this.framesSinceFaultsSet % this.faultEveryNth === 0) {
      throw new Error(`injected landmarker fault (test hook, every ${this.faultEveryNth} frames)`);
    }
    const detected = this.landmarker.detect(frame, timestampMs);
    const t1 = performance.now();
    const { hands, timings } = this.classifyHands(detected, frame.width / frame.height);
    return { hands, timings: { ...timings, landmarks: t1 - t0 } };
  }

  /** Features and gestures of hands whose landmarks are known (a frame's, or fed by a test or a recording). */
  classifyHands(detected: readonly DetectedHand[], aspect: number): { hands: RecognizedHand[]; timings: WorkerTimings } {
    const t0 = performance.now();
    const features = detected.map((hand) => featuresOrNull(hand.landmarks, aspect));
    const t1 = performance.now();
    const classifier = this.built.classifier;
    const hands = detected.map((hand, i) => {
      const input = features[i];
      // A degenerate hand (edge-on, collapsed landmarks) has no usable shape: report it as the none class, score 0.
      if (!input) return { ...hand, gesture: NONE_LABEL, gestureScore: 0 };
      const prediction = classifier.classify(input);
      return { ...hand, gesture: prediction.label, gestureScore: prediction.score };
    });
    const t2 = performance.now();
    return { hands, timings: { landmarks: 0, features: t1 - t0, classifier: t2 - t1 } };
  }

  close(): void {
    this.landmarker.close();
  }
}
