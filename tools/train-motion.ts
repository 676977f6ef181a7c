// Trains the motion model (fingertip paths → swipes / circles) from kinivi's point history + synthetic paths, writes public/models/motion_model.json.
// Usage: npm run train:motion -- [--seed N] [--epochs N] [--out FILE] [--data DIR]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serializeGestureModel } from '../src/core/model/serialize-model';
import { formatTallyTable } from '../src/core/train/shared/evaluate';
import { KINIVI_POINT_HISTORY, KINIVI_POINT_HISTORY_LABELS, parseKiniviPointHistory } from '../src/core/train/motion/motion-data';
import { DEFAULT_MOTION_TRAIN_OPTIONS, trainMotionModel, type MotionTrainOptions } from '../src/core/train/motion/train-motion-model';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'usage: npm run train:motion -- [--seed N] [--epochs N] [--out FILE] [--data DIR]';

function usage(message: string): never {
  console.error(`train:motion: ${message}`);
  console.error(USAGE);
  process.exit(2);
}

function parseArguments(argv: readonly string[]): { options: MotionTrainOptions; out: string; data: string } {
  let options = DEFAULT_MOTION_TRAIN_OPTIONS;
  let out = path.join(repoRoot, 'public', 'models', 'motion_model.json');
  let data = path.resolve(repoRoot, '..', 'shared', 'data');
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) usage(`${flag} needs a value`);
    const number = Number(value);
    switch (flag) {
      case '--seed':
        if (!Number.isInteger(number) || number < 0) usage(`--seed must be a non-negative integer, got ${value}`);
        options = { ...options, seed: number };
        break;
      case '--epochs':
        if (!Number.isInteger(number) || number < 1) usage(`--epochs must be a positive integer, got ${value}`);
        options = { ...options, epochs: number };
        break;
      case '--out': out = path.resolve(value); break;
      case '--data': data = path.resolve(value); break;
      default: usage(`unknown option ${flag}`);
    }
  }
  return { options, out, data };
}

const percent = (fraction: number) => `${(100 * fraction).toFixed(1)}%`;

function main(): void {
  const { options, out, data } = parseArguments(process.argv.slice(2));
  const files = [KINIVI_POINT_HISTORY, KINIVI_POINT_HISTORY_LABELS].map((relative) => path.join(data, relative));
  const missing = files.filter((file) => !existsSync(file));
  if (missing.length > 0) {
    console.error(`train:motion: kinivi's point history was not found under ${data} (pass --data DIR). Missing:`);
    for (const file of missing) console.error(`  ${file}`);
    process.exit(1);
  }
  const started = performance.now();
  const kinivi = parseKiniviPointHistory(readFileSync(files[0], 'utf8'), readFileSync(files[1], 'utf8'));
  for (const problem of kinivi.problems) console.warn(`skipped ${problem}`);
  console.log(`kinivi rows: ${[...kinivi.runs].map(([name, run]) => `${name} ${run.length}`).join(', ')}; `
    + `${kinivi.undirectedMoves} Move rows neither axis-aligned nor diagonal left out`);
  const result = trainMotionModel(kinivi, options, (epoch, loss) => {
    if (epoch % 5 === 0 || epoch === options.epochs) console.log(`epoch ${String(epoch).padStart(3)}  train loss ${loss.toFixed(4)}`);
  });

  console.log('\nheld-out results per subset (float):');
  console.log(formatTallyTable(result.float.perSubset, 'subset'));
  console.log('\nheld-out results per subset (INT8):');
  console.log(formatTallyTable(result.int8.perSubset, 'subset'));
  const { realAccuracy } = result;
  console.log(`\nkinivi's own classes (Stop, Clockwise, Counter Clockwise), ${realAccuracy.samples} held-out real rows: `
    + `float ${percent(realAccuracy.float)}, INT8 ${percent(realAccuracy.int8)}`);
  console.log(`INT8 vs float top-1 agreement on all held-out samples: ${percent(result.model.int8!.validation.agreement)}`);
  console.log('\nconfusion, INT8 (rows actual, columns predicted):');
  const labels = result.model.labels;
  console.log(`${''.padEnd(12)}${labels.map((l) => l.slice(0, 7).padStart(8)).join('')}`);
  result.int8.confusion.forEach((row, i) => console.log(`${labels[i].padEnd(12)}${row.map((n) => String(n).padStart(8)).join('')}`));

  const text = serializeGestureModel(result.model);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, text);
  console.log(`\nwrote ${path.relative(process.cwd(), out) || out} (${(text.length / 1024).toFixed(1)} KiB) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main();
