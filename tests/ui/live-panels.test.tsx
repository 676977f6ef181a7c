// The label list and latency panel render what the store holds, and re-render only from throttled summaries.
import { Profiler } from 'react';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { HandList } from '../../src/components/HandList/HandList';
import { LatencyPanel } from '../../src/components/LatencyPanel/LatencyPanel';
import { Notices } from '../../src/components/Notices/Notices';
import { LatencyWindow } from '../../src/core/stats/latency';
import type { FromWorker, ReadyInfo, ToWorker } from '../../src/recognizer/protocol';
import {
  attachSurfaces, feedLandmarks, liveFrameState, startSession, stopLandmarkFeed, stopSession,
} from '../../src/session/live-session';
import { handcastStore } from '../../src/store';
import { kiniviOpenLandmarks } from '../unit/shared-data';

function latencyOf(samples: Record<'landmarks' | 'features' | 'classifier' | 'draw', number[]>, frameTimes: number[]) {
  const window = new LatencyWindow(120);
  for (const [stage, values] of Object.entries(samples)) for (const v of values) window.record(stage as 'draw', v);
  for (const t of frameTimes) window.frameDone(t);
  return window.summary();
}

beforeEach(() => {
  handcastStore.getState().resetLive();
  handcastStore.getState().clearNotices();
  handcastStore.getState().setCameraStatus('idle');
  handcastStore.getState().setRecognizer('idle', null);
});

describe('HandList', () => {
  it('asks to start the camera when idle, and says no hand is in view when running', () => {
    render(<HandList />);
    expect(screen.getByText(/Start the camera/)).toBeTruthy();
    act(() => handcastStore.getState().setCameraStatus('running'));
    expect(screen.getByText('No hand in view.')).toBeTruthy();
  });

  it('shows each hand with its handedness, gesture and confidence', () => {
    render(<HandList />);
    act(() =>
      handcastStore.getState().publishLive({
        hands: [
          { handedness: 'Right', gesture: 'thumb_up', gestureScore: 0.934 },
          { handedness: 'Left', gesture: 'open_palm', gestureScore: 0.5 },
        ],
        latency: latencyOf({ landmarks: [], features: [], classifier: [], draw: [] }, []),
        framesProcessed: 10,
        frameErrors: 0,
        lastFrameError: null,
        detection: null,
      }),
    );
    const items = screen.getAllByTestId('hand-label');
    expect(items.map((i) => i.getAttribute('data-gesture'))).toEqual(['thumb_up', 'open_palm']);
    expect(within(items[0]).getByText('Right')).toBeTruthy();
    expect(within(items[0]).getByText('thumb up 93%')).toBeTruthy();
    expect(within(items[1]).getByText('open palm 50%')).toBeTruthy();
  });
});

describe('LatencyPanel', () => {
  it('shows last, p50 and p95 per stage, frames per second, and the engines in use', () => {
    render(<LatencyPanel />);
    expect(screen.getByTestId('fps').textContent).toContain('– frames/s');
    const landmarks = Array.from({ length: 20 }, (_, i) => i + 1); // 1..20 ms; p50 = 10, p95 = 19
    act(() => {
      handcastStore.getState().setRecognizer('ready', {
        landmarkerModel: 'lite', delegate: 'CPU', delegateNote: null, classifierEngine: 'int8-wasm-simd128', labels: ['fist'], classifierMicros: 0.84, engineNote: null, motionNote: null,
        kernel: { isa: 'simd128', reason: 'simd128: relaxed-simd does not validate', layerKernels: ['qu8-qc8w-gemm-minmax-gemmlowp-1x16c2-wasmsimd-dot16x2'] },
      });
      handcastStore.getState().publishLive({
        hands: [],
        latency: latencyOf({ landmarks, features: [0.25], classifier: [0.05], draw: [1.5] }, [0, 100, 200, 300, 400]),
        framesProcessed: 20,
        frameErrors: 2,
        lastFrameError: 'boom',
        detection: { handsTracked: 1, searchesPerSecond: 4.5 },
      });
    });
    const cells = (stage: string) => within(screen.getByTestId(`latency-${stage}`)).getAllByRole('cell').map((c) => c.textContent);
    expect(cells('landmarks')).toEqual(['landmarks', '20.0', '10.0', '19.0']);
    expect(cells('features')).toEqual(['features', '0.25', '0.25', '0.25']);
    expect(cells('draw')).toEqual(['draw', '1.50', '1.50', '1.50']);
    expect(screen.getByTestId('fps').textContent).toContain('10.0 frames/s');
    expect(screen.getByTestId('engine').textContent).toBe('landmarker lite on CPU · classifier int8-wasm-simd128, 0.84 µs per inference');
    expect(screen.getByTestId('kernel').textContent).toBe('kernel simd128');
    expect(screen.getByTestId('kernel').getAttribute('title')).toContain('relaxed-simd does not validate');
    expect(screen.getByText(/2 frames failed: boom/)).toBeTruthy();
    expect(screen.getByTestId('detection').textContent).toContain('palm detector 4.5/s · 1 hand followed');
  });

  it('switches the power setting (kept in the settings)', () => {
    render(<LatencyPanel />);
    const select = screen.getByRole('combobox', { name: /Power/ });
    expect((select as HTMLSelectElement).value).toBe('smooth');
    fireEvent.change(select, { target: { value: 'saver' } });
    expect(handcastStore.getState().settings.powerMode).toBe('saver');
    fireEvent.change(select, { target: { value: 'smooth' } });
    expect(handcastStore.getState().settings.powerMode).toBe('smooth');
  });
});

