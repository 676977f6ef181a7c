// One instantiated kernel build: its memory (a bump allocator), single GEMM calls, and whole-MLP engines.
import {
  BUFFER_SLACK_BYTES, ISA_FAMILIES, KERNEL_FAMILIES, VCVT_KERNELS, sharePackedLayout, type KernelFamily, type KernelFamilyId, type KernelIsa,
} from './kernels';
import { packWeights, packedByteLength } from './pack';
import type { GemmProblem } from './ref/gemm';
import { assertQuantizedMlp, layerInputRange, type QuantizedMlp } from './ref/mlp';
import { isWithin, type ActivationType } from './ref/quantize';
import { WasmInt8Mlp, type MlpPlanLayer } from './wasm-mlp';

type GemmKernel = (m: number, n: number, k: number, a: number, aStride: number, w: number, c: number, cStride: number, params: number) => void;
type VcvtKernel = (x: number, count: number, out: number, scale: number, zeroPoint: number, qmin: number, qmax: number) => void;

interface KernelExports {
  readonly memory: WebAssembly.Memory;
  readonly heap_base: () => number;
  readonly mlp_run: (plan: number, m: number) => void;
  readonly [name: string]: unknown;
}

const PAGE_BYTES = 65536;

/** A GEMM on a kernel family: the problem plus the storage type of its activations. */
export interface KernelGemm extends GemmProblem {
  readonly activationType: ActivationType;
}

export class KernelModule {
  private top: number;

  private constructor(readonly isa: KernelIsa, private readonly exports: KernelExports) {
    this.top = exports.heap_base();
  }

  static async instantiate(isa: KernelIsa, bytes: BufferSource): Promise<KernelModule> {
    const { instance } = await WebAssembly.instantiate(bytes, {});
    const exports = instance.exports as unknown as KernelExports;
    for (const name of ['memory', 'heap_base', 'mlp_run', VCVT_KERNELS[isa]]) {
      if (!(name in exports)) throw new Error(`${isa}.wasm has no export "${name}": rebuild the kernels (npm run build:kernels)`);
    }
    return new KernelModule(isa, exports);
  }

  get families(): readonly KernelFamilyId[] {
    return ISA_FAMILIES[this.isa];
  }

  get memory(): WebAssembly.Memory {
    return this.exports.memory;
  }

  /** The named kernel export; throws if this build lacks it. */
  gemmKernel(name: string): GemmKernel {
    const kernel = this.exports[name];
    if (typeof kernel !== 'function') throw new Error(`${this.isa}.wasm has no kernel ${name}`);
    return kernel as GemmKernel;
  }

  get quantizeKernel(): VcvtKernel {
    return this.exports[VCVT_KERNELS[this.isa]] as VcvtKernel;
  }

  runMlpPlan(plan: number, m: number): void {
    this.exports.mlp_run(plan, m);
  }

  /** Reserves `byteLength` bytes plus slack, 16-byte aligned, growing memory as needed. Memory is never freed. */
  alloc(byteLength: number): number {
    const address = Math.ceil(this.top / 16) * 16;
    const end = address + byteLength + BUFFER_SLACK_BYTES;
    const { memory } = this.exports;
    if (end > memory.buffer.byteLength) memory.grow(Math.ceil((end - memory.buffer.byteLength) / PAGE_BYTES));
    this.top = end;
    new Uint8Array(memory.buffer, address, end - address).fill(0);
    return address;
  }

  /** The allocation mark, to free everything allocated after it with release(). */
  mark(): number {
    return this.top;
  }

  release(mark: number): void {
    this.top = mark;
  }

  /**
   * Packs, copies in, runs one GEMM kernel and copies the result out: for tests and self-tests, not hot paths.
   * The result holds integers (requantized values, or int32 accumulators when requantization is null).
   */
  runGemm(familyId: KernelFamilyId, problem: KernelGemm): Int32Array {
    const start = this.mark();
    try {
      const gemm = this.prepareGemm(familyId, problem);
      gemm.run();
      return gemm.result();
    } finally {
      this.release(start);
    }
  }

  /**
   * Packs the weights and copies the activations into memory once; run() then calls only the kernel (what a
   * benchmark times). Everything lives until release() of a mark taken before.
   */
  prepareGemm(familyId: KernelFamilyId, problem: KernelGemm): { run: () => void; result: () => Int32Array } {
    const { m, n, k, a, activationType, requantization } = problem;
    const family = KERNEL_FAMILIES[familyId];
    const kernel = this.gemmKernel((requantization === null ? family.int32Output : family.requantizing)[activationType]);
    const packedLength = packedByteLength(familyId, { inputs: k, outputs: n, requantization });
    const weights = this.alloc(packedLength);
    packWeights(familyId, { inputs: k, outputs: n, weights: problem.weights, bias: problem.bias, requantization }, this.bytes(weights, packedLength));
    const input = this.alloc(m * k);
    const inputBytes = activationType === 'int8' ? new Int8Array(this.memory.buffer, input, m * k) : this.bytes(input, m * k);
    for (let i = 0; i < m * k; i++) inputBytes[i] = a[i];
    const outputBytes = requantization === null ? 4 : 1;
    const output = this.alloc(m * n * outputBytes);
    const params = this.writeParams(requantization, k);
    return {
      run: () => kernel(m, n, k, input, k, weights, output, n * outputBytes, params),
      result: () => {
        const buffer = this.memory.buffer;
        if (requantization === null) return new Int32Array(buffer, output, m * n).slice();
        return Int32Array.from(activationType === 'int8' ? new Int8Array(buffer, output, m * n) : new Uint8Array(buffer, output, m * n));
      },
    };
  }

