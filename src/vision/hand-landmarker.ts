// The MediaPipe hand landmarker (the only importer of @mediapipe/tasks-vision), served from this app: no CDN, no download.
import { FilesetResolver, HandLandmarker } from '@mediapipe/tasks-vision';
import type { Handedness } from '../core/labels';
import type { Landmark } from '../core/landmarks/types';
import { appUrl } from '../util/app-url';

export type LandmarkerModel = 'full' | 'lite';
export type Delegate = 'GPU' | 'CPU';
export type RunningMode = 'VIDEO' | 'IMAGE';

export interface DetectedHand {
  readonly landmarks: Landmark[];
  /** The person's hand, after applying the handedness convention below and the user's flip setting. */
  readonly handedness: Handedness;
  readonly handednessScore: number;
}

export interface HandLandmarkerHandle {
  readonly model: LandmarkerModel;
  readonly delegate: Delegate;
  readonly runningMode: RunningMode;
  /** Why the delegate is not the one asked for (the GPU failed and the CPU took over); null when it is. */
  readonly delegateNote: string | null;
  /** Detects hands; in VIDEO mode timestamps must increase, in IMAGE mode the timestamp is ignored. */
  detect(frame: ImageBitmap | ImageData | HTMLVideoElement | HTMLImageElement | OffscreenCanvas, timestampMs: number): DetectedHand[];
  close(): void;
}

export const MODEL_URLS: Record<LandmarkerModel, string> = {
  full: appUrl('models/hand_landmarker.task'),
  lite: appUrl('models/hand_landmarker_lite.task'),
};
export const WASM_BASE_URL = appUrl('mediapipe-wasm');

/**
 * Handedness convention, verified with tasks-vision 1.1.0 on unmirrored photos (tests/e2e/recognize-cli.test.ts):
 * HaGRID's palm.jpg (palm to the camera, thumb on the image's left: a left hand) comes out "Left", and
 * stop_inverted.jpg (back of the hand, thumb on the image's left: a right hand) comes out "Right". So on a raw
 * camera frame (we never mirror the pixels, only the display) MediaPipe's label is the person's own hand, unlike
 * the older Hands solution, which assumed a mirrored selfie image. `flipHandedness` lets a user whose camera
 * already mirrors its frames (some virtual cameras do) swap it back.
 */
export function personHandedness(mediapipeLabel: string, flipHandedness: boolean): Handedness {
  const person: Handedness = mediapipeLabel === 'Right' ? 'Right' : 'Left';
  if (!flipHandedness) return person;
  return person === 'Left' ? 'Right' : 'Left';
}

/**
 * Whether WebGL2 runs on a real GPU. A software rasteriser (SwiftShader, llvmpipe) makes MediaPipe's GPU delegate
 * far slower than its CPU path (the figure is in README.md, "Hand model"), so it counts as no GPU.
 */
export function hasHardwareWebGl(): boolean {
  try {
    const canvas = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(1, 1) : document.createElement('canvas');
    const gl = canvas.getContext('webgl2') as WebGL2RenderingContext | null;
    if (!gl) return false;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return !/swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer);
  } catch {
    return false;
  }
}

async function fetchModel(url: string): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new Error(`The hand model ${url} could not be fetched (${String(error)}). Is the Handcast server still running?`);
  }
  if (!response.ok) {
    throw new Error(`The hand model ${url} is missing (HTTP ${response.status}). Run "npm install" (it builds public/models/*.task), then reload.`);
  }
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * Creates the landmarker, trying the GPU delegate first where asked and falling back to the CPU.
 * `useModuleLoader` must be true inside a module worker (no importScripts there).
 */
