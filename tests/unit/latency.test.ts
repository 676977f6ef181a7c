// Latency window: quantiles by nearest rank, ring overwrite, frames per second.
import { LatencyWindow, quantileOfSorted } from '../../src/core/stats/latency';

describe('quantileOfSorted', () => {
  it('uses the nearest rank', () => {
    const values = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantileOfSorted(values, 0.5)).toBe(50);
    expect(quantileOfSorted(values, 0.95)).toBe(95);
    expect(quantileOfSorted(values, 1)).toBe(100);
    expect(quantileOfSorted(new Float64Array(0), 0.5)).toBe(0);
    expect(quantileOfSorted([7], 0.95)).toBe(7);
  });
});

describe('LatencyWindow', () => {
  it('keeps only the most recent samples', () => {
    const window = new LatencyWindow(4);
    for (const v of [100, 100, 100, 1, 2, 3, 4]) window.record('classifier', v);
    const s = window.summary().stages.classifier;
    expect(s.last).toBe(4);
    expect(s.p95).toBe(4);
    expect(s.p50).toBe(2);
  });

  it('measures frames per second over the window', () => {
    const window = new LatencyWindow(10);
    expect(window.summary().fps).toBe(0);
    for (let i = 0; i < 30; i++) window.frameDone(i * 40); // 25 fps, the ring holds the last 10
    expect(window.summary().fps).toBeCloseTo(25, 6);
    expect(window.summary().frames).toBe(10);
  });
});
