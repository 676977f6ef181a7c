// Repeated latency rows: medians per figure and the spread of frames/s and CPU.
import { describe, expect, it } from 'vitest';
import { combineRuns, median } from '../../tools/latency-runs';

const run = (fps: number, cpu: number | null, hands = 1, f2l: number | null = 50) => ({
  scenario: 'one_hand', fps, landmarks_p50_ms: fps / 2, frame_to_label_p50_ms: f2l, frame_to_label_p95_ms: f2l && f2l * 2,
  cpu_cores: cpu, rendererCores: cpu && cpu - 0.2, gpuCores: cpu && 0.2, searchesPerSecond: 2, handsInView: hands,
});

describe('latency runs', () => {
  it('takes the median of odd and even counts, ignoring missing values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([null, 5, null])).toBe(5);
    expect(median([null])).toBeNull();
  });

  it('combines each figure on its own and keeps the spread of frames/s and CPU', () => {
    const combined = combineRuns([run(20, 1.3), run(24, 1.1), run(22, 1.2, 0, null)]);
    expect(combined.scenario).toBe('one_hand');
    expect(combined.fps).toBe(22);
    expect(combined.landmarks_p50_ms).toBe(11);
    expect(combined.cpu_cores).toBe(1.2);
    expect(combined.frame_to_label_p50_ms).toBe(50); // the run without a figure does not count
    expect(combined.fpsRange).toEqual({ min: 20, max: 24 });
    expect(combined.cpuRange).toEqual({ min: 1.1, max: 1.3 });
    expect(combined.handsInView).toBe(0); // a run that lost the hand shows
    expect(combined.runs).toBe(3);
  });

  it('has no CPU spread when /proc gave no CPU figures, and refuses no runs', () => {
    expect(combineRuns([run(20, null)]).cpuRange).toBeNull();
    expect(() => combineRuns([])).toThrow(/no runs/);
  });
});
