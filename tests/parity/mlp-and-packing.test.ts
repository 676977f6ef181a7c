// Whole-MLP engines (one WebAssembly call per inference, and the fast TS engine) equal the reference; packing round-trips.
import { beforeAll, describe, expect, it } from 'vitest';
import { KERNEL_FAMILIES, type KernelFamilyId } from '../../src/kernels/kernels';
import { packWeights } from '../../src/kernels/pack';
import { SeededRandom, randomGemmProblem } from '../../src/kernels/random-problems';
import { TsInt8Mlp, runQuantizedMlpReference, type QuantizedMlp } from '../../src/kernels/ref/mlp';
import type { ActivationType } from '../../src/kernels/ref/quantize';
import type { KernelModule } from '../../src/kernels/wasm-kernels';
import {
  firstDifference, instantiateBuild, randomFeatures, randomQuantizedMlp, unpackWeights, type TestBuild,
} from './tester';

const BUILDS: readonly TestBuild[] = ['scalar', 'simd128', 'relaxed-simd-emulated', 'relaxed-simd'];
const SIZES = [[42, 64, 32, 9], [63, 128, 64, 10], [5, 3, 2], [17, 33, 1]] as const;
const modules = new Map<TestBuild, KernelModule | null>();

beforeAll(async () => {
  for (const build of BUILDS) modules.set(build, await instantiateBuild(build));
});

interface Variant {
  readonly activationType: ActivationType;
  readonly sevenBit: boolean;
  readonly requantizedHead: boolean;
}

const VARIANTS: Variant[] = (['uint8', 'int8'] as const).flatMap((activationType) =>
  [false, true].flatMap((sevenBit) => [false, true].map((requantizedHead) => ({ activationType, sevenBit, requantizedHead }))));

function describeMlp(mlp: QuantizedMlp, variant: Variant): string {
  const sizes = [mlp.layers[0].inputs, ...mlp.layers.map((layer) => layer.outputs)].join('→');
  return `${sizes} ${variant.activationType}${variant.sevenBit ? ' (7-bit)' : ''}, ${variant.requantizedHead ? '8-bit' : 'int32'} logits, `
    + `input scale ${mlp.input.scale} zero point ${mlp.input.zeroPoint}`;
}

describe.each(BUILDS)('whole MLP on %s', (build) => {
  it('equals the reference for every size, activation scheme and head, batch 1 to 5 and 7', ({ skip }) => {
    const module = modules.get(build);
    if (!module) return skip(`${build} does not validate on this engine`);
    const random = new SeededRandom(21);
    for (const sizes of SIZES) {
      for (const variant of VARIANTS) {
        const mlp = randomQuantizedMlp(random, sizes, variant);
        const engine = module.createMlp(mlp, { maxBatch: 7 });
        for (const batch of [1, 2, 3, 4, 5, 7]) {
          const features = randomFeatures(random, batch * sizes[0]);
          const expected = runQuantizedMlpReference(mlp, features, batch);
          const actual = engine.run(features, batch);
          const index = firstDifference(actual, expected);
          if (index >= 0) {
            expect.fail(`${build} [${(batch > 1 ? engine.batchLayerKernels : engine.layerKernels).join(', ')}] on ${describeMlp(mlp, variant)}, batch ${batch}: `
              + `logit ${index} = ${actual[index]}, reference ${expected[index]}`);
          }
        }
      }
    }
  });

  it('reads features written straight into its memory (no copy)', ({ skip }) => {
    const module = modules.get(build);
    if (!module) return skip(`${build} does not validate on this engine`);
    const random = new SeededRandom(22);
    const mlp = randomQuantizedMlp(random, [42, 64, 32, 9], { activationType: 'uint8' });
    const engine = module.createMlp(mlp);
    const features = randomFeatures(random, 42);
    engine.inputView.set(features);
    expect(Array.from(engine.runInPlace())).toEqual(Array.from(runQuantizedMlpReference(mlp, features)));
  });
});

