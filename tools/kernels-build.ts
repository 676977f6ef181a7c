// Builds the INT8 WebAssembly kernels (src/kernels/assembly → public/kernels/<isa>.wasm) with AssemblyScript, if stale; or a git revision's, as a bench baseline.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KernelIsa } from '../src/kernels/kernels.ts';

const TOOLS_DIRECTORY = dirname(fileURLToPath(import.meta.url));
const PROJECT_ROOT = resolve(TOOLS_DIRECTORY, '..');
const SOURCE_DIRECTORY = join(PROJECT_ROOT, 'src', 'kernels', 'assembly');
export const PUBLIC_KERNELS_DIRECTORY = join(PROJECT_ROOT, 'public', 'kernels');
const CACHE_DIRECTORY = join(PROJECT_ROOT, 'node_modules', '.cache', 'handcast');
/** Test-only builds live outside public/ so they are never served. */
export const TEST_KERNELS_DIRECTORY = join(CACHE_DIRECTORY, 'kernels-test');

/** One asc compilation: an entry file and the compile-time constants of mlp.ts and relaxed-dot.ts. */
export interface KernelBuild {
  readonly name: string;
  readonly entry: string;
  /** mlp.ts's ISA: 0 scalar, 1 SIMD128, 2 relaxed SIMD. */
  readonly isa: 0 | 1 | 2;
  /** relaxed-dot.ts's RELAXED_DOT: 0 native, 1 emulated exactly, 2 emulating Node 20's wrong results. */
  readonly relaxedDot: 0 | 1 | 2;
  readonly features: readonly ('simd' | 'relaxed-simd')[];
}

export const RELEASE_BUILDS: readonly KernelBuild[] = [
  { name: 'scalar', entry: 'scalar.ts', isa: 0, relaxedDot: 0, features: [] },
  { name: 'simd128', entry: 'simd128.ts', isa: 1, relaxedDot: 0, features: ['simd'] },
  { name: 'relaxed-simd', entry: 'relaxed-simd.ts', isa: 2, relaxedDot: 0, features: ['simd', 'relaxed-simd'] },
];

/** The relaxed build with its one relaxed instruction emulated in SIMD128: right, and wrong like Node 20. */
export const TEST_BUILDS: readonly KernelBuild[] = [
  { name: 'relaxed-simd-emulated', entry: 'relaxed-simd.ts', isa: 2, relaxedDot: 1, features: ['simd'] },
  { name: 'relaxed-simd-node20-bug', entry: 'relaxed-simd.ts', isa: 2, relaxedDot: 2, features: ['simd'] },
];

/**
 * asc flags: -O3 for speed, no assertions, the stub runtime (the kernels never allocate; JS owns memory) and no
 * abort import, so instantiating needs no imports at all. Warning 112 (v128 in an exported signature) is about
 * module-internal helpers that are never WebAssembly exports.
 */
function ascArguments(build: KernelBuild, outFile: string, sourceDirectory = SOURCE_DIRECTORY): string[] {
  return [
    join(sourceDirectory, build.entry), '-o', outFile,
    '-O3', '--noAssert', '--runtime', 'stub', '--use', 'abort=', '--initialMemory', '1', '--disableWarning', '112',
    '--use', `ISA=${build.isa}`, '--use', `RELAXED_DOT=${build.relaxedDot}`,
    ...build.features.flatMap((feature) => ['--enable', feature]),
  ];
}

interface BuildStamp {
  inputs: string;
  outputs: Record<string, string>;
}

export interface BuildOptions {
  readonly builds?: readonly KernelBuild[];
  readonly outDirectory?: string;
  /** Rebuild even when the stamp says the outputs are up to date. */
  readonly force?: boolean;
}

/**
 * Compiles `builds` into `outDirectory` unless a stamp in node_modules/.cache/handcast/ shows they were built
 * from exactly these sources, this tool and this compiler version, and are intact. Synchronous (one child
 * process compiles everything), so tools/prepare-assets.ts can call it.
 */
export function buildKernelsIfStale(options: BuildOptions = {}): void {
  const builds = options.builds ?? RELEASE_BUILDS;
  const outDirectory = options.outDirectory ?? PUBLIC_KERNELS_DIRECTORY;
  const where = relative(PROJECT_ROOT, outDirectory);
  const stampFile = join(CACHE_DIRECTORY, `kernels-${createHash('sha256').update(where).digest('hex').slice(0, 12)}.stamp`);
  const inputs = hashInputs(builds);
  const stamp = readStamp(stampFile);
  if (!options.force && stamp !== null && stamp.inputs === inputs && outputsIntact(outDirectory, stamp)) {
    console.log(`${where}: kernels up to date (${Object.keys(stamp.outputs).join(', ')})`);
    return;
  }
  mkdirSync(outDirectory, { recursive: true });
  const startedAt = performance.now();
  const jobs = builds.map((build) => ({ build, outFile: join(outDirectory, `${build.name}.wasm`) }));
  // asc writes in place; temporary names keep readers from seeing half a file.
  const temporary = jobs.map(({ outFile }) => `${outFile}.${process.pid}.tmp`);
  try {
    execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--compile',
      JSON.stringify(jobs.map(({ build }, i) => ascArguments(build, temporary[i])))], { cwd: PROJECT_ROOT, stdio: 'inherit' });
    jobs.forEach(({ outFile }, i) => renameSync(temporary[i], outFile));
  } finally {
    for (const file of temporary) rmSync(file, { force: true });
  }
  const outputs: Record<string, string> = {};
  for (const { outFile } of jobs) outputs[relative(outDirectory, outFile)] = sha256(readFileSync(outFile));
  mkdirSync(dirname(stampFile), { recursive: true });
  writeFileSync(stampFile, `${JSON.stringify({ inputs, outputs }, null, 2)}\n`);
  const sizes = jobs.map(({ build, outFile }) => `${build.name} ${readFileSync(outFile).length} B`).join(', ');
  console.log(`${where}: kernels built in ${(performance.now() - startedAt).toFixed(0)} ms (${sizes})`);
}

