// npm run bench [-- --json] [--where node|browser|both] [--browser] [--quick] [--model FILE]: every INT8 engine vs onnxruntime-web, in node and Chromium.
// npm run bench -- --kernels [--where node|browser|both] [--baseline DIR]: ns per MLP inference on every kernel build and the TS engines, and GEMM GMAC/s.
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startAppServer } from './browser/app-server.ts';
import { launchChromium } from './browser/chromium.ts';
import { buildKernelsIfStale, nodeKernelBytes } from './kernels-build.ts';
import {
  benchmarkGemms, benchmarkMlps, formatBenchTables, type GemmBenchRow, type MlpBenchRow, type PageBenchReport,
} from '../src/bench/kernel-bench.ts';
import { KERNEL_ISAS } from '../src/kernels/kernels.ts';
import { selfTestKernels } from '../src/kernels/self-test.ts';
import { KernelModule } from '../src/kernels/wasm-kernels.ts';
import { exportFloatMlp, exportInt8MlpMatMulInteger, exportInt8MlpQLinear, ONNX_INPUT, ONNX_OUTPUT } from './onnx/export-mlp.ts';
import { featuresOfRow } from '../src/core/dataset/landmark-rows.ts';
import { parseGestureModelText } from '../src/core/model/gesture-model.ts';
import { loadSources, SHARED_DATA_SOURCES } from '../src/core/train/builtin/sources.ts';
import { SeededRandom } from '../src/util/seeded-random.ts';
import { benchQuantizationOf } from '../src/bench/bench-quantization.ts';
import { quantizationFingerprint, runBench, type BenchInputs } from '../src/bench/engine-bench.ts';
import type { OrtModule } from '../src/bench/ort-runner.ts';
import { formatReport, type BenchReport } from '../src/bench/report.ts';
import { BENCH_INPUTS_PATH, serializeBenchInputs } from '../src/bench/transport.ts';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_MODEL = 'public/models/gesture_model.json';
const SHARED_DATA = path.resolve(REPO_ROOT, '..', 'shared', 'data');
const USAGE = 'usage: npm run bench -- [--json] [--where node|browser|both] [--browser] [--node] [--quick] [--model FILE]\n'
  + '       npm run bench -- --kernels [--json] [--where node|browser|both] [--baseline DIR]   (kernels only; default --where node)';
/** Every CALIBRATION_STRIDE-th real row calibrates; BENCH_ROWS rows spread over all sources are timed. */
const CALIBRATION_STRIDE = 8;
const BENCH_ROWS = 64;

export type Where = 'node' | 'browser' | 'both';

/** Real feature rows from the shared landmark data, or seeded synthetic ones (said so) when it is absent. */
export function loadFeatureRows(): { rows: number[][]; source: string } {
  if (SHARED_DATA_SOURCES.every((spec) => existsSync(path.join(SHARED_DATA, spec.path)))) {
    const { sources } = loadSources(SHARED_DATA_SOURCES, (relative) => readFileSync(path.join(SHARED_DATA, relative), 'utf8'));
    const rows = sources.flatMap((source) => source.rows.map((row) => Array.from(featuresOfRow(row))));
    return { rows, source: `shared landmark data: ${sources.map((s) => `${s.spec.id} ${s.rows.length}`).join(', ')}` };
  }
  const random = new SeededRandom(5);
  const rows = Array.from({ length: 1024 }, () => Array.from({ length: 42 }, () => random.normal() * 0.5));
  return { rows, source: `SYNTHETIC normal(0, 0.5) rows: the shared data is not at ${SHARED_DATA}` };
}

/** The model, rows and ONNX exports both runners get; the exports come from the same quantization the runners derive. */
export function prepareBenchInputs(modelPath = DEFAULT_MODEL, quick = false): BenchInputs {
  const modelText = readFileSync(path.resolve(REPO_ROOT, modelPath), 'utf8');
  const model = parseGestureModelText(modelText);
  const { rows, source } = loadFeatureRows();
  const calibrationRows = rows.filter((_, i) => i % CALIBRATION_STRIDE === 0);
  const step = rows.length / BENCH_ROWS;
  const benchRows = Array.from({ length: Math.min(BENCH_ROWS, rows.length) }, (_, i) => rows[Math.floor(i * step + step / 2) % rows.length]);
  const quant = benchQuantizationOf(model, calibrationRows);
  return {
    modelName: modelPath,
    modelText,
    calibrationRows,
    benchRows,
    rowsSource: `${source}; calibration: every ${CALIBRATION_STRIDE}th row (${calibrationRows.length})`,
    onnx: {
      inputName: ONNX_INPUT,
      outputName: ONNX_OUTPUT,
      float: exportFloatMlp(model),
      int8QLinear: exportInt8MlpQLinear(quant),
      int8MatMulInteger: exportInt8MlpMatMulInteger(quant),
      quantizationFingerprint: quantizationFingerprint(quant),
    },
    quick,
    nominalMhz: cpuinfoMhz(),
    hostNote: `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at the start`,
  };
}

