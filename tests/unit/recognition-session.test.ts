// The recognition session in node with fakes: a camera emitting frames with capture times, a recognizer answering scripted results after a delay, fake timers.
import type { GestureEvent } from '../../src/core/gestures/gesture-event.ts';
import type { FrameResult, RecognizerClientEvents } from '../../src/recognizer/client.ts';
import type { GestureEventSettings } from '../../src/recognizer/gesture-events.ts';
import type { DetectionStatus, ReadyInfo, RecognizedHand, RecognizerSettings } from '../../src/recognizer/protocol.ts';
import {
  createRecognitionSession, PUBLISH_INTERVAL_MS, SESSION_NOTICES, type RecognitionSession,
} from '../../src/session/recognition-session.ts';
import type { CameraPort, RecognizerPort } from '../../src/session/session-ports.ts';
import type { handcastStore as HandcastStore } from '../../src/store/index.ts';
import { CameraError } from '../../src/vision/camera.ts';
import type { DetectedHand } from '../../src/vision/hand-landmarker.ts';

const WORKER_MS = 40;
const FRAME_MS = 33;

const READY: ReadyInfo = {
  landmarkerModel: 'lite', delegate: 'CPU', delegateNote: null, classifierEngine: 'int8-wasm-simd128', labels: ['fist'],
  kernel: null, classifierMicros: 1, engineNote: null, motionNote: null,
};

const HAND: RecognizedHand = {
  landmarks: Array.from({ length: 21 }, () => ({ x: 0.5, y: 0.5, z: 0 })), handedness: 'Right', handednessScore: 1, gesture: 'fist', gestureScore: 0.9,
};

class FakeBitmap {
  closed = false;
  constructor(readonly capturedAtMs: number, readonly width = 640, readonly height = 480) {}
  close(): void {
    this.closed = true;
  }
}

/** A webcam whose frames the test emits, each with a capture time; its video element is a token. */
class FakeCamera implements CameraPort {
  private pending: ((capturedAtMs: number) => void)[] = [];
  private deviceListeners = new Set<() => void>();
  private onEnded: (() => void) | null = null;
  readonly grabbed: FakeBitmap[] = [];
  readonly stopped: unknown[] = [];
  /** The next opens that fail as an absent camera. */
  failOpens = 0;
  opens = 0;
  showing: unknown = null;
  private capturedAtOfFrameOnShow = 0;

  list = async () => [{ deviceId: 'cam', label: 'Fake camera' }];
  open = async (options: { onEnded: () => void }) => {
    this.opens += 1;
    if (this.failOpens > 0) {
      this.failOpens -= 1;
      throw new CameraError('not-found', 'No camera was found.');
    }
    this.onEnded = options.onEnded;
    return { id: `stream-${this.opens}` } as unknown as MediaStream;
  };
  stop = (stream: MediaStream | null) => {
    if (stream) this.stopped.push(stream);
  };
  describe = (stream: MediaStream) => ({ deviceId: 'cam', label: `Fake camera (${(stream as unknown as { id: string }).id})` });
  show = async (_video: HTMLVideoElement, stream: MediaStream) => {
    this.showing = stream;
  };
  clear = () => {
    this.showing = null;
  };
  frameReady = () => this.showing !== null;
  /** How many times the session asked to see the next camera frame. */
  watches = 0;
  nextFrame = (_video: HTMLVideoElement, callback: (capturedAtMs: number) => void) => {
    this.watches += 1;
    this.pending.push(callback);
  };
  grab = async () => {
    const bitmap = new FakeBitmap(this.capturedAtOfFrameOnShow);
    this.grabbed.push(bitmap);
    return bitmap as unknown as ImageBitmap;
  };
  onDeviceChange = (listener: () => void) => {
    this.deviceListeners.add(listener);
    return () => this.deviceListeners.delete(listener);
  };

  /** The camera shows a frame captured at `capturedAtMs`: every waiting frame callback runs. */
  emitFrame(capturedAtMs: number): void {
    this.capturedAtOfFrameOnShow = capturedAtMs;
    const callbacks = this.pending;
    this.pending = [];
    for (const callback of callbacks) callback(capturedAtMs);
  }