/** Every AssemblyScript source, this tool, the compiler's version and the build list: a change to any rebuilds. */
function hashInputs(builds: readonly KernelBuild[]): string {
  const hash = createHash('sha256');
  const sources = readdirSync(SOURCE_DIRECTORY).filter((name) => name.endsWith('.ts')).sort();
  const compilerManifest = createRequire(join(PROJECT_ROOT, 'noop.js')).resolve('assemblyscript/package.json');
  for (const path of [...sources.map((name) => join(SOURCE_DIRECTORY, name)), fileURLToPath(import.meta.url), compilerManifest]) {
    hash.update(`${relative(PROJECT_ROOT, path)}\0`);
    hash.update(readFileSync(path));
  }
  hash.update(JSON.stringify(builds));
  return hash.digest('hex');
}

function outputsIntact(directory: string, stamp: BuildStamp): boolean {
  const entries = Object.entries(stamp.outputs);
  return entries.length > 0 && entries.every(([file, hash]) => {
    const path = join(directory, file);
    return existsSync(path) && sha256(readFileSync(path)) === hash;
  });
}

function readStamp(file: string): BuildStamp | null {
  try {
    const stamp = JSON.parse(readFileSync(file, 'utf8')) as Partial<BuildStamp>;
    return typeof stamp.inputs === 'string' && typeof stamp.outputs === 'object' && stamp.outputs !== null
      ? { inputs: stamp.inputs, outputs: stamp.outputs }
      : null;
  } catch {
    return null;
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Compiles the release builds from the kernel sources of a git revision into `outDirectory`, with today's flags:
 * a baseline for `npm run bench -- --kernels --baseline <outDirectory>` (the before/after of a kernel change).
 */
export function buildKernelsFromRevision(revision: string, outDirectory: string): void {
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: PROJECT_ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  const sourcePath = relative(PROJECT_ROOT, SOURCE_DIRECTORY);
  const sources = mkdtempSync(join(tmpdir(), 'handcast-kernels-'));
  try {
    for (const path of git('ls-tree', '--name-only', `${revision}:${sourcePath}`).split('\n').filter(Boolean)) {
      writeFileSync(join(sources, path), git('show', `${revision}:${sourcePath}/${path}`));
    }
    mkdirSync(outDirectory, { recursive: true });
    const argumentLists = RELEASE_BUILDS.map((build) => ascArguments(build, join(outDirectory, `${build.name}.wasm`), sources));
    execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--compile', JSON.stringify(argumentLists)], { cwd: PROJECT_ROOT, stdio: 'inherit' });
    console.log(`${outDirectory}: kernels of ${revision} built (${RELEASE_BUILDS.map((build) => `${build.name}.wasm`).join(', ')})`);
  } finally {
    rmSync(sources, { recursive: true, force: true });
  }
}

/** A kernel byte loader for node (tests, CLIs): reads <directory>/<isa>.wasm. The browser fetches instead. */
export function nodeKernelBytes(directory = PUBLIC_KERNELS_DIRECTORY): (isa: KernelIsa) => Promise<Uint8Array> {
  return (isa) => readFile(join(directory, `${isa}.wasm`));
}

/** The child process: one asc compilation per argument list, in one process so binaryen loads once. */
async function compileAll(argumentLists: string[][]): Promise<void> {
  const asc = await import('assemblyscript/asc');
  for (const argv of argumentLists) {
    const { error, stderr } = await asc.main(argv);
    if (error) throw new Error(`asc ${relative(PROJECT_ROOT, argv[0])}: ${error.message}\n${stderr.toString()}`);
  }
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const compileIndex = process.argv.indexOf('--compile');
  const revisionIndex = process.argv.indexOf('--revision');
  const outIndex = process.argv.indexOf('--out');
  let run: Promise<void>;
  if (compileIndex >= 0) run = compileAll(JSON.parse(process.argv[compileIndex + 1]) as string[][]);
  else if (revisionIndex >= 0) {
    const revision = process.argv[revisionIndex + 1];
    run = Promise.resolve(buildKernelsFromRevision(revision, outIndex >= 0 ? resolve(process.argv[outIndex + 1]) : join(CACHE_DIRECTORY, `kernels-${revision}`)));
  } else run = Promise.resolve(buildKernelsIfStale({ force: !process.argv.includes('--if-stale') }));
  run.catch((error: unknown) => {
    console.error(`kernels-build: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
