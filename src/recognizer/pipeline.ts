// One recognition step, wherever it runs (the worker, or the page as a fallback): landmarks → features → classifier → gesture events.
import { NONE_LABEL } from '../core/labels';
import { extractFeatures } from '../core/landmarks/features';
import { HandSearchSchedule, SEARCH_POLICIES, type FramePlan, type PowerMode } from '../core/tracking/hand-search-schedule';
import { createHandLandmarker, LandmarkerFaults, type DetectedHand, type HandLandmarkerHandle } from '../vision/hand-landmarker';
import { measureMicrosPerInference, type BuiltClassifier, type EngineChoice } from '../engines/gesture-engines';
import type { GestureEvent } from '../core/gestures';
import { GestureEventStage, type GestureEventSettings } from './gesture-events';
import { loadGestureClassifier, loadMotionClassifier } from './load-classifier';
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

/** What one frame (or one set of fed landmarks) yields. */
export interface FrameRecognition {
  readonly hands: RecognizedHand[];
  readonly timings: WorkerTimings;
  readonly detection: DetectionStatus | null;
  readonly events: GestureEvent[];
}

export class RecognitionPipeline {
  private flipHandedness: boolean;
  private built: BuiltClassifier;
  private classifierMicros: number;

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
    private readonly faults: LandmarkerFaults,
    /** The gesture-event engine; null when the settings asked for no events (the CLI). */
    private readonly events: GestureEventStage | null,
    private readonly motionNote: string | null,
  ) {
    this.built = built;
    this.flipHandedness = settings.flipHandedness;
    this.classifierMicros = measureMicrosPerInference(built.classifier);
    this.schedule = settings.runningMode === 'VIDEO'
      ? new HandSearchSchedule(oneHand ? settings.detectionSchedule : 'every_frame', SEARCH_POLICIES[settings.powerMode])
      : null;
  }

  /** Loads the landmarker and the classifier. `useModuleLoader`: true in a module worker (no importScripts there). */
  static async create(settings: RecognizerSettings, useModuleLoader: boolean): Promise<RecognitionPipeline> {
    let pipeline: RecognitionPipeline | null = null;
    const faults = new LandmarkerFaults();
    const landmarkerOptions = {
      faults,
      model: settings.landmarkerModel,
      preferGpu: settings.preferGpu,
      runningMode: settings.runningMode,
      useModuleLoader,
      flipHandedness: () => pipeline?.flipHandedness ?? settings.flipHandedness,
      assumeHardwareWebGl: settings.assumeHardwareWebGl,
    };
    const [classifier, landmarker, motion] = await Promise.all([
      loadGestureClassifier(settings.gestureModelUrl, settings.gestureModelJson, settings.classifierEngine),
      createHandLandmarker({ ...landmarkerOptions, numHands: settings.numHands }),
      settings.gestureEvents ? loadMotionClassifier() : null,
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
    const events = settings.gestureEvents ? new GestureEventStage(settings.gestureEvents, typeof motion === 'string' ? null : motion) : null;
    pipeline = new RecognitionPipeline(landmarker, oneHand, classifier, settings, faults, events, typeof motion === 'string' ? motion : null);
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
      motionNote: this.motionNote,
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

  setGestureEvents(settings: GestureEventSettings): void {
    this.events?.setSettings(settings);
  }

  resetGestureEvents(): void {
    this.events?.reset();
  }

  /** Test hook: the landmarkers throw on every `everyNth` detection from now on (0 stops it); see LandmarkerFaults. */
  injectLandmarkerFaults(everyNth: number): void {
    this.faults.inject(everyNth);
  }

  /** Recognises the hands in one frame and the events they fire; throws if the landmarker fails on it. */
  recognize(frame: ImageBitmap, timestampMs: number): FrameRecognition {
    const t0 = performance.now();
    const detected = this.detectScheduled(frame, timestampMs);
    const t1 = performance.now();
    const aspect = frame.width / frame.height;
    const { hands, timings } = this.classifyHands(detected, aspect);
    return { hands, timings: { ...timings, landmarks: t1 - t0 }, detection: this.detectionStatus(timestampMs), events: this.eventsOf(hands, aspect, timestampMs) };
  }

  /** Hands whose landmarks are known (fed by a test or a recording), as if a frame had shown them at `timeMs`. */
  recognizeLandmarks(detected: readonly DetectedHand[], aspect: number, timeMs: number): FrameRecognition {
    const { hands, timings } = this.classifyHands(detected, aspect);
    return { hands, timings, detection: null, events: this.eventsOf(hands, aspect, timeMs) };
  }

  private eventsOf(hands: readonly RecognizedHand[], aspect: number, timeMs: number): GestureEvent[] {
    return this.events?.push(hands, aspect, timeMs) ?? [];
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
  private classifyHands(detected: readonly DetectedHand[], aspect: number): { hands: RecognizedHand[]; timings: WorkerTimings } {
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
