// Trains a model on an exported user dataset with the page's own trainer (trainUserGestureModel) and prints its report.
// Usage: npm run train:user -- --dataset FILE.jsonl|.csv [--format jsonl|xyz63|xy42] [--aspect A] [--take-rows N]
//        [--seed N] [--max-epochs N] [--patience N] [--qat] [--no-builtin-none] [--out FILE]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DATASET_FILE_FORMATS, importSamples, type DatasetFileFormat } from '../src/core/dataset/file-formats';
import type { GestureSample } from '../src/core/dataset/types';
import { serializeGestureModel } from '../src/core/model/serialize-model';
import { groupByLabelAndTake } from '../src/core/train/user/take-split';
import { DEFAULT_USER_TRAIN_OPTIONS, trainUserGestureModel, type UserTrainOptions } from '../src/core/train/user/user-model';
import { formatUserReport } from '../src/core/train/user/user-report';

const TOOL = 'train:user';
const USAGE = 'usage: npm run train:user -- --dataset FILE.jsonl|.csv [--format jsonl|xyz63|xy42] [--aspect A] [--take-rows N] '
  + '[--seed N] [--max-epochs N] [--patience N] [--qat] [--no-builtin-none] [--out FILE]';

interface Arguments {
  dataset: string;
  format: DatasetFileFormat | null;
  aspect: number | undefined;
  takeRows: number | null;
  out: string | null;
  options: UserTrainOptions;
}

function usage(message: string): never {
  console.error(`${TOOL}: ${message}`);
  console.error(USAGE);
  process.exit(2);
}

function parseArguments(argv: readonly string[]): Arguments {
  let dataset: string | null = null;
  const args: Omit<Arguments, 'dataset'> = { format: null, aspect: undefined, takeRows: null, out: null, options: { ...DEFAULT_USER_TRAIN_OPTIONS } };
  const integer = (flag: string, value: string | undefined, min: number) => {
    const number = Number(value);
    if (value === undefined || !Number.isInteger(number) || number < min) usage(`${flag} must be an integer ≥ ${min}, got ${value ?? 'nothing'}`);
    return number;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--qat') args.options = { ...args.options, qat: true };
    else if (flag === '--no-builtin-none') args.options = { ...args.options, includeBuiltinNone: false };
    else if (flag === '--dataset') dataset = argv[++i] ?? usage('--dataset needs a file');
    else if (flag === '--out') args.out = argv[++i] ?? usage('--out needs a file');
    else if (flag === '--format') {
      const value = argv[++i];
      if (!(DATASET_FILE_FORMATS as readonly string[]).includes(value)) usage(`--format must be one of ${DATASET_FILE_FORMATS.join(', ')}`);
      args.format = value as DatasetFileFormat;
    } else if (flag === '--aspect') {
      args.aspect = Number(argv[++i]);
      if (!(args.aspect > 0)) usage('--aspect must be a positive number (width / height)');
    } else if (flag === '--take-rows') args.takeRows = integer(flag, argv[++i], 2);
    else if (flag === '--seed') args.options = { ...args.options, seed: integer(flag, argv[++i], 0) };
    else if (flag === '--max-epochs') args.options = { ...args.options, maxEpochs: integer(flag, argv[++i], 1) };
    else if (flag === '--patience') args.options = { ...args.options, patience: integer(flag, argv[++i], 0) };
    else usage(`unknown argument ${flag}`);
  }
  if (dataset === null) usage('--dataset is required');
  return { dataset, ...args };
}

/** The format from the flag, else from the extension (.jsonl; .csv needs --format: xyz63 or xy42 cannot be told apart by name). */
function formatOf(args: Arguments): DatasetFileFormat {
  if (args.format !== null) return args.format;
  if (args.dataset.endsWith('.jsonl')) return 'jsonl';
  return usage(`cannot tell the format of ${args.dataset}: pass --format xyz63 or --format xy42`);
}

/**
 * Splits every take into takes of `rows` consecutive samples. A CSV file has no take column, so each
 * label's run becomes one take on import; cutting it into blocks lets the split hold out whole blocks.
 */
function cutTakes(samples: readonly GestureSample[], rows: number): GestureSample[] {
  const cut: GestureSample[] = [];
  for (const takes of groupByLabelAndTake(samples).values()) {
    for (const [take, run] of takes) run.forEach((sample, i) => cut.push({ ...sample, take: `${take}/${Math.floor(i / rows)}` }));
  }
  return cut;
}

function main(): void {
  const args = parseArguments(process.argv.slice(2));
  const format = formatOf(args);
  let text: string;
  try {
    text = readFileSync(args.dataset, 'utf8');
  } catch (error) {
    console.error(`${TOOL}: cannot read ${args.dataset}: ${(error as Error).message}`);
    process.exit(1);
  }
  // Fixed ids, times and take names: the same file and seed give the same model, byte for byte.
  let next = 0;
  const imported = importSamples(text, format, { aspect: args.aspect, now: 0, newId: () => `s${next++}`, takePrefix: 'import' });
  for (const error of imported.errors.slice(0, 10)) console.warn(`${args.dataset} line ${error.line}: ${error.reason}`);
  if (imported.errors.length > 10) console.warn(`… and ${imported.errors.length - 10} more lines left out`);
  if (imported.samples.length === 0) {
    console.error(`${TOOL}: no usable samples in ${args.dataset}`);
    process.exit(1);
  }
  const samples = args.takeRows === null ? imported.samples : cutTakes(imported.samples, args.takeRows);
  console.log(`${samples.length} samples from ${args.dataset} (${format}); seed ${args.options.seed}`);

  const started = performance.now();
  // One line per epoch when not a terminal (logs), an updating line when it is.
  const lineStart = process.stdout.isTTY ? '\r' : '\n';
  const { model, report } = trainUserGestureModel(samples, args.options, (p) => {
    if (p.phase === 'train') {
      process.stdout.write(`${lineStart}epoch ${String(p.epoch).padStart(3)}/${p.epochs}  loss ${p.loss.toFixed(4)}  `
        + `validation accuracy ${(100 * p.validationAccuracy).toFixed(1)}%`);
    } else process.stdout.write(`\n${p.phase}…`);
  });
  console.log(`\ndone in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  console.log(formatUserReport(report));
  if (args.out !== null) {
    mkdirSync(path.dirname(path.resolve(args.out)), { recursive: true });
    writeFileSync(args.out, serializeGestureModel(model));
    console.log(`\nwrote ${args.out}`);
  }
}

main();
