// `npm run latency -- --repeat N`: each row measured N times in rounds (every row once, then again), summed up as the median run and the spread.

/** The figures of one measured row that are combined across runs; null where the page or /proc gave none. */
export interface RunFigures {
  readonly fps: number;
  readonly landmarks_p50_ms: number;
  readonly frame_to_label_p50_ms: number | null;
  readonly frame_to_label_p95_ms: number | null;
  readonly cpu_cores: number | null;
  readonly rendererCores: number | null;
  readonly gpuCores: number | null;
  readonly searchesPerSecond: number | null;
  readonly handsInView: number;
}

export interface Spread {
  readonly min: number;
  readonly max: number;
}

/** One row over its runs: each figure's median, and the range of frames/s and CPU cores. */
export type CombinedRow<T extends RunFigures> = T & { readonly runs: number; readonly fpsRange: Spread; readonly cpuRange: Spread | null };

/** The median of the values present (the mean of the middle two for an even count); null when none is. */
export function median(values: readonly (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (present.length === 0) return null;
  const middle = Math.floor(present.length / 2);
  return present.length % 2 ? present[middle] : (present[middle - 1] + present[middle]) / 2;
}

function spread(values: readonly (number | null)[]): Spread | null {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  return present.length ? { min: Math.min(...present), max: Math.max(...present) } : null;
}

/**
 * Combines the runs of one row (the same scenario, landmarker and schedule), each figure on its own: the median
 * frames/s and the median CPU need not come from the same run. Hands in view: the fewest seen at any run's end, so
 * a run that lost the hand shows.
 */
export function combineRuns<T extends RunFigures>(runs: readonly T[]): CombinedRow<T> {
  if (runs.length === 0) throw new Error('combineRuns: no runs');
  const of = (pick: (run: T) => number | null) => median(runs.map(pick));
  return {
    ...runs[0],
    fps: of((r) => r.fps)!,
    landmarks_p50_ms: of((r) => r.landmarks_p50_ms)!,
    frame_to_label_p50_ms: of((r) => r.frame_to_label_p50_ms),
    frame_to_label_p95_ms: of((r) => r.frame_to_label_p95_ms),
    cpu_cores: of((r) => r.cpu_cores),
    rendererCores: of((r) => r.rendererCores),
    gpuCores: of((r) => r.gpuCores),
    searchesPerSecond: of((r) => r.searchesPerSecond),
    handsInView: Math.min(...runs.map((r) => r.handsInView)),
    runs: runs.length,
    fpsRange: spread(runs.map((r) => r.fps))!,
    cpuRange: spread(runs.map((r) => r.cpu_cores)),
  };
}