/** The first "cpu MHz" of /proc/cpuinfo (Linux), else null. */
function cpuinfoMhz(): number | null {
  try {
    const match = /^cpu MHz\s*:\s*([\d.]+)/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

const progress = (line: string): void => {
  process.stderr.write(`bench: ${line}\n`);
};

export async function benchInNode(inputs: BenchInputs): Promise<BenchReport> {
  buildKernelsIfStale();
  let ort: OrtModule | null = null;
  let ortUnavailable: string | undefined;
  try {
    ort = (await import('onnxruntime-web')) as OrtModule;
  } catch (error) {
    ortUnavailable = `onnxruntime-web did not load in node: ${(error as Error).message}`;
  }
  const report = await runBench(inputs, {
    runtime: `node ${process.version} (${process.platform} ${process.arch})`, loadKernelBytes: nodeKernelBytes(), ort, ortUnavailable, log: progress,
  });
  const relaxed = report.notes.wasm_relaxed;
  if (!relaxed?.includes('does not validate')) return report;
  const hint = 'node 20 has relaxed SIMD only behind --experimental-wasm-relaxed-simd, and there its relaxed dot product gives wrong '
    + 'results, which the loader\'s self-test rejects (see: node --experimental-wasm-relaxed-simd --import tsx tools/bench.ts --where node)';
  return { ...report, notes: { ...report.notes, wasm_relaxed: `${relaxed}; ${hint}` } };
}

/** The same measurement module in headless Chromium: the Vite dev server serves the bench page, the kernels and ORT's wasm. */
export async function benchInChromium(inputs: BenchInputs): Promise<BenchReport> {
  buildKernelsIfStale();
  const server = await startAppServer();
  let browser: Awaited<ReturnType<typeof launchChromium>> | null = null;
  try {
    browser = await launchChromium();
    const page = await browser.context.newPage();
    const body = serializeBenchInputs(inputs);
    await page.route(`${server.url}${BENCH_INPUTS_PATH}`, (route) => route.fulfill({ contentType: 'application/json', body }));
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.text().startsWith('bench: ')) progress(`[chromium] ${message.text().slice(7)}`);
      else if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(`${server.url}/src/pages/bench/bench.html`);
    await page.waitForFunction(() => 'handcastBench' in window, undefined, { timeout: 60_000 });
    try {
      // A string, not a function: tsx would compile a closure with helpers the page does not have.
      return await page.evaluate<BenchReport>(`window.handcastBench.run(${JSON.stringify(`chromium ${browser.browser.version()}`)})`);
    } catch (error) {
      throw new Error(`the bench page failed: ${(error as Error).message.split('\n')[0]}${pageErrors.length ? `\npage errors: ${pageErrors.join('\n')}` : ''}`);
    }
  } finally {
    await browser?.close();
    await server.close();
  }
}

export interface KernelBenchReport {
  readonly mlp: MlpBenchRow[];
  readonly gemm: GemmBenchRow[];
  /** Builds left out and why (no engine support, or a failed self-test). */
  readonly skipped: string[];
  /** What the loader picks in this engine, and why. */
  readonly loaderChoice?: string;
  readonly engine?: string;
}

/**
 * Every build this node validates and runs correctly, benchmarked side by side in one run. `baselineDirectory`
 * holds other builds (<isa>.wasm, e.g. compiled from an earlier commit's sources) whose one-row MLP inference is
 * timed in the same rounds: the before/after check that the M = 1 path did not slow down. They are not
 * self-tested (an older build lacks newer kernels).
 */
export async function benchmarkKernelsInNode(baselineDirectory?: string): Promise<KernelBenchReport> {
  buildKernelsIfStale();
  const loadBytes = nodeKernelBytes();
  const modules: KernelModule[] = [];
  const skipped: string[] = [];
  for (const isa of KERNEL_ISAS) {
    const bytes = new Uint8Array(await loadBytes(isa));
    if (!WebAssembly.validate(bytes)) {
      skipped.push(`${isa}: does not validate in node ${process.version}`);
      continue;
    }
    const module = await KernelModule.instantiate(isa, bytes);
    const { failure } = selfTestKernels(module);
    if (failure !== null) skipped.push(`${isa}: failed its self-test (${failure})`);
    else modules.push(module);
  }
  // Benchmark modules get their own instances: the self-test's allocations are gone, memory is compact.
  const fresh = await Promise.all(modules.map(async (module) => KernelModule.instantiate(module.isa, new Uint8Array(await loadBytes(module.isa)))));
  const baseline: KernelModule[] = [];
  if (baselineDirectory !== undefined) {
    for (const { isa } of fresh) {
      const file = path.join(baselineDirectory, `${isa}.wasm`);
      if (existsSync(file)) baseline.push(await KernelModule.instantiate(isa, new Uint8Array(readFileSync(file))));
      else skipped.push(`baseline ${isa}: no ${file}`);
    }
  }
  return { mlp: await benchmarkMlps(fresh, { baseline }), gemm: await benchmarkGemms(fresh), skipped };
}

/**
 * The same kernel benchmark in headless Chromium (the browser the targets are set for): the app's dev server
 * serves the TS sources and /kernels/*.wasm; a blank page on its origin imports them and runs it there.
 */
export async function benchmarkKernelsInChromium(): Promise<KernelBenchReport> {
  buildKernelsIfStale();
  const server = await startAppServer();
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    const blank = `${server.url}/__kernel-bench`;
    await page.route(blank, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>kernel bench</title>' }));
    await page.goto(blank);
    // A string, not a function: tsx's transpiled closures would reference helpers the page does not have.
    return await page.evaluate<PageBenchReport>("import('/src/bench/kernel-bench.ts').then((bench) => bench.benchmarkKernelsHere())");
  } finally {
    await browser.close();
    await server.close();
  }
}

/** The kernels mode: the two tables per runtime (node first), then the loader's choice and what was skipped. */
async function benchKernels(where: Where, baselineDirectory: string | undefined, json: boolean): Promise<void> {
  if (where !== 'node' && baselineDirectory !== undefined) throw new Error('--baseline is for node runs only (--where node)');
  const runs: [string, () => Promise<KernelBenchReport>][] = [];
  if (where !== 'browser') runs.push([`node ${process.version}`, () => benchmarkKernelsInNode(baselineDirectory)]);
  if (where !== 'node') runs.push(['Chromium', benchmarkKernelsInChromium]);
  for (const [runtime, run] of runs) {
    progress(`kernels, ${runtime}`);
    const report = await run();
    if (json) {
      console.log(JSON.stringify(report));
      continue;
    }
    console.log(`INT8 kernels, ${report.engine ?? runtime}, one inference = floats in → integer logits out (median)\n`);
    console.log(formatBenchTables(report.mlp, report.gemm));
    if (report.loaderChoice) console.log(`\nloader: ${report.loaderChoice}`);
    for (const line of report.skipped) console.log(`\nskipped ${line}`);
  }
}

function parseWhere(values: { where?: string; browser?: boolean; node?: boolean }, fallback: Where): Where {
  if (values.browser && values.node) return 'both';
  if (values.browser) return 'browser';
  if (values.node) return 'node';
  const where = values.where ?? fallback;
  if (where !== 'node' && where !== 'browser' && where !== 'both') throw new Error(`--where must be node, browser or both, got "${where}"`);
  return where;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean' }, where: { type: 'string' }, browser: { type: 'boolean' }, node: { type: 'boolean' },
      quick: { type: 'boolean' }, model: { type: 'string' }, help: { type: 'boolean' }, kernels: { type: 'boolean' }, baseline: { type: 'string' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (values.kernels) {
    await benchKernels(parseWhere(values, 'node'), values.baseline, values.json ?? false);
    return;
  }
  if (values.baseline !== undefined) throw new Error('--baseline goes with --kernels');
  const where = parseWhere(values, 'both');
  const inputs = prepareBenchInputs(values.model ?? DEFAULT_MODEL, values.quick ?? false);
  const reports: BenchReport[] = [];
  if (where !== 'browser') {
    progress(`node ${process.version}`);
    reports.push(await benchInNode(inputs));
  }
  if (where !== 'node') {
    progress('headless Chromium');
    reports.push(await benchInChromium(inputs));
  }
  if (!values.json) {
    for (const report of reports) console.log(`${formatReport(report)}\n`);
    console.log(`Command: npm run bench -- --where ${where}${values.quick ? ' --quick' : ''}; JSON, one line per runtime (the last line is the last runtime's):`);
  }
  for (const report of reports) console.log(JSON.stringify(report));
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  main().catch((error: unknown) => {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    console.error(USAGE);
    process.exit(1);
  });
}
