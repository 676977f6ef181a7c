// `npm run eval:open-set`: leave each static class out of training in turn; its hands should come out none, the others keep theirs.
// Usage: npm run eval:open-set -- [--seeds 1,2,3] [--classes open_palm,fist…] [--none-biases 0,-0.5…] [--keep-none-patterns] [--jobs 2] [--set name=value]… [--data DIR]
// One training per (seed, class) in its own process, `--jobs` at a time; the table sums the seeds. `--set epochs=20`
// and a few `--classes` make a quick look while exploring; the figures in docs/open-set.md are the full run. `--none-biases`
// scores each trained model once per none bias (TrainOptions.noneBias), a table each: a calibration sweep for one training
// (a list that starts with a minus needs `=`: `--none-biases=-0.5`).
// `--keep-none-patterns`: none's synthesis keeps the recipe's pattern list, C's own pattern left a gap (docs/open-set.md).
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { GestureLabel } from '../src/core/model/builtin-gestures';
import { OPEN_SET_CLASSES, runOpenSetFold, summarizeOpenSet, type OpenSetScore } from '../src/core/train/builtin/open-set';
import { DEFAULT_TRAIN_OPTIONS } from '../src/core/train/builtin/train-gesture-model';
import { runTasksInChildren } from './child-tasks';
import { applyOptionOverrides, DEFAULT_DATA_DIR, loadSharedSourcesOrExit } from './train-options';

const TOOL = 'eval-open-set';

interface Task {
  readonly seed: number;
  readonly leftOut: GestureLabel;
  readonly noneBiases: readonly number[];
  readonly freePatterns: boolean;
}

function fail(message: string): never {
  console.error(`${TOOL}: ${message}`);
  console.error('usage: npm run eval:open-set -- [--seeds 1,2,3] [--classes a,b…] [--none-biases 0,-0.5…] [--keep-none-patterns] [--jobs 2] [--set name=value]… [--data DIR]');
  process.exit(2);
}

const percent = (fraction: number) => `${(100 * fraction).toFixed(1)}%`;

async function main(): Promise<void> {
  let values;
  try {
    values = parseArgs({
      options: {
        seeds: { type: 'string', default: '1,2,3' },
        classes: { type: 'string', default: OPEN_SET_CLASSES.join(',') },
        jobs: { type: 'string', default: '2' },
        'none-biases': { type: 'string' },
        'keep-none-patterns': { type: 'boolean', default: false },
        set: { type: 'string', multiple: true, default: [] },
        data: { type: 'string', default: DEFAULT_DATA_DIR },
        task: { type: 'string' },
      },
    }).values;
  } catch (error) {
    fail((error as Error).message);
  }
  const overrides = values.set ?? [];
  let options;
  try {
    options = applyOptionOverrides(DEFAULT_TRAIN_OPTIONS, overrides);
  } catch (error) {
    fail((error as Error).message);
  }
  const dataDir = values.data ?? DEFAULT_DATA_DIR;
  if (values.task) {
    const task = JSON.parse(values.task) as Task;
    const sources = loadSharedSourcesOrExit(dataDir, TOOL);
    console.log(JSON.stringify(runOpenSetFold(sources, task.leftOut, { ...options, seed: task.seed }, task)));
    return;
  }
  const seeds = (values.seeds ?? '').split(',').map(Number);
  if (seeds.length === 0 || seeds.some((seed) => !Number.isInteger(seed) || seed < 0)) fail(`--seeds must be non-negative integers, got ${values.seeds}`);
  const classes = (values.classes ?? '').split(',').map((name) => {
    const label = OPEN_SET_CLASSES.find((known) => known === name);
    return label ?? fail(`--classes: "${name}" is not one of ${OPEN_SET_CLASSES.join(', ')}`);
  });
  const jobs = Math.max(1, Number(values.jobs) || 1);
  const noneBiases = values['none-biases'] === undefined ? [options.noneBias] : values['none-biases'].split(',').map(Number);
  if (noneBiases.length === 0 || noneBiases.some((bias) => !Number.isFinite(bias))) fail(`--none-biases must be numbers, got ${values['none-biases']}`);
  const tasks: Task[] = seeds.flatMap((seed) => classes.map((leftOut) => ({ seed, leftOut, noneBiases, freePatterns: !values['keep-none-patterns'] })));
  const passThrough = [...overrides.flatMap((o) => ['--set', o]), '--data', dataDir];
  const started = performance.now();
  const scores = (await runTasksInChildren<Task, OpenSetScore[]>(fileURLToPath(import.meta.url), tasks, jobs, passThrough)).flat();
  const seconds = (performance.now() - started) / 1000;

  const round = (value: number) => Number(value.toFixed(4));
  const results = noneBiases.map((noneBias) => {
    const summary = summarizeOpenSet(scores.filter((score) => score.noneBias === noneBias));
    const settings = [...overrides, ...(noneBiases.length > 1 || noneBias !== 0 ? [`noneBias=${noneBias}`] : []),
      ...(values['keep-none-patterns'] ? ['--keep-none-patterns: C\'s pattern left a gap'] : [])];
    console.log(`open set, INT8 as shipped (seeds ${seeds.join(', ')} summed; ${settings.length ? settings.join(' ') : 'default options'}):\n`);
    console.log('| left out (C) | C\'s rows | C → none | C called instead | known → none | known kept |');
    console.log('|---|---|---|---|---|---|');
    for (const row of summary.perClass) {
      const instead = Object.entries(row.calledAs).sort((a, b) => b[1] - a[1]).slice(0, 3)
        .map(([label, count]) => `${label} ${percent(count / (row.unknownRows * row.runs))}`).join(', ');
      console.log(`| ${row.leftOut} | ${row.unknownRows} | ${percent(row.unknownToNone)} | ${instead} | ${percent(row.knownToNone)} | ${percent(row.knownAccuracy)} |`);
    }
    console.log(`| **mean** | | **${percent(summary.meanUnknownToNone)}** (lowest ${percent(summary.worstUnknownToNone)}) | | `
      + `**${percent(summary.meanKnownToNone)}** | ${percent(summary.meanKnownAccuracy)} |\n`);
    return {
      noneBias,
      meanUnknownToNone: round(summary.meanUnknownToNone),
      worstUnknownToNone: round(summary.worstUnknownToNone),
      meanKnownToNone: round(summary.meanKnownToNone),
      meanKnownAccuracy: round(summary.meanKnownAccuracy),
      perClass: Object.fromEntries(summary.perClass.map((row) => [row.leftOut, {
        unknownToNone: round(row.unknownToNone), knownToNone: round(row.knownToNone), knownAccuracy: round(row.knownAccuracy),
      }])),
    };
  });
  console.log(`${tasks.length} trainings in ${seconds.toFixed(0)} s (${jobs} at a time)`);
  console.log(JSON.stringify(results.length === 1 ? { overrides, seeds, ...results[0] } : { overrides, seeds, sweep: results }));
}

main().catch((error: unknown) => {
  console.error(`${TOOL}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
