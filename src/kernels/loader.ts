// Picks the fastest kernel build this engine runs correctly: relaxed SIMD, else SIMD128, else scalar.
import { KERNEL_ISAS, type KernelIsa } from './kernels';
import { selfTestKernels } from './self-test';
import { KernelModule } from './wasm-kernels';
import { appUrl } from '../util/app-url';

/** Fetches a build's bytes: fetch() in the page and workers, a file read in node (tools/kernels-build.ts). */
export type KernelBytesLoader = (isa: KernelIsa) => Promise<ArrayBuffer | Uint8Array>;

export interface KernelRejection {
  readonly isa: KernelIsa;
  readonly reason: string;
}

export interface KernelSelection {
  readonly isa: KernelIsa;
  /** One line for the UI, e.g. "simd128: relaxed-simd failed its self-test (…)". */
  readonly reason: string;
  readonly module: KernelModule;
  /** The better builds that were tried first, and why each was passed over. */
  readonly rejected: readonly KernelRejection[];
}

export interface LoadKernelsOptions {
  readonly loadBytes: KernelBytesLoader;
  /** Builds to try, best first (default: all). */
  readonly candidates?: readonly KernelIsa[];
}

/** Loads from `${base}<isa>.wasm` with fetch (the app serves public/kernels/ at kernels/ below its root). */
export function fetchKernelBytes(base = appUrl('kernels/')): KernelBytesLoader {
  return async (isa) => {
    const response = await fetch(`${base}${isa}.wasm`);
    if (!response.ok) throw new Error(`${base}${isa}.wasm: HTTP ${response.status} (run npm install to build the kernels)`);
    return response.arrayBuffer();
  };
}

const FEATURE_NAMES: Readonly<Record<KernelIsa, string>> = {
  'relaxed-simd': 'relaxed SIMD',
  simd128: 'SIMD128',
  scalar: 'WebAssembly',
};

/**
 * Tries each candidate in turn: it must load, pass WebAssembly.validate (the engine has the instructions),
 * instantiate, and match the TS reference bit for bit on the self-test (the engine runs them right: Node 20's
 * V8 validates relaxed SIMD behind --experimental-wasm-relaxed-simd but computes relaxed dot products wrongly).
 * Throws, listing every reason, when none qualifies.
 */
export async function loadKernels(options: LoadKernelsOptions): Promise<KernelSelection> {
  const rejected: KernelRejection[] = [];
  for (const isa of options.candidates ?? KERNEL_ISAS) {
    const result = await tryBuild(isa, options.loadBytes);
    if ('reason' in result) {
      rejected.push({ isa, reason: result.reason });
      continue;
    }
    const because = rejected.length === 0 ? 'the best build, validated and self-tested' : rejected.map((r) => `${r.isa} ${r.reason}`).join('; ');
    return { isa, module: result.module, rejected, reason: `${isa}: ${because} (${result.compared} outputs matched the reference)` };
  }
  throw new Error(`no INT8 kernel build works here: ${rejected.map((r) => `${r.isa} ${r.reason}`).join('; ')}`);
}

async function tryBuild(isa: KernelIsa, loadBytes: KernelBytesLoader): Promise<{ module: KernelModule; compared: number } | { reason: string }> {
  if (typeof WebAssembly !== 'object') return { reason: 'is unavailable: no WebAssembly' };
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    const loaded = await loadBytes(isa);
    // A copy when node hands out a view of a shared pool buffer: validate() wants a plain ArrayBuffer view.
    bytes = loaded instanceof Uint8Array ? new Uint8Array(loaded) : new Uint8Array(loaded);
  } catch (error) {
    return { reason: `could not be loaded: ${(error as Error).message}` };
  }
  if (!WebAssembly.validate(bytes)) return { reason: `does not validate: this engine lacks ${FEATURE_NAMES[isa]}` };
  let module: KernelModule;
  try {
    module = await KernelModule.instantiate(isa, bytes);
  } catch (error) {
    return { reason: `could not be instantiated: ${(error as Error).message}` };
  }
  const { failure, outputsCompared } = selfTestKernels(module);
  if (failure !== null) return { reason: `failed its self-test: ${failure}` };
  return { module, compared: outputsCompared };
}
