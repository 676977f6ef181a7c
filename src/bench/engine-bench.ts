// The INT8 engine benchmark, runnable in node and in a page: every engine on the shipped model side by side, and GEMM throughput.
import { parseGestureModelText } from '../core/model/gesture-model';
import { FloatMlpClassifier } from '../core/mlp/float-mlp';
import { argmax } from '../core/mlp/mlp';
import { benchmarkGemm } from './kernel-bench';
import { kernelDisplayName, KERNEL_FAMILIES, type KernelIsa } from '../kernels/kernels';
import { loadKernels, type KernelBytesLoader } from '../kernels/loader';
import { runQuantizedMlpReference, TsInt8Mlp } from '../kernels/ref/mlp';
import type { KernelModule } from '../kernels/wasm-kernels';
import { benchQuantizationOf, labelIndexOfAccumulators, type BenchQuantization } from './bench-quantization';
import { measureClockMhz } from './clock';
import { DEFAULT_INTERLEAVE, measureInterleaved, type InterleaveOptions, type TimedCase } from './interleave';
import { configureOrtSingleThread, openOrtClassifier, type OrtClassifier, type OrtModule } from './ort-runner';
import {
  ENGINE_KEYS, buildRatios, buildTargets, type BenchReport, type EngineKey, type ExtraKey, type GemmRow,
} from './report';

/** What both runners hand over: the model, real feature rows and the ONNX exports (made in node by tools/onnx). */
export interface BenchInputs {
  /** Shown in the report, e.g. "public/models/gesture_model.json". */
  readonly modelName: string;
  readonly modelText: string;
  /** Rows the activation ranges are calibrated on. */
  readonly calibrationRows: readonly (readonly number[])[];
  /** Rows the engines are timed on, cycled through one per call. */
  readonly benchRows: readonly (readonly number[])[];
  /** Where the rows come from, for the notes. */
  readonly rowsSource: string;
  readonly onnx: {
    readonly inputName: string;
    readonly outputName: string;
    readonly float: Uint8Array;
    readonly int8QLinear: Uint8Array;
    readonly int8MatMulInteger: Uint8Array;
    /** quantizationFingerprint() of the quantization the INT8 exports were made from. */
    readonly quantizationFingerprint: string;
  };
  /** Fewer and shorter rounds, for a smoke run. */
  readonly quick?: boolean;
  /** /proc/cpuinfo "cpu MHz" where node could read it (the page cannot). */
  readonly nominalMhz?: number | null;
  /** The machine and its load when the run started (wall-clock times inflate when other processes compete). */
  readonly hostNote?: string;
}

export interface BenchEnvironment {
  /** e.g. "node v20.20.2 linux x64" or "chromium 150.0.7871.100". */
  readonly runtime: string;
  readonly loadKernelBytes: KernelBytesLoader;
  /** null when onnxruntime-web cannot load here; `ortUnavailable` says why. */
  readonly ort: OrtModule | null;
  readonly ortUnavailable?: string;
  readonly log?: (line: string) => void;
}

/** The benchmark's GEMM shapes, M × K × N. */
export const GEMM_SHAPES: readonly { m: number; k: number; n: number }[] = [{ m: 256, k: 128, n: 128 }, { m: 256, k: 512, n: 512 }];

/** "Plain SIMD" peak: one i32x4.dot_i16x8_s is 8 MACs and a core issues two per cycle. */
export const PEAK_MACS_PER_CYCLE = 16;

const ISA_KEYS: readonly [KernelIsa, EngineKey][] = [['relaxed-simd', 'wasm_relaxed'], ['simd128', 'wasm_simd128'], ['scalar', 'wasm_scalar']];

/** A short hash of every integer and scale of a quantization: the page checks it equals the one the ONNX came from. */
export function quantizationFingerprint(quant: BenchQuantization): string {
  let hash = 0x811c9dc5;
  const mix = (value: number): void => {
    hash = Math.imul(hash ^ (value | 0), 0x01000193) >>> 0;
    hash = Math.imul(hash ^ Math.round((value - (value | 0)) * 2 ** 30), 0x01000193) >>> 0;
  };
  const { input, layers } = quant.mlp;
  [input.scale * 2 ** 20, input.zeroPoint, input.min, input.max].forEach(mix);
  for (const layer of layers) {
    layer.weights.forEach(mix);
    layer.bias.forEach(mix);
    layer.requantization?.multiplier.forEach(mix);
    layer.requantization?.shift.forEach(mix);
  }
  quant.headScales.forEach((scale) => mix(scale * 2 ** 30));
  return hash.toString(16).padStart(8, '0');
}

