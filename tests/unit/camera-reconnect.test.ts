// The camera reconnection schedule: capped backoff, device changes try at once, success or cancel stops everything.
import { reconnectDelayMs, startReconnecting } from '../../src/session/camera-reconnect';

/** A controllable camera: each attempt resolves with the next planned outcome; device changes are fired by hand. */
function fakeCamera(outcomes: boolean[]) {
  const listeners = new Set<() => void>();
  let attempts = 0;
  return {
    get attempts() {
      return attempts;
    },
    get listening() {
      return listeners.size;
    },
    plugIn: () => listeners.forEach((listener) => listener()),
    options: {
      attempt: async () => {
        attempts += 1;
        return outcomes.shift() ?? false;
      },
      onDeviceChange: (listener: () => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
  };
}

describe('camera reconnection', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('waits 1 s, then doubles the wait after each failure, capped at 10 s', () => {
    expect([0, 1, 2, 3, 4, 5, 20].map(reconnectDelayMs)).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000, 10_000]);
  });

  it('retries on the backoff until the camera opens, then stops listening', async () => {
    const camera = fakeCamera([false, false, true]);
    startReconnecting(camera.options);
    await vi.advanceTimersByTimeAsync(999);
    expect(camera.attempts).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(camera.attempts).toBe(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(camera.attempts).toBe(2);
    await vi.advanceTimersByTimeAsync(3_999);
    expect(camera.attempts).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(camera.attempts).toBe(3);
    expect(camera.listening).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    camera.plugIn();
    expect(camera.attempts).toBe(3);
  });

  it('tries at once when a device appears, without waiting for the backoff', async () => {
    const camera = fakeCamera([false, true]);
    startReconnecting(camera.options);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(camera.attempts).toBe(1);
    camera.plugIn();
    await vi.advanceTimersByTimeAsync(0);
    expect(camera.attempts).toBe(2);
    expect(camera.listening).toBe(0);
  });

  it('tries again right after an attempt that a device change overtook', async () => {
    let finishFirst: (back: boolean) => void = () => undefined;
    const listeners: Array<() => void> = [];
    let attempts = 0;
    startReconnecting({
      attempt: () => {
        attempts += 1;
        return attempts === 1 ? new Promise<boolean>((resolve) => { finishFirst = resolve; }) : Promise.resolve(true);
      },
      onDeviceChange: (listener) => {
        listeners.push(listener);
        return () => undefined;
      },
    });
    await vi.advanceTimersByTimeAsync(1_000);
    listeners[0]();
    expect(attempts).toBe(1);
    finishFirst(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(attempts).toBe(2);
  });

  it('does nothing more once cancelled (the user pressed Stop)', async () => {
    const camera = fakeCamera([false, false, false]);
    const reconnection = startReconnecting(camera.options);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(camera.attempts).toBe(1);
    reconnection.cancel();
    expect(camera.listening).toBe(0);
    camera.plugIn();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(camera.attempts).toBe(1);
  });

  it('treats an attempt that throws as a failure and keeps trying', async () => {
    let attempts = 0;
    startReconnecting({
      attempt: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('device vanished again');
        return true;
      },
      onDeviceChange: () => () => undefined,
    });
    await vi.advanceTimersByTimeAsync(1_000 + 2_000);
    expect(attempts).toBe(2);
  });
});