export async function createHandLandmarker(options: {
  model: LandmarkerModel;
  preferGpu: boolean;
  numHands: number;
  runningMode: RunningMode;
  useModuleLoader: boolean;
  flipHandedness: () => boolean;
  modelUrl?: string;
  /**
   * Test override, off unless asked: try the GPU delegate even where hasHardwareWebGl() says there is no GPU, so a
   * browser test under --disable-gpu can prove the fallback to the CPU (tests/e2e/faults.test.ts).
   */
  assumeHardwareWebGl?: boolean;
  /** Test hook, inert unless set: detect() throws at the rate these faults are set to (see LandmarkerFaults). */
  faults?: LandmarkerFaults;
}): Promise<HandLandmarkerHandle> {
  if (typeof WebAssembly !== 'object') {
    throw new Error('This browser has no WebAssembly. Handcast needs a current Chrome, Edge or Firefox.');
  }
  const fileset = await FilesetResolver.forVisionTasks(WASM_BASE_URL, options.useModuleLoader);
  const modelBytes = await fetchModel(options.modelUrl ?? MODEL_URLS[options.model]);
  const tryGpu = options.preferGpu && (options.assumeHardwareWebGl === true || hasHardwareWebGl());
  const delegates: Delegate[] = tryGpu ? ['GPU', 'CPU'] : ['CPU'];
  let lastError: unknown;
  let gpuError: unknown = null;
  for (const delegate of delegates) {
    try {
      const landmarker = await HandLandmarker.createFromOptions(filesetForNextLoad(fileset), {
        baseOptions: { modelAssetBuffer: modelBytes.slice(), delegate },
        runningMode: options.runningMode,
        numHands: options.numHands,
        minHandDetectionConfidence: 0.5,
        minHandPresenceConfidence: 0.5,
        minTrackingConfidence: 0.5,
      });
      const note = gpuError === null ? null
        : `The GPU could not run the hand landmarker (${gpuFailureInBrief(gpuError)}), so it runs on the CPU, which is slower. ` +
          'Update the graphics driver or enable hardware acceleration in the browser settings, then reload.';
      const handle = wrap(landmarker, options.model, delegate, options.runningMode, options.flipHandedness, note);
      return options.faults ? withFaults(handle, options.faults) : handle;
    } catch (error) {
      lastError = error;
      if (delegate === 'GPU') gpuError = error;
    }
  }
  throw new Error(`The hand model could not be loaded: ${messageOf(lastError)}. ` +
    'The file may be corrupt: run "npm run prepare-assets" to rebuild it, then reload.');
}

type WasmFileset = Parameters<typeof HandLandmarker.createFromOptions>[0];

let loaderEvaluations = 0;

/**
 * MediaPipe defines its module factory by running its loader script and clears it after each use. In a module
 * worker it runs the loader with import(), which evaluates a URL only once, so a second landmarker in the same
 * worker (the CPU retry after the GPU failed) would find no factory ("ModuleFactory not set"). A fragment of its
 * own makes each load a distinct module, evaluated afresh, from the same cached file.
 */
function filesetForNextLoad(fileset: WasmFileset): WasmFileset {
  loaderEvaluations += 1;
  return loaderEvaluations === 1 ? fileset : { ...fileset, wasmLoaderPath: `${fileset.wasmLoaderPath}#load-${loaderEvaluations}` };
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** MediaPipe's GPU errors run to a dozen lines of graph node names; a person needs the gist. */
function gpuFailureInBrief(error: unknown): string {
  const message = messageOf(error);
  if (/webgl_create_context|webgl/i.test(message)) return 'WebGL could not be started';
  const firstLine = message.split('\n')[0].trim();
  return firstLine.length > 140 ? `${firstLine.slice(0, 139)}…` : firstLine;
}

function wrap(
  landmarker: HandLandmarker, model: LandmarkerModel, delegate: Delegate, runningMode: RunningMode, flip: () => boolean, delegateNote: string | null,
): HandLandmarkerHandle {
  const toHands = (result: ReturnType<HandLandmarker['detect']>): DetectedHand[] =>
    result.landmarks.map((points, i) => {
      const category = result.handedness[i]?.[0];
      return {
        landmarks: points.map((p) => ({ x: p.x, y: p.y, z: p.z })),
        handedness: personHandedness(category?.categoryName ?? 'Left', flip()),
        handednessScore: category?.score ?? 0,
      };
    });
  return {
    model,
    delegate,
    runningMode,
    delegateNote,
    detect(frame, timestampMs) {
      return toHands(runningMode === 'VIDEO' ? landmarker.detectForVideo(frame, timestampMs) : landmarker.detect(frame));
    },
    close() {
      landmarker.close();
    },
  };
}

/**
 * Test hook: from `inject(n)` on, every n-th detect() call among the landmarkers sharing this object throws (0 stops
 * it), so a browser test can prove that failing frames are counted and shown while the loop goes on. Nothing sets
 * it unless a test asks (window.handcast.injectLandmarkerFaults).
 */
export class LandmarkerFaults {
  private everyNth = 0;
  private callsSinceSet = 0;

  inject(everyNth: number): void {
    this.everyNth = Math.max(0, Math.floor(everyNth));
    this.callsSinceSet = 0;
  }

  /** Counts one detect() call; throws when it is one of the injected faults. */
  check(): void {
    this.callsSinceSet += 1;
    if (this.everyNth > 0 && this.callsSinceSet % this.everyNth === 0) {
      throw new Error(`injected landmarker fault (test hook, every ${this.everyNth} frames)`);
    }
  }
}

function withFaults(handle: HandLandmarkerHandle, faults: LandmarkerFaults): HandLandmarkerHandle {
  return {
    ...handle,
    detect(frame, timestampMs) {
      faults.check();
      return handle.detect(frame, timestampMs);
    },
    close: () => handle.close(),
  };
}
