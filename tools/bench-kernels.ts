// npm run bench:kernels: median ns per MLP inference on every kernel build and the TS engines, and GEMM GMAC/s, in node.
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { benchmarkGemms, benchmarkMlps, formatBenchTables, type GemmBenchRow, type MlpBenchRow } from '../src/kernels/bench.ts';
import { KERNEL_ISAS } from '../src/kernels/kernels.ts';
import { selfTestKernels } from '../src/kernels/self-test.ts';
import { KernelModule } from '../src/kernels/wasm-kernels.ts';
import { buildKernelsIfStale, nodeKernelBytes } from './kernels-build.ts';

export interface KernelBenchReport {
  readonly mlp: MlpBenchRow[];
  readonly gemm: GemmBenchRow[];
  /** Builds left out and why (no engine support, or a failed self-test). */
  readonly skipped: string[];
}

/** Every build this node validates and runs correctly, benchmarked side by side in one run. */
export async function benchmarkKernelsInNode(): Promise<KernelBenchReport> {
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
  return { mlp: benchmarkMlps(fresh), gemm: benchmarkGemms(fresh), skipped };
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const report = await benchmarkKernelsInNode();
  console.log(`INT8 kernels, node ${process.version}, one inference = floats in → integer logits out (median)\n`);
  console.log(formatBenchTables(report.mlp, report.gemm));
  for (const line of report.skipped) console.log(`\nskipped ${line}`);
}
