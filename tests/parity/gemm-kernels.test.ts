// Every GEMM kernel equals the TS reference bit for bit: shape edges, extremes, clamps, and seeded fuzzing, with padded strides.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KERNEL_FAMILIES, type KernelFamilyId } from '../../src/kernels/kernels';
import { SeededRandom, randomGemmProblem, type ProblemOptions, type ProblemShape } from '../../src/kernels/random-problems';
import { gemmReference } from '../../src/kernels/ref/gemm';
import type { ActivationType } from '../../src/kernels/ref/quantize';
import type { KernelGemm, KernelModule } from '../../src/kernels/wasm-kernels';
import { describeMismatch, firstDifference, instantiateBuild, kernelNameOf, runGemmStrided, type TestBuild } from './tester';

interface Target {
  readonly build: TestBuild;
  readonly family: KernelFamilyId;
}

/** The relaxed kernels run through their SIMD128 emulation here, and natively too where this engine validates them. */
const TARGETS: readonly Target[] = [
  { build: 'scalar', family: 'scalar-1x4' },
  { build: 'simd128', family: 'wasmsimd-1x16c2' },
  { build: 'simd128', family: 'wasmsimd-4x16c2-xw' },
  { build: 'relaxed-simd-emulated', family: 'wasmrelaxedsimd-1x16c4' },
  { build: 'relaxed-simd-emulated', family: 'wasmrelaxedsimd-4x16c4' },
  { build: 'relaxed-simd-emulated', family: 'wasmsimd-1x16c2' },
  { build: 'relaxed-simd-emulated', family: 'wasmsimd-4x16c2-xw' },
  { build: 'relaxed-simd', family: 'wasmrelaxedsimd-1x16c4' },
  { build: 'relaxed-simd', family: 'wasmrelaxedsimd-4x16c4' },
];

const modules = new Map<TestBuild, KernelModule | null>();
const outputsChecked = new Map<string, number>();

beforeAll(async () => {
  for (const { build } of TARGETS) if (!modules.has(build)) modules.set(build, await instantiateBuild(build));
});

afterAll(() => {
  const lines = [...outputsChecked].map(([target, count]) => `  ${target}: ${count.toLocaleString('en')} outputs`);
  console.log(`GEMM parity, outputs compared with the reference:\n${lines.join('\n')}`);
});

/** Strides and padding noise come from here (problems have their own seeds). */
const layoutRandom = new SeededRandom(99);

/** Runs one problem on the target and the reference; fails with a full description of the first difference. */
function check(target: Target, problem: KernelGemm): void {
  const module = modules.get(target.build);
  if (!module) return;
  const kernel = kernelNameOf(target.family, problem);
  const expected = gemmReference(problem);
  const actual = runGemmStrided(module, target.family, problem, layoutRandom);
  const index = firstDifference(actual, expected);
  if (index >= 0) expect.fail(describeMismatch(kernel, problem, index, actual[index], expected[index]));
  const key = `${target.build} ${kernel}`;
  outputsChecked.set(key, (outputsChecked.get(key) ?? 0) + expected.length);
}

function optionsFor(target: Target, activationType: ActivationType, extra: Partial<ProblemOptions> = {}): ProblemOptions {
  const inputRange = KERNEL_FAMILIES[target.family].inputRange ?? undefined;
  return { activationType, inputRange, ...extra };
}

const unique = (values: number[]): number[] => [...new Set(values.filter((v) => v >= 1))].sort((a, b) => a - b);