  /** The device goes away mid-stream. */
  unplug(): void {
    this.onEnded?.();
  }
}

/**
 * Stands in for the recognizer worker: works on one input at a time, WORKER_MS each, in the order sent (at most
 * two unanswered, like the client), and answers with the scripted hands, detection and events.
 */
class FakeRecognizer implements RecognizerPort {
  /** Timestamps of the inputs sent and not yet answered, oldest first. */
  private queue: number[] = [];
  get busy(): boolean {
    return this.queue.length > 0;
  }
  get framesInFlight(): number {
    return this.queue.length;
  }
  readonly submitted: { bitmap: FakeBitmap; timestampMs: number }[] = [];
  readonly fed: { hands: readonly DetectedHand[]; timeMs: number }[] = [];
  resets = 0;
  terminated = false;
  gestureSettings: GestureEventSettings[] = [];
  powerModes: string[] = [];
  faults: number[] = [];
  initSettings: RecognizerSettings | null = null;

  constructor(private readonly events: RecognizerClientEvents, private readonly script: Script) {}

  init = async (settings: RecognizerSettings) => {
    this.initSettings = settings;
    if (this.script.initFailure) throw new Error(this.script.initFailure);
    return this.script.ready ?? READY;
  };
  submit = (bitmap: ImageBitmap, timestampMs: number) => {
    if (this.queue.length >= 2) throw new Error('a third frame in flight');
    const frame = bitmap as unknown as FakeBitmap;
    this.submitted.push({ bitmap: frame, timestampMs });
    this.enqueue(timestampMs);
    return true;
  };
  submitLandmarks = (hands: readonly DetectedHand[], _width: number, _height: number, timeMs: number) => {
    if (this.busy) return false;
    this.fed.push({ hands, timeMs });
    this.enqueue(timeMs);
    return true;
  };

  private enqueue(timestampMs: number): void {
    this.queue.push(timestampMs);
    if (this.queue.length === 1) setTimeout(() => this.answer(), WORKER_MS);
  }
  replaceClassifier = async () => READY;
  setFlipHandedness = () => undefined;
  setPowerMode = (mode: string) => void this.powerModes.push(mode);
  setGestureEvents = (settings: GestureEventSettings) => void this.gestureSettings.push(settings);
  resetGestureEvents = () => void (this.resets += 1);
  injectLandmarkerFaults = (everyNth: number) => void this.faults.push(everyNth);
  terminate = () => void (this.terminated = true);

  private answer(): void {
    if (this.terminated) return;
    const timestampMs = this.queue.shift()!;
    if (this.queue.length > 0) setTimeout(() => this.answer(), WORKER_MS);
    const failure = this.script.failure?.(timestampMs);
    if (failure) {
      this.events.onFrameError(failure);
      return;
    }
    const scripted = this.script.result?.(timestampMs) ?? {};
    const result: FrameResult = {
      hands: [HAND], timings: { landmarks: WORKER_MS, features: 0.1, classifier: 0.01 }, detection: null, events: [], width: 640, height: 480,
      ...scripted,
    };
    this.events.onResult(result);
  }
}

interface Script {
  initFailure?: string;
  /** What init answers (READY unless set). */
  ready?: ReadyInfo;
  result?: (timestampMs: number) => Partial<FrameResult>;
  /** A frame the worker fails on, with its message; undefined for a result. */
  failure?: (timestampMs: number) => string | undefined;
}

function fakeVisibility() {
  const listeners = new Set<() => void>();
  const visibility = {
    isHidden: false,
    hidden: () => visibility.isHidden,
    onChange: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(hidden: boolean) {
      visibility.isHidden = hidden;
      for (const listener of listeners) listener();
    },
  };
  return visibility;
}

interface Rig {
  session: RecognitionSession;
  camera: FakeCamera;
  recognizers: FakeRecognizer[];
  recognizer(): FakeRecognizer;
  store: typeof HandcastStore;
  visibility: ReturnType<typeof fakeVisibility>;
  script: Script;
  draws: number;
}