  /**
   * A params block: output zero point, qmin, qmax, a scratch area for four widened rows of K activations (the
   * SIMD128 4-row kernel interleaves them there; the one-row kernel uses a quarter), and whether any channel
   * shifts left (kernels/assembly/common.ts).
   */
  writeParams(requantization: GemmProblem['requantization'], k: number): number {
    const params = this.alloc(20);
    const scratch = this.alloc(4 * 2 * (Math.ceil(k / 8) * 8));
    const leftShifts = requantization !== null && requantization.shift.some((shift) => shift < 0);
    new Int32Array(this.memory.buffer, params, 5).set([
      requantization?.zeroPoint ?? 0, requantization?.min ?? 0, requantization?.max ?? 0, scratch, leftShifts ? 1 : 0,
    ]);
    return params;
  }

  /** A view of memory, valid until the next allocation grows it. */
  bytes(address: number, length: number): Uint8Array {
    return new Uint8Array(this.memory.buffer, address, length);
  }

  /**
   * The one-row kernel family each layer of `mlp` runs on here: the first of this build's one-row families whose
   * accepted activation range holds the layer's input range (relaxed SIMD needs [0, 127], otherwise SIMD128).
   * Batches run on the multi-row family of the same operation (createMlp).
   */
  chooseFamilies(mlp: QuantizedMlp): KernelFamilyId[] {
    return mlp.layers.map((_, i) => {
      const range = layerInputRange(mlp, i);
      const family = this.families.find((id) => {
        const { mr, inputRange: accepted } = KERNEL_FAMILIES[id];
        return mr === 1 && (accepted === null || isWithin(range, accepted));
      });
      if (family === undefined) throw new Error(`no ${this.isa} kernel accepts layers[${i}]'s input range`);
      return family;
    });
  }

  /**
   * Packs `mlp` into this module's memory and returns its engine; `families` overrides the choice per layer (a
   * multi-row family there stands for the operation too). One row runs on the one-row kernel; with maxBatch > 1
   * a batch runs on the multi-row kernel when the build has one, on its own packed weights when its layout
   * differs (the SIMD128 4-row kernel reads int16 weights).
   */
  createMlp(mlp: QuantizedMlp, options: { maxBatch?: number; families?: readonly KernelFamilyId[] } = {}): WasmInt8Mlp {
    assertQuantizedMlp(mlp);
    const maxBatch = options.maxBatch ?? 1;
    const families = options.families ?? this.chooseFamilies(mlp);
    const layers: MlpPlanLayer[] = mlp.layers.map((layer, i) => {
      const chosen = KERNEL_FAMILIES[families[i]];
      const family = KERNEL_FAMILIES[chosen.singleRow];
      const { multiRow } = chosen;
      const batchFamily = maxBatch > 1 && multiRow !== null && this.families.includes(multiRow) ? KERNEL_FAMILIES[multiRow] : family;
      if (!this.families.includes(family.id)) throw new Error(`${this.isa}.wasm has no ${family.id} kernels`);
      const range = layerInputRange(mlp, i);
      if (family.inputRange !== null && !isWithin(range, family.inputRange)) {
        throw new RangeError(`layers[${i}] reads [${range.min}, ${range.max}] but ${chosen.id} needs [${family.inputRange.min}, ${family.inputRange.max}]`);
      }
      const pack = (familyId: KernelFamilyId): number => {
        const length = packedByteLength(familyId, layer);
        const packed = this.alloc(length);
        packWeights(familyId, layer, this.bytes(packed, length));
        return packed;
      };
      const packed = pack(family.id);
      const kernelOf = (f: KernelFamily): string => (layer.requantization === null ? f.int32Output : f.requantizing)[mlp.activationType];
      return {
        family, kernel: kernelOf(family), packed,
        batchFamily, batchKernel: kernelOf(batchFamily), batchPacked: sharePackedLayout(family.id, batchFamily.id) ? packed : pack(batchFamily.id),
        params: this.writeParams(layer.requantization, layer.inputs), layer,
      };
    });
    return new WasmInt8Mlp(this, mlp, layers, maxBatch);
  }
}
