// The live session: camera → recognizer worker → overlay, subscribers (recorder, stream) and throttled store summaries; made with its dependencies, so node tests drive it with fakes.
import type { GestureEvent } from '../core/gestures';
import { LatencyWindow } from '../core/stats/latency';
import type { PowerMode, ScheduleKind } from '../core/tracking/hand-search-schedule';
import type { FrameResult } from '../recognizer/client';
import type { GestureEventSettings } from '../recognizer/gesture-events';
import { DEFAULT_GESTURE_MODEL_URL } from '../recognizer/load-classifier';
import type { DetectionStatus, RecognizedHand, RecognizerSettings } from '../recognizer/protocol';
import type { HandcastState } from '../store';
import { CameraError, RESOLUTIONS } from '../vision/camera';
import type { DetectedHand } from '../vision/hand-landmarker';
import { startReconnecting, type Reconnection } from './camera-reconnect';
import { FrameHandoff } from './frame-handoff';
import { startFrameLoop, type FrameLoop } from './frame-loop';
import type { RecognitionSessionDeps, RecognizerPort, Surfaces } from './session-ports';

export const PUBLISH_INTERVAL_MS = 250;
const LATENCY_WINDOW_FRAMES = 120;

/** The ids of the notices the session raises and later replaces or dismisses. */
export const SESSION_NOTICES = {
  recognizerLoadFailed: 'recognizer-load-failed',
  classifierEngine: 'classifier-engine',
  landmarkerDelegate: 'landmarker-delegate',
  motionModel: 'motion-model-unavailable',
  cameraFailed: 'camera-failed',
  cameraStopped: 'camera-stopped',
} as const;

/** Per-frame state, deliberately outside the store: it changes 30 times a second. */
export interface LiveFrameState {
  hands: RecognizedHand[];
  framesProcessed: number;
  frameErrors: number;
  lastFrameError: string | null;
  latency: LatencyWindow;
  /** The hand search after the last frame (null before the first, and in the in-page test feed). */
  detection: DetectionStatus | null;
}

type HandsListener = (hands: readonly RecognizedHand[], aspect: number) => void;
type GestureEventListener = (event: GestureEvent) => void;

export function createRecognitionSession(deps: RecognitionSessionDeps): RecognitionSession {
  return new RecognitionSession(deps);
}

export class RecognitionSession {
  readonly live: LiveFrameState = {
    hands: [],
    framesProcessed: 0,
    frameErrors: 0,
    lastFrameError: null,
    latency: new LatencyWindow(LATENCY_WINDOW_FRAMES),
    detection: null,
  };

  /** Which camera frames go to the worker, and when. */
  private readonly handoff: FrameHandoff;
  private surfaces: Surfaces | null = null;
  private stream: MediaStream | null = null;
  private client: RecognizerPort | null = null;
  private recognizerLoad: { key: string; promise: Promise<boolean> } | null = null;
  private loop: FrameLoop | null = null;
  private publishTimer: unknown = null;
  /** A model the user loaded (a file, or one trained here), validated before use; null runs the bundled model. */
  private customModel: { name: string; json: unknown } | null = null;
  /** While set, landmarks come from feedLandmarks() (tests, replays) instead of camera frames. */
  private landmarkFeed = false;
  /** Retrying a camera that went away mid-stream; cancelled by Stop or Start. */
  private reconnection: Reconnection | null = null;
  /** The camera came back: its "stopped" notice goes once a frame has been recognised again. */
  private dismissStoppedOnNextResult = false;
  /** The loop was stopped because the tab was hidden; it restarts when the tab is visible again. */
  private pausedWhileHidden = false;
  private readonly handsListeners = new Set<HandsListener>();
  private readonly eventListeners = new Set<GestureEventListener>();
  private readonly unsubscribes: (() => void)[];

  constructor(private readonly deps: RecognitionSessionDeps) {
    this.handoff = new FrameHandoff({
      camera: deps.camera,
      now: () => deps.clock.now(),
      detection: () => this.live.detection,
      stillWanted: (client) => client === this.client && !this.landmarkFeed,
      onGrabError: (message) => this.onFrameError(message),
    });
    this.unsubscribes = [
      deps.visibility.onChange(() => this.onVisibilityChange()),
      // Engine settings the user changes on the page go to the worker, which runs the gesture-event engine.
      deps.store.subscribe((state, previous) => {
        if (state.settings.mirrored !== previous.settings.mirrored || state.stream.armingRequired !== previous.stream.armingRequired) {
          this.client?.setGestureEvents(this.gestureEventSettings());
        }
      }),
    ];
  }

