// The integer spec itself: gemmlowp primitives on edge values (test_fixedpoint.cc style), multipliers, input quantization, folding.
import { describe, expect, it } from 'vitest';
import {
  INT32_MAX, INT32_MIN, MULTIPLIER_MIN, SHIFT_MAX, SHIFT_MIN, multiplierValue, multiplyByQuantizedMultiplier,
  multiplyByQuantizedMultiplierFast, quantizeMultiplier, requantize, roundingDivideByPOT, saturatingLeftShift,
  saturatingRoundingDoublingHighMul,
} from '../../src/kernels/ref/fixed-point';
import { assertNoAccumulatorOverflow, foldZeroPoints, maxInputsFor } from '../../src/kernels/ref/gemm';
import { ACTIVATION_RANGES, SEVEN_BIT_RANGE, quantizeInput, quantizeValue, roundHalfToEven } from '../../src/kernels/ref/quantize';
import { SeededRandom } from '../../src/kernels/random-problems';

/** ±2^i ± {0, 1, 2} within int32, plus INT32_MIN and INT32_MAX: where rounding and saturation go wrong. */
const EDGE_VALUES = (() => {
  const values = new Set<number>([0, INT32_MIN, INT32_MAX, INT32_MIN + 1, INT32_MAX - 1]);
  for (let i = 0; i <= 31; i++) {
    for (const delta of [-2, -1, 0, 1, 2]) {
      for (const sign of [1, -1]) {
        const value = sign * 2 ** i + delta;
        if (value >= INT32_MIN && value <= INT32_MAX) values.add(value);
      }
    }
  }
  return [...values].sort((a, b) => a - b);
})();

const MULTIPLIER_EDGES = [0, MULTIPLIER_MIN, MULTIPLIER_MIN + 1, MULTIPLIER_MIN + 2, 0x5a827999, INT32_MAX - 2, INT32_MAX - 1, INT32_MAX];

/** Exact rational rounding, independent of gemmlowp's bit tricks: round(n / d) with ties toward +∞ or away from 0. */
function divideRounded(n: bigint, d: bigint, ties: 'up' | 'away'): bigint {
  const floor = n >= 0n ? n / d : -((-n + d - 1n) / d);
  const twiceRemainder = 2n * (n - floor * d);
  if (twiceRemainder > d) return floor + 1n;
  if (twiceRemainder < d) return floor;
  return ties === 'up' || n >= 0n ? floor + 1n : floor;
}

describe('SaturatingRoundingDoublingHighMul', () => {
  it('is round(a·b / 2^31) with ties toward +∞ on every pair of edge values, and saturates only INT32_MIN²', () => {
    for (const a of EDGE_VALUES) {
      for (const b of EDGE_VALUES) {
        const expected = a === INT32_MIN && b === INT32_MIN ? INT32_MAX : Number(divideRounded(BigInt(a) * BigInt(b), 1n << 31n, 'up'));
        const actual = saturatingRoundingDoublingHighMul(a, b);
        if (actual !== expected) expect.fail(`SRDHM(${a}, ${b}) = ${actual}, expected ${expected}`);
      }
    }
  });

  it('matches gemmlowp on its documented examples', () => {
    expect(saturatingRoundingDoublingHighMul(INT32_MIN, INT32_MIN)).toBe(INT32_MAX);
    expect(saturatingRoundingDoublingHighMul(1 << 30, 1 << 30)).toBe(1 << 29);
    expect(saturatingRoundingDoublingHighMul(-(1 << 30), 1)).toBe(0); // -0.5 rounds up to 0
    expect(saturatingRoundingDoublingHighMul(1 << 30, 1)).toBe(1); // +0.5 rounds up to 1
  });
});

describe('RoundingDivideByPOT', () => {
  it('is round(x / 2^e) with ties away from zero, for every edge value and exponent 0…31', () => {
    for (const x of EDGE_VALUES) {
      for (let e = 0; e <= 31; e++) {
        const expected = Number(divideRounded(BigInt(x), 1n << BigInt(e), 'away'));
        const actual = roundingDivideByPOT(x, e);
        if (actual !== expected) expect.fail(`RDBPOT(${x}, ${e}) = ${actual}, expected ${expected}`);
      }
    }
  });
});

