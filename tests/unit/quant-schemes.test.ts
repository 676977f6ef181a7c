// Quantization schemes and weight quantization: grids, zero points, power-of-two scales, per-channel scales, clipping, outliers.
import { multiplyByQuantizedMultiplier, quantizeMultiplier } from '../../src/kernels/ref/fixed-point.ts';
import { SEVEN_BIT_RANGE } from '../../src/kernels/ref/quantize.ts';
import {
  activationParams, fakeQuantize, isPowerOfTwo, powerOfTwoAtLeast, QUANT_SCHEMES, representableRange, requantizationScale, SCHEMES,
  weightScale,
} from '../../src/core/quant/schemes.ts';
import { findOutlierChannels, quantizeWeights, searchClip } from '../../src/core/quant/weights.ts';
import { SeededRandom } from '../../src/util/seeded-random.ts';

const SIGNED = { min: -2.5, max: 4 };

describe('activation parameters per scheme', () => {
  it('sym-int8: zero point 0, [-T, T] onto ±127, a ReLU output on [0, 127]', () => {
    expect(activationParams('sym-int8', SIGNED, 'signed')).toEqual({ scale: Math.fround(4 / 127), zeroPoint: 0, min: -128, max: 127 });
    expect(activationParams('sym-int8', { min: 0, max: 4 }, 'non-negative')).toEqual({ scale: Math.fround(4 / 127), zeroPoint: 0, min: 0, max: 127 });
  });

  it('pot-int8: the scale is the smallest power of two whose ±127 steps cover the range', () => {
    const params = activationParams('pot-int8', SIGNED, 'signed');
    expect(isPowerOfTwo(params.scale)).toBe(true);
    expect(params.scale).toBe(2 ** -4); // 4 / 127 = 0.0315 > 1/32, so 1/16
    expect(params.zeroPoint).toBe(0);
    expect(representableRange(params).max).toBeGreaterThanOrEqual(4 - params.scale);
    expect(powerOfTwoAtLeast(0.25)).toBe(0.25);
    expect(powerOfTwoAtLeast(0.2500001)).toBe(0.5);
  });

  it('asym-uint8 and asym-int8: the range spread over 256 codes with an integer zero point that makes 0 exact', () => {
    const u8 = activationParams('asym-uint8', SIGNED, 'signed');
    expect(u8.scale).toBe(Math.fround(6.5 / 255));
    expect(u8.zeroPoint).toBe(Math.round(2.5 / u8.scale));
    expect([u8.min, u8.max]).toEqual([0, 255]);
    expect(fakeQuantize(0, u8)).toBe(0);
    const i8 = activationParams('asym-int8', SIGNED, 'signed');
    expect(i8.zeroPoint).toBe(u8.zeroPoint - 128);
    expect(i8.scale).toBe(u8.scale);
    // A ReLU output: the zero point is the lowest code and the clamp starts there (the fused ReLU).
    expect(activationParams('asym-int8', { min: 0, max: 4 }, 'non-negative')).toMatchObject({ zeroPoint: -128, min: -128, max: 127 });
  });

  it('u7: every code in [0, 127], the relaxed-SIMD kernel\'s 7-bit operand range, for the input and ReLU outputs', () => {
    for (const [range, sign] of [[SIGNED, 'signed'], [{ min: 0, max: 4 }, 'non-negative']] as const) {
      const params = activationParams('u7', range, sign);
      expect(params.min).toBeGreaterThanOrEqual(SEVEN_BIT_RANGE.min);
      expect(params.max).toBe(SEVEN_BIT_RANGE.max);
      expect(params.zeroPoint).toBeGreaterThanOrEqual(0);
      expect(params.zeroPoint).toBeLessThanOrEqual(127);
    }
    expect(activationParams('u7', SIGNED, 'signed').scale).toBe(Math.fround(6.5 / 127));
    expect(SCHEMES.u7.activationType).toBe('uint8');
  });

  it('represents an all-zero tensor exactly whatever the scheme', () => {
    for (const scheme of QUANT_SCHEMES) {
      const params = activationParams(scheme, { min: 0, max: 0 }, 'non-negative');
      expect(params.scale).toBeGreaterThan(0);
      expect(fakeQuantize(0, params)).toBe(0);
    }
  });
});