  /** Each recognised frame's hands (camera or landmark feed) and the frame's aspect; returns the unsubscribe. */
  onHands(listener: HandsListener): () => void {
    this.handsListeners.add(listener);
    return () => this.handsListeners.delete(listener);
  }

  /** Every gesture event the worker's engine fired, in order; returns the unsubscribe. */
  onGestureEvent(listener: GestureEventListener): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Stops listening to the page (visibility, store); the camera and worker are the caller's to stop first. */
  dispose(): void {
    for (const unsubscribe of this.unsubscribes) unsubscribe();
  }

  /** The video and canvas elements the session draws into (set by the VideoStage component). */
  attachSurfaces(next: Surfaces | null): void {
    this.surfaces = next;
  }

  private get store(): HandcastState {
    return this.deps.store.getState();
  }

  private gestureEventSettings(): GestureEventSettings {
    const { settings, stream } = this.store;
    return { mirrored: settings.mirrored, armingRequired: stream.armingRequired };
  }

  private recognizerSettings(): RecognizerSettings {
    const { settings } = this.store;
    return {
      landmarkerModel: settings.landmarkerModel,
      preferGpu: settings.preferGpu,
      numHands: 2,
      flipHandedness: settings.flipHandedness,
      runningMode: 'VIDEO',
      detectionSchedule: settings.detectionSchedule,
      powerMode: settings.powerMode,
      gestureModelUrl: DEFAULT_GESTURE_MODEL_URL,
      gestureModelJson: this.customModel?.json,
      classifierEngine: settings.classifierEngine,
      assumeHardwareWebGl: this.deps.assumeHardwareWebGl,
      gestureEvents: this.gestureEventSettings(),
    };
  }

  /**
   * Loads (or reloads, when the model or delegate changed) the recognizer; resolves false if it failed.
   * Concurrent callers share one load; a failed load is retried by the next call.
   */
  ensureRecognizer(): Promise<boolean> {
    const settings = this.recognizerSettings();
    // The classifier (model, engine) is swapped in place (swapClassifier); only the landmarker needs a new worker.
    const key = `${settings.landmarkerModel}/${settings.preferGpu}/${settings.detectionSchedule}`;
    if (this.recognizerLoad?.key === key) return this.recognizerLoad.promise;
    this.client?.terminate();
    const mine = this.deps.createRecognizer({ onResult: (result) => this.onResult(result), onFrameError: (message) => this.onFrameError(message) });
    this.client = mine;
    this.handoff.reset();
    this.store.setRecognizer('loading', null);
    const promise = mine.init(settings).then(
      (info) => {
        if (this.client !== mine) return false;
        const store = this.store;
        store.setRecognizer('ready', info);
        store.dismissNotice(SESSION_NOTICES.recognizerLoadFailed);
        this.showNote(SESSION_NOTICES.classifierEngine, 'Classifier:', info.engineNote);
        this.showNote(SESSION_NOTICES.landmarkerDelegate, 'Hand landmarker:', info.delegateNote);
        this.showNote(SESSION_NOTICES.motionModel, '', info.motionNote);
        return true;
      },
      (error: unknown) => {
        if (this.client !== mine) return false; // superseded by a newer load: not an error to show
        mine.terminate();
        this.client = null;
        this.recognizerLoad = null;
        this.store.setRecognizer('error', null);
        this.store.notify({
          id: SESSION_NOTICES.recognizerLoadFailed, kind: 'error', aboutCameraRun: true,
          text: `Recognition is unavailable. ${error instanceof Error ? error.message : String(error)}`,
        });
        return false;
      },
    );
    this.recognizerLoad = { key, promise };
    return promise;
  }

  /** Shows a warning from the recognizer (`note`, after `lead`) under `id`, or dismisses the one shown there. */
  private showNote(id: string, lead: string, note: string | null): void {
    if (note) this.store.notify({ id, kind: 'warning', text: lead ? `${lead} ${note}` : note });
    else this.store.dismissNotice(id);
  }

