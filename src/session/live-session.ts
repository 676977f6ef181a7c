// The page's one recognition session, made with the browser's camera, worker, clock and visibility; the recorder and the stream subscribe to it here, and components call the functions below.
import { landmarkerInputSize } from '../core/tracking/landmarker-input-size';
import { probeWasmSupport } from '../platform/wasm-features';
import { RecognizerClient } from '../recognizer/client';
import { drawHands } from '../render/hand-overlay';
import { handcastStore } from '../store';
import { obsSourceNameOf } from '../core/camera/obs-source-camera';
import { activeCameraOf, listCameras, openCamera, stopCamera } from '../vision/camera';
import { describeObsSourceCamera, listObsSourceCameras, openObsSourceCamera, stopObsSourceCamera } from './obs-camera';
import { createRecognitionSession } from './recognition-session';
import type { CameraPort, Surfaces } from './session-ports';
import { offerHandsToRecorder } from './recording-session';
import { fireGestureEvent, obsConnection } from './stream-session';

/** When the camera captured the frame on show (performance.now()'s clock), as far as the browser says. */
function capturedAt(metadata: VideoFrameCallbackMetadata | undefined): number {
  return metadata?.captureTime ?? metadata?.receiveTime ?? metadata?.presentationTime ?? performance.now();
}

/** The browser's cameras, and OBS's sources as cameras ("from OBS: <source>") while OBS is connected. */
const browserCamera: CameraPort = {
  async list() {
    const [cameras, fromObs] = await Promise.all([listCameras(), listObsSourceCameras(obsConnection())]);
    return [...cameras, ...fromObs];
  },
  open(options) {
    const sourceName = obsSourceNameOf(options.deviceId);
    return sourceName === null ? openCamera(options) : openObsSourceCamera(sourceName, options.onEnded);
  },
  stop(stream) {
    if (!stopObsSourceCamera(stream)) stopCamera(stream);
  },
  describe: (stream) => describeObsSourceCamera(stream) ?? activeCameraOf(stream),
  async show(video, stream) {
    video.srcObject = stream;
    video.muted = true;
    video.playsInline = true;
    await video.play();
  },
  clear(video) {
    video.srcObject = null;
  },
  frameReady: (video) => video.readyState >= 2 && video.videoWidth > 0,
  nextFrame(video, callback) {
    if ('requestVideoFrameCallback' in video) video.requestVideoFrameCallback((_now, metadata) => callback(capturedAt(metadata)));
    else requestAnimationFrame(() => callback(capturedAt(undefined)));
  },
  grab(video) {
    const size = landmarkerInputSize({ width: video.videoWidth, height: video.videoHeight });
    if (size.width === video.videoWidth && size.height === video.videoHeight) return createImageBitmap(video);
    return createImageBitmap(video, { resizeWidth: size.width, resizeHeight: size.height, resizeQuality: 'high' });
  },
  onDeviceChange(listener) {
    navigator.mediaDevices?.addEventListener?.('devicechange', listener);
    return () => navigator.mediaDevices?.removeEventListener?.('devicechange', listener);
  },
};

export const liveSession = createRecognitionSession({
  camera: browserCamera,
  createRecognizer: (events) => new RecognizerClient(events, probeWasmSupport().simd128 ? 'worker' : 'page'),
  store: handcastStore,
  clock: {
    now: () => performance.now(),
    setInterval: (callback, ms) => setInterval(callback, ms),
    clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  },
  visibility: {
    hidden: () => typeof document !== 'undefined' && document.visibilityState === 'hidden',
    onChange(listener) {
      if (typeof document === 'undefined') return () => undefined;
      document.addEventListener('visibilitychange', listener);
      return () => document.removeEventListener('visibilitychange', listener);
    },
  },
  drawHands(canvas, hands, width, height, mirrored) {
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    const context = canvas.getContext('2d');
    if (context) drawHands(context, hands, mirrored);
  },
  clearOverlay: (canvas) => canvas.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height),
  // Test override, documented in docs/faults.md: try the GPU delegate even without hardware WebGL.
  assumeHardwareWebGl: new URLSearchParams(globalThis.location?.search).has('assume-hardware-gpu'),
});

liveSession.onHands(offerHandsToRecorder);
// OBS's sources join the camera list when OBS connects, and leave it when it goes.
handcastStore.subscribe((state, previous) => {
  if ((state.obsStatus.state === 'connected') !== (previous.obsStatus.state === 'connected')) void liveSession.refreshCameras();
});
liveSession.onGestureEvent(fireGestureEvent);

// The session's actions as plain functions, so components and other session modules stay one import away.
export const attachSurfaces = (surfaces: Surfaces | null) => liveSession.attachSurfaces(surfaces);
export const liveFrameState = () => liveSession.live;
export const ensureRecognizer = () => liveSession.ensureRecognizer();
export const refreshCameras = () => liveSession.refreshCameras();
export const startSession = () => liveSession.start();
export const stopSession = () => liveSession.stop();
export const reloadRecognizer = () => liveSession.reloadRecognizer();
export const swapClassifier: typeof liveSession.swapClassifier = (model) => liveSession.swapClassifier(model);
export const applyClassifierEngine = () => liveSession.applyClassifierEngine();
export const switchToBundledGestureModel = () => liveSession.switchToBundledGestureModel();
export const feedLandmarks: typeof liveSession.feedLandmarks = (hands, width, height) => liveSession.feedLandmarks(hands, width, height);
export const stopLandmarkFeed = () => liveSession.stopLandmarkFeed();
export const setPowerMode: typeof liveSession.setPowerMode = (mode) => liveSession.setPowerMode(mode);
export const setDetectionSchedule: typeof liveSession.setDetectionSchedule = (schedule) => liveSession.setDetectionSchedule(schedule);
export const setFlipHandedness = (flip: boolean) => liveSession.setFlipHandedness(flip);
export const injectLandmarkerFaults = (everyNth: number) => liveSession.injectLandmarkerFaults(everyNth);
