// Classifies every row of a landmark file with a gesture model and prints one JSON line per row.
// Usage: npm run classify -- --input FILE --format kinivi42|xy42|xyz63|jsonl [--aspect WxH] [--model FILE] [--engine int8|float]
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { featuresOfRow, isLandmarkFormat, LANDMARK_FORMATS, parseLandmarkRows, type LandmarkFormat } from '../src/core/dataset/landmark-rows';
import { FLOAT_ENGINE_NAME } from '../src/core/mlp/float-mlp';
import { parseGestureModelText, type GestureModel } from '../src/core/model/gesture-model';
import { buildGestureClassifier, ENGINE_CHOICES, isEngineChoice, type EngineChoice } from '../src/engines/gesture-engines';
import { loadKernels } from '../src/kernels/loader';
import { nodeKernelBytes } from './kernels-build';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'usage: npm run classify -- --input FILE --format kinivi42|xy42|xyz63|jsonl [--aspect WxH] [--model FILE] [--engine int8|float]';


interface Arguments {
  input: string;
  format: LandmarkFormat;
  aspect: number;
  model: string;
  engine: EngineChoice;
}

function fail(message: string, showUsage = false): never {
  console.error(`classify: ${message}`);
  if (showUsage) console.error(USAGE);
  process.exit(2);
}

/** "640x480", "16:9" or a plain ratio such as "1.333". */
function parseAspect(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*[x:×]\s*(\d+(?:\.\d+)?)\s*$/i.exec(text);
  const aspect = match ? Number(match[1]) / Number(match[2]) : Number(text);
  if (!Number.isFinite(aspect) || aspect <= 0) fail(`--aspect must look like 640x480 or 1.333, got "${text}"`);
  return aspect;
}

function parseArguments(argv: readonly string[]): Arguments {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    if (!['--input', '--format', '--aspect', '--model', '--engine'].includes(flag)) fail(`unknown option ${flag}`, true);
    if (argv[i + 1] === undefined) fail(`${flag} needs a value`, true);
    values.set(flag, argv[i + 1]);
  }
  const input = values.get('--input');
  const format = values.get('--format');
  if (input === undefined) fail('--input FILE is required', true);
  if (format === undefined) fail('--format is required', true);
  if (!isLandmarkFormat(format)) fail(`unknown format "${format}"; expected one of ${LANDMARK_FORMATS.join(', ')}`);
  // float32-ts is the float engine's own name; accepted as an alias of float.
  const engine = (values.get('--engine') ?? 'int8').replace(FLOAT_ENGINE_NAME, 'float');
  if (!isEngineChoice(engine)) fail(`unknown engine "${engine}"; available: ${ENGINE_CHOICES.join(', ')}`);
  return {
    input: path.resolve(input),
    format,
    // MediaPipe's usual webcam frame; kinivi42 is already pixel-proportional and ignores it.
    aspect: parseAspect(values.get('--aspect') ?? '640x480'),
    model: path.resolve(values.get('--model') ?? path.join(repoRoot, 'public', 'models', 'gesture_model.json')),
    engine,
  };
}

function loadModel(file: string): GestureModel {
  if (!existsSync(file)) fail(`model file not found: ${file}`);
  try {
    return parseGestureModelText(readFileSync(file, 'utf8'));
  } catch (error) {
    fail(`bad model ${file}: ${(error as Error).message}`);
  }
}

async function main(): Promise<void> {
  const args = parseArguments(process.argv.slice(2));
  if (!existsSync(args.input)) fail(`input file not found: ${args.input}`);
  const { classifier, fallbackNote } = await buildGestureClassifier(loadModel(args.model), args.engine, () => loadKernels({ loadBytes: nodeKernelBytes() }));
  if (fallbackNote) console.error(`classify: ${fallbackNote}`);
  const rows = parseLandmarkRows(readFileSync(args.input, 'utf8'), args.format, { aspect: args.aspect });
  let classified = 0;
  for (const row of rows) {
    if (!row.ok) {
      console.log(JSON.stringify({ row: row.line, error: row.error }));
      continue;
    }
    const prediction = classifier.classify(featuresOfRow(row));
    console.log(JSON.stringify({ row: row.line, gesture: prediction.label, score: Number(prediction.score.toFixed(4)) }));
    classified++;
  }
  if (classified === 0) {
    console.error(`classify: no row of ${args.input} could be classified (${rows.length} rows read)`);
    process.exit(1);
  }
}

void main();
