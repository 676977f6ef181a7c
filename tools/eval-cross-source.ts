// `npm run eval:cross-source`: scores a training recipe on people it never saw (leave one person out) and on held-out blocks.
// Usage: npm run eval:cross-source -- [--seeds 1,2,3] [--people a,b…] [--jobs 2] [--no-block] [--set name=value]… [--data DIR]
// Each (seed, person) and (seed, block) training runs in its own process, `--jobs` at a time; the tables sum the seeds.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ClassTally } from '../src/core/model/gesture-model';
import {
  crossSourcePeople, mergeRecordingTallies, splitPerson, summarizeCrossSource, tallyRecordings, type RecordingTally,
} from '../src/core/train/builtin/cross-source';
import { FloatMlpClassifier } from '../src/core/mlp/float-mlp';
import { withModelRejection } from '../src/core/model/rejection';
import { LANDMARK_SOURCES } from '../src/core/train/builtin/sources';
import { SYNTHETIC_SUBSET } from '../src/core/train/builtin/dataset';
import { DEFAULT_TRAIN_OPTIONS, trainGestureModel, type TrainOptions } from '../src/core/train/builtin/train-gesture-model';
import { runTasksInChildren } from './child-tasks';
import { applyOptionOverrides, DEFAULT_DATA_DIR, loadSharedSourcesOrExit } from './train-options';

const TOOL = 'eval-cross-source';

/** One training: the contiguous-block model of a seed, or the model without one person. */
type Task = { seed: number; kind: 'block' } | { seed: number; kind: 'person'; person: string };

type TaskResult =
  | {
    kind: 'block'; seed: number; accuracy: number; balancedAccuracy: number;
    perClass: Record<string, ClassTally>; perSubset: Record<string, ClassTally>;
  }
  | { kind: 'person'; seed: number; perRecording: Record<string, RecordingTally> };

function runTask(task: Task, options: TrainOptions, dataDir: string): TaskResult {
  const sources = loadSharedSourcesOrExit(dataDir, TOOL);
  const seeded = { ...options, seed: task.seed };
  if (task.kind === 'block') {
    const { evaluation } = trainGestureModel(sources, seeded);
    const { accuracy, balancedAccuracy, perClass, perSubset } = evaluation;
    return { kind: 'block', seed: task.seed, accuracy, balancedAccuracy, perClass, perSubset };
  }
  const { training, test } = splitPerson(sources, task.person, seeded.classes);
  const { model } = trainGestureModel(training, seeded);
  return { kind: 'person', seed: task.seed, perRecording: tallyRecordings(withModelRejection(new FloatMlpClassifier(model), model), test) };
}

const percent = (fraction: number) => `${(100 * fraction).toFixed(1)}%`;
const tallyPercent = (tally: ClassTally) => (tally.total === 0 ? '-' : percent(tally.correct / tally.total));

/** Wrong predictions, most frequent first, e.g. "thumb_up 40, none 3". */
function formatMistakes(mistakes: Record<string, number>): string {
  return Object.entries(mistakes).sort((a, b) => b[1] - a[1]).map(([label, n]) => `${label} ${n}`).join(', ');
}

function sumTallies(tallies: readonly Record<string, ClassTally>[], keep: (name: string) => boolean = () => true): Record<string, ClassTally> {
  const sum: Record<string, { correct: number; total: number }> = {};
  for (const tally of tallies) {
    for (const [name, { correct, total }] of Object.entries(tally)) {
      if (!keep(name)) continue;
      const entry = sum[name] ??= { correct: 0, total: 0 };
      entry.correct += correct;
      entry.total += total;
    }
  }
  return sum;
}

const pooled = (tallies: Record<string, ClassTally>) => Object.values(tallies).reduce(
  (sum, t) => ({ correct: sum.correct + t.correct, total: sum.total + t.total }), { correct: 0, total: 0 });

