// Activation-range calibration: each method on constructed tensors whose right answer is known.
import { calibrateRange, meanBatchMinMax, minMax, percentileRange, quantileOfSorted, type TensorSamples } from '../../src/core/quant/calibrate.ts';
import { activationParams, fakeQuantize } from '../../src/core/quant/schemes.ts';
import { klDivergenceAt, klThreshold, magnitudeHistogram } from '../../src/core/quant/kl-threshold.ts';
import { SeededRandom } from '../../src/util/seeded-random.ts';

/** n standard-normal values (σ = 1), seeded, plus the given outliers at the end. */
function gaussianWithOutliers(n: number, outliers: readonly number[], seed = 5): Float32Array {
  const random = new SeededRandom(seed);
  return Float32Array.from([...Array.from({ length: n }, () => random.normal()), ...outliers]);
}

const signed = (values: Float32Array, width = 1): TensorSamples => ({ values, width, sign: 'signed' });
const relu = (values: Float32Array, width = 1): TensorSamples => ({ values: values.map((x) => Math.max(0, x)), width, sign: 'non-negative' });

describe('minmax (union of the extremes)', () => {
  it('covers every value: the range is the global min and max, widened to contain 0', () => {
    const values = Float32Array.from([0.5, -2, 3.25, 1]);
    expect(calibrateRange(signed(values), 'asym-uint8', { method: 'minmax' })).toEqual({ min: -2, max: 3.25 });
    expect(calibrateRange(signed(Float32Array.from([1, 2])), 'asym-uint8', { method: 'minmax' })).toEqual({ min: 0, max: 2 });
    // Symmetric schemes take the larger magnitude on both sides; a ReLU output starts at 0.
    expect(calibrateRange(signed(values), 'sym-int8', { method: 'minmax' })).toEqual({ min: -3.25, max: 3.25 });
    expect(calibrateRange(relu(values), 'sym-int8', { method: 'minmax' })).toEqual({ min: 0, max: 3.25 });
  });

  it('keeps a far outlier (which is what the other methods are for)', () => {
    const values = gaussianWithOutliers(10_000, [40]);
    expect(minMax(values, true).max).toBe(40);
  });
});

describe('mean-minmax (mean of per-batch extremes)', () => {
  it('averages each batch of samples: batches are `batchSize` samples of `width` values', () => {
    // Two samples of width 2 per batch: batch 1 holds [-1, 2, 0, 1], batch 2 [-3, 0, 4, 0].
    const samples = signed(Float32Array.from([-1, 2, 0, 1, -3, 0, 4, 0]), 2);
    expect(meanBatchMinMax(samples, false, 2)).toEqual({ min: -2, max: 3 });
    expect(meanBatchMinMax(samples, true, 2)).toEqual({ min: -3, max: 3 });
  });

  it('lets a single outlier move only its own batch', () => {
    const values = gaussianWithOutliers(9_999, [40]);
    const range = calibrateRange(signed(values), 'sym-int8', { method: 'mean-minmax', batchSize: 100 });
    expect(range.max).toBeLessThan(5);
    expect(range.max).toBeGreaterThan(2);
  });
});

describe('percentile', () => {
  it('takes the p-th percentile of |x| (symmetric) or both tails (asymmetric)', () => {
    const values = Float32Array.from({ length: 1001 }, (_, i) => i / 100 - 5); // -5 … 5 in steps of 0.01
    expect(percentileRange(values, false, 99).max).toBeCloseTo(4.9, 6);
    expect(percentileRange(values, false, 99).min).toBeCloseTo(-4.9, 6);
    expect(percentileRange(values, true, 99).max).toBeCloseTo(4.95, 6);
    expect(quantileOfSorted([0, 10], 0.25)).toBe(2.5);
  });

  it('ignores outliers rarer than 1 − p', () => {
    const values = gaussianWithOutliers(100_000, [50, -60, 70]);
    const range = calibrateRange(signed(values), 'asym-int8', { method: 'percentile', percentile: 99.99 });
    expect(range.max).toBeGreaterThan(3);
    expect(range.max).toBeLessThan(4.5);
    expect(range.min).toBeLessThan(-3);
    expect(range.min).toBeGreaterThan(-4.5);
  });

  it('rejects a percentile that is not in (50, 100]', () => {
    expect(() => percentileRange(Float32Array.from([1]), true, 40)).toThrow(/percentile must be in \(50, 100\]/);
  });
});