describe.each(TARGETS)('$build $family', (target) => {
  const { mr, nr, kr } = KERNEL_FAMILIES[target.family];
  const available = (): boolean => modules.get(target.build) !== null;
  // Multi-row kernels: M below, at and above the tile, and every remainder (a tile with repeated rows, single rows).
  const ms = mr === 1 ? [1, 3] : unique([1, mr - 2, mr - 1, mr, mr + 1, mr + 2, 2 * mr - 1, 2 * mr, 2 * mr + 1]);
  // N: below, at and above the tile, and off the half tile the multi-row kernels compute at a time.
  const ns = unique([1, nr / 2 - 1, nr / 2, nr / 2 + 1, nr - 1, nr, nr + 1, 2 * nr, 2 * nr + 1, 3 * nr - 1]);

  it('shape edges: K below, at, above and off the block; N off the tile; M below, at, above and off the row tile', ({ skip }) => {
    if (!available()) skip(`${target.build} does not validate on this engine`);
    const random = new SeededRandom(1);
    const ks = unique([1, kr - 1, kr, kr + 1, 2 * kr, 2 * kr + 1, 7, 8, 9, 15, 16, 17, 33, 64, 100]);
    for (const k of ks) {
      for (const n of ns) {
        for (const m of ms) {
          for (const activationType of ['uint8', 'int8'] as const) {
            for (const requantize of [true, false]) check(target, randomGemmProblem(random, { m, n, k }, optionsFor(target, activationType, { requantize })));
          }
        }
      }
    }
  });

  it('extremes: activations and weights at their limits, biases at the overflow bound', ({ skip }) => {
    if (!available()) skip(`${target.build} does not validate on this engine`);
    const random = new SeededRandom(2);
    for (const shape of [{ m: 1, n: 9, k: 42 }, { m: 4, n: 33, k: 130 }, { m: 2, n: 16, k: 1000 }, { m: 7, n: 24, k: 515 }]) {
      for (const activationType of ['uint8', 'int8'] as const) {
        for (const requantize of [true, false]) {
          check(target, randomGemmProblem(random, shape, optionsFor(target, activationType, { requantize, values: 'max' })));
          check(target, randomGemmProblem(random, shape, optionsFor(target, activationType, { requantize, values: 'edges' })));
          // Every activation at the maximum (for 7-bit kernels, the operand's top bit region).
          const full = randomGemmProblem(random, shape, optionsFor(target, activationType, { requantize, values: 'max' }));
          full.a.fill(full.inputRange.max);
          check(target, full);
          const empty = randomGemmProblem(random, shape, optionsFor(target, activationType, { requantize, values: 'max' }));
          empty.a.fill(empty.inputRange.min);
          check(target, empty);
        }
      }
    }
  });

  it('requantization extremes: every shift from −30 to 30, narrow [qmin, qmax], multipliers at both ends', ({ skip }) => {
    if (!available()) skip(`${target.build} does not validate on this engine`);
    const random = new SeededRandom(3);
    for (let shift = -30; shift <= 30; shift++) {
      for (const activationType of ['uint8', 'int8'] as const) {
        const problem = randomGemmProblem(random, { m: mr === 1 ? 2 : 2 * mr - 1, n: 19, k: 23 }, optionsFor(target, activationType, { shiftMin: shift, shiftMax: shift, values: 'edges' }));
        const r = problem.requantization!;
        r.multiplier.forEach((_, o) => { r.multiplier[o] = [0x40000000, 0x40000001, 0x7ffffffe, 0x7fffffff][o % 4]; });
        check(target, problem);
        const narrow = { ...problem, requantization: { ...r, min: r.zeroPoint, max: Math.min(r.zeroPoint + 3, activationType === 'uint8' ? 255 : 127) } };
        check(target, narrow);
      }
    }
  });

  it('seeded fuzzing: random shapes and values, at least 25,000 outputs', ({ skip }) => {
    if (!available()) skip(`${target.build} does not validate on this engine`);
    const random = new SeededRandom(4 + nr * 10 + kr + mr * 1000);
    let outputs = 0;
    while (outputs < 25_000) {
      const shape: ProblemShape = { m: 1 + random.int(mr === 1 ? 6 : 3 * mr + 1), n: 1 + random.int(70), k: 1 + random.int(160) };
      const activationType = random.next() < 0.5 ? 'uint8' : 'int8';
      const values = random.pick(['random', 'random', 'edges'] as const);
      check(target, randomGemmProblem(random, shape, optionsFor(target, activationType, { requantize: random.next() < 0.8, values })));
      outputs += shape.m * shape.n;
    }
  });
});

describe('fuzzing budget', () => {
  it('compared at least 100,000 kernel outputs with the reference', () => {
    const total = [...outputsChecked.values()].reduce((sum, count) => sum + count, 0);
    expect(total).toBeGreaterThanOrEqual(100_000);
  });
});