describe('kernel choice per layer', () => {
  it('the relaxed build runs 7-bit layers on the relaxed kernel and the others on SIMD128', ({ skip }) => {
    const module = modules.get('relaxed-simd-emulated');
    if (!module) return skip('no relaxed build');
    const random = new SeededRandom(23);
    const sevenBit = module.createMlp(randomQuantizedMlp(random, [42, 64, 9], { activationType: 'uint8', sevenBit: true }));
    expect(sevenBit.layerKernels).toEqual([
      'qu7-qu8-qc8w-gemm-minmax-gemmlowp-1x16c4-wasmrelaxedsimd', 'qu7-qs32-qc8w-gemm-1x16c4-wasmrelaxedsimd',
    ]);
    const eightBit = module.createMlp(randomQuantizedMlp(random, [42, 64, 9], { activationType: 'int8' }));
    expect(eightBit.layerKernels).toEqual([
      'qs8-qc8w-gemm-minmax-gemmlowp-1x16c2-wasmsimd-dot16x2', 'qs8-qs32-qc8w-gemm-1x16c2-wasmsimd-dot16x2',
    ]);
    const mlp = randomQuantizedMlp(random, [42, 64, 9], { activationType: 'uint8' });
    expect(() => module.createMlp(mlp, { families: ['wasmrelaxedsimd-1x16c4', 'wasmsimd-1x16c2'] })).toThrow(/needs \[0, 127\]/);
  });

  it('a batch runs on the 4-row kernels, one row on the one-row kernels; maxBatch 1 packs for one row only', ({ skip }) => {
    const module = modules.get('relaxed-simd-emulated');
    if (!module) return skip('no relaxed build');
    const random = new SeededRandom(26);
    const sevenBit = module.createMlp(randomQuantizedMlp(random, [42, 64, 9], { activationType: 'uint8', sevenBit: true }), { maxBatch: 4 });
    expect(sevenBit.batchLayerKernels).toEqual([
      'qu7-qu8-qc8w-gemm-minmax-gemmlowp-4x16c4-wasmrelaxedsimd', 'qu7-qs32-qc8w-gemm-4x16c4-wasmrelaxedsimd',
    ]);
    const eightBit = randomQuantizedMlp(random, [42, 64, 9], { activationType: 'int8' });
    // A multi-row family given for a layer stands for the operation: one row still runs on the one-row kernel.
    const chosen = module.createMlp(eightBit, { maxBatch: 4, families: ['wasmsimd-4x16c2-xw', 'wasmsimd-4x16c2-xw'] });
    expect(chosen.layerKernels).toEqual(['qs8-qc8w-gemm-minmax-gemmlowp-1x16c2-wasmsimd-dot16x2', 'qs8-qs32-qc8w-gemm-1x16c2-wasmsimd-dot16x2']);
    expect(chosen.batchLayerKernels).toEqual(['qs8-qc8w-gemm-xw-minmax-gemmlowp-4x16c2-wasmsimd-dot16x2', 'qs8-qs32-qc8w-gemm-xw-4x16c2-wasmsimd-dot16x2']);
    expect(module.createMlp(eightBit).batchLayerKernels).toEqual(module.createMlp(eightBit).layerKernels);
    const scalar = modules.get('scalar');
    if (scalar) expect(scalar.createMlp(eightBit, { maxBatch: 4 }).batchLayerKernels).toEqual(scalar.createMlp(eightBit).layerKernels);
  });
});

describe('the fast TS engine (int8-ts)', () => {
  it('equals the BigInt reference for every size and scheme, batch 1 and 7', () => {
    const random = new SeededRandom(24);
    for (const sizes of SIZES) {
      for (const variant of VARIANTS) {
        const mlp = randomQuantizedMlp(random, sizes, variant);
        const engine = new TsInt8Mlp(mlp, 7);
        for (const batch of [1, 7]) {
          const features = randomFeatures(random, batch * sizes[0]);
          const expected = runQuantizedMlpReference(mlp, features, batch);
          const actual = engine.run(features, batch);
          const index = firstDifference(actual, expected);
          if (index >= 0) expect.fail(`int8-ts on ${describeMlp(mlp, variant)}, batch ${batch}: logit ${index} = ${actual[index]}, reference ${expected[index]}`);
        }
      }
    }
  });
});

describe('packWeights', () => {
  const families = Object.keys(KERNEL_FAMILIES) as KernelFamilyId[];
  it.each(families)('%s: unpacking gives back the row-major weights, bias and requantization; padding is zero', (familyId) => {
    const random = new SeededRandom(25);
    const { nr, kr } = KERNEL_FAMILIES[familyId];
    for (const [n, k] of [[1, 1], [nr - 1 || 1, kr + 1], [nr + 1, 3 * kr - 1], [2 * nr + 5, 37]]) {
      for (const requantize of [true, false]) {
        const problem = randomGemmProblem(random, { m: 1, n, k }, { activationType: 'uint8', requantize });
        const layer = { inputs: k, outputs: n, weights: problem.weights, bias: problem.bias, requantization: problem.requantization };
        const unpacked = unpackWeights(familyId, packWeights(familyId, layer), layer);
        expect(unpacked.weights).toEqual(problem.weights);
        expect(unpacked.bias).toEqual(problem.bias);
        if (problem.requantization !== null) {
          expect(unpacked.multiplier).toEqual(problem.requantization.multiplier);
          expect(unpacked.shift).toEqual(problem.requantization.shift);
        }
      }
    }
  });
});
