// The live session: camera → recognizer worker → overlay and throttled store summaries. Store actions call it; React does not own it.
import { parseGestureModelText } from '../core/model/gesture-model';
import { LatencyWindow } from '../core/stats/latency';
import { RecognizerClient, type FrameResult } from '../recognizer/client';
import { DEFAULT_GESTURE_MODEL_URL } from '../recognizer/load-classifier';
import type { DetectionStatus, RecognizedHand, RecognizerSettings } from '../recognizer/protocol';
import { isFrameDue, type PowerMode, type ScheduleKind } from '../core/tracking/hand-search-schedule';
import { probeWasmSupport } from '../platform/wasm-features';
import { drawHands } from '../render/hand-overlay';
import { handcastStore } from '../store';
import { offerHandsToRecorder } from './recording-session';
import { offerHandsToStream, resetGestureEvents } from './stream-session';
import { nameFromText } from '../core/dataset';
import { CameraError, RESOLUTIONS, listCameras, openCamera, stopCamera } from '../vision/camera';
import { startReconnecting, type Reconnection } from './camera-reconnect';
import type { DetectedHand } from '../vision/hand-landmarker';

const PUBLISH_INTERVAL_MS = 250;
const LATENCY_WINDOW_FRAMES = 120;

interface Surfaces {
  video: HTMLVideoElement;
  canvas: HTMLCanvasElement;
}

/** Per-frame state, deliberately outside the store: it changes 30 times a second. */
const live = {
  hands: [] as RecognizedHand[],
  framesProcessed: 0,
  frameErrors: 0,
  lastFrameError: null as string | null,
  latency: new LatencyWindow(LATENCY_WINDOW_FRAMES),
  /** The hand search after the last frame (null before the first, and in the in-page test feed). */
  detection: null as DetectionStatus | null,
};

/** A camera frame taken for the recognizer: its pixels, the timestamp the landmarker gets, and when the camera captured it. */
interface GrabbedFrame {
  readonly bitmap: ImageBitmap;
  readonly timestampMs: number;
  readonly capturedAtMs: number;
}
/**
 * The newest frame grabbed while the worker was busy: it goes the moment the worker is free, so the worker does
 * not wait for the camera's next frame; a newer grab replaces (and closes) it, so no stale frame ever queues.
 */
let waitingFrame: GrabbedFrame | null = null;
/** When the camera captured the frame in the worker; null for fed landmarks (no camera frame). */
let inFlightCapturedAtMs: number | null = null;

let surfaces: Surfaces | null = null;
let stream: MediaStream | null = null;
let client: RecognizerClient | null = null;
let recognizerLoad: { key: string; promise: Promise<boolean> } | null = null;
let loopHandle: { cancel(): void } | null = null;
let publishTimer: ReturnType<typeof setInterval> | null = null;
let lastTimestamp = 0;
/** A model the user loaded (a file, or one trained here), validated before use; null runs the bundled model. */
let customModel: { name: string; json: unknown } | null = null;
/** While set, landmarks come from feedLandmarks() (tests, replays) instead of camera frames. */
let landmarkFeed = false;
/** Retrying a camera that went away mid-stream; cancelled by Stop or Start. */
let reconnection: Reconnection | null = null;
/** The camera came back: its "stopped" notice goes once a frame has been recognised again. */
let dismissStoppedOnNextResult = false;
/** The loop was stopped because the tab was hidden; it restarts when the tab is visible again. */
let pausedWhileHidden = false;

/** The video and canvas elements the session draws into (set by the VideoStage component). */
export function attachSurfaces(next: Surfaces | null): void {
  surfaces = next;
}

export function liveFrameState(): Readonly<typeof live> {
  return live;
}

function recognizerSettings(): RecognizerSettings {
  const { settings } = handcastStore.getState();
  return {
    landmarkerModel: settings.landmarkerModel,
    preferGpu: settings.preferGpu,
    numHands: 2,
    flipHandedness: settings.flipHandedness,
    runningMode: 'VIDEO',
    detectionSchedule: settings.detectionSchedule,
    powerMode: settings.powerMode,
    gestureModelUrl: DEFAULT_GESTURE_MODEL_URL,
    gestureModelJson: customModel?.json,
    classifierEngine: settings.classifierEngine,
    // Test override, documented in docs/faults.md: try the GPU delegate even without hardware WebGL.
    assumeHardwareWebGl: new URLSearchParams(globalThis.location?.search).has('assume-hardware-gpu'),
  };
}