describe('MultiplyByQuantizedMultiplier', () => {
  it('the BigInt-free path equals the spec on edge accumulators × edge multipliers × every shift', () => {
    let checked = 0;
    for (const x of EDGE_VALUES) {
      for (const m of MULTIPLIER_EDGES) {
        for (let shift = SHIFT_MIN; shift <= SHIFT_MAX; shift++) {
          const spec = multiplyByQuantizedMultiplier(x, m, shift);
          const fast = multiplyByQuantizedMultiplierFast(x, m, shift);
          if (spec !== fast) expect.fail(`MBQM(${x}, ${m}, ${shift}): spec ${spec}, fast ${fast}`);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(50_000);
  });

  it('the BigInt-free path equals the spec on 200,000 random triples (seeded)', () => {
    const random = new SeededRandom(7);
    for (let i = 0; i < 200_000; i++) {
      const x = Math.floor(random.next() * 2 ** 32) - 2 ** 31;
      const m = MULTIPLIER_MIN + random.int(MULTIPLIER_MIN);
      const shift = SHIFT_MIN + random.int(SHIFT_MAX - SHIFT_MIN + 1);
      const spec = multiplyByQuantizedMultiplier(x, m, shift);
      const fast = multiplyByQuantizedMultiplierFast(x, m, shift);
      if (spec !== fast) expect.fail(`MBQM(${x}, ${m}, ${shift}): spec ${spec}, fast ${fast}`);
    }
  });

  it('a left shift done as clamp-then-multiply (the SIMD kernels) requantizes like the saturating shift', () => {
    for (let left = 1; left <= -SHIFT_MIN; left++) {
      const low = -(2 ** (31 - left));
      const high = 2 ** (31 - left) - 1;
      for (const x of EDGE_VALUES) {
        for (const m of MULTIPLIER_EDGES) {
          const clamped = Math.min(high, Math.max(low, x)) * 2 ** left;
          const viaClamp = saturatingRoundingDoublingHighMul(clamped, m);
          const viaSaturation = saturatingRoundingDoublingHighMul(saturatingLeftShift(x, left), m);
          for (const [zeroPoint, qmin, qmax] of [[0, 0, 255], [255, 0, 255], [-128, -128, 127], [127, -128, 127]]) {
            const a = Math.min(qmax, Math.max(qmin, zeroPoint + viaClamp));
            const b = Math.min(qmax, Math.max(qmin, zeroPoint + viaSaturation));
            if (a !== b) expect.fail(`x ${x}, left ${left}, M0 ${m}, zp ${zeroPoint}: clamp ${a}, saturation ${b}`);
          }
        }
      }
    }
  });

  it('rejects multipliers outside {0} ∪ [2^30, 2^31) and shifts outside [-30, 30]', () => {
    expect(() => multiplyByQuantizedMultiplier(1, MULTIPLIER_MIN - 1, 0)).toThrow(RangeError);
    expect(() => multiplyByQuantizedMultiplier(1, MULTIPLIER_MIN, 31)).toThrow(RangeError);
    expect(() => multiplyByQuantizedMultiplier(1, MULTIPLIER_MIN, -31)).toThrow(RangeError);
    expect(() => multiplyByQuantizedMultiplier(2 ** 31, MULTIPLIER_MIN, 0)).toThrow(RangeError);
    expect(requantize(1000, 0, 0, 7, 0, 255)).toBe(7);
  });
});

describe('quantizeMultiplier', () => {
  it('encodes reals in [2^-31, 2^30) with relative error ≤ 2^-31, M0 in [2^30, 2^31)', () => {
    const random = new SeededRandom(3);
    const reals = [2 ** -31, 2 ** -31 * 1.5, 1e-6, 0.001, 0.25, 0.5, 0.75, 0.9999999999, 1, 1.5, 2, 3.75, 1000, 2 ** 30 - 2 ** 6];
    for (let i = 0; i < 2000; i++) reals.push(2 ** (-31 + 61 * random.next()));
    for (const real of reals) {
      const q = quantizeMultiplier(real);
      expect(q.multiplier).toBeGreaterThanOrEqual(MULTIPLIER_MIN);
      expect(q.multiplier).toBeLessThanOrEqual(INT32_MAX);
      expect(q.shift).toBeGreaterThanOrEqual(SHIFT_MIN);
      expect(q.shift).toBeLessThanOrEqual(SHIFT_MAX);
      expect(Math.abs(multiplierValue(q) - real) / real).toBeLessThanOrEqual(2 ** -31);
    }
  });

  it('rounds a mantissa of 1 − ε up into the next binade, and flushes reals below 2^-31 to zero', () => {
    expect(quantizeMultiplier(1 - 2 ** -40)).toEqual({ multiplier: 2 ** 30, shift: -1 });
    expect(quantizeMultiplier(0.5)).toEqual({ multiplier: 2 ** 30, shift: 0 });
    expect(quantizeMultiplier(2 ** -32)).toEqual({ multiplier: 0, shift: 0 });
    expect(quantizeMultiplier(0)).toEqual({ multiplier: 0, shift: 0 });
  });

  it('rejects negative, non-finite and ≥ 2^30 multipliers', () => {
    for (const bad of [-1, Number.NaN, Infinity, 2 ** 30]) expect(() => quantizeMultiplier(bad)).toThrow(RangeError);
  });

  it('requantizes like the real multiplication within one unit', () => {
    const random = new SeededRandom(11);
    for (let i = 0; i < 5000; i++) {
      const real = 2 ** (-20 + 22 * random.next());
      const { multiplier, shift } = quantizeMultiplier(real);
      const acc = Math.floor((random.next() - 0.5) * 2 ** 20);
      expect(Math.abs(multiplyByQuantizedMultiplier(acc, multiplier, shift) - acc * real)).toBeLessThanOrEqual(1);
    }
  });
});

describe('input quantization', () => {
  it('rounds ties to even after a float32 division', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 3.5].map(roundHalfToEven)).toEqual([0, 2, 2, -0, -2, -2, 4]);
    // 0.1 / 0.2 in float32 is not 0.5 exactly: the float32 quotient decides.
    const quotient = Math.fround(Math.fround(0.1) / Math.fround(0.2));
    expect(quantizeValue(0.1, 0.2, 0, -128, 127)).toBe(roundHalfToEven(quotient));
    expect(quantizeValue(1.25, 0.5, 10, 0, 255)).toBe(12); // 2.5 → 2
    expect(quantizeValue(1.75, 0.5, 10, 0, 255)).toBe(14); // 3.5 → 4
  });

  it('maps NaN to the zero point and clamps ±∞ and huge values', () => {
    expect(quantizeValue(Number.NaN, 0.1, 7, 0, 255)).toBe(7);
    expect(quantizeValue(Infinity, 0.1, 7, 0, 255)).toBe(255);
    expect(quantizeValue(-1e30, 0.1, 7, 0, 255)).toBe(0);
    expect(Array.from(quantizeInput([0, 1, -1], 1 / 64, 64, SEVEN_BIT_RANGE.min, SEVEN_BIT_RANGE.max))).toEqual([64, 127, 0]);
  });
});

