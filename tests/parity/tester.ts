// Parity-test helpers in the spirit of XNNPACK's GemmMicrokernelTester: load builds, compare, explain mismatches.
export { randomFeatures, randomQuantizedMlp } from '../../src/kernels/random-problems';
import { KERNEL_FAMILIES, kernelDisplayName, type KernelFamilyId, type KernelIsa } from '../../src/kernels/kernels';
import { packWeights, packedByteLength, type PackableLayer } from '../../src/kernels/pack';
import type { SeededRandom } from '../../src/kernels/random-problems';
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

/** Bytes past the last output row that must stay untouched, and the value they hold. */
const GUARD_BYTES = 256;
const GUARD_VALUE = 0xa5;

/**
 * Runs the kernel of `familyId` on `problem` the way XNNPACK's tester does: the rows of A and C are padded
 * (strides longer than K and N by a few bytes; A's padding holds noise the zero weights must cancel, C's
 * padding a guard value), and guard bytes follow the last row of C. Throws if the kernel wrote outside its
 * outputs (past N in a row, or a row past M, e.g. the repeated row of a multi-row tile); returns the outputs.
 */
export function runGemmStrided(module: KernelModule, familyId: KernelFamilyId, problem: KernelGemm, random: SeededRandom): Int32Array {
  const { m, n, k, requantization, activationType } = problem;
  const family = KERNEL_FAMILIES[familyId];
  const outputBytes = requantization === null ? 4 : 1;
  const aStride = k + 1 + random.int(9);
  const cStride = n * outputBytes + 1 + random.int(9);
  const start = module.mark();
  try {
    const layer = { inputs: k, outputs: n, weights: problem.weights, bias: problem.bias, requantization };
    const packedLength = packedByteLength(familyId, layer);
    const weights = module.alloc(packedLength);
    packWeights(familyId, layer, module.bytes(weights, packedLength));
    const input = module.alloc(m * aStride);
    const output = module.alloc(m * cStride + GUARD_BYTES);
    const params = module.writeParams(requantization, k);
    const inputBytes = module.bytes(input, m * aStride);
    for (let i = 0; i < inputBytes.length; i++) inputBytes[i] = random.int(256);
    for (let row = 0; row < m; row++) for (let i = 0; i < k; i++) inputBytes[row * aStride + i] = problem.a[row * k + i] & 0xff;
    module.bytes(output, m * cStride + GUARD_BYTES).fill(GUARD_VALUE);
    const kernel = module.gemmKernel((requantization === null ? family.int32Output : family.requantizing)[activationType]);
    kernel(m, n, k, input, aStride, weights, output, cStride, params);
    const view = new DataView(module.memory.buffer, output, m * cStride + GUARD_BYTES);
    const result = new Int32Array(m * n);
    for (let row = 0; row < m; row++) {
      for (let col = 0; col < n; col++) {
        const at = row * cStride + col * outputBytes;
        result[row * n + col] = outputBytes === 4 ? view.getInt32(at, true) : activationType === 'int8' ? view.getInt8(at) : view.getUint8(at);
      }
    }
    for (let at = 0; at < view.byteLength; at++) {
      const row = Math.floor(at / cStride);
      if (row < m && at - row * cStride < n * outputBytes) continue;
      if (view.getUint8(at) !== GUARD_VALUE) {
        const where = row < m ? `row ${row}, byte ${at - row * cStride} of a ${n * outputBytes}-byte row` : `${at - m * cStride} bytes past the last row`;
        throw new Error(`${kernelNameOf(familyId, problem)}: M=${m} N=${n} K=${k} wrote outside its outputs (${where})`);
      }
    }
    return result;
  } finally {
    module.release(start);
  }
}

/** The display name of the kernel `familyId` runs `problem` on. */
export function kernelNameOf(familyId: KernelFamilyId, problem: KernelGemm): string {
  const family = KERNEL_FAMILIES[familyId];
  return kernelDisplayName((problem.requantization === null ? family.int32Output : family.requantizing)[problem.activationType]);
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
  const { nr, kr, weightBytes, requantBytes } = KERNEL_FAMILIES[familyId];
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
          const value = weightBytes === 2 ? view.getInt16(offset, true) : view.getInt8(offset);
          offset += weightBytes;
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
      shift[n0 + col] = KERNEL_FAMILIES[familyId].singleRow === 'scalar-1x4' ? word(1) : word(1) > 1 ? -Math.log2(word(1)) : 30 - Math.log2(word(4));
    }
    offset += requantBytes;
  }
  return { weights, bias, multiplier, shift };
}