let rig: Rig;
const now = () => Date.now();

async function makeRig(script: Script = {}): Promise<Rig> {
  vi.resetModules();
  const { handcastStore: store } = await import('../../src/store/index.ts');
  const camera = new FakeCamera();
  const recognizers: FakeRecognizer[] = [];
  const visibility = fakeVisibility();
  const made: Rig = {
    camera, recognizers, store, visibility, script, draws: 0,
    recognizer: () => recognizers[recognizers.length - 1],
    session: null as unknown as RecognitionSession,
  };
  made.session = createRecognitionSession({
    camera,
    createRecognizer: (events) => {
      const recognizer = new FakeRecognizer(events, script);
      recognizers.push(recognizer);
      return recognizer;
    },
    store,
    clock: {
      now,
      setInterval: (callback, ms) => setInterval(callback, ms),
      clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
      setTimeout: (callback, ms) => setTimeout(callback, ms),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    },
    visibility,
    drawHands: () => void (made.draws += 1),
    clearOverlay: () => undefined,
  });
  made.session.attachSurfaces({ video: {} as HTMLVideoElement, canvas: {} as HTMLCanvasElement });
  return made;
}

/** Lets promise callbacks (grabs, loads) run without moving the clock. */
const settle = () => vi.advanceTimersByTimeAsync(0);

/** Emits a camera frame captured now, then lets `ms` pass. */
async function frameThenWait(ms = FRAME_MS): Promise<void> {
  rig.camera.emitFrame(now());
  await settle();
  await vi.advanceTimersByTimeAsync(ms);
}

async function started(script: Script = {}): Promise<void> {
  rig = await makeRig(script);
  await rig.session.start();
  await settle();
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(1_000_000);
});
afterEach(() => {
  rig?.session.dispose();
  vi.useRealTimers();
});

