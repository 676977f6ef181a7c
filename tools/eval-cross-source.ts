// `npm run eval:cross-source`: scores a training recipe on people it never saw (cross-source folds) and on held-out blocks.
// Usage: npm run eval:cross-source -- [--seeds 1,2,3] [--jobs 2] [--no-block] [--set name=value]… [--data DIR]
// Each (seed, fold) and (seed, block) training runs in its own process, `--jobs` at a time; the table sums the seeds.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ClassTally } from '../src/core/model/gesture-model';
import {
  CROSS_SOURCE_FOLDS, mergeRecordingTallies, splitFold, summarizeCrossSource, tallyRecordings, type RecordingTally,
} from '../src/core/train/builtin/cross-source';
import { FloatMlpClassifier } from '../src/core/mlp/float-mlp';
import { DEFAULT_TRAIN_OPTIONS, trainGestureModel, type TrainOptions } from '../src/core/train/builtin/train-gesture-model';
import { runTasksInChildren } from './child-tasks';
import { applyOptionOverrides, DEFAULT_DATA_DIR, loadSharedSourcesOrExit } from './train-options';

/** One training: the contiguous-block model of a seed, or fold `fold` of CROSS_SOURCE_FOLDS. */
type Task = { seed: number; kind: 'block' } | { seed: number; kind: 'fold'; fold: number };

type TaskResult =
  | {
    kind: 'block'; seed: number; accuracy: number; balancedAccuracy: number;
    perClass: Record<string, ClassTally>; perSubset: Record<string, ClassTally>;
  }
  | { kind: 'fold'; seed: number; perRecording: Record<string, RecordingTally> };

function runTask(task: Task, options: TrainOptions, dataDir: string): TaskResult {
  const sources = loadSharedSourcesOrExit(dataDir, 'eval-cross-source');
  const seeded = { ...options, seed: task.seed };
  if (task.kind === 'block') {
    const { evaluation } = trainGestureModel(sources, seeded);
    const { accuracy, balancedAccuracy, perClass, perSubset } = evaluation;
    return { kind: 'block', seed: task.seed, accuracy, balancedAccuracy, perClass, perSubset };
  }
  const fold = CROSS_SOURCE_FOLDS[task.fold];
  const { training, test } = splitFold(sources, fold);
  const { model } = trainGestureModel(training, seeded);
  return { kind: 'fold', seed: task.seed, perRecording: tallyRecordings(new FloatMlpClassifier(model), test, fold.name) };
}

const percent = (tally: ClassTally) => (tally.total === 0 ? '     -' : `${((100 * tally.correct) / tally.total).toFixed(1).padStart(5)}%`);

/** Wrong predictions, most frequent first, e.g. "thumb_up 40, none 3". */
function formatMistakes(mistakes: Record<string, number>): string {
  return Object.entries(mistakes).sort((a, b) => b[1] - a[1]).map(([label, n]) => `${label} ${n}`).join(', ');
}