describe('kl (TensorRT entropy calibration)', () => {
  it('clips a Gaussian with a few far outliers near its bulk, far below the outliers', () => {
    const values = gaussianWithOutliers(200_000, [30, -28, 35, 40]);
    const threshold = calibrateRange(signed(values), 'sym-int8', { method: 'kl' }).max;
    expect(threshold).toBeGreaterThan(2.5);
    expect(threshold).toBeLessThan(8);
  });

  it('keeps (nearly) the whole range of a uniform distribution: clipping it only loses information', () => {
    const random = new SeededRandom(3);
    const values = Float32Array.from({ length: 100_000 }, () => random.uniform(-1, 1));
    expect(calibrateRange(signed(values), 'sym-int8', { method: 'kl' }).max).toBeGreaterThan(0.95);
  });

  it('clips each side of a signed asymmetric tensor on its own', () => {
    const random = new SeededRandom(4);
    // Positive side: a Gaussian half with outliers at 30; negative side: uniform on [-1, 0].
    const values = Float32Array.from({ length: 200_000 }, (_, i) => (i % 2 === 0 ? Math.abs(random.normal()) : -random.next()));
    values[0] = 30;
    values[2] = 29;
    const range = calibrateRange(signed(values), 'asym-uint8', { method: 'kl' });
    expect(range.max).toBeLessThan(8);
    expect(range.min).toBeLessThan(-0.95);
  });

  it('leaves the exact zeros of a ReLU output out of the histogram', () => {
    const histogram = magnitudeHistogram(Float32Array.from([0, 0, 0, 1, 2]), 4, true);
    expect(Array.from(histogram.counts)).toEqual([0, 0, 1, 1]);
    expect(histogram.width).toBe(0.5);
  });

  it('scores a clip that loses nothing as 0 and an empty last level filled by outliers as infinite', () => {
    // Eight occupied bins merged into eight levels: Q equals P.
    expect(klDivergenceAt(Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]), 8, 8)).toBeCloseTo(0, 12);
    expect(klDivergenceAt(Float64Array.from([5, 5, 0, 0, 1]), 4, 2)).toBe(Infinity);
    expect(klThreshold({ counts: Float64Array.from([1, 1]), width: 1 }, 4)).toBe(2);
  });
});

describe('mse (search for the clip with the least quantization error)', () => {
  it('trades a little error on two far outliers for finer steps over the bulk, never clipping the bulk', () => {
    // Squared error weighs outliers heavily: at T = 26, clipping costs 2·4² = 32 while the bulk's rounding
    // error falls from 50,000·(30/127)²/12 ≈ 232 to ≈ 175. MSE clips far less than KL does.
    const values = gaussianWithOutliers(50_000, [30, -30]);
    const threshold = calibrateRange(signed(values), 'sym-int8', { method: 'mse' }).max;
    expect(threshold).toBeGreaterThan(20);
    expect(threshold).toBeLessThan(30);
  });

  it('picks the clip whose fake-quantized values have the least squared error among all candidates', () => {
    const random = new SeededRandom(9);
    const values = Float32Array.from({ length: 3000 }, () => random.normal() ** 3); // heavy tails
    const tensor = relu(values);
    const chosen = calibrateRange(tensor, 'asym-uint8', { method: 'mse', mseSteps: 50 });
    const error = (max: number) => {
      const params = activationParams('asym-uint8', { min: 0, max }, 'non-negative');
      return tensor.values.reduce((sum, x) => sum + (x - fakeQuantize(x, params)) ** 2, 0);
    };
    const extreme = minMax(tensor.values, false).max;
    for (let step = 1; step <= 50; step++) expect(error(chosen.max)).toBeLessThanOrEqual(error((extreme * step) / 50) + 1e-12);
  });

  it('scales both ends of a signed asymmetric range together, to the scale with the least error', () => {
    const random = new SeededRandom(12);
    // Lopsided: a bounded negative side and a long positive tail.
    const values = Float32Array.from({ length: 4000 }, (_, i) => (i % 2 === 0 ? -random.next() : random.normal() ** 2));
    const tensor = signed(values);
    const chosen = calibrateRange(tensor, 'u7', { method: 'mse', mseSteps: 40 });
    const error = (range: { min: number; max: number }) => {
      const params = activationParams('u7', range, 'signed');
      return tensor.values.reduce((sum, x) => sum + (x - fakeQuantize(x, params)) ** 2, 0);
    };
    const extremes = minMax(values, false);
    for (let step = 1; step <= 40; step++) {
      const joint = { min: (extremes.min * step) / 40, max: (extremes.max * step) / 40 };
      expect(error(chosen)).toBeLessThanOrEqual(error(joint) + 1e-9);
    }
    expect(chosen.min / extremes.min).toBeCloseTo(chosen.max / extremes.max, 12);
  });

  it('keeps the full range when there is nothing to clip (two values at ±1)', () => {
    const values = Float32Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? 1 : -1));
    expect(calibrateRange(signed(values), 'sym-int8', { method: 'mse' })).toEqual({ min: -1, max: 1 });
  });
});