describe('recognition session: the frame loop', () => {
  it('Start opens the camera (recorded in the store as the active one) and loads the recognizer; frames flow and the store gets a summary every 250 ms', async () => {
    await started();
    expect(rig.store.getState().cameraStatus).toBe('running');
    expect(rig.store.getState().activeCamera).toEqual({ deviceId: 'cam', label: 'Fake camera (stream-1)' });
    expect(rig.store.getState().recognizerStatus).toBe('ready');
    expect(rig.recognizer().initSettings?.gestureEvents).toEqual({ mirrored: true, armingRequired: false });
    const framesBeforeSummary = Math.floor((PUBLISH_INTERVAL_MS - 1) / FRAME_MS);
    for (let i = 0; i < framesBeforeSummary; i++) await frameThenWait(); // several results, no summary yet
    expect(rig.session.live.framesProcessed).toBeGreaterThanOrEqual(3);
    expect(rig.store.getState().framesProcessed).toBe(0);
    await frameThenWait(); // past the publish interval
    expect(rig.store.getState().framesProcessed).toBeGreaterThan(0);
    expect(rig.store.getState().framesProcessed).toBeLessThanOrEqual(rig.session.live.framesProcessed);
    expect(rig.store.getState().hands).toEqual([{ handedness: 'Right', gesture: 'fist', gestureScore: 0.9 }]);
    expect(rig.draws).toBe(rig.session.live.framesProcessed);
  });

  it('while the worker is busy the newest frame waits, older waiting ones are closed, and it goes the moment the result comes', async () => {
    await started();
    const t0 = now();
    rig.camera.emitFrame(t0);
    await settle();
    rig.camera.emitFrame(t0 + 10);
    await settle();
    rig.camera.emitFrame(t0 + 20);
    await settle();
    const [first, replaced, newest] = rig.camera.grabbed;
    expect(rig.recognizer().submitted.map((s) => s.bitmap)).toEqual([first]);
    expect(replaced.closed).toBe(true);
    expect(newest.closed).toBe(false);
    await vi.advanceTimersByTimeAsync(WORKER_MS); // the first result: the waiting frame goes at once
    expect(rig.recognizer().submitted.map((s) => s.bitmap)).toEqual([first, newest]);
    expect(rig.recognizer().submitted.map((s) => s.timestampMs)).toEqual([t0, t0 + 20]);
  });

  it('a frame the worker fails on frees it like a result: the failure is counted and the waiting frame goes at once', async () => {
    const t0 = 2_000_000;
    vi.setSystemTime(t0 - 100);
    await started({ failure: (timestampMs) => (timestampMs === t0 ? 'landmarker fault' : undefined) });
    vi.setSystemTime(t0);
    rig.camera.emitFrame(t0);
    await settle();
    rig.camera.emitFrame(t0 + 10);
    await settle();
    await vi.advanceTimersByTimeAsync(WORKER_MS);
    expect(rig.session.live.frameErrors).toBe(1);
    expect(rig.session.live.lastFrameError).toBe('landmarker fault');
    expect(rig.recognizer().submitted.map((s) => s.timestampMs)).toEqual([t0, t0 + 10]);
    await vi.advanceTimersByTimeAsync(WORKER_MS);
    expect(rig.session.live.framesProcessed).toBe(1);
  });

  it('once it knows the worker is slower than the camera, grabs only the frame that will be newest when the worker is free', async () => {
    await started();
    const cameraMs = 10; // four camera frames per 40 ms worker answer
    for (let i = 0; i < 40; i++) {
      rig.camera.emitFrame(now());
      await settle();
      await vi.advanceTimersByTimeAsync(cameraMs);
    }
    const grabbedBefore = rig.camera.grabbed.length;
    const sentBefore = rig.recognizer().submitted.length;
    for (let i = 0; i < 40; i++) {
      rig.camera.emitFrame(now());
      await settle();
      await vi.advanceTimersByTimeAsync(cameraMs);
    }
    const grabbed = rig.camera.grabbed.length - grabbedBefore;
    const sent = rig.recognizer().submitted.length - sentBefore;
    expect(sent).toBeGreaterThanOrEqual(9); // the worker stays busy: about one frame per 40 ms
    expect(grabbed).toBeLessThanOrEqual(sent + 1); // not every camera frame: only those that are sent
    expect(rig.camera.grabbed.slice(grabbedBefore).filter((b) => b.closed && !rig.recognizer().submitted.some((s) => s.bitmap === b))).toHaveLength(0);
  });

  it('while a hand is followed, the next frame goes into the worker\'s queue behind the current one (never a third)', async () => {
    const following: DetectionStatus = { handsTracked: 1, searchesPerSecond: 3, nextFrameDueMs: Number.NEGATIVE_INFINITY };
    await started({ result: () => ({ detection: following }) });
    const t0 = now();
    rig.camera.emitFrame(t0);
    await settle();
    await vi.advanceTimersByTimeAsync(WORKER_MS); // first answer: the session now knows a hand is followed
    rig.camera.emitFrame(now()); // t0 + 40: the worker is idle, it goes at once
    await settle();
    await vi.advanceTimersByTimeAsync(WORKER_MS - 10);
    rig.camera.emitFrame(now()); // t0 + 70: the worker finishes before the next frame, so this one is queued
    await settle();
    expect(rig.recognizer().framesInFlight).toBe(2); // handed over at once, not held on the page
    await vi.advanceTimersByTimeAsync(5);
    rig.camera.emitFrame(now()); // t0 + 75: two in flight, not grabbed
    await settle();
    expect(rig.recognizer().framesInFlight).toBe(2);
    const sent = rig.recognizer().submitted.map((s) => s.timestampMs);
    expect(sent).toEqual([t0, t0 + WORKER_MS, t0 + 2 * WORKER_MS - 10]);
    await vi.advanceTimersByTimeAsync(2 * WORKER_MS);
    expect(rig.session.live.framesProcessed).toBe(3);
    // The queued frame waited 10 ms for the worker, then took its 40: frame-to-label counts the wait.
    expect(rig.session.live.latency.summary().stages.frameToLabel.last).toBe(WORKER_MS + 10);
  });

  it('gives the landmarker increasing timestamps from capture times, and measures frame-to-label from the capture', async () => {
    await started();
    const t0 = now();
    rig.camera.emitFrame(t0 - 15); // captured 15 ms before the page saw it
    await settle();
    await vi.advanceTimersByTimeAsync(WORKER_MS);
    rig.camera.emitFrame(t0 - 15); // a capture time that does not move on still gets a later timestamp
    await settle();
    await vi.advanceTimersByTimeAsync(WORKER_MS);
    expect(rig.recognizer().submitted.map((s) => s.timestampMs)).toEqual([t0 - 15, t0 - 14]);
    const frameToLabel = rig.session.live.latency.summary().stages.frameToLabel;
    expect(frameToLabel.last).toBe(WORKER_MS + 15 + WORKER_MS);
  });

  it('grabs no frame before the hand search wants one, and sleeps instead of watching every frame until just before the look', async () => {
    const detection: DetectionStatus = { handsTracked: 0, searchesPerSecond: 2, nextFrameDueMs: 0 };
    await started({ result: (timestampMs) => ({ hands: [], detection: { ...detection, nextFrameDueMs: timestampMs + 500 } }) });
    const t0 = now();
    const watchesBefore = rig.camera.watches;
    // A 30 frames/s camera (33 ms apart) for a little over a second, the clock moving with it.
    for (let i = 0; i < 36; i++) {
      rig.camera.emitFrame(t0 + i * FRAME_MS);
      await settle();
      await vi.advanceTimersByTimeAsync(FRAME_MS);
    }
    // The first frame, then the first frame at or after each look's due time (within the 8 ms a frame may be early).
    const sent = rig.recognizer().submitted.map((s) => s.timestampMs - t0);
    expect(sent).toEqual([0, 15 * FRAME_MS, 30 * FRAME_MS]);
    // One more grab, before the first answer (nothing is known yet); none wasted while a look is in progress.
    expect(rig.camera.grabbed).toHaveLength(4);
    // Between looks the loop sleeps: it watches a few frames around each look, not all 36.
    expect(rig.camera.watches - watchesBefore).toBeLessThanOrEqual(12);
    expect(rig.camera.watches - watchesBefore).toBeGreaterThanOrEqual(4);
  });

  it('a sleeping frame loop is woken by nothing after Stop (its timer is cleared)', async () => {
    const detection: DetectionStatus = { handsTracked: 0, searchesPerSecond: 2, nextFrameDueMs: 0 };
    await started({ result: (timestampMs) => ({ hands: [], detection: { ...detection, nextFrameDueMs: timestampMs + 500 } }) });
    const t0 = now();
    for (let i = 0; i < 4; i++) {
      rig.camera.emitFrame(t0 + i * FRAME_MS);
      await settle();
      await vi.advanceTimersByTimeAsync(FRAME_MS);
    }
    const watches = rig.camera.watches;
    rig.session.stop();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(rig.camera.watches).toBe(watches);
  });

  it('Stop releases the camera, closes the waiting frame and resets the gesture engine', async () => {
    await started();
    rig.camera.emitFrame(now());
    await settle();
    rig.camera.emitFrame(now() + 5);
    await settle();
    const waiting = rig.camera.grabbed[1];
    expect(waiting.closed).toBe(false);
    rig.session.stop();
    expect(waiting.closed).toBe(true);
    expect(rig.camera.stopped).toHaveLength(1);
    expect(rig.camera.showing).toBeNull();
    expect(rig.recognizer().resets).toBe(1);
    expect(rig.store.getState().cameraStatus).toBe('idle');
    expect(rig.store.getState().activeCamera).toBeNull();
    await vi.advanceTimersByTimeAsync(WORKER_MS); // the frame in flight comes back; nothing more is sent
    rig.camera.emitFrame(now());
    await settle();
    expect(rig.recognizer().submitted).toHaveLength(1);
  });

  it('sends no frames while the tab is hidden, and resumes with a fresh latency window when it is visible', async () => {
    await started();
    for (let i = 0; i < 4; i++) await frameThenWait(WORKER_MS);
    expect(rig.session.live.latency.summary().frames).toBe(4);
    rig.visibility.set(true);
    const sent = rig.recognizer().submitted.length;
    for (let i = 0; i < 4; i++) await frameThenWait();
    expect(rig.recognizer().submitted).toHaveLength(sent);
    expect(rig.camera.stopped).toEqual([]);
    rig.visibility.set(false);
    await frameThenWait(WORKER_MS);
    expect(rig.recognizer().submitted).toHaveLength(sent + 1);
    expect(rig.session.live.latency.summary().frames).toBe(1);
  });

  it('holds camera frames back while landmarks are fed (the test hook), and takes them again after', async () => {
    await started();
    expect(rig.session.feedLandmarks([HAND])).toBe(true);
    expect(rig.session.feedLandmarks([HAND])).toBe(false); // busy with the previous input
    for (let i = 0; i < 3; i++) await frameThenWait();
    expect(rig.camera.grabbed).toEqual([]);
    expect(rig.session.live.framesProcessed).toBe(1);
    expect(rig.session.live.latency.summary().stages.frameToLabel.last).toBe(0); // no camera frame, no frame-to-label
    rig.session.stopLandmarkFeed();
    await frameThenWait(WORKER_MS);
    expect(rig.recognizer().submitted).toHaveLength(1);
  });
});

