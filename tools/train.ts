// Trains the default gesture model from the shared landmark data and writes public/models/gesture_model.json.
// Usage: npm run train -- [--seed N] [--epochs N] [--out FILE] [--data DIR] [--none-synthesis-weight W]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FEATURE_SPEC } from '../src/core/landmarks/features';
import { serializeGestureModel } from '../src/core/model/serialize-model';
import { formatTallyTable } from '../src/core/train/evaluate';
import { GESTURE_LABELS } from '../src/core/train/gesture-recipes';
import { loadSources, SHARED_DATA_SOURCES } from '../src/core/train/sources';
import { DEFAULT_TRAIN_OPTIONS, trainGestureModel, type TrainOptions } from '../src/core/train/train-gesture-model';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Arguments {
  seed: number;
  epochs: number;
  out: string;
  data: string;
  noneSynthesisWeight: number;
}

function usage(message: string): never {
  console.error(`train: ${message}`);
  console.error('usage: npm run train -- [--seed N] [--epochs N] [--out FILE] [--data DIR] [--none-synthesis-weight W]');
  process.exit(2);
}

function parseArguments(argv: readonly string[]): Arguments {
  const args: Arguments = {
    seed: DEFAULT_TRAIN_OPTIONS.seed,
    epochs: DEFAULT_TRAIN_OPTIONS.epochs,
    out: path.join(repoRoot, 'public', 'models', 'gesture_model.json'),
    // The shared data lives beside the repository (../shared/data from the repo root), not inside it.
    data: path.resolve(repoRoot, '..', 'shared', 'data'),
    noneSynthesisWeight: DEFAULT_TRAIN_OPTIONS.noneSynthesisWeight,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined) usage(`${flag} needs a value`);
    const number = Number(value);
    switch (flag) {
      case '--seed':
        if (!Number.isInteger(number) || number < 0) usage(`--seed must be a non-negative integer, got ${value}`);
        args.seed = number;
        break;
      case '--epochs':
        if (!Number.isInteger(number) || number < 1) usage(`--epochs must be a positive integer, got ${value}`);
        args.epochs = number;
        break;
      case '--none-synthesis-weight':
        if (!Number.isFinite(number) || number < 0) usage(`--none-synthesis-weight must be >= 0, got ${value}`);
        args.noneSynthesisWeight = number;
        break;
      case '--out':
        args.out = path.resolve(value);
        break;
      case '--data':
        args.data = path.resolve(value);
        break;
      default:
        usage(`unknown option ${flag}`);
    }
    i++;
  }
  return args;
}

function main(): void {
  const args = parseArguments(process.argv.slice(2));
  const missing = SHARED_DATA_SOURCES.map((spec) => path.join(args.data, spec.path)).filter((file) => !existsSync(file));
  if (missing.length > 0) {
    console.error(`train: the shared landmark data was not found. It is expected in ${args.data}`);
    console.error('(the folder "shared/data" beside this repository; pass --data DIR to use another place). Missing:');
    for (const file of missing) console.error(`  ${file}`);
    process.exit(1);
  }

  const started = performance.now();
  const { sources, problems } = loadSources(SHARED_DATA_SOURCES, (relative) => readFileSync(path.join(args.data, relative), 'utf8'));
  for (const problem of problems) console.warn(`skipped ${problem}`);
  const options: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, seed: args.seed, epochs: args.epochs, noneSynthesisWeight: args.noneSynthesisWeight };
  console.log(`training: seed ${options.seed}, up to ${options.epochs} epochs, ${options.samplesPerClass} samples/class/epoch, `
    + `layers ${[FEATURE_SPEC.length, ...options.hiddenSizes, GESTURE_LABELS.length].join('→')}, none-synthesis weight ${options.noneSynthesisWeight}`);
  const result = trainGestureModel(sources, options, (report) => {
    console.log(`epoch ${String(report.epoch).padStart(3)}  train loss ${report.trainLoss.toFixed(4)}  `
      + `val loss ${report.validationLoss.toFixed(4)}  val acc ${(100 * report.validationAccuracy).toFixed(1)}%`);
  });
  const seconds = (performance.now() - started) / 1000;

  const { evaluation } = result;
  console.log(`\nbest epoch ${result.bestEpoch} of ${result.epochs.length}; held-out results of the stored (rounded) weights:`);
  console.log(formatTallyTable(evaluation.perClass, 'class'));
  console.log(`overall ${(100 * evaluation.accuracy).toFixed(1)}%  balanced ${(100 * evaluation.balancedAccuracy).toFixed(1)}%\n`);
  console.log(formatTallyTable(evaluation.perSubset, 'subset'));
  console.log('\nconfusion (rows actual, columns predicted):');
  const labels = result.model.labels;
  console.log(`${''.padEnd(12)}${labels.map((l) => l.slice(0, 6).padStart(7)).join('')}`);
  evaluation.confusion.forEach((row, i) => console.log(`${labels[i].padEnd(12)}${row.map((n) => String(n).padStart(7)).join('')}`));

  const text = serializeGestureModel(result.model);
  mkdirSync(path.dirname(args.out), { recursive: true });
  writeFileSync(args.out, text);
  console.log(`\nwrote ${path.relative(process.cwd(), args.out) || args.out} (${(text.length / 1024).toFixed(1)} KiB) in ${seconds.toFixed(1)} s`);
}

main();
