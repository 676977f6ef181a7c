// One recognition step, wherever it runs (the worker, or the page as a fallback): landmarks → features → classifier.
import { NONE_LABEL } from '../core/labels';
import { extractFeatures } from '../core/landmarks/features';
import { HandSearchSchedule, SEARCH_POLICIES, type FramePlan, type PowerMode } from '../core/tracking/hand-search-schedule';
import { createHandLandmarker, type DetectedHand, type HandLandmarkerHandle } from '../vision/hand-landmarker';
import { measureMicrosPerInference, type BuiltClassifier, type EngineChoice } from '../engines/gesture-engines';
import { loadGestureClassifier } from './load-classifier';
import type { DetectionStatus, ReadyInfo, RecognizedHand, RecognizerSettings, WorkerTimings } from './protocol';

function featuresOrNull(landmarks: Parameters<typeof extractFeatures>[0], aspect: number): Float32Array | null {
  try {
    return extractFeatures(landmarks, aspect);
  } catch {
    return null;
  }
}

/**
 * MediaPipe starts its graph (TFLite interpreters, XNNPACK weight packing) on the first frame, which takes far
 * longer than a frame: do it on a blank frame while loading, so the first camera frame after Start is quick.
 * A blank frame at timestamp 0 leaves VIDEO mode's increasing timestamps intact (the page's start above 0).
 */
function warmUp(...landmarkers: (HandLandmarkerHandle | null)[]): void {
  const blank = new ImageData(640, 480);
  for (const landmarker of landmarkers) {
    try {
      landmarker?.detect(blank, 0);
    } catch {
      // A landmarker that cannot warm up says why on the first real frame.
    }
  }
}

export class RecognitionPipeline {
  private flipHandedness: boolean;
  private built: BuiltClassifier;
  private classifierMicros: number;
  /** The test hook's fault rate (see injectLandmarkerFaults); 0 means none. */
  private faultEveryNth = 0;
  private framesSinceFaultsSet = 0;

  /** Which landmarker runs each VIDEO frame; null in IMAGE mode (every call detects). */
  private readonly schedule: HandSearchSchedule | null;

  /**
   * `landmarker` follows up to numHands hands and is the one that looks for new ones; `oneHand`, present with
   * the adaptive schedule, follows a lone hand without running the palm detector.
   */
  private constructor(
    private readonly landmarker: HandLandmarkerHandle,
    private readonly oneHand: HandLandmarkerHandle | null,
    built: BuiltClassifier,
    settings: RecognizerSettings,
  ) {
    this.built = built;
    this.flipHandedness = settings.flipHandedness;
    this.classifierMicros = measureMicrosPerInference(built.classifier);
    this.schedule = settings.runningMode === 'VIDEO'
      ? new HandSearchSchedule(oneHand ? settings.detectionSchedule : 'every_frame', SEARCH_POLICIES[settings.powerMode], 0)
      : null;
  }

  /** Loads the landmarker and the classifier. `useModuleLoader`: true in a module worker (no importScripts there). */
  static async create(settings: RecognizerSettings, useModuleLoader: boolean): Promise<RecognitionPipeline> {
    let pipeline: RecognitionPipeline | null = null;
    const landmarkerOptions = {
      model: settings.landmarkerModel,
      preferGpu: settings.preferGpu,
      runningMode: settings.runningMode,
      useModuleLoader,
      flipHandedness: () => pipeline?.flipHandedness ?? settings.flipHandedness,
      assumeHardwareWebGl: settings.assumeHardwareWebGl,
    };
    const [classifier, landmarker] = await Promise.all([
      loadGestureClassifier(settings.gestureModelUrl, settings.gestureModelJson, settings.classifierEngine),
      createHandLandmarker({ ...landmarkerOptions, numHands: settings.numHands }),
    ]);
    const adaptive = settings.runningMode === 'VIDEO' && settings.detectionSchedule === 'adaptive' && settings.numHands > 1;
    // The follower runs where the first landmarker ended up: no second GPU attempt after the GPU failed once.
    const oneHand = adaptive
      ? await createHandLandmarker({ ...landmarkerOptions, numHands: 1, preferGpu: landmarker.delegate === 'GPU' }).catch((error: unknown) => {
        landmarker.close();
        throw error;
      })
      : null;
    warmUp(landmarker, oneHand);
    pipeline = new RecognitionPipeline(landmarker, oneHand, classifier, settings);
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

  setPowerMode(mode: PowerMode): void {
    this.schedule?.setPolicy(SEARCH_POLICIES[mode]);
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
  recognize(frame: ImageBitmap, timestampMs: number): { hands: RecognizedHand[]; timings: WorkerTimings; detection: DetectionStatus | null } {
    const t0 = performance.now();
    this.framesSinceFaultsSet += 1;
    if (this.faultEveryNth > 0 && this.framesSinceFaultsSet % this.faultEveryNth === 0) {
      throw new Error(`injected landmarker fault (test hook, every ${this.faultEveryNth} frames)`);
    }
    const detected = this.detectScheduled(frame, timestampMs);
    const t1 = performance.now();
    const { hands, timings } = this.classifyHands(detected, frame.width / frame.height);
    return { hands, timings: { ...timings, landmarks: t1 - t0 }, detection: this.detectionStatus(timestampMs) };
  }

  /** The landmarkers the schedule asks for on this frame (a frame sent before it was due is a look for hands). */
  private detectScheduled(frame: ImageBitmap, timestampMs: number): DetectedHand[] {
    const schedule = this.schedule;
    if (!schedule) return this.landmarker.detect(frame, timestampMs);
    const run = (plan: FramePlan) => {
      const found = (plan.pass === 'one' && this.oneHand ? this.oneHand : this.landmarker).detect(frame, timestampMs);
      schedule.frameDone(timestampMs, plan, found.length);
      return found;
    };
    const plan = schedule.planFrame(timestampMs) ?? { pass: 'two', searching: true };
    const found = run(plan);
    const retry = schedule.retryPlan(plan, found.length);
    return retry ? run(retry) : found;
  }

  private detectionStatus(timestampMs: number): DetectionStatus | null {
    if (!this.schedule) return null;
    return {
      handsTracked: this.schedule.handsTracked,
      searchesPerSecond: this.schedule.searchesPerSecond(timestampMs),
      nextFrameDueMs: this.schedule.nextFrameDueMs(),
    };
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
    this.oneHand?.close();
  }
}