describe('recognition session: subscribers and worker settings', () => {
  it('passes each result\'s hands to hand subscribers and its gesture events, in order, to event subscribers', async () => {
    const events: GestureEvent[] = [
      { kind: 'pose', gesture: 'fist', hand: 0, handedness: 'Right', position: { x: 0.5, y: 0.5 }, confidence: 0.9, timeMs: 1 },
      { kind: 'motion', gesture: 'swipe_left', hand: 0, handedness: 'Right', position: { x: 0.4, y: 0.5 }, confidence: 0.8, timeMs: 1 },
    ];
    await started({ result: () => ({ events }) });
    const hands: [number, number][] = [];
    const fired: string[] = [];
    rig.session.onHands((h, aspect) => hands.push([h.length, aspect]));
    const unsubscribe = rig.session.onGestureEvent((event) => fired.push(event.gesture));
    await frameThenWait(WORKER_MS);
    expect(hands).toEqual([[1, 640 / 480]]);
    expect(fired).toEqual(['fist', 'swipe_left']);
    unsubscribe();
    await frameThenWait(WORKER_MS);
    expect(fired).toHaveLength(2);
    expect(hands).toHaveLength(2);
  });

  it('sends the engine settings the user changes (mirror, arming) and the power mode to the worker', async () => {
    await started();
    rig.store.getState().updateSettings({ mirrored: false });
    rig.store.getState().updateStream({ armingRequired: true });
    rig.store.getState().updateSettings({ deviceId: 'other' }); // not an engine setting: nothing sent
    expect(rig.recognizer().gestureSettings).toEqual([
      { mirrored: false, armingRequired: false },
      { mirrored: false, armingRequired: true },
    ]);
    rig.session.setPowerMode('saver');
    expect(rig.recognizer().powerModes).toEqual(['saver']);
    expect(rig.store.getState().settings.powerMode).toBe('saver');
    expect(rig.session.injectLandmarkerFaults(3)).toBe(true);
    expect(rig.recognizer().faults).toEqual([3]);
  });

  it('reloads the recognizer (a new worker) when the detection schedule changes, and the loop goes on', async () => {
    await started();
    await frameThenWait(WORKER_MS);
    const first = rig.recognizer();
    await rig.session.setDetectionSchedule('every_frame');
    await settle();
    expect(rig.recognizers).toHaveLength(2);
    expect(first.terminated).toBe(true);
    expect(rig.recognizer().initSettings?.detectionSchedule).toBe('every_frame');
    await frameThenWait(WORKER_MS);
    expect(rig.recognizer().submitted).toHaveLength(1);
  });
});