/**
 * Loads (or reloads, when the model or delegate changed) the recognizer; resolves false if it failed.
 * Concurrent callers share one load; a failed load is retried by the next call.
 */
export function ensureRecognizer(): Promise<boolean> {
  const settings = recognizerSettings();
  // The classifier (model, engine) is swapped in place (swapClassifier); only the landmarker needs a new worker.
  const key = `${settings.landmarkerModel}/${settings.preferGpu}/${settings.detectionSchedule}`;
  if (recognizerLoad?.key === key) return recognizerLoad.promise;
  client?.terminate();
  const mine = new RecognizerClient({ onResult, onFrameError }, probeWasmSupport().simd128 ? 'worker' : 'page');
  client = mine;
  handcastStore.getState().setRecognizer('loading', null);
  const promise = mine.init(settings).then(
    (info) => {
      if (client !== mine) return false;
      handcastStore.getState().setRecognizer('ready', info);
      handcastStore.getState().dismissNotice(LOAD_FAILED_PREFIX);
      handcastStore.getState().dismissNotice(ENGINE_NOTE_PREFIX);
      handcastStore.getState().dismissNotice(DELEGATE_NOTE_PREFIX);
      if (info.engineNote) handcastStore.getState().notify({ kind: 'warning', text: `${ENGINE_NOTE_PREFIX} ${info.engineNote}` });
      if (info.delegateNote) handcastStore.getState().notify({ kind: 'warning', text: `${DELEGATE_NOTE_PREFIX} ${info.delegateNote}` });
      return true;
    },
    (error: unknown) => {
      if (client !== mine) return false; // superseded by a newer load: not an error to show
      mine.terminate();
      client = null;
      recognizerLoad = null;
      handcastStore.getState().setRecognizer('error', null);
      handcastStore.getState().notify({ kind: 'error', text: `${LOAD_FAILED_PREFIX} ${error instanceof Error ? error.message : String(error)}`, aboutCameraRun: true });
      return false;
    },
  );
  recognizerLoad = { key, promise };
  return promise;
}
const LOAD_FAILED_PREFIX = 'Recognition is unavailable.';
const ENGINE_NOTE_PREFIX = 'Classifier:';
const DELEGATE_NOTE_PREFIX = 'Hand landmarker:';
const CAMERA_STOPPED_PREFIX = 'The camera stopped:';

export async function refreshCameras(): Promise<void> {
  try {
    handcastStore.getState().setCameras(await listCameras());
  } catch {
    // Listing is a convenience; the default camera still works without it.
  }
}

/** Starts the camera and the frame loop. Every failure becomes a notice; nothing is thrown. */
export async function startSession(): Promise<void> {
  const store = handcastStore.getState();
  if (!surfaces || store.cameraStatus === 'starting' || store.cameraStatus === 'running') return;
  cancelReconnection();
  store.clearCameraRunNotices();
  store.setCameraStatus('starting');
  const recognizerReady = ensureRecognizer();
  try {
    stream = await openChosenCamera();
    await showStream(surfaces.video, stream);
  } catch (error) {
    stopCamera(stream);
    stream = null;
    const cameraError = error instanceof CameraError ? error : new CameraError('unknown', `The camera could not start: ${String(error)}`);
    handcastStore.getState().setCameraStatus('error');
    handcastStore.getState().notify({ kind: 'error', text: cameraError.message, aboutCameraRun: true });
    return;
  }
  handcastStore.getState().setCameraStatus('running');
  void refreshCameras();
  startPublishing();
  if (await recognizerReady) startLoop();
}

function openChosenCamera(): Promise<MediaStream> {
  const { settings } = handcastStore.getState();
  return openCamera({ deviceId: settings.deviceId || undefined, resolution: RESOLUTIONS[settings.resolutionIndex], onEnded: onTrackEnded });
}

async function showStream(video: HTMLVideoElement, next: MediaStream): Promise<void> {
  video.srcObject = next;
  video.muted = true;
  video.playsInline = true;
  await video.play();
}

/** Stops the user's session; this also ends any wait for a camera that went away. */
export function stopSession(): void {
  if (cancelReconnection()) handcastStore.getState().dismissNotice(CAMERA_STOPPED_PREFIX);
  releaseCamera();
  handcastStore.getState().setCameraStatus('idle');
}

