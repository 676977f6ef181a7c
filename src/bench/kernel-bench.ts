// Kernel benchmarks that run anywhere (node, page): median ns per MLP inference per engine, and GEMM GMAC/s, timed by the interleaving harness.
import { runMlp, type DenseLayer } from '../core/mlp/mlp';
import { KERNEL_FAMILIES, KERNEL_ISAS, kernelDisplayName, type KernelFamilyId } from '../kernels/kernels';
import { fetchKernelBytes, loadKernels } from '../kernels/loader';
import { SeededRandom, randomFeatures, randomGemmProblem, randomQuantizedMlp } from '../kernels/random-problems';
import { TsInt8Mlp, runQuantizedMlpReference, type QuantizedMlp } from '../kernels/ref/mlp';
import { selfTestKernels } from '../kernels/self-test';
import { KernelModule } from '../kernels/wasm-kernels';
import { measureInterleaved, type InterleaveOptions } from './interleave';

export interface MlpBenchRow {
  readonly model: string;
  readonly engine: string;
  /** The kernel of each layer, or a note. */
  readonly kernels: string;
  readonly nsPerInference: number;
}

export interface GemmBenchRow {
  readonly shape: string;
  readonly engine: string;
  readonly kernel: string;
  readonly gmacPerSecond: number;
  /** Speed over the one-row kernel of the same operation and build, timed side by side; null when not timed. */
  readonly vsSingleRow: number | null;
}

/** One MLP inference is a few µs: 8 ms batches, 21 rounds. */
const MLP_TIMING: InterleaveOptions = { warmupMs: 24, batchMs: 8, rounds: 21 };
/** The BigInt spec is ~100× slower: timed apart, with fewer and shorter batches. */
const REFERENCE_TIMING: InterleaveOptions = { warmupMs: 12, batchMs: 4, rounds: 5 };
/** A large GEMM call takes milliseconds: 20 ms batches, 9 rounds. */
const GEMM_TIMING: InterleaveOptions = { warmupMs: 60, batchMs: 20, rounds: 9 };

/** Median ns per call of each function, in interleaved rounds so that load from elsewhere falls on every engine alike. */
async function medianNanosecondsSideBySide(calls: readonly (() => unknown)[], options: InterleaveOptions): Promise<number[]> {
  const timings = await measureInterleaved(calls.map((call, i) => ({ name: String(i), call: () => (call(), 0) })), options);
  return calls.map((_, i) => timings.get(String(i))!.medianNs);
}

/** The two benchmark models (42→64→32→9 and 63→128→64→10), each quantized twice: 8-bit activations, and 7-bit ones for relaxed SIMD. */
export function benchModels(): { name: string; mlp: QuantizedMlp; sevenBit: boolean }[] {
  const random = new SeededRandom(2024);
  return [[42, 64, 32, 9], [63, 128, 64, 10]].flatMap((sizes) => [false, true].map((sevenBit) => ({
    name: `${sizes.join('→')} ${sevenBit ? '7-bit' : 'uint8'}`,
    mlp: randomQuantizedMlp(random, sizes, { activationType: 'uint8', sevenBit }),
    sevenBit,
  })));
}

/** The float32 TS engine on the same shapes, for scale (weights dequantized with a nominal scale). */
function floatLayers(mlp: QuantizedMlp): DenseLayer[] {
  return mlp.layers.map((layer, i) => ({
    inputs: layer.inputs, outputs: layer.outputs, activation: i === mlp.layers.length - 1 ? 'softmax' : 'relu',
    weights: Float32Array.from(layer.weights, (w) => w / 256), bias: Float32Array.from(layer.bias, (b) => b / 65536),
  }));
}

/**
 * One inference (features in, logits out) per call, on every engine given, for every bench model. `baseline`
 * builds (e.g. the kernels of an earlier commit) are timed in the same rounds, each after the build of its ISA.
 */
export async function benchmarkMlps(
  modules: readonly KernelModule[], options: { includeReference?: boolean; baseline?: readonly KernelModule[] } = {},
): Promise<MlpBenchRow[]> {
  const rows: MlpBenchRow[] = [];
  for (const { name, mlp, sevenBit } of benchModels()) {
    const features = randomFeatures(new SeededRandom(7), mlp.layers[0].inputs);
    const layers = floatLayers(mlp);
    const ts = new TsInt8Mlp(mlp);
    const candidates: { engine: string; kernels: string; call: () => void }[] = [
      { engine: 'float32-ts', kernels: 'core/mlp runMlp (softmax included)', call: () => runMlp(layers, features) },
      { engine: ts.engine, kernels: 'number arithmetic', call: () => ts.run(features) },
    ];
    for (const module of modules) {
      if (module.isa === 'scalar' && sevenBit) continue;
      for (const [build, label] of [[module, ''], ...(options.baseline ?? []).filter((b) => b.isa === module.isa).map((b) => [b, ' (baseline)'] as const)] as const) {
        const engine = build.createMlp(mlp);
        candidates.push({ engine: `${engine.engine}${label}`, kernels: [...new Set(engine.layerKernels)].join(' + '), call: () => engine.run(features) });
      }
    }
    const times = await medianNanosecondsSideBySide(candidates.map(({ call }) => call), MLP_TIMING);
    candidates.forEach(({ engine, kernels }, i) => rows.push({ model: name, engine, kernels, nsPerInference: times[i] }));
    if (options.includeReference ?? true) {
      const [nsPerInference] = await medianNanosecondsSideBySide([() => runQuantizedMlpReference(mlp, features)], REFERENCE_TIMING);
      rows.splice(rows.length - candidates.length + 1, 0, { model: name, engine: 'int8-ts-reference', kernels: 'BigInt spec', nsPerInference });
    }
  }
  return rows;
}

