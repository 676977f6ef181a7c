// Per-stage latency over a recent window: last value, p50, p95, and frames per second.

/** The worker's stages, the page's drawing, and the whole way from the camera's capture of a frame to its hands drawn. */
export const PIPELINE_STAGES = ['landmarks', 'features', 'classifier', 'draw', 'frameToLabel'] as const;
export type PipelineStage = (typeof PIPELINE_STAGES)[number];

export interface StageSummary {
  readonly last: number;
  readonly p50: number;
  readonly p95: number;
}

export interface LatencySummary {
  readonly stages: Record<PipelineStage, StageSummary>;
  /** Frames completed per second over the window. */
  readonly fps: number;
  /** Number of frames in the window. */
  readonly frames: number;
}

/** The q-quantile (0..1) of sorted values, by nearest rank; 0 for none. */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

/** A fixed-size ring of numbers; allocation-free once built, so it can sit on the frame path. */
class Ring {
  private readonly values: Float64Array;
  private count = 0;
  private next = 0;
  constructor(capacity: number) {
    this.values = new Float64Array(capacity);
  }
  push(value: number): void {
    this.values[this.next] = value;
    this.next = (this.next + 1) % this.values.length;
    this.count = Math.min(this.count + 1, this.values.length);
  }
  get size(): number {
    return this.count;
  }
  /** The most recent value, or 0 when empty. */
  last(): number {
    return this.count === 0 ? 0 : this.values[(this.next - 1 + this.values.length) % this.values.length];
  }
  /** The oldest value still held, or 0 when empty. */
  oldest(): number {
    if (this.count === 0) return 0;
    return this.count < this.values.length ? this.values[0] : this.values[this.next];
  }
  sorted(): Float64Array {
    const copy = this.count < this.values.length ? this.values.slice(0, this.count) : this.values.slice();
    return copy.sort();
  }
}

/** Records stage timings and frame completion times; summarised a few times a second, not per frame. */
export class LatencyWindow {
  private readonly stageRings: Record<PipelineStage, Ring>;
  private readonly frameTimes: Ring;

  constructor(capacity = 120) {
    this.stageRings = Object.fromEntries(PIPELINE_STAGES.map((s) => [s, new Ring(capacity)])) as Record<PipelineStage, Ring>;
    this.frameTimes = new Ring(capacity);
  }

  record(stage: PipelineStage, milliseconds: number): void {
    this.stageRings[stage].push(milliseconds);
  }

  /** Marks one frame done at `timeMs` (a monotonic clock such as performance.now()). */
  frameDone(timeMs: number): void {
    this.frameTimes.push(timeMs);
  }

  summary(): LatencySummary {
    const stages = {} as Record<PipelineStage, StageSummary>;
    for (const stage of PIPELINE_STAGES) {
      const ring = this.stageRings[stage];
      const sorted = ring.sorted();
      stages[stage] = { last: ring.last(), p50: quantileOfSorted(sorted, 0.5), p95: quantileOfSorted(sorted, 0.95) };
    }
    const frames = this.frameTimes.size;
    const span = this.frameTimes.last() - this.frameTimes.oldest();
    const fps = frames >= 2 && span > 0 ? ((frames - 1) * 1000) / span : 0;
    return { stages, fps, frames };
  }
}