/** Cycles through the rows, one per call. */
function rowCycler(rows: readonly Float32Array[]): () => Float32Array {
  let next = 0;
  return () => {
    const row = rows[next];
    next = next + 1 === rows.length ? 0 : next + 1;
    return row;
  };
}

/** An engine ready to time: its timed call, and a label function for the agreement check. */
interface PreparedEngine {
  readonly timed: TimedCase;
  readonly labelOf: (row: Float32Array) => Promise<number> | number;
}

/** What the preparation stages collect: engines, the kernel modules (for the GEMMs), and notes. */
interface Preparation {
  readonly engines: PreparedEngine[];
  readonly modules: KernelModule[];
  readonly notes: Record<string, string>;
}

/** A sync engine whose call maps one row to a label index, fed the rows in turn. */
function syncEngine(name: EngineKey | ExtraKey, rows: readonly Float32Array[], labelOf: (row: Float32Array) => number): PreparedEngine {
  const next = rowCycler(rows);
  return { timed: { name, call: () => labelOf(next()) }, labelOf };
}

/**
 * Each kernel build through the loader alone (validate, instantiate, self-test), so a build this engine lacks or
 * runs wrongly is reported with the loader's reason instead of timed; then its logits must equal int8-ts's.
 */
async function prepareKernelEngines(quant: BenchQuantization, rows: readonly Float32Array[], env: BenchEnvironment, out: Preparation): Promise<void> {
  const reference = new TsInt8Mlp(quant.mlp);
  for (const [isa, key] of ISA_KEYS) {
    try {
      const selection = await loadKernels({ loadBytes: env.loadKernelBytes, candidates: [isa] });
      const engine = selection.module.createMlp(quant.mlp);
      const mismatch = rows.findIndex((row) => {
        const expected = Int32Array.from(reference.run(row));
        const actual = engine.run(row);
        return expected.some((value, i) => value !== actual[i]);
      });
      if (mismatch >= 0) {
        out.notes[key] = `${isa}: logits differ from int8-ts on row ${mismatch}; not timed`;
        continue;
      }
      out.modules.push(selection.module);
      out.notes[`${key}_kernels`] = engine.layerKernels.join(', ');
      out.engines.push(syncEngine(key, rows, (row) => labelIndexOfAccumulators(engine.run(row), quant.headScales)));
    } catch (error) {
      out.notes[key] = (error as Error).message.replace(/^no INT8 kernel build works here: /, '');
    }
  }
}

const ORT_GRAPHS: Readonly<Record<'ort_int8' | 'ort_int8_matmulinteger' | 'ort_float', string>> = {
  ort_int8: 'QuantizeLinear → (QLinearMatMul → DequantizeLinear → Add → Relu → QuantizeLinear) × 2 → QLinearMatMul → DequantizeLinear → Add → Softmax',
  ort_int8_matmulinteger: 'QuantizeLinear → (MatMulInteger → Add int32 → Cast → Mul → Relu → QuantizeLinear) × 2 → MatMulInteger → Add → Cast → Mul → Softmax',
  ort_float: '(Gemm → Relu) × 2 → Gemm → Softmax',
};

