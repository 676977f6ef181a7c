// Parity-test helpers in the spirit of XNNPACK's GemmMicrokernelTester: load builds, compare, explain mismatches.
export { randomFeatures, randomQuantizedMlp } from '../../src/kernels/random-problems';
import { KERNEL_FAMILIES, type KernelFamilyId, type KernelIsa } from '../../src/kernels/kernels';
import type { PackableLayer } from '../../src/kernels/pack';
import type { GemmProblem } from '../../src/kernels/ref/gemm';
import { KernelModule, type KernelGemm } from '../../src/kernels/wasm-kernels';
import {
  PUBLIC_KERNELS_DIRECTORY, RELEASE_BUILDS, TEST_BUILDS, TEST_KERNELS_DIRECTORY, buildKernelsIfStale,
} from '../../tools/kernels-build';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export type TestBuild = KernelIsa | 'relaxed-simd-emulated' | 'relaxed-simd-node20-bug';

/** Builds what is stale (release builds into public/kernels, test builds into the cache). */
export function ensureKernelBuilds(): void {
  buildKernelsIfStale({ builds: RELEASE_BUILDS });
  buildKernelsIfStale({ builds: TEST_BUILDS, outDirectory: TEST_KERNELS_DIRECTORY });
}

export async function readBuildBytes(build: TestBuild): Promise<Uint8Array<ArrayBuffer>> {
  const directory = build.startsWith('relaxed-simd-') ? TEST_KERNELS_DIRECTORY : PUBLIC_KERNELS_DIRECTORY;
  return new Uint8Array(await readFile(join(directory, `${build}.wasm`)));
}

/** Instantiates a build as the ISA it stands in for (the emulated relaxed build as 'relaxed-simd'). */
export async function instantiateBuild(build: TestBuild): Promise<KernelModule | null> {
  const bytes = await readBuildBytes(build);
  if (!WebAssembly.validate(bytes)) return null;
  const isa: KernelIsa = build.startsWith('relaxed-simd') ? 'relaxed-simd' : (build as KernelIsa);
  return KernelModule.instantiate(isa, bytes);
}

/** The int32 accumulator of one output, for failure messages. */
function accumulator(problem: GemmProblem, row: number, column: number): number {
  let acc = problem.bias[column];
  for (let i = 0; i < problem.k; i++) acc += problem.weights[column * problem.k + i] * problem.a[row * problem.k + i];
  return acc;
}

/** Everything needed to reproduce one mismatch: shapes, ranges, zero points, the channel's M0 and shift, both values. */
export function describeMismatch(kernel: string, problem: KernelGemm, index: number, actual: number, expected: number): string {
  const row = Math.floor(index / problem.n);
  const column = index - row * problem.n;
  const r = problem.requantization;
  const output = r === null
    ? 'int32 output'
    : `output zero point ${r.zeroPoint} range [${r.min}, ${r.max}], M0 ${r.multiplier[column]} shift ${r.shift[column]}`;
  return `${kernel}: M=${problem.m} N=${problem.n} K=${problem.k}, ${problem.activationType} activations in `
    + `[${problem.inputRange.min}, ${problem.inputRange.max}], ${output}; out[${row}][${column}] (accumulator `
    + `${accumulator(problem, row, column)}, bias ${problem.bias[column]}) = ${actual}, reference ${expected}`;
}

/** Index of the first difference, or -1. */
export function firstDifference(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Math.min(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) if (actual[i] !== expected[i]) return i;
  return -1;
}

/** Inverse of packWeights, to check the layout itself: row-major weights and bias, and the multipliers back. */
export function unpackWeights(familyId: KernelFamilyId, packed: Uint8Array, layer: Pick<PackableLayer, 'inputs' | 'outputs' | 'requantization'>):
  { weights: Int8Array; bias: Int32Array; multiplier: Int32Array; shift: Int32Array } {
  const { nr, kr, requantBytes } = KERNEL_FAMILIES[familyId];
  const { inputs: k, outputs: n } = layer;
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  const weights = new Int8Array(n * k);
  const bias = new Int32Array(n);
  const multiplier = new Int32Array(n);
  const shift = new Int32Array(n);
  const kPadded = Math.ceil(k / kr) * kr;
  let offset = 0;
  for (let n0 = 0; n0 < n; n0 += nr) {
    for (let col = 0; col < nr && n0 + col < n; col++) bias[n0 + col] = view.getInt32(offset + 4 * col, true);
    offset += 4 * nr;
    for (let g = 0; g < kPadded; g += kr) {
      for (let col = 0; col < nr; col++) {
        for (let t = 0; t < kr; t++) {
          const value = view.getInt8(offset++);
          if (n0 + col < n && g + t < k) weights[(n0 + col) * k + g + t] = value;
          else if (value !== 0) throw new Error(`padding byte at tile ${n0 / nr}, group ${g / kr}, column ${col} is ${value}`);
        }
      }
    }
    if (layer.requantization === null) continue;
    for (let col = 0; col < nr && n0 + col < n; col++) {
      const word = (slot: number): number => view.getInt32(offset + 4 * (slot * nr + col), true);
      multiplier[n0 + col] = word(0);
      // SIMD blocks hold 2^left and 2^(30 − right) instead of the shift.
      shift[n0 + col] = familyId === 'scalar-1x4' ? word(1) : word(1) > 1 ? -Math.log2(word(1)) : 30 - Math.log2(word(4));
    }
    offset += requantBytes;
  }
  return { weights, bias, multiplier, shift };
}
