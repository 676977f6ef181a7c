// The webcam: list devices, open one at a chosen resolution, and turn every failure into a message a person can act on.

export interface CameraDevice {
  readonly deviceId: string;
  readonly label: string;
}

export interface Resolution {
  readonly width: number;
  readonly height: number;
}

export const RESOLUTIONS: readonly Resolution[] = [
  { width: 640, height: 480 },
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
];

/** What went wrong with the camera, and what the user can do about it. */
export class CameraError extends Error {
  constructor(
    readonly kind: 'unsupported' | 'denied' | 'not-found' | 'busy' | 'overconstrained' | 'ended' | 'unknown',
    message: string,
  ) {
    super(message);
    this.name = 'CameraError';
  }
}

/** What to do when another program holds the webcam; the README section it names has the steps. */
export const CAMERA_BUSY_MESSAGE =
  'The camera is busy: another program holds it (on Windows a webcam works in one program at a time, usually OBS). ' +
  'Close that program, or start OBS’s Virtual Camera with its output set to your webcam source (not Program) and pick ' +
  '“OBS Virtual Camera” in the Camera list, then press Start (see README: Use it on stream › The webcam OBS already owns).';

/** Maps a getUserMedia rejection to a CameraError with a plain-language message. */
export function describeCameraFailure(error: unknown): CameraError {
  if (error instanceof CameraError) return error;
  const name = error instanceof Error || (typeof DOMException !== 'undefined' && error instanceof DOMException) ? (error as Error).name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return new CameraError('denied', 'Camera permission was denied. Allow the camera for this page in the browser’s site settings, then press Start.');
    case 'NotFoundError':
    case 'DevicesNotFoundError':
      return new CameraError('not-found', 'No camera was found. Plug one in (or pick another device), then press Start.');
    // The device exists but would not start: on Windows almost always because another program (usually OBS)
    // holds the webcam, which a USB camera gives to one program at a time. Chrome says NotReadableError ("Could not
    // start video source"), old Chrome TrackStartError, Firefox AbortError.
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return new CameraError('busy', CAMERA_BUSY_MESSAGE);
    case 'OverconstrainedError':
      return new CameraError('overconstrained', 'The camera cannot deliver the chosen resolution. Pick a smaller resolution, then press Start.');
    default:
      return new CameraError('unknown', `The camera could not start: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export async function listCameras(): Promise<CameraDevice[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return [];
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices
    .filter((d) => d.kind === 'videoinput')
    .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `Camera ${i + 1}` }));
}

/** Opens the camera; rejects with a CameraError. `onEnded` fires if the device goes away mid-stream. */
export async function openCamera(options: { deviceId?: string; resolution: Resolution; onEnded: () => void }): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) {
    throw new CameraError('unsupported', 'This browser cannot use a camera here. Open the page over http://localhost or https in a current Chrome, Edge or Firefox.');
  }
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: {
        deviceId: options.deviceId ? { exact: options.deviceId } : undefined,
        width: { ideal: options.resolution.width },
        height: { ideal: options.resolution.height },
      },
    });
  } catch (error) {
    throw describeCameraFailure(error);
  }
  for (const track of stream.getVideoTracks()) track.addEventListener('ended', options.onEnded, { once: true });
  return stream;
}

/** The device an open stream reads: its video track's device id and label (empty strings when the browser hides them). */
export function activeCameraOf(stream: MediaStream): CameraDevice | null {
  const track = stream.getVideoTracks()[0];
  if (!track) return null;
  return { deviceId: track.getSettings().deviceId ?? '', label: track.label };
}

export function stopCamera(stream: MediaStream | null): void {
  stream?.getTracks().forEach((t) => t.stop());
}
