// A camera read from OBS: frames are screenshots of one OBS source (obs-websocket's GetSourceScreenshot, JPEG), asked
// for in a loop. For the streamer whose webcam OBS already holds; `npm run obs:frames` measured 76–80 screenshots/s
// here (README: Use it on stream › The webcam OBS already owns). Pure: the request, the JPEG decoder and the screen
// are given, so node tests drive it with fakes.

/** A camera-list entry for an OBS source carries this prefix before the source's name. */
const OBS_SOURCE_DEVICE_PREFIX = 'obs-source:';

/** The camera-list device id for OBS source `sourceName`. */
export function obsSourceDeviceId(sourceName: string): string {
  return OBS_SOURCE_DEVICE_PREFIX + sourceName;
}

/** The OBS source a camera-list device id names, or null for a real camera. */
export function obsSourceNameOf(deviceId: string | undefined): string | null {
  return deviceId?.startsWith(OBS_SOURCE_DEVICE_PREFIX) ? deviceId.slice(OBS_SOURCE_DEVICE_PREFIX.length) : null;
}

/** How the camera list shows an OBS source. */
export function obsSourceCameraLabel(sourceName: string): string {
  return `from OBS: ${sourceName}`;
}

/**
 * OBS input kinds that are cameras: DirectShow (Windows), V4L2 (Linux), AVFoundation (macOS, old and new ids), and
 * the NDI and Elgato capture plugins streamers use for a second camera.
 */
const CAMERA_INPUT_KINDS: ReadonlySet<string> = new Set([
  'dshow_input', 'v4l2_input', 'av_capture_input', 'av_capture_input_v2', 'macos-avcapture', 'macos-avcapture-fast',
  'ndi_source', 'elgato_capture_card',
]);

export interface ObsInput {
  readonly inputName: string;
  readonly inputKind: string;
}

export function isCameraInputKind(inputKind: string): boolean {
  return CAMERA_INPUT_KINDS.has(inputKind);
}

/** OBS's inputs (GetInputList) with cameras first, each group in OBS's order; anything may be a camera stand-in. */
export function cameraInputsFirst(inputs: readonly ObsInput[]): ObsInput[] {
  return [...inputs.filter((i) => isCameraInputKind(i.inputKind)), ...inputs.filter((i) => !isCameraInputKind(i.inputKind))];
}

/** Reads GetInputList's answer; entries that are not {inputName, inputKind} strings are skipped. */
export function readInputList(responseData: Readonly<Record<string, unknown>>): ObsInput[] {
  const inputs = Array.isArray(responseData.inputs) ? responseData.inputs : [];
  return inputs.flatMap((entry): ObsInput[] => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { inputName, inputKind } = entry as Record<string, unknown>;
    return typeof inputName === 'string' && typeof inputKind === 'string' ? [{ inputName, inputKind }] : [];
  });
}

/** An obs-websocket request as ObsClient answers it (structurally), so core does not import the client. */
export type ScreenshotRequester = (
  requestType: 'GetSourceScreenshot', requestData: Readonly<Record<string, unknown>>,
) => Promise<
  | { readonly ok: true; readonly responseData: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly reason: string; readonly message: string; readonly code?: number }
>;

/** obs-websocket's status for a source name that names nothing (RequestStatus::ResourceNotFound). */
const RESOURCE_NOT_FOUND = 600;

/** Why frames stopped: the source is gone, or OBS is. */
export interface ScreenshotPumpEnd {
  readonly kind: 'source-missing' | 'obs-lost' | 'bad-image';
  readonly message: string;
}

export interface ScreenshotPumpOptions<Frame> {
  readonly request: ScreenshotRequester;
  readonly sourceName: string;
  /** The longest side the screenshot is scaled to (OBS keeps the aspect ratio: "scale to inner"). */
  readonly maxSide: number;
  /** Turns the base64 JPEG (without its data: prefix) into a frame; rejects on a broken image. */
  decode(base64Jpeg: string): Promise<Frame>;
  /** Shows a frame (draws it where the camera's video reads it); the pump closes frames it does not show. */
  present(frame: Frame): void;
  close(frame: Frame): void;
  /** Called once when frames stop for a reason other than stop(). */
  onEnd(end: ScreenshotPumpEnd): void;
  /**
   * Requests kept outstanding. One gets nearly every frame OBS renders (npm run obs:frames: 27.6–28.4 new frames/s
   * of 30, p50 4.8 ms); a second returns more copies of the same frame, later (p50 21 ms).
   */
  readonly inFlight?: number;
  /** JPEG quality OBS compresses at (0–100). */
  readonly quality?: number;
  /**
   * Requests start at most this often, all loops together: a camera gives 30 frames/s, and OBS answers faster
   * than it renders (npm run obs:frames: 78 screenshots/s, 28 of them new), so more would be the same picture again.
   */
  readonly minRequestIntervalMs?: number;
}

