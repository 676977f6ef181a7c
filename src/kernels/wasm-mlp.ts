// A quantized MLP living in kernel memory: one WebAssembly call per inference, floats in, integer logits out.
import { kernelDisplayName, type KernelFamily } from './kernels';
import type { QuantizedDenseLayer, QuantizedMlp } from './ref/mlp';
import type { KernelModule } from './wasm-kernels';

export interface MlpPlanLayer {
  /** The one-row family and the export name of its kernel: what one inference (M = 1) runs on. */
  readonly family: KernelFamily;
  readonly kernel: string;
  readonly packed: number;
  /** What a batch (M > 1) runs on: the multi-row family, or the one-row one again, and its packed weights. */
  readonly batchFamily: KernelFamily;
  readonly batchKernel: string;
  readonly batchPacked: number;
  readonly params: number;
  readonly layer: QuantizedDenseLayer;
}

/** Byte offsets of the plan header and of each layer record; kernels/assembly/mlp.ts reads the same. */
const PLAN_HEADER_BYTES = 64;
const PLAN_LAYER_BYTES = 32;

export class WasmInt8Mlp {
  readonly engine: string;
  /** The kernel each layer runs one inference on, XNNPACK-style names. */
  readonly layerKernels: readonly string[];
  /** The kernel each layer runs a batch (M > 1) on. */
  readonly batchLayerKernels: readonly string[];
  readonly inputs: number;
  readonly outputs: number;
  private readonly plan: number;
  private readonly input: number;
  private readonly output: number;
  private readonly int32Output: boolean;
  private readonly signed: boolean;
  private buffer: ArrayBuffer | null = null;
  private inputFloats = new Float32Array(0);
  private outputValues = new Int32Array(0);
  private outputBytes: Uint8Array | Int8Array = new Uint8Array(0);
  private readonly logits: Int32Array;
  /** The one-row result view, made once: a subarray per call would allocate. */
  private singleRow: Int32Array = new Int32Array(0);

  constructor(private readonly module: KernelModule, mlp: QuantizedMlp, layers: readonly MlpPlanLayer[], readonly maxBatch: number) {
    if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new RangeError(`maxBatch must be a positive integer, got ${maxBatch}`);
    this.engine = `int8-wasm-${module.isa}`;
    this.layerKernels = layers.map(({ kernel }) => kernelDisplayName(kernel));
    this.batchLayerKernels = layers.map(({ batchKernel }) => kernelDisplayName(batchKernel));
    this.inputs = mlp.layers[0].inputs;
    const last = mlp.layers[mlp.layers.length - 1];
    this.outputs = last.outputs;
    this.int32Output = last.requantization === null;
    this.signed = mlp.activationType === 'int8';
    this.logits = new Int32Array(maxBatch * this.outputs);
    const widest = Math.max(this.inputs, ...mlp.layers.map((layer) => layer.outputs));
    this.input = module.alloc(4 * maxBatch * this.inputs);
    const ping = module.alloc(maxBatch * widest);
    const pong = module.alloc(maxBatch * widest);
    this.output = module.alloc((this.int32Output ? 4 : 1) * maxBatch * this.outputs);
    this.plan = module.alloc(PLAN_HEADER_BYTES + PLAN_LAYER_BYTES * layers.length);
    const words = new Int32Array(module.memory.buffer, this.plan, (PLAN_HEADER_BYTES + PLAN_LAYER_BYTES * layers.length) / 4);
    const { input } = mlp;
    words.set([layers.length, this.input, this.inputs, 0, input.zeroPoint, input.min, input.max, this.signed ? 1 : 0, ping, pong, this.output]);
    new Float32Array(module.memory.buffer, this.plan + 12, 1)[0] = input.scale;
    layers.forEach(({ family, batchFamily, packed, batchPacked, params, layer }, i) => {
      const record = [family.code, layer.inputs, layer.outputs, packed, params, layer.requantization === null ? 1 : 0, batchFamily.code, batchPacked];
      words.set(record, (PLAN_HEADER_BYTES + PLAN_LAYER_BYTES * i) / 4);
    });
  }

  /** Where to write batch × inputs float features directly (saves the copy run() makes). Valid until memory grows. */
  get inputView(): Float32Array {
    this.refreshViews();
    return this.inputFloats;
  }

  /** Logits of `batch` rows of features: int32 accumulators, or requantized values for an 8-bit last layer. */
  run(features: ArrayLike<number>, batch = 1): Int32Array {
    if (batch < 1 || batch > this.maxBatch || features.length < batch * this.inputs) {
      throw new RangeError(`expected ${batch} × ${this.inputs} features (max batch ${this.maxBatch}), got ${features.length}`);
    }
    this.refreshViews();
    if (features.length === batch * this.inputs) this.inputFloats.set(features);
    else for (let i = 0; i < batch * this.inputs; i++) this.inputFloats[i] = features[i];
    return this.runInPlace(batch);
  }

  /** Runs on the features already in inputView. The result is reused by the next call. */
  runInPlace(batch = 1): Int32Array {
    this.module.runMlpPlan(this.plan, batch);
    this.refreshViews();
    const count = batch * this.outputs;
    if (!this.int32Output) for (let i = 0; i < count; i++) this.logits[i] = this.outputBytes[i];
    if (batch === 1) return this.singleRow;
    return (this.int32Output ? this.outputValues : this.logits).subarray(0, count);
  }

  /** Typed-array views go stale when memory grows (another engine allocating): rebuild them then only. */
  private refreshViews(): void {
    const buffer = this.module.memory.buffer;
    if (buffer === this.buffer) return;
    this.buffer = buffer;
    const count = this.maxBatch * this.outputs;
    this.inputFloats = new Float32Array(buffer, this.input, this.maxBatch * this.inputs);
    this.outputValues = this.int32Output ? new Int32Array(buffer, this.output, count) : new Int32Array(0);
    this.outputBytes = this.signed ? new Int8Array(buffer, this.output, count) : new Uint8Array(buffer, this.output, count);
    this.singleRow = (this.int32Output ? this.outputValues : this.logits).subarray(0, this.outputs);
  }
}
