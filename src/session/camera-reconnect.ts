// Reopens a camera that went away mid-stream: tries again on every device change and on a capped backoff, until it works or is cancelled.

/** Waits between failed attempts: 1 s, doubling, never more than 10 s (a streamer may be gone for minutes). */
export function reconnectDelayMs(failedAttempts: number): number {
  return Math.min(10_000, 1_000 * 2 ** Math.max(0, failedAttempts));
}

export interface ReconnectOptions {
  /** Tries to reopen the camera; resolves true when it is back (or there is nothing left to do), false to try again. */
  attempt(): Promise<boolean>;
  /** Subscribes to device changes (a camera plugged in); returns the unsubscribe. */
  onDeviceChange(listener: () => void): () => void;
  setTimer?(callback: () => void, ms: number): unknown;
  clearTimer?(handle: unknown): void;
}

export interface Reconnection {
  /** Stops trying; an attempt already running finishes, but its result is ignored. */
  cancel(): void;
}

/** Starts trying after the first delay; a device change tries at once (or right after the attempt in progress). */
export function startReconnecting(options: ReconnectOptions): Reconnection {
  const setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
  const clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  let failures = 0;
  let timer: unknown = null;
  let attempting = false;
  /** A device changed during an attempt: that attempt may have run too early, so try again as soon as it ends. */
  let changedMeanwhile = false;
  let done = false;

  const finish = () => {
    done = true;
    if (timer !== null) clearTimer(timer);
    timer = null;
    unsubscribe();
  };

  const tryNow = async () => {
    if (done) return;
    if (attempting) {
      changedMeanwhile = true;
      return;
    }
    if (timer !== null) clearTimer(timer);
    timer = null;
    attempting = true;
    changedMeanwhile = false;
    let back: boolean;
    try {
      back = await options.attempt();
    } catch {
      back = false;
    }
    attempting = false;
    if (done) return;
    if (back) return finish();
    failures += 1;
    if (changedMeanwhile) return void tryNow();
    timer = setTimer(() => void tryNow(), reconnectDelayMs(failures));
  };

  const unsubscribe = options.onDeviceChange(() => void tryNow());
  timer = setTimer(() => void tryNow(), reconnectDelayMs(0));
  return { cancel: finish };
}
