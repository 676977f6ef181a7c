// Finds the four hand networks inside the npm package @mediapipe/hands: two as files, two packed in one data file.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createRequire } from 'node:module';

export const HANDS_PACKAGE = '@mediapipe/hands';
const PACKED_DATA_FILE = 'hands_solution_packed_assets.data';
const PACKED_LOADER_FILE = 'hands_solution_packed_assets_loader.js';
const LANDMARK_FULL_FILE = 'hand_landmark_full.tflite';
const LANDMARK_LITE_FILE = 'hand_landmark_lite.tflite';
const PALM_FULL_NAME = 'palm_detection_full.tflite';
const PALM_LITE_NAME = 'palm_detection_lite.tflite';

/** The files of the package this tool reads: they decide whether a bundle is up to date. */
export const HANDS_PACKAGE_INPUT_FILES = [
  'package.json', LANDMARK_FULL_FILE, LANDMARK_LITE_FILE, PACKED_DATA_FILE, PACKED_LOADER_FILE,
] as const;

export interface HandNetworks {
  packageVersion: string;
  palmDetectionFull: Uint8Array;
  palmDetectionLite: Uint8Array;
  handLandmarkFull: Uint8Array;
  handLandmarkLite: Uint8Array;
}

/** Byte range [start, end) of one file inside the packed data file. */
export interface PackedRange {
  start: number;
  end: number;
}

/** The installed package's folder; throws a message that says how to fix it when the package is missing. */
export function findHandsPackage(fromDirectory: string = process.cwd()): string {
  const require = createRequire(join(fromDirectory, 'noop.js'));
  try {
    return dirname(require.resolve(`${HANDS_PACKAGE}/package.json`));
  } catch {
    throw new Error(
      `${HANDS_PACKAGE} is not installed (looked from ${fromDirectory}). It holds the hand networks that ` +
      `public/models/hand_landmarker*.task are built from: run \`npm install\` (it is a devDependency).`,
    );
  }
}

/** Reads all four networks from the package folder, checking every file is there and the packed ranges fit. */
export function readHandNetworks(packageDirectory: string): HandNetworks {
  const read = (file: string) => readPackageFile(packageDirectory, file);
  const packed = read(PACKED_DATA_FILE);
  const { ranges, packageSize } = parsePackedAssetRanges(new TextDecoder().decode(read(PACKED_LOADER_FILE)));
  if (packageSize !== packed.length) {
    throw new Error(
      `${join(packageDirectory, PACKED_DATA_FILE)} is ${packed.length} bytes but its loader says ${packageSize}: ` +
      `the package looks corrupt, reinstall it (rm -rf node_modules/${HANDS_PACKAGE} && npm install)`,
    );
  }
  const packedFile = (name: string) => sliceRange(packed, ranges, name, packageDirectory);
  const { version } = JSON.parse(new TextDecoder().decode(read('package.json'))) as { version?: string };
  return {
    packageVersion: version ?? 'unknown',
    palmDetectionFull: packedFile(PALM_FULL_NAME),
    palmDetectionLite: packedFile(PALM_LITE_NAME),
    handLandmarkFull: read(LANDMARK_FULL_FILE),
    handLandmarkLite: read(LANDMARK_LITE_FILE),
  };
}

/**
 * The byte range of each packed file, keyed by file name (without folder), from the text of an Emscripten
 * file-packager loader. That loader ends with a call `loadPackage({"files": [{"filename", "start", "end"}, ...],
 * "remote_package_size": N})` whose argument is JSON.
 */
export function parsePackedAssetRanges(loaderText: string): { ranges: Map<string, PackedRange>; packageSize: number } {
  const argument = objectLiteralAfter(loaderText, /loadPackage\(\s*\{/g);
  if (argument === null) throw new Error('packed-assets loader: no loadPackage({...}) call found');
  let manifest: unknown;
  try {
    manifest = JSON.parse(argument);
  } catch (error) {
    throw new Error(`packed-assets loader: the loadPackage argument is not JSON (${(error as Error).message})`);
  }
  const { files, remote_package_size: packageSize } = (manifest ?? {}) as { files?: unknown; remote_package_size?: unknown };
  if (!Array.isArray(files) || !isByteCount(packageSize)) {
    throw new Error('packed-assets loader: expected {"files": [...], "remote_package_size": N}');
  }
  const ranges = new Map<string, PackedRange>();
  for (const file of files as unknown[]) {
    const { filename, start, end } = (file ?? {}) as { filename?: unknown; start?: unknown; end?: unknown };
    if (typeof filename !== 'string' || !isByteCount(start) || !isByteCount(end) || start > end || end > packageSize) {
      throw new Error(`packed-assets loader: bad file entry ${JSON.stringify(file)}`);
    }
    ranges.set(basename(filename), { start, end });
  }
  return { ranges, packageSize };
}

/** The `{...}` that ends the first match of `opening` (which must end at a `{`), braces inside strings skipped. */
function objectLiteralAfter(text: string, opening: RegExp): string | null {
  const match = opening.exec(text);
  if (match === null) return null;
  const start = match.index + match[0].length - 1;
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  return null;
}

function isByteCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function sliceRange(packed: Uint8Array, ranges: Map<string, PackedRange>, name: string, packageDirectory: string): Uint8Array {
  const range = ranges.get(name);
  if (range === undefined) {
    const listed = [...ranges.keys()].join(', ');
    throw new Error(`${join(packageDirectory, PACKED_LOADER_FILE)} does not list ${name} (it lists: ${listed})`);
  }
  return packed.subarray(range.start, range.end);
}

function readPackageFile(packageDirectory: string, file: string): Uint8Array {
  const path = join(packageDirectory, file);
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: ${HANDS_PACKAGE} looks incomplete, reinstall it (npm install)`);
  }
  return new Uint8Array(readFileSync(path));
}
