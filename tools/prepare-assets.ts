// Prepares public/ for dev, build and test: builds the hand landmarker bundles, copies MediaPipe's WASM files, draws the app icons.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE_FILE_NAMES, buildLandmarkerBundle } from './landmarker-bundle/build.ts';
import { HANDS_PACKAGE_INPUT_FILES, findHandsPackage, readHandNetworks } from './landmarker-bundle/hands-package.ts';
import { buildKernelsIfStale } from './kernels-build.ts';
import { appIconFiles } from './app-icons.ts';

const TOOLS_DIRECTORY = dirname(fileURLToPath(import.meta.url));
const PROJECT_ROOT = resolve(TOOLS_DIRECTORY, '..');
const MODELS_DIRECTORY = join(PROJECT_ROOT, 'public', 'models');
const WASM_DIRECTORY = join(PROJECT_ROOT, 'public', 'mediapipe-wasm');
const ICONS_DIRECTORY = join(PROJECT_ROOT, 'public', 'icons');
/** Kept out of public/ so Vite does not ship it, in a folder git already ignores. */
const STAMP_FILE = join(PROJECT_ROOT, 'node_modules', '.cache', 'handcast', 'landmarker-bundle.stamp');
const BUNDLE_SOURCES_DIRECTORY = join(TOOLS_DIRECTORY, 'landmarker-bundle');

/** What the stamp file records: the hash of everything a build reads, and the hash of each bundle it wrote. */
interface BundleStamp {
  inputs: string;
  outputs: Record<string, string>;
}

function main(): void {
  prepareLandmarkerBundles();
  copyMediapipeWasm();
  buildKernelsIfStale();
  writeAppIcons();
}

/** Builds public/models/*.task unless the stamp shows they were built from exactly these inputs and are intact. */
function prepareLandmarkerBundles(): void {
  const handsDirectory = findHandsPackage(PROJECT_ROOT);
  const inputsHash = hashFiles(bundleInputFiles(handsDirectory));
  const stamp = readStamp();
  if (stamp !== null && stamp.inputs === inputsHash && outputsIntact(stamp)) {
    console.log(`landmarker bundles: up to date (${Object.keys(stamp.outputs).join(', ')})`);
    return;
  }
  mkdirSync(MODELS_DIRECTORY, { recursive: true });
  const networks = readHandNetworks(handsDirectory);
  const outputs: Record<string, string> = {};
  for (const variant of ['full', 'lite'] as const) {
    const startedAt = performance.now();
    const bytes = buildLandmarkerBundle(networks, variant);
    const fileName = BUNDLE_FILE_NAMES[variant];
    writeFileAtomically(join(MODELS_DIRECTORY, fileName), bytes);
    outputs[fileName] = sha256(bytes);
    const elapsed = performance.now() - startedAt;
    console.log(`${fileName}: ${formatMegabytes(bytes.length)}, built and written in ${elapsed.toFixed(0)} ms`);
  }
  // Written last, so an interrupted build never looks up to date.
  mkdirSync(dirname(STAMP_FILE), { recursive: true });
  writeFileAtomically(STAMP_FILE, new TextEncoder().encode(`${JSON.stringify({ inputs: inputsHash, outputs }, null, 2)}\n`));
}

/** The hands package files, this tool's sources and the FlatBuffers library: a change to any changes the bytes. */
function bundleInputFiles(handsDirectory: string): string[] {
  const toolSources = readdirSync(BUNDLE_SOURCES_DIRECTORY)
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .map((name) => join(BUNDLE_SOURCES_DIRECTORY, name));
  const flatbuffersManifest = createRequire(join(PROJECT_ROOT, 'noop.js')).resolve('flatbuffers/package.json');
  return [
    ...HANDS_PACKAGE_INPUT_FILES.map((file) => join(handsDirectory, file)),
    ...toolSources,
    fileURLToPath(import.meta.url),
    flatbuffersManifest,
  ];
}

function outputsIntact(stamp: BundleStamp): boolean {
  const entries = Object.entries(stamp.outputs);
  return entries.length > 0 && entries.every(([fileName, hash]) => {
    const path = join(MODELS_DIRECTORY, fileName);
    return existsSync(path) && sha256(readFileSync(path)) === hash;
  });
}

function readStamp(): BundleStamp | null {
  try {
    const stamp = JSON.parse(readFileSync(STAMP_FILE, 'utf8')) as Partial<BundleStamp>;
    return typeof stamp.inputs === 'string' && typeof stamp.outputs === 'object' && stamp.outputs !== null
      ? { inputs: stamp.inputs, outputs: stamp.outputs }
      : null;
  } catch {
    return null;
  }
}

/** Copies tasks-vision's wasm/ folder to public/mediapipe-wasm/, touching only files whose bytes differ. */
function copyMediapipeWasm(): void {
  const packageEntry = createRequire(join(PROJECT_ROOT, 'noop.js')).resolve('@mediapipe/tasks-vision');
  const sourceDirectory = join(dirname(packageEntry), 'wasm');
  if (!existsSync(sourceDirectory)) {
    throw new Error(`${sourceDirectory} is missing: reinstall @mediapipe/tasks-vision (npm install)`);
  }
  mkdirSync(WASM_DIRECTORY, { recursive: true });
  const copied: string[] = [];
  for (const name of readdirSync(sourceDirectory).sort()) {
    const source = join(sourceDirectory, name);
    const target = join(WASM_DIRECTORY, name);
    if (!statSync(source).isFile() || sameContents(source, target)) continue;
    writeFileAtomically(target, readFileSync(source));
    copied.push(name);
  }
  const where = relative(PROJECT_ROOT, WASM_DIRECTORY);
  console.log(copied.length === 0 ? `${where}: up to date` : `${where}: copied ${copied.join(', ')}`);
}

/** Draws the install icons (tools/app-icons.ts) into public/icons/, touching only files whose bytes differ. */
function writeAppIcons(): void {
  mkdirSync(ICONS_DIRECTORY, { recursive: true });
  const written: string[] = [];
  for (const { file, png } of appIconFiles()) {
    const target = join(ICONS_DIRECTORY, file);
    if (existsSync(target) && readFileSync(target).equals(png)) continue;
    writeFileAtomically(target, png);
    written.push(file);
  }
  const where = relative(PROJECT_ROOT, ICONS_DIRECTORY);
  console.log(written.length === 0 ? `${where}: up to date` : `${where}: drew ${written.join(', ')}`);
}

function sameContents(source: string, target: string): boolean {
  if (!existsSync(target) || statSync(target).size !== statSync(source).size) return false;
  return readFileSync(source).equals(readFileSync(target));
}

/** Writes beside the target, then renames: readers see the old file or the new one, never half of one. */
function writeFileAtomically(path: string, bytes: Uint8Array): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, bytes);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

function hashFiles(paths: readonly string[]): string {
  const hash = createHash('sha256');
  for (const path of paths) {
    hash.update(`${relative(PROJECT_ROOT, path)}\0`);
    // A missing file just changes the hash; the build that follows explains what is missing.
    hash.update(existsSync(path) ? readFileSync(path) : 'missing\0');
  }
  return hash.digest('hex');
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function formatMegabytes(byteCount: number): string {
  return `${(byteCount / 1024 / 1024).toFixed(2)} MiB`;
}

try {
  main();
} catch (error) {
  console.error(`prepare-assets: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