/** Held-out subsets of the first three sources (and the synthetic none): the blocks figure before the people came. */
const isFirstSourcesSubset = (name: string) => name === SYNTHETIC_SUBSET || LANDMARK_SOURCES.some((spec) => name.includes(`← ${spec.id}:`));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seeds: { type: 'string', default: '1,2,3' },
      people: { type: 'string' },
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
  const everyone = crossSourcePeople(loadSharedSourcesOrExit(dataDir, TOOL));
  const people = values.people === undefined ? everyone : values.people.split(',');
  const unknown = people.filter((person) => !everyone.includes(person));
  if (unknown.length > 0) throw new Error(`--people: unknown ${unknown.join(', ')}; known: ${everyone.join(', ')}`);
  const jobs = Math.max(1, Number(values.jobs) || 1);
  const tasks: Task[] = seeds.flatMap((seed) => [
    ...people.map((person): Task => ({ seed, kind: 'person', person })),
    ...(values['no-block'] ? [] : [{ seed, kind: 'block' } as Task]),
  ]);
  const passThrough = [...overrides.flatMap((o) => ['--set', o]), '--data', dataDir];
  const started = performance.now();
  const results = await runTasksInChildren<Task, TaskResult>(fileURLToPath(import.meta.url), tasks, jobs, passThrough);
  const seconds = (performance.now() - started) / 1000;

  const cross = summarizeCrossSource(mergeRecordingTallies(results.flatMap((r) => (r.kind === 'person' ? [r.perRecording] : []))));
  console.log(`leave one person out (seeds ${seeds.join(', ')} summed; ${overrides.length ? overrides.join(' ') : 'default options'}):`);
  const width = Math.max(...Object.keys(cross.perRecording).map((name) => name.length));
  for (const [name, tally] of Object.entries(cross.perRecording).sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`  ${name.padEnd(width)}  ${`${tally.correct}/${tally.total}`.padStart(10)}  ${tallyPercent(tally).padStart(6)}  ${formatMistakes(tally.mistakes)}`);
  }
  console.log('\n| class | people | rows | mean over people | worst person |');
  console.log('|---|---|---|---|---|');
  for (const [gesture, c] of Object.entries(cross.perClass)) {
    console.log(`| ${gesture} | ${c.people} | ${c.total} | ${percent(c.meanAccuracy)} | ${c.worstPerson} ${percent(c.worstAccuracy)} |`);
  }
  const personClasses = Object.values(cross.perRecording);
  const below = personClasses.filter((t) => t.correct / t.total < 0.75).length;
  console.log(`| **all** | ${Object.keys(cross.perPerson).length} | ${pooled(cross.perRecording).total} | **${percent(cross.meanAccuracy)}** `
    + `(over ${personClasses.length} person-classes) | ${below} person-classes below 75% |`);
  console.log(`people: ${Object.entries(cross.perPerson).map(([person, tally]) => `${person} ${tallyPercent(tally)}`).join(', ')}`);

  const blocks = results.flatMap((r) => (r.kind === 'block' ? [r] : []));
  const block = blocks.length === 0 ? null : {
    accuracy: blocks.reduce((s, r) => s + r.accuracy, 0) / blocks.length,
    balancedAccuracy: blocks.reduce((s, r) => s + r.balancedAccuracy, 0) / blocks.length,
    perClass: sumTallies(blocks.map((r) => r.perClass)),
    firstSources: pooled(sumTallies(blocks.map((r) => r.perSubset), isFirstSourcesSubset)),
  };
  if (block) {
    console.log(`\ncontiguous blocks (seeds averaged): overall ${percent(block.accuracy)}  balanced ${percent(block.balancedAccuracy)}  `
      + `first three sources and synthetic none ${tallyPercent(block.firstSources)} (${block.firstSources.total / blocks.length} rows a seed)`);
    console.log(`  ${Object.entries(block.perClass).map(([name, tally]) => `${name} ${tallyPercent(tally)}`).join('  ')}`);
  }
  console.log(`${tasks.length} trainings in ${seconds.toFixed(0)} s (${jobs} at a time)`);
  const round = (value: number) => Number(value.toFixed(4));
  console.log(JSON.stringify({
    overrides,
    seeds,
    crossSource: {
      meanAccuracy: round(cross.meanAccuracy),
      personClassesBelow75: below,
      perClass: Object.fromEntries(Object.entries(cross.perClass).map(([name, c]) => [name, { mean: round(c.meanAccuracy), worst: `${c.worstPerson} ${round(c.worstAccuracy)}` }])),
    },
    block: block && {
      accuracy: round(block.accuracy),
      balancedAccuracy: round(block.balancedAccuracy),
      firstSources: round(block.firstSources.correct / block.firstSources.total),
      perClass: Object.fromEntries(Object.entries(block.perClass).map(([name, t]) => [name, round(t.correct / t.total)])),
    },
  }));
}

main().catch((error: unknown) => {
  console.error(`${TOOL}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