describe('zero-point folding and overflow bounds', () => {
  it('folds Σ W·(q − z) into the bias: Σ W·q + bias′ = Σ W·(q − z) + bias', () => {
    const random = new SeededRandom(5);
    const [n, k, z] = [7, 13, 131];
    const weights = new Int8Array(n * k).map(() => random.int(255) - 127);
    const bias = Array.from({ length: n }, () => random.int(20001) - 10000);
    const folded = foldZeroPoints(weights, bias, z);
    const q = Array.from({ length: k }, () => random.int(256));
    for (let o = 0; o < n; o++) {
      let raw = folded[o];
      let centred = bias[o];
      for (let i = 0; i < k; i++) {
        raw += weights[o * k + i] * q[i];
        centred += weights[o * k + i] * (q[i] - z);
      }
      expect(raw).toBe(centred);
    }
  });

  it('rejects a folded bias outside int32', () => {
    expect(() => foldZeroPoints(new Int8Array([127, 127]), [INT32_MIN + 10], 255)).toThrow(/does not fit int32/);
  });

  it('bounds K so Σ W·A cannot overflow, and proves per-channel bounds', () => {
    expect(maxInputsFor(ACTIVATION_RANGES.uint8)).toBe(66_311);
    expect(maxInputsFor(ACTIVATION_RANGES.int8)).toBe(132_104);
    expect(maxInputsFor(SEVEN_BIT_RANGE)).toBe(133_144);
    const weights = new Int8Array([127, -127]);
    expect(() => assertNoAccumulatorOverflow(weights, new Int32Array([INT32_MAX - 2 * 127 * 255]), 1, 2, ACTIVATION_RANGES.uint8)).not.toThrow();
    expect(() => assertNoAccumulatorOverflow(weights, new Int32Array([INT32_MAX - 2 * 127 * 255 + 1]), 1, 2, ACTIVATION_RANGES.uint8)).toThrow(/overflow/);
  });
});