/** onnxruntime-web sessions on the three exports, single-threaded; async calls, awaited one by one. */
async function prepareOrtEngines(inputs: BenchInputs, rows: readonly Float32Array[], env: BenchEnvironment, out: Preparation): Promise<void> {
  const { ort } = env;
  if (ort === null) {
    for (const key of Object.keys(ORT_GRAPHS)) out.notes[key] = env.ortUnavailable ?? 'onnxruntime-web is not available here';
    return;
  }
  configureOrtSingleThread(ort);
  const exports: Readonly<Record<keyof typeof ORT_GRAPHS, Uint8Array>> = {
    ort_int8: inputs.onnx.int8QLinear, ort_int8_matmulinteger: inputs.onnx.int8MatMulInteger, ort_float: inputs.onnx.float,
  };
  for (const [key, graph] of Object.entries(ORT_GRAPHS) as [keyof typeof ORT_GRAPHS, string][]) {
    try {
      const classifier: OrtClassifier = await openOrtClassifier(ort, exports[key], inputs.onnx.inputName, inputs.onnx.outputName);
      const next = rowCycler(rows);
      out.engines.push({ timed: { name: key, callAsync: () => classifier.labelIndex(next()) }, labelOf: (row) => classifier.labelIndex(row) });
      out.notes[`${key}_graph`] = `onnxruntime-web ${ort.env.versions.web ?? ''} WASM backend, 1 thread, opset 13: ${graph}`;
    } catch (error) {
      out.notes[key] = `onnxruntime-web could not run it: ${(error as Error).message}`;
    }
  }
}

/** GMAC/s of each build's own GEMM family on GEMM_SHAPES, against 16 MACs/cycle at the measured clock. */
async function measureGemms(modules: readonly KernelModule[], inputs: BenchInputs, notes: Record<string, string>): Promise<GemmRow[]> {
  const clock = await measureClockMhz(inputs.quick ? 300 : 1500);
  const peak = (PEAK_MACS_PER_CYCLE * clock.mhz) / 1000;
  notes.clock = `${clock.mhz.toFixed(0)} MHz measured (${clock.method}); peak = ${PEAK_MACS_PER_CYCLE} MACs/cycle × clock = ${peak.toFixed(1)} GMAC/s on one core`;
  if (inputs.nominalMhz) {
    notes.clock += `; /proc/cpuinfo says ${inputs.nominalMhz.toFixed(0)} MHz (peak at that clock: ${((PEAK_MACS_PER_CYCLE * inputs.nominalMhz) / 1000).toFixed(1)} GMAC/s)`;
  }
  notes.gemm = 'uint8 activations (7-bit for relaxed SIMD), requantized uint8 out, weights packed once; GMAC/s = M·K·N / median time of '
    + 'one kernel call (src/bench/kernel-bench.ts benchmarkGemm; kernels one after another, not interleaved)';
  const rows: GemmRow[] = [];
  for (const { m, k, n } of GEMM_SHAPES) {
    for (const module of modules) {
      const familyId = module.families[0];
      const { gmacPerSecond } = await benchmarkGemm(module, familyId, m, n, k);
      rows.push({ m, k, n, kernel: kernelDisplayName(KERNEL_FAMILIES[familyId].requantizing.uint8), gmacs: gmacPerSecond, peak_pct: (100 * gmacPerSecond) / peak });
    }
  }
  return rows;
}

