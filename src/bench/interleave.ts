// Times several engines in interleaved rounds, so machine noise (frequency, other processes) hits all of them alike.

/** One engine under test: a call that does one inference and returns something to keep (defeats dead-code elimination). */
export type TimedCase =
  | { readonly name: string; readonly call: () => number }
  | { readonly name: string; readonly callAsync: () => Promise<number> };

export interface InterleaveOptions {
  /** Each case runs at least this long before measuring (JIT tier-up, caches), and sizes its batches from it. */
  readonly warmupMs: number;
  /** The length of one timed batch of one case. */
  readonly batchMs: number;
  /** Rounds; each times one batch of every case, in an order rotated by one per round. */
  readonly rounds: number;
}

export const DEFAULT_INTERLEAVE: InterleaveOptions = { warmupMs: 300, batchMs: 10, rounds: 21 };

export interface CaseTiming {
  /** Median over rounds of the mean ns per call within a batch. */
  readonly medianNs: number;
  readonly minNs: number;
  readonly maxNs: number;
  readonly callsPerBatch: number;
}

/** Runs `count` calls and returns the elapsed milliseconds. */
async function timeBatch(testCase: TimedCase, count: number, sink: { value: number }): Promise<number> {
  if ('call' in testCase) {
    const { call } = testCase;
    const start = performance.now();
    let kept = 0;
    for (let i = 0; i < count; i++) kept += call();
    const elapsed = performance.now() - start;
    sink.value += kept;
    return elapsed;
  }
  const { callAsync } = testCase;
  const start = performance.now();
  let kept = 0;
  for (let i = 0; i < count; i++) kept += await callAsync();
  const elapsed = performance.now() - start;
  sink.value += kept;
  return elapsed;
}

/**
 * Runs `testCase` until it is warm and returns its ms per call: at least `warmupMs`, and on until the time per call
 * has stopped improving (an engine's optimising compiler may finish in the background well after the first
 * calls, later still on a loaded machine), at most ten times `warmupMs`.
 */
async function warmUp(testCase: TimedCase, warmupMs: number, sink: { value: number }): Promise<number> {
  let count = 1;
  let elapsed = 0;
  let best = Infinity;
  let sinceImproved = 0;
  let last = 0;
  while (elapsed < warmupMs * 10) {
    const ms = await timeBatch(testCase, count, sink);
    elapsed += ms;
    last = ms / count;
    // Too short a batch says little (browsers round timers to 5–100 µs): grow it first.
    if (ms < warmupMs / 10) {
      count *= 2;
      continue;
    }
    if (last < best * 0.95) sinceImproved = 0;
    else sinceImproved += 1;
    best = Math.min(best, last);
    if (elapsed >= warmupMs && sinceImproved >= 3) break;
    // Let the event loop turn: some engines install optimised code from a task.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return Number.isFinite(best) ? best : Math.max(last, 1e-6);
}

/**
 * Warms every case up, sizes its batches to ~batchMs, then runs `rounds` rounds: in round r the cases run in the
 * order rotated by r, one batch each. Returns, per case name, the median of its per-batch ns per call.
 */
export async function measureInterleaved(cases: readonly TimedCase[], options: InterleaveOptions = DEFAULT_INTERLEAVE): Promise<Map<string, CaseTiming>> {
  const sink = { value: 0 };
  const batchSizes: number[] = [];
  for (const testCase of cases) batchSizes.push(Math.max(1, Math.round(options.batchMs / (await warmUp(testCase, options.warmupMs, sink)))));
  const samples: number[][] = cases.map(() => []);
  for (let round = 0; round < options.rounds; round++) {
    for (let j = 0; j < cases.length; j++) {
      const index = (j + round) % cases.length;
      const elapsed = await timeBatch(cases[index], batchSizes[index], sink);
      samples[index].push((elapsed * 1e6) / batchSizes[index]);
    }
  }
  if (Number.isNaN(sink.value)) throw new Error('a benchmarked call returned NaN');
  const result = new Map<string, CaseTiming>();
  cases.forEach((testCase, i) => {
    const sorted = [...samples[i]].sort((a, b) => a - b);
    result.set(testCase.name, {
      medianNs: sorted[Math.floor(sorted.length / 2)], minNs: sorted[0], maxNs: sorted[sorted.length - 1], callsPerBatch: batchSizes[i],
    });
  });
  return result;
}
