// The live session: camera → recognizer worker → overlay and throttled store summaries. Store actions call it; React does not own it.
import { parseGestureModelText } from '../core/model/gesture-model';
import { LatencyWindow } from '../core/stats/latency';
import { RecognizerClient, type FrameResult } from '../recognizer/client';
import { DEFAULT_GESTURE_MODEL_URL } from '../recognizer/load-classifier';
import type { RecognizedHand, RecognizerSettings } from '../recognizer/protocol';
import { probeWasmSupport } from '../platform/wasm-features';
import { drawHands } from '../render/hand-overlay';
import { handcastStore } from '../store';
import { CameraError, RESOLUTIONS, listCameras, openCamera, stopCamera } from '../vision/camera';

const PUBLISH_INTERVAL_MS = 250;

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
  latency: new LatencyWindow(120),
};

let surfaces: Surfaces | null = null;
let stream: MediaStream | null = null;
let client: RecognizerClient | null = null;
let recognizerLoad: { key: string; promise: Promise<boolean> } | null = null;
let loopHandle: { cancel(): void } | null = null;
let publishTimer: ReturnType<typeof setInterval> | null = null;
let lastTimestamp = 0;
/** A model file the user loaded, validated before use; null runs the bundled model. */
let customModel: { name: string; json: unknown; generation: number } | null = null;
let modelGeneration = 0;

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
    gestureModelUrl: DEFAULT_GESTURE_MODEL_URL,
    gestureModelJson: customModel?.json,
    classifierEngine: settings.classifierEngine,
  };
}

/**
 * Loads (or reloads, when the model or delegate changed) the recognizer; resolves false if it failed.
 * Concurrent callers share one load; a failed load is retried by the next call.
 */
export function ensureRecognizer(): Promise<boolean> {
  const settings = recognizerSettings();
  const key = `${settings.landmarkerModel}/${settings.preferGpu}/${settings.classifierEngine}/${customModel?.generation ?? 0}`;
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
      if (info.engineNote) handcastStore.getState().notify({ kind: 'warning', text: `${ENGINE_NOTE_PREFIX} ${info.engineNote}` });
      return true;
    },
    (error: unknown) => {
      if (client !== mine) return false; // superseded by a newer load: not an error to show
      mine.terminate();
      client = null;
      recognizerLoad = null;
      handcastStore.getState().setRecognizer('error', null);
      handcastStore.getState().notify({ kind: 'error', text: `${LOAD_FAILED_PREFIX} ${error instanceof Error ? error.message : String(error)}` });
      return false;
    },
  );
  recognizerLoad = { key, promise };
  return promise;
}
const LOAD_FAILED_PREFIX = 'Recognition is unavailable.';
const ENGINE_NOTE_PREFIX = 'Classifier:';

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
  store.clearNotices();
  store.setCameraStatus('starting');
  const recognizerReady = ensureRecognizer();
  try {
    const { settings } = handcastStore.getState();
    stream = await openCamera({ deviceId: settings.deviceId || undefined, resolution: RESOLUTIONS[settings.resolutionIndex], onEnded: onTrackEnded });
    const { video } = surfaces;
    video.srcObject = stream;
    video.muted = true;
    video.playsInline = true;
    await video.play();
  } catch (error) {
    stopCamera(stream);
    stream = null;
    const cameraError = error instanceof CameraError ? error : new CameraError('unknown', `The camera could not start: ${String(error)}`);
    handcastStore.getState().setCameraStatus('error');
    handcastStore.getState().notify({ kind: 'error', text: cameraError.message });
    return;
  }
  handcastStore.getState().setCameraStatus('running');
  void refreshCameras();
  startPublishing();
  if (await recognizerReady) startLoop();
}

export function stopSession(): void {
  loopHandle?.cancel();
  loopHandle = null;
  stopCamera(stream);
  stream = null;
  if (surfaces) {
    surfaces.video.srcObject = null;
    surfaces.canvas.getContext('2d')?.clearRect(0, 0, surfaces.canvas.width, surfaces.canvas.height);
  }
  live.hands = [];
  stopPublishing();
  handcastStore.getState().setCameraStatus('idle');
  handcastStore.getState().publishLive({ ...summary(), hands: [] });
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
 * Loads a gesture model file chosen by the user. It is validated here first: a malformed or truncated file gets a
 * message naming what is wrong and the model in use stays; a file that passes but fails to load also falls back.
 */
export async function loadGestureModelFile(file: Blob & { name: string }): Promise<void> {
  const store = handcastStore.getState();
  const keepCurrent = 'The model in use stays.';
  let text: string;
  try {
    text = await file.text();
    parseGestureModelText(text);
  } catch (error) {
    store.notify({ kind: 'error', text: `The model file ${file.name} was not loaded: ${(error as Error).message}. ${keepCurrent}` });
    return;
  }
  const previous = customModel;
  customModel = { name: file.name, json: JSON.parse(text), generation: ++modelGeneration };
  store.dismissNotice('The model file');
  if (await reloadRecognizer()) {
    store.setModelName(file.name);
    return;
  }
  customModel = previous;
  await reloadRecognizer();
  store.notify({ kind: 'error', text: `The model file ${file.name} could not run. ${keepCurrent}` });
}

/** Goes back to the model that ships with Handcast. */
export async function switchToBundledGestureModel(): Promise<void> {
  if (!customModel) return;
  customModel = null;
  handcastStore.getState().setModelName(null);
  await reloadRecognizer();
}

export function setFlipHandedness(flip: boolean): void {
  handcastStore.getState().updateSettings({ flipHandedness: flip });
  client?.setFlipHandedness(flip);
}

function onTrackEnded(): void {
  if (handcastStore.getState().cameraStatus !== 'running') return;
  stopSession();
  handcastStore.getState().setCameraStatus('error');
  handcastStore.getState().notify({
    kind: 'error',
    text: 'The camera stopped: it was unplugged or another app took it. Reconnect it (or pick another camera), then press Start.',
  });
  void refreshCameras();
}

function startLoop(): void {
  loopHandle?.cancel();
  const video = surfaces?.video;
  if (!video) return;
  let cancelled = false;
  const onFrame = () => {
    if (cancelled) return;
    submitFrame(video);
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

function submitFrame(video: HTMLVideoElement): void {
  if (!client || client.busy || video.readyState < 2 || video.videoWidth === 0) return;
  const timestamp = Math.max(performance.now(), lastTimestamp + 1);
  lastTimestamp = timestamp;
  const current = client;
  createImageBitmap(video).then(
    (bitmap) => {
      if (current !== client) bitmap.close();
      else current.submit(bitmap, timestamp);
    },
    (error: unknown) => onFrameError(`A camera frame could not be read: ${String(error)}`),
  );
}

function onResult(result: FrameResult): void {
  live.framesProcessed += 1;
  live.hands = result.hands;
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
