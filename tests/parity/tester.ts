// Parity-test helpers in the spirit of XNNPACK's GemmMicrokernelTester: load builds, compare, explain mismatches.
import { KERNEL_FAMILIES, type KernelFamilyId, type KernelIsa } from '../../src/kernels/kernels';
import type { PackableLayer } from '../../src/kernels/pack';
import { SeededRandom } from '../../src/kernels/random-problems';
import { foldZeroPoints, type GemmProblem } from '../../src/kernels/ref/gemm';
import { quantizeMultiplier } from '../../src/kernels/ref/fixed-point';
import type { QuantizedDenseLayer, QuantizedMlp } from '../../src/kernels/ref/mlp';
import { ACTIVATION_RANGES, SEVEN_BIT_RANGE, type ActivationType } from '../../src/kernels/ref/quantize';
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

export interface MlpOptions {
  readonly activationType: ActivationType;
  /** Every activation in [0, 127] (what relaxed-SIMD layers read). */
  readonly sevenBit?: boolean;
  /** The last layer requantizes to 8 bits instead of returning int32 accumulators. */
  readonly requantizedHead?: boolean;
}

/**
 * A quantized MLP as the toolkit would make one from float weights: input scale 1/64 around a middle zero
 * point, ReLU layers with qmin = zero point, zero points folded into the biases, multipliers from real ratios.
 */
export function randomQuantizedMlp(random: SeededRandom, sizes: readonly number[], options: MlpOptions): QuantizedMlp {
  const typeRange = ACTIVATION_RANGES[options.activationType];
  const range = options.sevenBit ? SEVEN_BIT_RANGE : typeRange;
  const middle = Math.round((range.min + range.max) / 2);
  const input = { scale: 1 / 64, zeroPoint: middle, min: range.min, max: range.max };
  let inputZeroPoint = input.zeroPoint;
  let inputScale = input.scale;
  const layers: QuantizedDenseLayer[] = [];
  for (let i = 1; i < sizes.length; i++) {
    const [inputs, outputs] = [sizes[i - 1], sizes[i]];
    const last = i === sizes.length - 1;
    const weightScale = new Float64Array(outputs).map(() => 0.004 + 0.004 * random.next());
    const weights = new Int8Array(outputs * inputs).map(() => Math.round(random.normal() * 50) || 1).map((w) => Math.max(-127, Math.min(127, w)));
    const bias = Array.from({ length: outputs }, () => Math.round(random.normal() * 2000));
    const folded = foldZeroPoints(weights, bias, inputZeroPoint);
    const outputScale = 0.05 + 0.05 * random.next();
    const zeroPoint = range.min;
    const requantization = last && !options.requantizedHead ? null : {
      multiplier: new Int32Array(outputs), shift: new Int32Array(outputs), zeroPoint,
      min: last ? range.min : zeroPoint, max: range.max,
    };
    if (requantization !== null) {
      for (let o = 0; o < outputs; o++) {
        const { multiplier, shift } = quantizeMultiplier((inputScale * weightScale[o]) / outputScale);
        requantization.multiplier[o] = multiplier;
        requantization.shift[o] = shift;
      }
    }
    layers.push({ inputs, outputs, weights, bias: folded, requantization });
    inputZeroPoint = zeroPoint;
    inputScale = outputScale;
  }
  return { activationType: options.activationType, input, layers };
}

/** Features with the values that stress input quantization mixed in: ties, out-of-range, NaN, ±∞. */
export function randomFeatures(random: SeededRandom, count: number): Float32Array {
  const special = [0.5 / 64, 1.5 / 64, -2.5 / 64, 1e9, -1e9, Number.NaN, Infinity, -Infinity, 3, -3];
  return Float32Array.from({ length: count }, () => (random.next() < 0.1 ? random.pick(special) : random.normal() * 0.8));
}
