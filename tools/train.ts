// Trains the default gesture model from the shared landmark data and writes public/models/gesture_model.json.
// Usage: npm run train -- [--seed N] [--epochs N] [--out FILE] [--data DIR] [--none-synthesis-weight W]
//                         [--set name=value]… [--cross-source]
//        npm run train -- --dataset FILE.jsonl|.csv [train:user options]   (a user dataset: the page's own trainer)
// With --cross-source, the same recipe and seed is then trained once per person left out (one model per source, about
// 17 trainings: npm run eval:cross-source runs them two at a time) and those figures are stored beside the
// contiguous-block ones (validation.crossSource).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FEATURE_SPEC } from '../src/core/landmarks/features';
import { parseGestureModel } from '../src/core/model/gesture-model';
import { serializeGestureModel } from '../src/core/model/serialize-model';
import { crossSourceValidate, withCrossSourceValidation } from '../src/core/train/builtin/cross-source';
import { formatTallyTable } from '../src/core/train/shared/evaluate';
import { GESTURE_LABELS } from '../src/core/model/builtin-gestures';
import { DEFAULT_TRAIN_OPTIONS, trainGestureModel, type TrainOptions } from '../src/core/train/builtin/train-gesture-model';
import { applyOptionOverrides, DEFAULT_DATA_DIR, loadSharedSourcesOrExit, REPO_ROOT } from './train-options';

const USAGE = 'usage: npm run train -- [--seed N] [--epochs N] [--out FILE] [--data DIR] [--none-synthesis-weight W] '
  + '[--set name=value]… [--cross-source]';

function usage(message: string): never {
  console.error(`train: ${message}`);
  console.error(USAGE);
  process.exit(2);
}

interface Arguments {
  readonly options: TrainOptions;
  readonly out: string;
  readonly data: string;
  readonly crossSource: boolean;
}

function parseArguments(argv: string[]): Arguments {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        seed: { type: 'string' },
        epochs: { type: 'string' },
        out: { type: 'string', default: path.join(REPO_ROOT, 'public', 'models', 'gesture_model.json') },
        data: { type: 'string', default: DEFAULT_DATA_DIR },
        'none-synthesis-weight': { type: 'string' },
        set: { type: 'string', multiple: true, default: [] },
        'cross-source': { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    usage((error as Error).message);
  }
  const overrides: string[] = [];
  const integer = (flag: string, text: string | undefined, min: number) => {
    if (text === undefined) return;
    const value = Number(text);
    if (!Number.isInteger(value) || value < min) usage(`--${flag} must be an integer >= ${min}, got ${text}`);
    overrides.push(`${flag}=${value}`);
  };
  integer('seed', parsed.seed, 0);
  integer('epochs', parsed.epochs, 1);
  const weight = parsed['none-synthesis-weight'];
  if (weight !== undefined) {
    if (!(Number(weight) >= 0)) usage(`--none-synthesis-weight must be >= 0, got ${weight}`);
    overrides.push(`noneSynthesisWeight=${Number(weight)}`);
  }
  let options: TrainOptions;
  try {
    options = applyOptionOverrides(DEFAULT_TRAIN_OPTIONS, [...overrides, ...(parsed.set ?? [])]);
  } catch (error) {
    usage((error as Error).message);
  }
  return { options, out: path.resolve(parsed.out!), data: path.resolve(parsed.data!), crossSource: parsed['cross-source'] ?? false };
}

function main(): void {
  const args = parseArguments(process.argv.slice(2));
  const { options } = args;
  const started = performance.now();
  const sources = loadSharedSourcesOrExit(args.data, 'train');
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
  console.log(`\ntrained in ${seconds.toFixed(1)} s`);

  let model = result.model;
  if (args.crossSource) {
    const crossStarted = performance.now();
    const cross = crossSourceValidate(sources, options);
    console.log(`\nleave one person out (same recipe and seed, one model per person, ${((performance.now() - crossStarted) / 1000).toFixed(1)} s):`);
    console.log(formatTallyTable(cross.perRecording, 'person\'s class'));
    console.log(`mean over person-classes ${(100 * cross.meanAccuracy).toFixed(1)}%`);
    model = parseGestureModel(withCrossSourceValidation(model, cross));
  }

  const text = serializeGestureModel(model);
  mkdirSync(path.dirname(args.out), { recursive: true });
  writeFileSync(args.out, text);
  console.log(`\nwrote ${path.relative(process.cwd(), args.out) || args.out} (${(text.length / 1024).toFixed(1)} KiB)`);
}

// One command for both trainers: a user dataset goes to the page's trainer (tools/train-user.ts reads the same argv).
if (process.argv.slice(2).some((arg) => arg === '--dataset' || arg.startsWith('--dataset='))) await import('./train-user');
else main();
