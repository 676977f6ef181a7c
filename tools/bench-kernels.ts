// npm run bench:kernels [-- --chromium | --baseline DIR]: median ns per MLP inference on every kernel build and the TS engines, and GEMM GMAC/s.
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { startAppServer } from './browser/app-server.ts';
import { launchChromium } from './browser/chromium.ts';
import { benchmarkGemms, benchmarkMlps, formatBenchTables, type GemmBenchRow, type MlpBenchRow, type PageBenchReport } from '../src/kernels/bench.ts';
import { KERNEL_ISAS } from '../src/kernels/kernels.ts';
import { selfTestKernels } from '../src/kernels/self-test.ts';
import { KernelModule } from '../src/kernels/wasm-kernels.ts';
import { buildKernelsIfStale, nodeKernelBytes } from './kernels-build.ts';

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
      const path = join(baselineDirectory, `${isa}.wasm`);
      if (existsSync(path)) baseline.push(await KernelModule.instantiate(isa, new Uint8Array(readFileSync(path))));
      else skipped.push(`baseline ${isa}: no ${path}`);
    }
  }
  return { mlp: benchmarkMlps(fresh, { baseline }), gemm: benchmarkGemms(fresh), skipped };
}

/**
 * The same benchmark in headless Chromium (the browser the targets are set for): the app's dev server serves
 * the TS sources and /kernels/*.wasm; a blank page on its origin imports them and runs benchmarkMlps there.
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
    return await page.evaluate<PageBenchReport>("import('/src/kernels/bench.ts').then((bench) => bench.benchmarkKernelsHere())");
  } finally {
    await browser.close();
    await server.close();
  }
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const inChromium = process.argv.includes('--chromium');
  const baselineIndex = process.argv.indexOf('--baseline');
  const baselineDirectory = baselineIndex >= 0 ? process.argv[baselineIndex + 1] : undefined;
  if (inChromium && baselineDirectory !== undefined) throw new Error('--baseline is for node runs only');
  const report = inChromium ? await benchmarkKernelsInChromium() : await benchmarkKernelsInNode(baselineDirectory);
  const where = inChromium ? report.engine ?? 'Chromium' : `node ${process.version}`;
  console.log(`INT8 kernels, ${where}, one inference = floats in → integer logits out (median)\n`);
  console.log(formatBenchTables(report.mlp, report.gemm));
  if (report.loaderChoice) console.log(`\nloader: ${report.loaderChoice}`);
  for (const line of report.skipped) console.log(`\nskipped ${line}`);
}
