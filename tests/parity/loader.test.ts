// The loader picks the best build that validates and passes its self-test, and says why; a wrong relaxed kernel is caught.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadKernels, type KernelBytesLoader } from '../../src/kernels/loader';
import { nodeKernelBytes } from '../../tools/kernels-build';
import { readBuildBytes, type TestBuild } from './tester';

/** Serves `relaxed-simd` from another build, as if this engine's relaxed instructions behaved like it. */
function relaxedFrom(build: TestBuild): KernelBytesLoader {
  const release = nodeKernelBytes();
  return (isa) => (isa === 'relaxed-simd' ? readBuildBytes(build) : release(isa));
}

const relaxedValidates = (): Promise<boolean> => readBuildBytes('relaxed-simd').then((bytes) => WebAssembly.validate(bytes));

describe('loadKernels', () => {
  it('picks relaxed SIMD where it validates and self-tests, else SIMD128, and reports why', async () => {
    const selection = await loadKernels({ loadBytes: nodeKernelBytes() });
    if (await relaxedValidates()) {
      // An engine with working relaxed SIMD (or a wrong one the self-test rejected).
      expect(['relaxed-simd', 'simd128']).toContain(selection.isa);
    } else {
      expect(selection.isa).toBe('simd128');
      expect(selection.rejected).toEqual([{ isa: 'relaxed-simd', reason: 'does not validate: this engine lacks relaxed SIMD' }]);
      expect(selection.reason).toMatch(/^simd128: relaxed-simd does not validate/);
    }
    console.log(`loader in this node (${process.version}): ${selection.reason}`);
  });

  it('rejects a relaxed build whose dot products are wrong (as in Node 20 behind its flag) and falls back to SIMD128', async () => {
    const selection = await loadKernels({ loadBytes: relaxedFrom('relaxed-simd-node20-bug') });
    expect(selection.isa).toBe('simd128');
    expect(selection.rejected[0].isa).toBe('relaxed-simd');
    expect(selection.rejected[0].reason).toMatch(/^failed its self-test: qu7-.*-[14]x16c4-wasmrelaxedsimd gives -?\d+ at \[\d+\]\[\d+\] where the reference gives -?\d+/);
  });

  it('accepts a relaxed build that computes right (the SIMD128 emulation stands in for the instruction)', async () => {
    const selection = await loadKernels({ loadBytes: relaxedFrom('relaxed-simd-emulated') });
    expect(selection.isa).toBe('relaxed-simd');
    expect(selection.reason).toMatch(/^relaxed-simd: the best build, validated and self-tested \(\d+ outputs matched the reference\)$/);
  });

  it('falls back to scalar, and explains a build that cannot be loaded', async () => {
    const release = nodeKernelBytes();
    const selection = await loadKernels({
      loadBytes: (isa) => (isa === 'scalar' ? release(isa) : Promise.reject(new Error(`/kernels/${isa}.wasm: HTTP 404`))),
    });
    expect(selection.isa).toBe('scalar');
    expect(selection.rejected.map((r) => r.reason)).toEqual([
      'could not be loaded: /kernels/relaxed-simd.wasm: HTTP 404', 'could not be loaded: /kernels/simd128.wasm: HTTP 404',
    ]);
  });

  it('throws, listing every reason, when nothing works', async () => {
    await expect(loadKernels({ loadBytes: () => Promise.resolve(new Uint8Array([0, 1, 2])), candidates: ['simd128', 'scalar'] }))
      .rejects.toThrow(/no INT8 kernel build works here: simd128 does not validate.*; scalar does not validate/);
  });

  it('reports what a child node chooses with --experimental-wasm-relaxed-simd (informational)', () => {
    const script = fileURLToPath(new URL('./report-kernel-choice.ts', import.meta.url));
    let report: string;
    try {
      report = execFileSync(process.execPath, ['--experimental-wasm-relaxed-simd', '--import', 'tsx', script], {
        encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000,
      }).trim();
    } catch (error) {
      report = `could not run node with --experimental-wasm-relaxed-simd: ${(error as Error).message.split('\n')[0]}`;
    }
    console.log(`loader in node ${process.version} --experimental-wasm-relaxed-simd: ${report}`);
    expect(report.length).toBeGreaterThan(0);
  });
});