describe('power-of-two requantization (fractional lengths)', () => {
  it('is a multiplier of exactly 2^30 with a shift: a pure rounding shift in the gemmlowp contract', () => {
    const real = requantizationScale(2 ** -5, 2 ** -7, 2 ** -4);
    expect(real).toBe(2 ** -8);
    const { multiplier, shift } = quantizeMultiplier(real);
    expect(multiplier).toBe(2 ** 30);
    expect(shift).toBe(7); // 2^30 · 2^-31 · 2^-7 = 2^-8
    // Within one unit of x / 256 rounded; exact away from ties.
    for (const x of [0, 1000, -1000, 12_345, 256 * 77, -256 * 77 + 3]) {
      expect(Math.abs(multiplyByQuantizedMultiplier(x, multiplier, shift) - x / 256)).toBeLessThanOrEqual(0.5 + 1e-9 + (x % 128 === 0 ? 0.5 : 0));
    }
  });

  it('gives power-of-two weight scales', () => {
    expect(weightScale('pot-int8', 1.3)).toBe(2 ** -6); // 1.3 / 127 = 0.0102 ≤ 1/64
    expect(weightScale('sym-int8', 1.3)).toBe(1.3 / 127);
  });
});

describe('weight quantization', () => {
  /** Three channels of four inputs: small, large, and small with one outlier. */
  const weights = [0.12, -0.2, 0.05, 0.15, 1, -2, 0.5, 1.5, 0.1, -0.1, 0.05, 3];

  it('per-channel: each row gets its own scale (max |w| ↦ 127); per-tensor: one scale for all', () => {
    const perChannel = quantizeWeights(weights, 3, { scheme: 'sym-int8', perChannel: true, clipping: 'none' });
    expect(Array.from(perChannel.scales)).toEqual([0.2 / 127, 2 / 127, 3 / 127]);
    expect(Array.from(perChannel.weights.subarray(0, 4))).toEqual([76, -127, 32, 95]);
    const perTensor = quantizeWeights(weights, 3, { scheme: 'sym-int8', perChannel: false, clipping: 'none' });
    expect(new Set(perTensor.scales).size).toBe(1);
    expect(perTensor.scales[0]).toBe(3 / 127);
    // The small channel loses most of its resolution to the outlier channel's scale.
    expect(Array.from(perTensor.weights.subarray(0, 4))).toEqual([5, -8, 2, 6]);
    expect(Math.min(...perChannel.weights)).toBeGreaterThanOrEqual(-127);
  });

  it('the MSE clip search clips the outlier channel where it pays and leaves the others at max |w|', () => {
    // With 127 steps a lone outlier is cheap to keep (its clipping error outweighs the finer steps), except
    // where a power-of-two scale jumps: a weight just past 127 · 2^-8 doubles the step for the whole channel.
    const random = new SeededRandom(2);
    const bulk = () => Array.from({ length: 127 }, () => random.uniform(-0.4, 0.4));
    const matrix = [...bulk(), 0.3, ...bulk(), 0.51, ...bulk(), 0.45];
    const { clips, scales } = quantizeWeights(matrix, 3, { scheme: 'pot-int8', perChannel: true, clipping: 'mse' });
    expect(clips[1]).toBeLessThanOrEqual(127 * 2 ** -8);
    expect(scales[1]).toBe(2 ** -8);
    expect(clips[0]).toBe(Math.max(...matrix.slice(0, 128).map(Math.abs)));
    expect(clips[2]).toBe(0.45);
    // A general scale has no such jump: the same channel keeps (almost) all of its range.
    expect(searchClip(matrix.slice(128, 256), 'sym-int8')).toBeGreaterThan(0.5);
  });

  it('reports the channels whose largest weight stands out from the rest (max |w| / p99)', () => {
    const random = new SeededRandom(8);
    const rows = 6;
    const inputs = 42;
    const matrix = Array.from({ length: rows * inputs }, () => random.uniform(-0.5, 0.5));
    matrix[4 * inputs + 17] = 3; // channel 4: a 6× outlier
    matrix[1 * inputs + 2] = -1.4; // channel 1: about 2.8×
    const found = findOutlierChannels(matrix, rows);
    expect(found.map((c) => c.channel)).toEqual([4, 1]);
    expect(found[0].maxAbs).toBe(3);
    expect(found[0].ratio).toBeGreaterThan(5);
  });
});