  async refreshCameras(): Promise<void> {
    try {
      this.store.setCameras(await this.deps.camera.list());
    } catch {
      // Listing is a convenience; the default camera still works without it.
    }
  }

  /** Starts the camera and the frame loop. Every failure becomes a notice; nothing is thrown. */
  async start(): Promise<void> {
    const store = this.store;
    const surfaces = this.surfaces;
    if (!surfaces || store.cameraStatus === 'starting' || store.cameraStatus === 'running') return;
    this.cancelReconnection();
    store.clearCameraRunNotices();
    store.setCameraStatus('starting');
    const recognizerReady = this.ensureRecognizer();
    try {
      this.stream = await this.openChosenCamera();
      await this.deps.camera.show(surfaces.video, this.stream);
    } catch (error) {
      this.deps.camera.stop(this.stream);
      this.stream = null;
      const cameraError = error instanceof CameraError ? error : new CameraError('unknown', `The camera could not start: ${String(error)}`);
      this.store.setCameraStatus('error');
      this.store.notify({ id: SESSION_NOTICES.cameraFailed, kind: 'error', text: cameraError.message, aboutCameraRun: true });
      return;
    }
    await this.cameraRunning(this.stream, recognizerReady);
  }

  /** The camera shows `stream` (after Start, or back after a reconnection): frames flow once the recognizer is ready. */
  private async cameraRunning(stream: MediaStream, recognizerReady: Promise<boolean>): Promise<void> {
    this.stream = stream;
    this.store.setActiveCamera(this.deps.camera.describe(stream));
    this.store.setCameraStatus('running');
    void this.refreshCameras();
    this.startPublishing();
    if (await recognizerReady) this.startLoop();
  }

  private openChosenCamera(): Promise<MediaStream> {
    const { settings } = this.store;
    return this.deps.camera.open({
      deviceId: settings.deviceId || undefined, resolution: RESOLUTIONS[settings.resolutionIndex], onEnded: () => this.onTrackEnded(),
    });
  }

  /** Stops the user's session; this also ends any wait for a camera that went away. */
  stop(): void {
    if (this.cancelReconnection()) this.store.dismissNotice(SESSION_NOTICES.cameraStopped);
    this.releaseCamera();
    this.store.setCameraStatus('idle');
  }

  private releaseCamera(): void {
    this.loop?.cancel();
    this.loop = null;
    this.pausedWhileHidden = false;
    this.deps.camera.stop(this.stream);
    this.stream = null;
    this.store.setActiveCamera(null);
    if (this.surfaces) {
      this.deps.camera.clear(this.surfaces.video);
      this.deps.clearOverlay(this.surfaces.canvas);
    }
    this.live.hands = [];
    this.live.detection = null;
    this.handoff.dropWaiting();
    // Without it a pose held for part of its hold before Stop would complete on the first frame after Start.
    this.client?.resetGestureEvents();
    this.dismissStoppedOnNextResult = false;
    this.stopPublishing();
    this.store.publishLive({ ...this.summary(), hands: [] });
  }

  /** Returns whether a reconnection was running. */
  private cancelReconnection(): boolean {
    const wasRunning = this.reconnection !== null;
    this.reconnection?.cancel();
    this.reconnection = null;
    return wasRunning;
  }

  /** Applies a changed landmarker model, delegate, classifier engine or gesture model: reloads, resumes the loop if running. */
  async reloadRecognizer(): Promise<boolean> {
    this.loop?.cancel();
    this.loop = null;
    const ok = await this.ensureRecognizer();
    if (ok && this.store.cameraStatus === 'running') this.startLoop();
    return ok;
  }