/** Stands in for the recognizer worker: answers init with ready, and each landmarks message a microtask later with `nextGesture`. */
let nextGesture = 'fist';
class FakeRecognizerWorker extends EventTarget {
  postMessage(message: ToWorker): void {
    const reply = (data: FromWorker) => queueMicrotask(() => this.dispatchEvent(new MessageEvent('message', { data })));
    if (message.type === 'init') reply({ type: 'ready', info: READY });
    if (message.type === 'landmarks') {
      const hands = message.hands.map((hand) => ({ ...hand, gesture: nextGesture, gestureScore: 0.9 }));
      reply({ type: 'result', id: message.id, hands, detection: null, timings: { landmarks: 4, features: 0.2, classifier: 0.05 }, events: [] });
    }
  }

  terminate(): void {}
}

const READY: ReadyInfo = {
  landmarkerModel: 'lite', delegate: 'CPU', delegateNote: null, classifierEngine: 'int8-wasm-simd128', labels: ['fist', 'open_palm'],
  kernel: null, classifierMicros: 1, engineNote: null, motionNote: null,
};

describe('the live panels and the per-frame results', () => {
  const renders = { hands: 0, latency: 0 };
  const hand = { landmarks: kiniviOpenLandmarks(), handedness: 'Right' as const, handednessScore: 1 };
  /** One recognised frame through the session's per-frame path (feedLandmarks → worker → onResult). */
  const feedFrame = (gesture: string) => act(async () => {
    nextGesture = gesture;
    expect(feedLandmarks([hand])).toBe(true);
    await Promise.resolve();
  });

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'requestAnimationFrame', 'cancelAnimationFrame'] });
    vi.stubGlobal('Worker', FakeRecognizerWorker);
    const track = Object.assign(new EventTarget(), { label: 'Fake webcam', getSettings: () => ({ deviceId: 'fake' }), stop: () => undefined });
    const stream = { getVideoTracks: () => [track], getTracks: () => [track] };
    vi.stubGlobal('navigator', Object.assign(Object.create(navigator), {
      mediaDevices: { getUserMedia: () => Promise.resolve(stream), enumerateDevices: () => Promise.resolve([]) },
    }));
    const video = Object.assign(document.createElement('video'), { play: () => Promise.resolve() });
    // No canvas drawing in jsdom: the session skips drawing when the canvas has no 2D context.
    attachSurfaces({ video, canvas: { width: 0, height: 0, getContext: () => null } as unknown as HTMLCanvasElement });
  });

  afterEach(() => {
    act(() => stopSession());
    stopLandmarkFeed();
    attachSurfaces(null);
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('re-render once per published summary (every 250 ms), never per frame', async () => {
    render(
      <>
        <Profiler id="hands" onRender={() => { renders.hands += 1; }}><HandList /></Profiler>
        <Profiler id="latency" onRender={() => { renders.latency += 1; }}><LatencyPanel /></Profiler>
      </>,
    );
    await act(() => startSession());
    expect(handcastStore.getState().cameraStatus).toBe('running');
    expect(handcastStore.getState().recognizerStatus).toBe('ready');
    renders.hands = 0;
    renders.latency = 0;

    // 60 frames inside one publish interval: the per-frame state moves, the panels do not render.
    const framesBefore = liveFrameState().framesProcessed;
    for (let i = 0; i < 60; i++) await feedFrame(i % 2 === 0 ? 'fist' : 'open_palm');
    expect(liveFrameState().framesProcessed).toBe(framesBefore + 60);
    expect(liveFrameState().hands.map((h) => h.gesture)).toEqual(['open_palm']);
    expect(renders).toEqual({ hands: 0, latency: 0 });
    expect(screen.getByText('No hand in view.')).toBeTruthy();

    // The next summary carries the latest frame: one render of each panel.
    act(() => vi.advanceTimersByTime(250));
    expect(renders).toEqual({ hands: 1, latency: 1 });
    expect(screen.getAllByTestId('hand-label').map((item) => item.getAttribute('data-gesture'))).toEqual(['open_palm']);
    expect(screen.getByTestId('latency-landmarks').textContent).toContain('4.00');

    // A second at 40 frames a second: 40 frames, 4 summaries, 4 renders of each panel.
    for (let i = 0; i < 40; i++) {
      await feedFrame(i % 2 === 0 ? 'open_palm' : 'fist');
      act(() => vi.advanceTimersByTime(25));
    }
    expect(renders).toEqual({ hands: 5, latency: 5 });
    expect(screen.getAllByTestId('hand-label').map((item) => item.getAttribute('data-gesture'))).toEqual(['fist']);
  });
});

describe('Notices', () => {
  it('shows errors as alerts and lets the user dismiss them', () => {
    render(<Notices />);
    act(() => handcastStore.getState().notify({ kind: 'error', text: 'Camera permission was denied.' }));
    expect(screen.getByRole('alert').textContent).toContain('Camera permission was denied.');
    act(() => screen.getByRole('button', { name: 'Dismiss' }).click());
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
