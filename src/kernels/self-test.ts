// Runs every kernel of a loaded build on problems where a wrong implementation differs, against the TS reference.
import { KERNEL_FAMILIES, kernelDisplayName } from './kernels';
import { SeededRandom, randomGemmProblem } from './random-problems';
import { gemmReference } from './ref/gemm';
import { quantizeInput, type ActivationType } from './ref/quantize';
import type { KernelModule } from './wasm-kernels';

/** Floats that separate correct input quantization from near misses: ties, negative ties, NaN, ±∞, huge. */
const VCVT_PROBES = [0, -0, 0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 126.5, 127.5, -127.5, -128.5, 1e-40, 3e9, -3e9,
  Number.NaN, Infinity, -Infinity, 255.49999, 64.5, 65.5, -64.5, 1 / 3, 2 / 3, 100.25, -100.75];

export interface SelfTestResult {
  /** null when every kernel matched. */
  readonly failure: string | null;
  readonly outputsCompared: number;
}

/**
 * Each GEMM family × activation type × output kind on shapes off every block size (K = 37, N = 19, M = 3, or
 * M = 7 for a 4-row family: a full tile and a tile with a repeated row), with one row at the activations'
 * maximum and weights at ±127 (the top bit of a 7-bit operand matters there), then the input quantizer on
 * VCVT_PROBES. Stops at the first difference and says where.
 */
export function selfTestKernels(module: KernelModule, seed = 20240531): SelfTestResult {
  const random = new SeededRandom(seed);
  let compared = 0;
  for (const familyId of module.families) {
    const family = KERNEL_FAMILIES[familyId];
    for (const activationType of ['uint8', 'int8'] as ActivationType[]) {
      for (const requantize of [true, false]) {
        const problem = randomGemmProblem(random, { m: family.mr > 1 ? 2 * family.mr - 1 : 3, n: 19, k: 37 }, {
          activationType, requantize, values: 'edges', inputRange: family.inputRange ?? undefined,
        });
        const { k, inputRange } = problem;
        for (let i = 0; i < k; i++) problem.a[i] = inputRange.max;
        const expected = gemmReference(problem);
        const actual = module.runGemm(familyId, problem);
        const name = kernelDisplayName((requantize ? family.requantizing : family.int32Output)[activationType]);
        for (let i = 0; i < expected.length; i++) {
          if (actual[i] !== expected[i]) {
            const row = Math.floor(i / problem.n);
            return {
              failure: `${name} gives ${actual[i]} at [${row}][${i - row * problem.n}] where the reference gives ${expected[i]}`,
              outputsCompared: compared + i,
            };
          }
        }
        compared += expected.length;
      }
    }
  }
  const failure = checkInputQuantization(module);
  return { failure, outputsCompared: compared + VCVT_PROBES.length * 2 };
}

function checkInputQuantization(module: KernelModule): string | null {
  const start = module.mark();
  try {
    for (const [zeroPoint, qmin, qmax] of [[0, 0, 255], [3, -128, 127]]) {
      const scale = 0.5;
      const count = VCVT_PROBES.length;
      const x = module.alloc(4 * count);
      const out = module.alloc(count);
      new Float32Array(module.memory.buffer, x, count).set(VCVT_PROBES);
      module.quantizeKernel(x, count, out, scale, zeroPoint, qmin, qmax);
      const bytes = qmin < 0 ? new Int8Array(module.memory.buffer, out, count) : module.bytes(out, count);
      const expected = quantizeInput(VCVT_PROBES, scale, zeroPoint, qmin, qmax);
      for (let i = 0; i < count; i++) {
        if (bytes[i] !== expected[i]) {
          return `input quantization of ${VCVT_PROBES[i]} (scale ${scale}, zero point ${zeroPoint}) gives ${bytes[i]}, the reference ${expected[i]}`;
        }
      }
    }
    return null;
  } finally {
    module.release(start);
  }
}
