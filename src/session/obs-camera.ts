// The camera choice "from OBS: <source>": screenshots of an OBS source drawn into a canvas whose captured stream the
// session reads like any webcam's. For the streamer whose webcam OBS already holds (README: The webcam OBS already owns).
import { ObsClient, type ObsConnectionStatus } from '../actions/obs/obs-client';
import {
  ScreenshotPump, cameraInputsFirst, obsSourceCameraLabel, obsSourceDeviceId, readInputList,
} from '../core/camera/obs-source-camera';
import { LANDMARKER_MAX_SIDE } from '../core/tracking/landmarker-input-size';
import { handcastStore } from '../store';
import { CameraError, type CameraDevice } from '../vision/camera';
import { readObsPassword } from './obs-password';

/** Notice id for why frames from OBS stopped (the session's own "camera stopped" notice says what happens next). */
export const OBS_CAMERA_NOTICE = 'obs-camera-ended';

/** How long connecting to OBS for frames may take before Start gives up. */
const CONNECT_TIMEOUT_MS = 5_000;

interface OpenObsCamera {
  readonly sourceName: string;
  readonly client: ObsClient;
  readonly pump: ScreenshotPump<ImageBitmap>;
}

/** Streams made here, so stop() and describe() know them (a canvas track has no device id or label of its own). */
const openCameras = new WeakMap<MediaStream, OpenObsCamera>();

/** A client of its own: screenshots never queue ahead of the action connection's requests. */
function connect(): Promise<ObsClient> {
  const { obsUrl } = handcastStore.getState().stream;
  const client = new ObsClient({ url: obsUrl, password: readObsPassword(), reconnect: false, requestTimeoutMs: 2_000 });
  return new Promise((resolve, reject) => {
    const fail = (status: ObsConnectionStatus | null) => {
      unsubscribe();
      clearTimeout(timer);
      client.disconnect();
      reject(new CameraError('not-found', `Handcast could not reach OBS at ${obsUrl} for the camera picture: ${status?.message ?? 'no answer'} ` +
        'Connect OBS under "On stream" (Tools → WebSocket Server Settings in OBS), then press Start.'));
    };
    const timer = setTimeout(() => fail(null), CONNECT_TIMEOUT_MS);
    const unsubscribe = client.onStatus((status) => {
      if (status.state === 'connected') {
        unsubscribe();
        clearTimeout(timer);
        resolve(client);
      } else if (status.state === 'auth-failed' || status.state === 'unreachable' || status.state === 'disconnected') {
        fail(status);
      }
    });
    client.connect();
  });
}

function decodeJpeg(base64: string): Promise<ImageBitmap> {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }));
}

/** Opens OBS source `sourceName` as a camera: resolves with a stream once its first picture is on show. */
export async function openObsSourceCamera(sourceName: string, onEnded: () => void): Promise<MediaStream> {
  const client = await connect();
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d');
  const stream = canvas.captureStream(0);
  const track = stream.getVideoTracks()[0] as CanvasCaptureMediaStreamTrack | undefined;
  if (!context || !track) {
    client.disconnect();
    throw new CameraError('unsupported', 'This browser cannot turn pictures from OBS into a camera (no canvas capture). Use a current Chrome or Edge.');
  }
  const pump = new ScreenshotPump<ImageBitmap>({
    request: (requestType, requestData) => client.request(requestType, requestData),
    sourceName,
    maxSide: LANDMARKER_MAX_SIDE,
    decode: decodeJpeg,
    present(bitmap) {
      if (canvas.width !== bitmap.width || canvas.height !== bitmap.height) {
        canvas.width = bitmap.width;
        canvas.height = bitmap.height;
      }
      context.drawImage(bitmap, 0, 0);
      bitmap.close();
      track.requestFrame();
    },
    close: (bitmap) => bitmap.close(),
    onEnd(end) {
      client.disconnect();
      handcastStore.getState().notify({ id: OBS_CAMERA_NOTICE, kind: 'error', text: end.message, aboutCameraRun: true });
      onEnded();
    },
  });
  try {
    await pump.start();
  } catch (error) {
    client.disconnect();
    throw new CameraError('not-found', error instanceof Error ? error.message : String(error));
  }
  openCameras.set(stream, { sourceName, client, pump });
  return stream;
}

/** Stops a stream made by openObsSourceCamera (its pump and connection); false for any other stream. */
export function stopObsSourceCamera(stream: MediaStream | null): boolean {
  const open = stream ? openCameras.get(stream) : undefined;
  if (!stream || !open) return false;
  open.pump.stop();
  open.client.disconnect();
  stream.getTracks().forEach((t) => t.stop());
  openCameras.delete(stream);
  return true;
}

/** The camera-list entry of a stream made by openObsSourceCamera, or null for any other stream. */
export function describeObsSourceCamera(stream: MediaStream): CameraDevice | null {
  const open = openCameras.get(stream);
  return open ? { deviceId: obsSourceDeviceId(open.sourceName), label: obsSourceCameraLabel(open.sourceName) } : null;
}

/** OBS's inputs as camera-list entries (cameras first), through the connected action client; none without OBS. */
export async function listObsSourceCameras(obs: Pick<ObsClient, 'connected' | 'request'> | null): Promise<CameraDevice[]> {
  if (!obs?.connected) return [];
  const answer = await obs.request('GetInputList');
  if (!answer.ok) return [];
  return cameraInputsFirst(readInputList(answer.responseData))
    .map((input) => ({ deviceId: obsSourceDeviceId(input.inputName), label: obsSourceCameraLabel(input.inputName) }));
}