describe('recognition session: notices', () => {
  it('a camera that ends says so (a notice with an id), reopens on its own, and the notice goes on the first result', async () => {
    await started();
    await frameThenWait(WORKER_MS);
    rig.camera.failOpens = 1;
    rig.camera.unplug();
    expect(rig.store.getState().cameraStatus).toBe('reconnecting');
    expect(rig.store.getState().activeCamera).toBeNull();
    expect(rig.store.getState().notices.map((n) => n.id)).toEqual([SESSION_NOTICES.cameraStopped]);
    await vi.advanceTimersByTimeAsync(1_000); // first retry: refused
    expect(rig.camera.opens).toBe(2);
    expect(rig.store.getState().cameraStatus).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(2_000); // second retry: back
    expect(rig.camera.opens).toBe(3);
    expect(rig.store.getState().cameraStatus).toBe('running');
    expect(rig.store.getState().activeCamera).toEqual({ deviceId: 'cam', label: 'Fake camera (stream-3)' });
    expect(rig.store.getState().notices.map((n) => n.id)).toEqual([SESSION_NOTICES.cameraStopped]);
    await frameThenWait(WORKER_MS);
    expect(rig.store.getState().notices).toEqual([]);
  });

  it('Stop while waiting for the camera gives up: the notice goes and no retry opens it', async () => {
    await started();
    rig.camera.failOpens = 100;
    rig.camera.unplug();
    rig.session.stop();
    expect(rig.store.getState().cameraStatus).toBe('idle');
    expect(rig.store.getState().notices).toEqual([]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(rig.camera.opens).toBe(1);
  });

  it('a recognizer that fails to load leaves a notice with an id; Start again retries with a new worker', async () => {
    await started({ initFailure: 'The hand model /models/hand_landmarker.task is missing (HTTP 404).' });
    const { notices, recognizerStatus } = rig.store.getState();
    expect(recognizerStatus).toBe('error');
    expect(notices.map((n) => [n.id, n.kind])).toEqual([[SESSION_NOTICES.recognizerLoadFailed, 'error']]);
    expect(notices[0].text).toBe('Recognition is unavailable. The hand model /models/hand_landmarker.task is missing (HTTP 404).');
    await frameThenWait();
    expect(rig.camera.grabbed).toEqual([]);
    rig.session.stop();
    rig.script.initFailure = undefined;
    await rig.session.start();
    await settle();
    expect(rig.recognizers).toHaveLength(2);
    expect(rig.store.getState().recognizerStatus).toBe('ready');
    expect(rig.store.getState().notices).toEqual([]);
    await frameThenWait(WORKER_MS);
    expect(rig.recognizer().submitted).toHaveLength(1);
  });

  it('a camera that cannot open leaves one notice, replaced (not repeated) on the next failed Start', async () => {
    rig = await makeRig();
    rig.camera.failOpens = 2;
    await rig.session.start();
    await rig.session.start();
    const { notices, cameraStatus } = rig.store.getState();
    expect(cameraStatus).toBe('error');
    expect(notices.map((n) => [n.id, n.text])).toEqual([[SESSION_NOTICES.cameraFailed, 'No camera was found.']]);
  });

  it('recognizer notes (engine, delegate, motion model) are notices with ids, dismissed when a later load has none', async () => {
    rig = await makeRig({ ready: { ...READY, engineNote: 'runs float', delegateNote: 'the GPU failed', motionNote: 'Swipes and circles are off: HTTP 404.' } });
    expect(await rig.session.ensureRecognizer()).toBe(true);
    expect(rig.store.getState().notices.map((n) => [n.id, n.text])).toEqual([
      [SESSION_NOTICES.classifierEngine, 'Classifier: runs float'],
      [SESSION_NOTICES.landmarkerDelegate, 'Hand landmarker: the GPU failed'],
      [SESSION_NOTICES.motionModel, 'Swipes and circles are off: HTTP 404.'],
    ]);
    rig.script.ready = READY;
    const other = rig.store.getState().settings.landmarkerModel === 'full' ? 'lite' : 'full';
    rig.store.getState().updateSettings({ landmarkerModel: other }); // a new landmarker: a new worker
    expect(await rig.session.reloadRecognizer()).toBe(true);
    expect(rig.recognizers).toHaveLength(2);
    expect(rig.store.getState().notices).toEqual([]);
  });
});