  /**
   * Puts a gesture model (parsed JSON; null for the bundled one) and the chosen engine into the running recognizer
   * between two frames, keeping the landmarker. On failure the model in use stays and the reason is returned.
   */
  async swapClassifier(model: { name: string; json: unknown } | null): Promise<string | null> {
    const current = this.client;
    if (!current || !(await this.ensureRecognizer())) return 'The recognizer is not running.';
    try {
      const info = await current.replaceClassifier(DEFAULT_GESTURE_MODEL_URL, model?.json, this.store.settings.classifierEngine);
      this.customModel = model;
      this.store.setRecognizer('ready', info);
      this.store.setModelName(model?.name ?? null);
      this.showNote(SESSION_NOTICES.classifierEngine, 'Classifier:', info.engineNote);
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  }

  /** Applies the classifier engine setting (INT8 or float) to the model in use. */
  async applyClassifierEngine(): Promise<void> {
    const problem = await this.swapClassifier(this.customModel);
    if (problem) this.store.notify({ kind: 'error', text: `The classifier could not switch: ${problem}` });
  }

  /** Goes back to the model that ships with Handcast. */
  async switchToBundledGestureModel(): Promise<void> {
    if (this.customModel) await this.swapClassifier(null);
  }

  /**
   * Classifies hands whose landmarks are given (the test hook; the fake webcam cannot change pose) exactly as if a
   * frame had shown them: same worker, overlay, labels, events and latency. Camera frames are held back while
   * feeding. Returns false when the recognizer is busy with the previous input; call again.
   */
  feedLandmarks(hands: readonly DetectedHand[], width = 640, height = 480): boolean {
    this.landmarkFeed = true;
    this.handoff.dropWaiting();
    const client = this.client;
    if (!client) return false;
    if (!client.submitLandmarks(hands, width, height, this.deps.clock.now())) return false;
    this.handoff.landmarksSent();
    return true;
  }

  /** Returns the recognizer to camera frames. */
  stopLandmarkFeed(): void {
    this.landmarkFeed = false;
  }

  /** Smooth or saver: how often the recognizer looks for hands; applies to the running recognizer at once. */
  setPowerMode(powerMode: PowerMode): void {
    this.store.updateSettings({ powerMode });
    this.client?.setPowerMode(powerMode);
  }

  /** Adaptive or every frame (the comparison baseline): the recognizer reloads with one landmarker or two. */
  async setDetectionSchedule(detectionSchedule: ScheduleKind): Promise<void> {
    this.store.updateSettings({ detectionSchedule });
    await this.reloadRecognizer();
  }

  setFlipHandedness(flip: boolean): void {
    this.store.updateSettings({ flipHandedness: flip });
    this.client?.setFlipHandedness(flip);
  }

  /** Test hook (window.handcast): the landmarker throws on every `everyNth` frame (0 stops it); false without a recognizer. */
  injectLandmarkerFaults(everyNth: number): boolean {
    if (!this.client) return false;
    this.client.injectLandmarkerFaults(everyNth);
    return true;
  }

  /** The camera went away mid-stream (unplugged, taken by another app): say so, then reopen it as soon as it is back. */
  private onTrackEnded(): void {
    if (this.store.cameraStatus !== 'running') return;
    this.releaseCamera();
    this.store.setCameraStatus('reconnecting');
    this.store.notify({
      id: SESSION_NOTICES.cameraStopped,
      kind: 'error',
      aboutCameraRun: true,
      text: 'The camera stopped: it was unplugged or another app took it. Handcast resumes on its own when it is back; ' +
        'press Stop to give up, or Stop and pick another camera.',
    });
    void this.refreshCameras();
    const { clock } = this.deps;
    const mine = startReconnecting({
      attempt: () => this.reopenCamera(() => this.reconnection === mine),
      onDeviceChange: (listener) => this.deps.camera.onDeviceChange(listener),
      setTimer: (callback, ms) => clock.setTimeout(callback, ms),
      clearTimer: (handle) => clock.clearTimeout(handle),
    });
    this.reconnection = mine;
  }

  /** One reconnection attempt; false to try again later. A camera that opens after the user gave up is closed at once. */
  private async reopenCamera(stillWanted: () => boolean): Promise<boolean> {
    const video = this.surfaces?.video;
    if (!video) return false;
    const { camera } = this.deps;
    let next: MediaStream;
    try {
      next = await this.openChosenCamera();
    } catch {
      return false;
    }
    if (!stillWanted()) {
      camera.stop(next);
      return true;
    }
    try {
      await camera.show(video, next);
    } catch {
      camera.stop(next);
      return false;
    }
    if (!stillWanted()) {
      camera.stop(next);
      camera.clear(video);
      return true;
    }
    this.reconnection = null;
    this.dismissStoppedOnNextResult = true;
    await this.cameraRunning(next, this.ensureRecognizer());
    return true;
  }

  /**
   * No frames go to the worker while the tab is hidden (the camera stays open): nobody sees the result, and the
   * streamer's machine needs the CPU for the stream. When it is visible again the loop restarts with fresh latency
   * figures, so the gap does not drag the frame rate down for the next 120 frames.
   */
  private onVisibilityChange(): void {
    if (this.deps.visibility.hidden()) {
      if (!this.loop) return;
      this.loop.cancel();
      this.loop = null;
      this.pausedWhileHidden = true;
      return;
    }
    if (!this.pausedWhileHidden) return;
    this.pausedWhileHidden = false;
    if (this.store.cameraStatus !== 'running') return;
    this.live.latency = new LatencyWindow(LATENCY_WINDOW_FRAMES);
    this.startLoop();
  }

  private startLoop(): void {
    this.loop?.cancel();
    this.loop = null;
    const video = this.surfaces?.video;
    if (!video) return;
    if (this.deps.visibility.hidden()) {
      this.pausedWhileHidden = true;
      return;
    }
    const feedsFrames = () => this.client !== null && !this.landmarkFeed;
    this.loop = startFrameLoop(video, {
      camera: this.deps.camera,
      clock: this.deps.clock,
      onFrame: (capturedAtMs) => {
        if (this.client && feedsFrames()) this.handoff.cameraFrame(video, capturedAtMs, this.client);
      },
      idleWaitMs: (nowMs) => (feedsFrames() ? this.handoff.idleWaitMs(nowMs) : 0),
      wokeUp: () => this.handoff.wokeUp(),
    });
  }

  private onResult(result: FrameResult): void {
    const { live } = this;
    const { clock } = this.deps;
    live.framesProcessed += 1;
    if (this.dismissStoppedOnNextResult) {
      this.dismissStoppedOnNextResult = false;
      this.store.dismissNotice(SESSION_NOTICES.cameraStopped);
    }
    live.hands = result.hands;
    if (result.detection) live.detection = result.detection;
    const capturedAtMs = this.client ? this.handoff.answered(this.client) : null;
    const aspect = result.width / result.height;
    for (const listener of this.handsListeners) listener(result.hands, aspect);
    for (const event of result.events) for (const listener of this.eventListeners) listener(event);
    live.latency.record('landmarks', result.timings.landmarks);
    live.latency.record('features', result.timings.features);
    live.latency.record('classifier', result.timings.classifier);
    const canvas = this.surfaces?.canvas;
    if (canvas) {
      const t0 = clock.now();
      // The canvas matches the video, not the (possibly smaller) frame the landmarker saw: landmarks are in [0, 1].
      const video = this.surfaces?.video;
      const [width, height] = video && video.videoWidth > 0 ? [video.videoWidth, video.videoHeight] : [result.width, result.height];
      this.deps.drawHands(canvas, result.hands, width, height, this.store.settings.mirrored);
      live.latency.record('draw', clock.now() - t0);
    }
    if (capturedAtMs !== null) live.latency.record('frameToLabel', clock.now() - capturedAtMs);
    live.latency.frameDone(clock.now());
  }

  private onFrameError(message: string): void {
    this.live.frameErrors += 1;
    this.live.lastFrameError = message;
    // A frame the worker failed on frees it as a result would: the waiting frame goes now.
    if (this.client) this.handoff.failed(this.client);
  }

  private summary() {
    const { live } = this;
    return {
      hands: live.hands.map((h) => ({ handedness: h.handedness, gesture: h.gesture, gestureScore: h.gestureScore })),
      latency: live.latency.summary(),
      framesProcessed: live.framesProcessed,
      frameErrors: live.frameErrors,
      lastFrameError: live.lastFrameError,
      detection: live.detection && { handsTracked: live.detection.handsTracked, searchesPerSecond: live.detection.searchesPerSecond },
    };
  }

  private startPublishing(): void {
    this.stopPublishing();
    this.publishTimer = this.deps.clock.setInterval(() => this.store.publishLive(this.summary()), PUBLISH_INTERVAL_MS);
  }

  private stopPublishing(): void {
    if (this.publishTimer !== null) this.deps.clock.clearInterval(this.publishTimer);
    this.publishTimer = null;
  }
}