function releaseCamera(): void {
  loopHandle?.cancel();
  loopHandle = null;
  pausedWhileHidden = false;
  stopCamera(stream);
  stream = null;
  if (surfaces) {
    surfaces.video.srcObject = null;
    surfaces.canvas.getContext('2d')?.clearRect(0, 0, surfaces.canvas.width, surfaces.canvas.height);
  }
  live.hands = [];
  live.detection = null;
  dropWaitingFrame();
  resetGestureEvents();
  dismissStoppedOnNextResult = false;
  stopPublishing();
  handcastStore.getState().publishLive({ ...summary(), hands: [] });
}

/** Returns whether a reconnection was running. */
function cancelReconnection(): boolean {
  const wasRunning = reconnection !== null;
  reconnection?.cancel();
  reconnection = null;
  return wasRunning;
}

/** Applies a changed landmarker model, delegate, classifier engine or gesture model: reloads, resumes the loop if running. */
export async function reloadRecognizer(): Promise<boolean> {
  loopHandle?.cancel();
  loopHandle = null;
  const ok = await ensureRecognizer();
  if (ok && handcastStore.getState().cameraStatus === 'running') startLoop();
  return ok;
}

/**
 * Puts a gesture model (parsed JSON; null for the bundled one) and the chosen engine into the running recognizer
 * between two frames, keeping the landmarker. On failure the model in use stays and the reason is returned.
 */