const CAMERA_FRAME_INTERVAL_MS = 1000 / 30;

/** Consecutive failed screenshots (timeouts, broken images) before the pump gives up on the source. */
const MAX_CONSECUTIVE_FAILURES = 10;

/**
 * Keeps `inFlight` screenshot requests outstanding, at most one started per camera frame interval, and shows each
 * answer unless a newer one is already on show (with two in flight, answers can overtake each other in the
 * decoder), so no stale frame is ever shown.
 */
export class ScreenshotPump<Frame> {
  private running = false;
  private nextSequence = 0;
  private shownSequence = -1;
  private consecutiveFailures = 0;
  private framesShown = 0;
  private nextRequestAtMs = 0;

  constructor(private readonly options: ScreenshotPumpOptions<Frame>) {}

  /** Asks for the first screenshot and resolves when it is on show; rejects (with the end's message) if there is none to show. */
  async start(): Promise<void> {
    this.running = true;
    const first = await this.fetchOne();
    if ('kind' in first) {
      this.running = false;
      throw new Error(first.message);
    }
    this.show(first.sequence, first.frame);
    for (let i = 0; i < (this.options.inFlight ?? 1); i++) void this.loop();
  }

  stop(): void {
    this.running = false;
  }

  get shown(): number {
    return this.framesShown;
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const answer = await this.fetchOne();
      if (!this.running) {
        if (!('kind' in answer)) this.options.close(answer.frame);
        return;
      }
      if ('kind' in answer) {
        if (answer.kind !== 'bad-image' || ++this.consecutiveFailures >= MAX_CONSECUTIVE_FAILURES) this.end(answer);
        continue;
      }
      this.consecutiveFailures = 0;
      this.show(answer.sequence, answer.frame);
    }
  }

  private show(sequence: number, frame: Frame): void {
    if (sequence < this.shownSequence) {
      this.options.close(frame);
      return;
    }
    this.shownSequence = sequence;
    this.framesShown += 1;
    this.options.present(frame);
  }

  private end(end: ScreenshotPumpEnd): void {
    if (!this.running) return;
    this.running = false;
    this.options.onEnd(end);
  }

  /** A wait for this request's turn, so requests start no more often than minRequestIntervalMs; null to go at once. */
  private turn(): Promise<void> | null {
    const interval = this.options.minRequestIntervalMs ?? CAMERA_FRAME_INTERVAL_MS;
    if (interval <= 0) return null;
    const now = performance.now();
    const at = Math.max(now, this.nextRequestAtMs);
    this.nextRequestAtMs = at + interval;
    return at > now ? new Promise((resolve) => setTimeout(resolve, at - now)) : null;
  }

  private async fetchOne(): Promise<{ sequence: number; frame: Frame } | ScreenshotPumpEnd> {
    const turn = this.turn();
    if (turn) await turn;
    const sequence = this.nextSequence++;
    const { sourceName, maxSide } = this.options;
    const answer = await this.options.request('GetSourceScreenshot', {
      sourceName, imageFormat: 'jpeg', imageWidth: maxSide, imageHeight: maxSide, imageCompressionQuality: this.options.quality ?? 80,
    });
    if (!answer.ok) {
      if (answer.reason === 'obs-error' && answer.code === RESOURCE_NOT_FOUND) {
        return { kind: 'source-missing', message: `OBS has no source named “${sourceName}” (was it renamed or removed?). Pick another camera, then press Start.` };
      }
      if (answer.reason === 'timeout' || answer.reason === 'obs-error') return { kind: 'bad-image', message: `OBS did not send a picture of “${sourceName}”: ${answer.message}` };
      return { kind: 'obs-lost', message: `The connection to OBS was lost, so “${sourceName}” stopped: ${answer.message}` };
    }
    const imageData = answer.responseData.imageData;
    const base64 = typeof imageData === 'string' ? /^data:image\/jpe?g;base64,(.*)$/s.exec(imageData)?.[1] : undefined;
    if (!base64) return { kind: 'bad-image', message: `OBS sent something that is not a JPEG for “${sourceName}”.` };
    try {
      return { sequence, frame: await this.options.decode(base64) };
    } catch (error) {
      return { kind: 'bad-image', message: `A picture of “${sourceName}” from OBS could not be read: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
}