/** Runs everything; `env.log` hears progress. */
export async function runBench(inputs: BenchInputs, env: BenchEnvironment): Promise<BenchReport> {
  const log = env.log ?? (() => undefined);
  const model = parseGestureModelText(inputs.modelText);
  const quant = benchQuantizationOf(model, inputs.calibrationRows);
  if (quantizationFingerprint(quant) !== inputs.onnx.quantizationFingerprint) {
    throw new Error('the INT8 ONNX exports were made from a different quantization than this runtime derived: same rows and model?');
  }
  const rows = inputs.benchRows.map((row) => Float32Array.from(row));
  const notes: Record<string, string> = {
    quantization: model.int8 === undefined ? `${quant.description} (the model file has no int8 section)` : quant.description,
    model: `${[model.layers[0].inputs, ...model.layers.map((layer) => layer.outputs)].join('→')} MLP, ${model.labels.length} labels`,
    inputs: `${rows.length} real rows (${inputs.rowsSource}), one per call; one call = ${model.layers[0].inputs} floats in → label out`,
  };
  if (inputs.hostNote) notes.host = inputs.hostNote;

  const prepared: Preparation = { engines: [], modules: [], notes };
  await prepareKernelEngines(quant, rows, env, prepared);
  const tsEngine = new TsInt8Mlp(quant.mlp);
  prepared.engines.push(syncEngine('ts_int8_ref', rows, (row) => labelIndexOfAccumulators(tsEngine.run(row), quant.headScales)));
  const floatEngine = new FloatMlpClassifier(model);
  prepared.engines.push(syncEngine('float_ts', rows, (row) => argmax(floatEngine.classify(row).probabilities)));
  await prepareOrtEngines(inputs, rows, env, prepared);
  const agreement = await compareLabels(rows, new Map(prepared.engines.map((engine) => [engine.timed.name, engine.labelOf])));

  log(`timing ${prepared.engines.length} engines in interleaved rounds…`);
  const options: InterleaveOptions = inputs.quick ? { warmupMs: 50, batchMs: 2, rounds: 5 } : DEFAULT_INTERLEAVE;
  const timings = await measureInterleaved(prepared.engines.map((engine) => engine.timed), options);
  const ns = (key: EngineKey | ExtraKey): number | null => timings.get(key)?.medianNs ?? null;
  notes.spread = `${[...timings].map(([name, t]) => `${name} ${t.minNs.toFixed(0)}–${t.maxNs.toFixed(0)}`).join(', ')} ns (fastest–slowest batch)`;
  // The BigInt spec runs apart, afterwards: it shares gemm.ts's loops with TsInt8Mlp, and interleaving the two
  // would keep deoptimising that code, timing an int8-ts slower than an app that runs only one of them.
  const spec = syncEngine('ts_int8_bigint_ref', rows, (row) => labelIndexOfAccumulators(runQuantizedMlpReference(quant.mlp, row), quant.headScales));
  const specTiming = await measureInterleaved([spec.timed], { ...options, rounds: Math.min(options.rounds, 7) });
  notes.method = `median over ${options.rounds} rounds of the mean of a ~${options.batchMs} ms batch per engine, engines interleaved `
    + `(order rotated each round) after ≥ ${options.warmupMs} ms of warm-up each (until its time per call stops improving); `
    + 'the BigInt spec alone afterwards';

  log('GEMM throughput…');
  const gemm = await measureGemms(prepared.modules, inputs, notes);
  const inferenceNs = Object.fromEntries(ENGINE_KEYS.map((key) => [key, ns(key)])) as Record<EngineKey, number | null>;
  const matmulInteger = ns('ort_int8_matmulinteger');
  return {
    inference_ns: inferenceNs,
    gemm,
    model: inputs.modelName,
    runtime: env.runtime,
    extra_inference_ns: { ts_int8_bigint_ref: specTiming.get('ts_int8_bigint_ref')?.medianNs ?? null, ort_int8_matmulinteger: matmulInteger },
    ratios: buildRatios(inferenceNs, matmulInteger),
    targets: buildTargets(inferenceNs, gemm, env.runtime),
    agreement,
    notes,
  };
}

/** Top-1 labels of every engine on every row, compared with ours (int8-ts) and the float TS engine. */
async function compareLabels(rows: readonly Float32Array[], labelsOf: Map<string, (row: Float32Array) => Promise<number> | number>): Promise<Record<string, string>> {
  const labels = new Map<string, number[]>();
  for (const [name, labelOf] of labelsOf) {
    const values: number[] = [];
    for (const row of rows) values.push(await labelOf(row));
    labels.set(name, values);
  }
  const agree = (a: string, b: string): string | null => {
    const x = labels.get(a);
    const y = labels.get(b);
    if (!x || !y) return null;
    return `${x.filter((value, i) => value === y[i]).length}/${x.length}`;
  };
  const result: Record<string, string> = {};
  for (const [name, against] of [
    ['wasm_relaxed', 'ts_int8_ref'], ['wasm_simd128', 'ts_int8_ref'], ['wasm_scalar', 'ts_int8_ref'], ['ts_int8_ref', 'float_ts'],
    ['ort_int8', 'ts_int8_ref'], ['ort_int8_matmulinteger', 'ts_int8_ref'], ['ort_float', 'float_ts'],
  ] as const) {
    const value = agree(name, against);
    if (value !== null) result[`${name}_vs_${against}`] = value;
  }
  return result;
}