function sumTallies(tallies: readonly Record<string, ClassTally>[]): Record<string, ClassTally> {
  const sum: Record<string, { correct: number; total: number }> = {};
  for (const tally of tallies) {
    for (const [name, { correct, total }] of Object.entries(tally)) {
      const entry = sum[name] ??= { correct: 0, total: 0 };
      entry.correct += correct;
      entry.total += total;
    }
  }
  return sum;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seeds: { type: 'string', default: '1,2,3' },
      jobs: { type: 'string', default: '2' },
      'no-block': { type: 'boolean', default: false },
      set: { type: 'string', multiple: true, default: [] },
      data: { type: 'string', default: DEFAULT_DATA_DIR },
      task: { type: 'string' },
    },
  });
  const overrides = values.set ?? [];
  const options = applyOptionOverrides(DEFAULT_TRAIN_OPTIONS, overrides);
  const dataDir = values.data ?? DEFAULT_DATA_DIR;
  if (values.task) {
    console.log(JSON.stringify(runTask(JSON.parse(values.task) as Task, options, dataDir)));
    return;
  }
  const seeds = (values.seeds ?? '').split(',').map(Number);
  if (seeds.some((seed) => !Number.isInteger(seed) || seed < 0)) throw new Error(`--seeds must be non-negative integers, got ${values.seeds}`);
  const jobs = Math.max(1, Number(values.jobs) || 1);
  const tasks: Task[] = seeds.flatMap((seed) => [
    ...CROSS_SOURCE_FOLDS.map((_, fold): Task => ({ seed, kind: 'fold', fold })),
    ...(values['no-block'] ? [] : [{ seed, kind: 'block' } as Task]),
  ]);
  const passThrough = [...overrides.flatMap((o) => ['--set', o]), '--data', dataDir];
  const started = performance.now();
  const results = await runTasksInChildren<Task, TaskResult>(fileURLToPath(import.meta.url), tasks, jobs, passThrough);
  const seconds = (performance.now() - started) / 1000;

  const folds = results.flatMap((r) => (r.kind === 'fold' ? [r.perRecording] : []));
  const cross = summarizeCrossSource(mergeRecordingTallies(folds));
  console.log(`cross-source (seeds ${seeds.join(', ')} summed; ${overrides.length ? overrides.join(' ') : 'default options'}):`);
  const width = Math.max(...Object.keys(cross.perRecording).map((name) => name.length));
  for (const [name, tally] of Object.entries(cross.perRecording)) {
    console.log(`  ${name.padEnd(width)}  ${`${tally.correct}/${tally.total}`.padStart(10)}  ${percent(tally)}  ${formatMistakes(tally.mistakes)}`);
  }
  for (const [name, tally] of Object.entries(cross.perClass)) console.log(`  ${name.padEnd(width)}  ${`${tally.correct}/${tally.total}`.padStart(10)}  ${percent(tally)}`);
  console.log(`  mean over recordings ${(100 * cross.meanAccuracy).toFixed(1)}%`);

  const blocks = results.flatMap((r) => (r.kind === 'block' ? [r] : []));
  const block = blocks.length === 0 ? null : {
    accuracy: blocks.reduce((s, r) => s + r.accuracy, 0) / blocks.length,
    balancedAccuracy: blocks.reduce((s, r) => s + r.balancedAccuracy, 0) / blocks.length,
    perClass: sumTallies(blocks.map((r) => r.perClass)),
    perSubset: sumTallies(blocks.map((r) => r.perSubset)),
  };
  if (block) {
    console.log(`contiguous blocks (seeds summed): overall ${(100 * block.accuracy).toFixed(1)}%  balanced ${(100 * block.balancedAccuracy).toFixed(1)}%`);
    console.log(`  ${Object.entries(block.perClass).map(([name, tally]) => `${name} ${percent(tally).trim()}`).join('  ')}`);
    const subsetWidth = Math.max(...Object.keys(block.perSubset).map((name) => name.length));
    for (const [name, tally] of Object.entries(block.perSubset)) {
      console.log(`  ${name.padEnd(subsetWidth)}  ${`${tally.correct}/${tally.total}`.padStart(10)}  ${percent(tally)}`);
    }
  }
  console.log(`${tasks.length} trainings in ${seconds.toFixed(0)} s (${jobs} at a time)`);
  const round = (value: number) => Number(value.toFixed(4));
  console.log(JSON.stringify({
    overrides,
    seeds,
    crossSource: {
      meanAccuracy: round(cross.meanAccuracy),
      perRecording: Object.fromEntries(Object.entries(cross.perRecording).map(([name, t]) => [name, round(t.correct / t.total)])),
      perClass: Object.fromEntries(Object.entries(cross.perClass).map(([name, t]) => [name, round(t.correct / t.total)])),
    },
    block: block && {
      accuracy: round(block.accuracy),
      balancedAccuracy: round(block.balancedAccuracy),
      perClass: Object.fromEntries(Object.entries(block.perClass).map(([name, t]) => [name, round(t.correct / t.total)])),
      perSubset: Object.fromEntries(Object.entries(block.perSubset).map(([name, t]) => [name, round(t.correct / t.total)])),
    },
  }));
}

main().catch((error: unknown) => {
  console.error(`eval-cross-source: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