export async function swapClassifier(model: { name: string; json: unknown } | null): Promise<string | null> {
  const current = client;
  if (!current || !(await ensureRecognizer())) return 'The recognizer is not running.';
  const { settings } = handcastStore.getState();
  try {
    const info = await current.replaceClassifier(DEFAULT_GESTURE_MODEL_URL, model?.json, settings.classifierEngine);
    customModel = model;
    handcastStore.getState().setRecognizer('ready', info);
    handcastStore.getState().setModelName(model?.name ?? null);
    handcastStore.getState().dismissNotice(ENGINE_NOTE_PREFIX);
    if (info.engineNote) handcastStore.getState().notify({ kind: 'warning', text: `${ENGINE_NOTE_PREFIX} ${info.engineNote}` });
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Applies the classifier engine setting (INT8 or float) to the model in use. */
export async function applyClassifierEngine(): Promise<void> {
  const problem = await swapClassifier(customModel);
  if (problem) handcastStore.getState().notify({ kind: 'error', text: `The classifier could not switch: ${problem}` });
}

/**
 * Loads a gesture model file chosen by the user. It is validated here first: a malformed or truncated file gets a
 * message naming what is wrong and the model in use stays; so does one that passes but fails to load.
 * Resolves with the name and text of a model now in use, to be kept (model-library's importModelFile).
 */
export async function loadGestureModelFile(file: Blob & { name: string }): Promise<{ name: string; text: string } | null> {
  const store = handcastStore.getState();
  const keepCurrent = 'The model in use stays.';
  let json: unknown;
  let text: string;
  try {
    text = await file.text();
    parseGestureModelText(text);
    json = JSON.parse(text);
  } catch (error) {
    store.notify({ kind: 'error', text: `The model file ${file.name} was not loaded: ${(error as Error).message}. ${keepCurrent}` });
    return null;
  }
  store.dismissNotice('The model file');
  const name = nameFromText(file.name.replace(/\.json$/i, ''), 'Imported model');
  const problem = await swapClassifier({ name, json });
  if (!problem) return { name, text };
  store.notify({ kind: 'error', text: `The model file ${file.name} could not run: ${problem}. ${keepCurrent}` });
  return null;
}

/** Goes back to the model that ships with Handcast. */
export async function switchToBundledGestureModel(): Promise<void> {
  if (customModel) await swapClassifier(null);
}

/**
 * Classifies hands whose landmarks are given (the test hook; the fake webcam cannot change pose) exactly as if a
 * frame had shown them: same worker, overlay, labels and latency. Camera frames are held back while feeding.
 * Returns false when the recognizer is busy with the previous input; call again.
 */
export function feedLandmarks(hands: readonly DetectedHand[], width = 640, height = 480): boolean {
  landmarkFeed = true;
  dropWaitingFrame();
  if (!client) return false;
  if (!client.busy) inFlightCapturedAtMs = null;
  return client.submitLandmarks(hands, width, height);
}

/** Returns the recognizer to camera frames. */
export function stopLandmarkFeed(): void {
  landmarkFeed = false;
}

/** Smooth or saver: how often the recognizer looks for hands; applies to the running recognizer at once. */
export function setPowerMode(powerMode: PowerMode): void {
  handcastStore.getState().updateSettings({ powerMode });
  client?.setPowerMode(powerMode);
}

/** Adaptive or every frame (the comparison baseline): the recognizer reloads with one landmarker or two. */
export async function setDetectionSchedule(detectionSchedule: ScheduleKind): Promise<void> {
  handcastStore.getState().updateSettings({ detectionSchedule });
  await reloadRecognizer();
}

export function setFlipHandedness(flip: boolean): void {
  handcastStore.getState().updateSettings({ flipHandedness: flip });
  client?.setFlipHandedness(flip);
}

/** The camera went away mid-stream (unplugged, taken by another app): say so, then reopen it as soon as it is back. */
function onTrackEnded(): void {
  if (handcastStore.getState().cameraStatus !== 'running') return;
  releaseCamera();
  handcastStore.getState().setCameraStatus('reconnecting');
  handcastStore.getState().notify({
    kind: 'error',
    aboutCameraRun: true,
    text: `${CAMERA_STOPPED_PREFIX} it was unplugged or another app took it. Handcast resumes on its own when it is back; ` +
      'press Stop to give up, or Stop and pick another camera.',
  });
  void refreshCameras();
  const mine = startReconnecting({
    attempt: () => reopenCamera(() => reconnection === mine),
    onDeviceChange(listener) {
      navigator.mediaDevices?.addEventListener?.('devicechange', listener);
      return () => navigator.mediaDevices?.removeEventListener?.('devicechange', listener);
    },
  });
  reconnection = mine;
}

/** One reconnection attempt; false to try again later. A camera that opens after the user gave up is closed at once. */
async function reopenCamera(stillWanted: () => boolean): Promise<boolean> {
  const video = surfaces?.video;
  if (!video) return false;
  let next: MediaStream;
  try {
    next = await openChosenCamera();
  } catch {
    return false;
  }
  if (!stillWanted()) {
    stopCamera(next);
    return true;
  }
  try {
    await showStream(video, next);
  } catch {
    stopCamera(next);
    return false;
  }
  if (!stillWanted()) {
    stopCamera(next);
    video.srcObject = null;
    return true;
  }
  reconnection = null;
  stream = next;
  dismissStoppedOnNextResult = true;
  handcastStore.getState().setCameraStatus('running');
  void refreshCameras();
  startPublishing();
  if (await ensureRecognizer()) startLoop();
  return true;
}

/** Test hook (window.handcast): the landmarker throws on every `everyNth` frame (0 stops it); false without a recognizer. */
export function injectLandmarkerFaults(everyNth: number): boolean {
  if (!client) return false;
  client.injectLandmarkerFaults(everyNth);
  return true;
}

/**
 * No frames go to the worker while the tab is hidden (the camera stays open): nobody sees the result, and the
 * streamer's machine needs the CPU for the stream. When it is visible again the loop restarts with fresh latency
 * figures, so the gap does not drag the frame rate down for the next 120 frames.
 */
function onVisibilityChange(): void {
  if (document.visibilityState === 'hidden') {
    if (!loopHandle) return;
    loopHandle.cancel();
    loopHandle = null;
    pausedWhileHidden = true;
    return;
  }
  if (!pausedWhileHidden) return;
  pausedWhileHidden = false;
  if (handcastStore.getState().cameraStatus !== 'running') return;
  live.latency = new LatencyWindow(LATENCY_WINDOW_FRAMES);
  startLoop();
}
if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisibilityChange);

function startLoop(): void {
  loopHandle?.cancel();
  loopHandle = null;
  const video = surfaces?.video;
  if (!video) return;
  if (typeof document !== 'undefined' && document.visibilityState === 'hidden') {
    pausedWhileHidden = true;
    return;
  }
  let cancelled = false;
  const onFrame = (_now?: number, metadata?: VideoFrameCallbackMetadata) => {
    if (cancelled) return;
    grabFrame(video, capturedAt(metadata));
    schedule();
  };
  const schedule = () => {
    if (cancelled) return;
    if ('requestVideoFrameCallback' in video) video.requestVideoFrameCallback(onFrame);
    else requestAnimationFrame(onFrame);
  };
  schedule();
  loopHandle = { cancel: () => { cancelled = true; } };
}

/** When the camera captured the frame on show (performance.now()'s clock), as far as the browser says. */
function capturedAt(metadata: VideoFrameCallbackMetadata | undefined): number {
  return metadata?.captureTime ?? metadata?.receiveTime ?? metadata?.presentationTime ?? performance.now();
}

/**
 * Takes the camera's newest frame for the recognizer: straight to the worker when it is free, else into the
 * waiting slot. Frames before the hand search wants one (nothing in view, not yet time to look) are not taken.
 */
function grabFrame(video: HTMLVideoElement, capturedAtMs: number): void {
  if (landmarkFeed || !client || video.readyState < 2 || video.videoWidth === 0) return;
  const timestampMs = Math.max(capturedAtMs, lastTimestamp + 1);
  if (!isFrameDue(timestampMs, live.detection?.nextFrameDueMs ?? Number.NEGATIVE_INFINITY)) return;
  lastTimestamp = timestampMs;
  const current = client;
  createImageBitmap(video).then(
    (bitmap) => {
      if (current !== client || landmarkFeed) {
        bitmap.close();
        return;
      }
      const frame = { bitmap, timestampMs, capturedAtMs };
      if (!current.busy) {
        sendFrame(current, frame);
        return;
      }
      waitingFrame?.bitmap.close();
      waitingFrame = frame;
    },
    (error: unknown) => onFrameError(`A camera frame could not be read: ${String(error)}`),
  );
}

function sendFrame(to: RecognizerClient, frame: GrabbedFrame): void {
  inFlightCapturedAtMs = frame.capturedAtMs;
  to.submit(frame.bitmap, frame.timestampMs);
}

/** The worker is free: the waiting frame goes now if the hand search still wants it. */
function sendWaitingFrame(): void {
  const frame = waitingFrame;
  waitingFrame = null;
  if (!frame) return;
  if (client && !client.busy && !landmarkFeed && isFrameDue(frame.timestampMs, live.detection?.nextFrameDueMs ?? Number.NEGATIVE_INFINITY)) {
    sendFrame(client, frame);
  } else {
    frame.bitmap.close();
  }
}

function dropWaitingFrame(): void {
  waitingFrame?.bitmap.close();
  waitingFrame = null;
}

function onResult(result: FrameResult): void {
  live.framesProcessed += 1;
  if (dismissStoppedOnNextResult) {
    dismissStoppedOnNextResult = false;
    handcastStore.getState().dismissNotice(CAMERA_STOPPED_PREFIX);
  }
  live.hands = result.hands;
  if (result.detection) live.detection = result.detection;
  const capturedAtMs = inFlightCapturedAtMs;
  inFlightCapturedAtMs = null;
  sendWaitingFrame();
  offerHandsToRecorder(result.hands, result.width / result.height);
  offerHandsToStream(result.hands, result.width / result.height, performance.now());
  live.latency.record('landmarks', result.timings.landmarks);
  live.latency.record('features', result.timings.features);
  live.latency.record('classifier', result.timings.classifier);
  const canvas = surfaces?.canvas;
  if (canvas) {
    const t0 = performance.now();
    if (canvas.width !== result.width || canvas.height !== result.height) {
      canvas.width = result.width;
      canvas.height = result.height;
    }
    const context = canvas.getContext('2d');
    if (context) drawHands(context, result.hands, handcastStore.getState().settings.mirrored);
    live.latency.record('draw', performance.now() - t0);
  }
  if (capturedAtMs !== null) live.latency.record('frameToLabel', performance.now() - capturedAtMs);
  live.latency.frameDone(performance.now());
}

function onFrameError(message: string): void {
  live.frameErrors += 1;
  live.lastFrameError = message;
}

function summary() {
  return {
    hands: live.hands.map((h) => ({ handedness: h.handedness, gesture: h.gesture, gestureScore: h.gestureScore })),
    latency: live.latency.summary(),
    framesProcessed: live.framesProcessed,
    frameErrors: live.frameErrors,
    lastFrameError: live.lastFrameError,
    detection: live.detection && { handsTracked: live.detection.handsTracked, searchesPerSecond: live.detection.searchesPerSecond },
  };
}

function startPublishing(): void {
  stopPublishing();
  publishTimer = setInterval(() => handcastStore.getState().publishLive(summary()), PUBLISH_INTERVAL_MS);
}

function stopPublishing(): void {
  if (publishTimer) clearInterval(publishTimer);
  publishTimer = null;
}