/** GMAC/s of one kernel call on an M×K by K×N GEMM with requantization (weights packed once). */
export async function benchmarkGemm(module: KernelModule, familyId: KernelFamilyId, m: number, n: number, k: number): Promise<GemmBenchRow> {
  return (await benchmarkGemmsSideBySide([{ module, familyId }], m, n, k))[0];
}

/**
 * Several kernels on the same M×K by K×N GEMM (uint8 activations, 7-bit for families that need them; requantized
 * output), timed round-robin so that machine load falls on all alike. Each row also gives its speed over the
 * one-row kernel of the same operation in the same build when that one is among the entries.
 */
export async function benchmarkGemmsSideBySide(
  entries: readonly { module: KernelModule; familyId: KernelFamilyId }[], m: number, n: number, k: number,
): Promise<GemmBenchRow[]> {
  const marks = new Map<KernelModule, number>();
  for (const { module } of entries) if (!marks.has(module)) marks.set(module, module.mark());
  try {
    const runs = entries.map(({ module, familyId }) => {
      const problem = randomGemmProblem(new SeededRandom(m + n + k), { m, n, k }, {
        activationType: 'uint8', inputRange: KERNEL_FAMILIES[familyId].inputRange ?? undefined,
      });
      return module.prepareGemm(familyId, problem).run;
    });
    const times = await medianNanosecondsSideBySide(runs, GEMM_TIMING);
    return entries.map(({ module, familyId }, i) => {
      const family = KERNEL_FAMILIES[familyId];
      const single = entries.findIndex((other) => other.module === module && other.familyId === family.singleRow);
      return {
        shape: `${m}×${n}×${k}`, engine: `int8-wasm-${module.isa}`, kernel: kernelDisplayName(family.requantizing.uint8),
        gmacPerSecond: (m * n * k) / times[i], vsSingleRow: single >= 0 ? times[single] / times[i] : null,
      };
    });
  } finally {
    for (const [module, mark] of [...marks].reverse()) module.release(mark);
  }
}

/** Every family of every module on the two benchmark GEMM shapes (M × N × K), side by side per shape. */
export async function benchmarkGemms(modules: readonly KernelModule[]): Promise<GemmBenchRow[]> {
  const shapes = [[256, 128, 128], [256, 512, 512]] as const;
  const entries = modules.flatMap((module) => module.families.map((familyId) => ({ module, familyId })));
  const rows: GemmBenchRow[] = [];
  for (const [m, n, k] of shapes) rows.push(...(await benchmarkGemmsSideBySide(entries, m, n, k)));
  return rows;
}

/** Aligned text tables, one for inference latency (with the ratio to int8-ts), one for GEMM throughput. */
export function formatBenchTables(mlpRows: readonly MlpBenchRow[], gemmRows: readonly GemmBenchRow[]): string {
  const table = (header: string[], rows: string[][]): string => {
    const widths = header.map((_, c) => Math.max(header[c].length, ...rows.map((row) => row[c].length)));
    const line = (cells: string[]): string => cells.map((cell, c) => (c === 0 || c === cells.length - 1 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd();
    return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
  };
  const baseline = new Map(mlpRows.filter((row) => row.engine === 'int8-ts').map((row) => [row.model, row.nsPerInference]));
  const mlp = table(['model / engine', 'ns per inference', 'vs int8-ts', 'kernels'], mlpRows.map((row) => [
    `${row.model}  ${row.engine}`, row.nsPerInference.toFixed(row.nsPerInference < 100 ? 1 : 0),
    `${((baseline.get(row.model) ?? row.nsPerInference) / row.nsPerInference).toFixed(2)}×`, row.kernels,
  ]));
  const gemm = table(['M×N×K / engine', 'GMAC/s', 'vs 1-row', 'kernel'], gemmRows.map((row) => [
    `${row.shape}  ${row.engine}`, row.gmacPerSecond.toFixed(2), row.vsSingleRow === null ? '' : `${row.vsSingleRow.toFixed(2)}×`, row.kernel,
  ]));
  return `${mlp}\n\n${gemm}`;
}

/** What one benchmark run in a page returns (npm run bench -- --kernels --where browser). */
export interface PageBenchReport {
  readonly mlp: MlpBenchRow[];
  readonly gemm: GemmBenchRow[];
  readonly skipped: string[];
  readonly loaderChoice: string;
  readonly engine: string;
}

/** Loads every build from the app's kernels/, keeps those that validate and self-test, and benchmarks them here. */
export async function benchmarkKernelsHere(): Promise<PageBenchReport> {
  const loadBytes = fetchKernelBytes();
  const selection = await loadKernels({ loadBytes });
  const modules: KernelModule[] = [];
  const skipped: string[] = [];
  for (const isa of KERNEL_ISAS) {
    const bytes = new Uint8Array(await loadBytes(isa));
    if (!WebAssembly.validate(bytes)) {
      skipped.push(`${isa}: does not validate`);
      continue;
    }
    const { failure } = selfTestKernels(await KernelModule.instantiate(isa, bytes));
    if (failure !== null) skipped.push(`${isa}: failed its self-test (${failure})`);
    else modules.push(await KernelModule.instantiate(isa, bytes));
  }
  return {
    mlp: await benchmarkMlps(modules), gemm: await benchmarkGemms(modules), skipped,
    loaderChoice: selection.reason, engine: typeof navigator === 'object' ? navigator.userAgent : 'unknown',
  };
}
