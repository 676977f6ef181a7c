// How accuracy grows with samples per class: the page's user trainer on victorexpounder's real rows, scored on a fixed held-out tail.
// Usage: npm run learning-curve -- [--quick] [--seeds K] [--data DIR]
//   --quick  N in {10, 40, 160} and 2 seeds instead of N in {10, 20, 40, 80, 160} and 3 seeds
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseLabelNames, resolveLabelName } from '../src/core/dataset/label-names';
import { parseLandmarkRows, usableRows, type LandmarkRow } from '../src/core/dataset/landmark-rows';
import type { GestureSample } from '../src/core/dataset/types';
import { extractFeatures } from '../src/core/landmarks/features';
import { FloatMlpClassifier } from '../src/core/mlp/float-mlp';
import { Int8MlpClassifier } from '../src/core/quant/int8-classifier';
import { SeededRandom } from '../src/util/seeded-random';
import { NONE_LABEL } from '../src/core/labels';
import { applyRejection } from '../src/core/model/rejection';
import { SHARED_DATA_SOURCES } from '../src/core/train/builtin/sources';
import { DEFAULT_USER_TRAIN_OPTIONS, trainUserGestureModel } from '../src/core/train/user/user-model';
import type { GestureClassifier } from '../src/core/classifier';

const TOOL = 'learning-curve';
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_DATA_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'data');

/** victorexpounder's names → the user's gesture names (4 user-like gestures). */
const TRAINED = { handOpen: 'open_hand', handClose: 'fist', peace: 'peace', rock: 'rock' } as const;
/** Never trained: must come out as none. */
const UNKNOWN = 'middle_finger';
/** A user records at about 10 samples/s, so a take of 20 rows is a 2 s press of Record. */
const TAKE_ROWS = 20;
/** The last quarter of each class's rows is the fixed test set, never trained on at any N. */
const HELD_OUT_FRACTION = 0.25;
/** Rows dropped between the training pool and the held-out tail: consecutive frames are near-duplicates. */
const GAP_ROWS = TAKE_ROWS;

interface Arguments { quick: boolean; seeds: number; dataDir: string }

function parseArguments(argv: readonly string[]): Arguments {
  const args: Arguments = { quick: false, seeds: 3, dataDir: DEFAULT_DATA_DIR };
  let seedsGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--quick') args.quick = true;
    else if (flag === '--data') args.dataDir = path.resolve(argv[++i] ?? fail('--data needs a folder'));
    else if (flag === '--seeds') {
      args.seeds = Number(argv[++i]);
      seedsGiven = true;
      if (!Number.isInteger(args.seeds) || args.seeds < 1) fail('--seeds must be an integer ≥ 1');
    } else fail(`unknown argument ${flag}`);
  }
  if (args.quick && !seedsGiven) args.seeds = 2;
  return args;
}

function fail(message: string): never {
  console.error(`${TOOL}: ${message}`);
  console.error('usage: npm run learning-curve -- [--quick] [--seeds K] [--data DIR]');
  process.exit(2);
}

/** victorexpounder's usable rows by source label name, in file order (each label is one contiguous block there). */
function loadVictorRows(dataDir: string): { rowsByLabel: Map<string, LandmarkRow[]>; aspect: number } {
  const spec = SHARED_DATA_SOURCES.find((s) => s.id === 'victorexpounder')!;
  let csv: string;
  let labelText: string;
  try {
    csv = readFileSync(path.join(dataDir, spec.path), 'utf8');
    labelText = readFileSync(path.join(dataDir, spec.labelsPath!), 'utf8');
  } catch {
    console.error(`${TOOL}: victorexpounder's rows were not found under ${dataDir} (expected ${spec.path}); pass --data DIR`);
    process.exit(1);
  }
  const names = parseLabelNames(labelText);
  const rowsByLabel = new Map<string, LandmarkRow[]>();
  for (const row of usableRows(parseLandmarkRows(csv, 'xyz63', { aspect: spec.aspect }))) {
    const name = resolveLabelName(row.label ?? '', names);
    rowsByLabel.set(name, [...(rowsByLabel.get(name) ?? []), row]);
  }
  return { rowsByLabel, aspect: spec.aspect };
}

interface ClassData {
  readonly label: string;
  /** Whole takes of TAKE_ROWS rows from the first part of the class's rows. */
  readonly takes: readonly (readonly LandmarkRow[])[];
  readonly heldOut: readonly LandmarkRow[];
}

function splitClass(label: string, rows: readonly LandmarkRow[]): ClassData {
  const heldOutStart = rows.length - Math.ceil(rows.length * HELD_OUT_FRACTION);
  const pool = rows.slice(0, Math.max(0, heldOutStart - GAP_ROWS));
  const takes = Array.from({ length: Math.floor(pool.length / TAKE_ROWS) }, (_, t) => pool.slice(t * TAKE_ROWS, (t + 1) * TAKE_ROWS));
  return { label, takes, heldOut: rows.slice(heldOutStart) };
}

/** N samples per class as whole takes chosen at random (seeded); N below a take is the start of one take (a shorter press). */
function drawTrainingSamples(classes: readonly ClassData[], perClass: number, seed: number, aspect: number): GestureSample[] {
  const random = new SeededRandom(seed);
  const samples: GestureSample[] = [];
  for (const { label, takes } of classes) {
    const order = takes.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = random.int(i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    const chosen = order.slice(0, Math.ceil(perClass / TAKE_ROWS));
    let left = perClass;
    for (const takeIndex of chosen) {
      for (const row of takes[takeIndex].slice(0, Math.min(TAKE_ROWS, left))) {
        samples.push({
          id: `${label}-${samples.length}`,
          label,
          landmarks: row.landmarks.map(({ x, y, z }) => [x, y, z] as const),
          aspect,
          handedness: 'Right',
          take: `${label}-take${takeIndex}`,
          capturedAt: 1_700_000_000_000 + row.line * 100,
        });
        left--;
      }
    }
  }
  return samples;
}

/** Mean over classes of the fraction of held-out rows whose argmax is the class (predicting none counts as wrong). */
function balancedAccuracy(classifier: GestureClassifier, classes: readonly ClassData[], features: Map<LandmarkRow, Float32Array>): number {
  let sum = 0;
  for (const { label, heldOut } of classes) {
    sum += heldOut.filter((row) => classifier.classify(features.get(row)!).label === label).length / heldOut.length;
  }
  return sum / classes.length;
}

interface RunResult {
  readonly seed: number;
  readonly trainSeconds: number;
  readonly epochs: number;
  readonly floatAccuracy: number;
  readonly int8Accuracy: number;
  /** Unknown-pose rows that come out as none (INT8 + rejection threshold, as the page shows them). */
  readonly unknownRejected: number;
  /** Held-out known rows that come out as none: the price of the rejection. */
  readonly knownRejected: number;
  /** Of those, the ones the network itself calls none (argmax), before any threshold. */
  readonly knownArgmaxNone: number;
}

function runOnce(classes: readonly ClassData[], unknown: readonly LandmarkRow[], features: Map<LandmarkRow, Float32Array>,
  perClass: number, seed: number, aspect: number): RunResult {
  const samples = drawTrainingSamples(classes, perClass, seed, aspect);
  const started = performance.now();
  const { model, report } = trainUserGestureModel(samples, { ...DEFAULT_USER_TRAIN_OPTIONS, seed });
  const trainSeconds = (performance.now() - started) / 1000;
  const int8 = Int8MlpClassifier.fromModel(model);
  const threshold = model.rejection?.threshold ?? 0;
  const asNone = (rows: readonly LandmarkRow[]) =>
    rows.filter((row) => applyRejection(int8.classify(features.get(row)!), threshold).label === NONE_LABEL).length / rows.length;
  const known = classes.flatMap((c) => c.heldOut);
  return {
    seed, trainSeconds, epochs: report.epochsRun,
    floatAccuracy: balancedAccuracy(new FloatMlpClassifier(model), classes, features),
    int8Accuracy: balancedAccuracy(int8, classes, features),
    unknownRejected: asNone(unknown), knownRejected: asNone(known),
    knownArgmaxNone: known.filter((row) => int8.classify(features.get(row)!).label === NONE_LABEL).length / known.length,
  };
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const pct = (value: number) => `${(100 * value).toFixed(1)}%`;
/** Mean and the range over seeds, e.g. "97.1% (95.0–98.7)". */
function spread(values: readonly number[]): string {
  const range = values.length > 1 ? ` (${(100 * Math.min(...values)).toFixed(1)}–${(100 * Math.max(...values)).toFixed(1)})` : '';
  return `${pct(mean(values))}${range}`;
}

function main(): void {
  const args = parseArguments(process.argv.slice(2));
  const perClassCounts = args.quick ? [10, 40, 160] : [10, 20, 40, 80, 160];
  const seeds = Array.from({ length: args.seeds }, (_, i) => i + 1);
  const { rowsByLabel, aspect } = loadVictorRows(args.dataDir);
  const classes = Object.entries(TRAINED).map(([source, label]) => {
    const rows = rowsByLabel.get(source);
    if (rows === undefined) fail(`victorexpounder has no "${source}" rows`);
    return splitClass(label, rows);
  });
  const unknown = rowsByLabel.get(UNKNOWN) ?? fail(`victorexpounder has no "${UNKNOWN}" rows`);
  const maxN = Math.max(...perClassCounts);
  for (const c of classes) {
    if (c.takes.length * TAKE_ROWS < maxN) fail(`${c.label} has only ${c.takes.length} takes of ${TAKE_ROWS} rows before its held-out tail, N=${maxN} needs more`);
  }
  const features = new Map<LandmarkRow, Float32Array>();
  for (const row of [...classes.flatMap((c) => c.heldOut), ...unknown]) features.set(row, extractFeatures(row.landmarks, row.aspect));

  console.log(`${TOOL}: trainUserGestureModel (page defaults: hidden [${DEFAULT_USER_TRAIN_OPTIONS.hiddenSizes.join(', ')}], `
    + `≤ ${DEFAULT_USER_TRAIN_OPTIONS.maxEpochs} epochs, patience ${DEFAULT_USER_TRAIN_OPTIONS.patience}, built-in none) on victorexpounder`);
  console.log(`gestures: ${classes.map((c) => `${c.label} (${c.takes.length} takes of ${TAKE_ROWS} in the pool, ${c.heldOut.length} held out)`).join(', ')}`);
  console.log(`unknown pose: ${UNKNOWN}, ${unknown.length} rows, never trained; seeds ${seeds.join(', ')}\n`);

  const rows: { perClass: number; runs: RunResult[] }[] = [];
  for (const perClass of perClassCounts) {
    const runs = seeds.map((seed) => {
      const run = runOnce(classes, unknown, features, perClass, seed, aspect);
      console.error(`  N=${perClass} seed ${seed}: ${run.trainSeconds.toFixed(1)} s, ${run.epochs} epochs, `
        + `float ${pct(run.floatAccuracy)}, int8 ${pct(run.int8Accuracy)}, unknown→none ${pct(run.unknownRejected)}`);
      return run;
    });
    rows.push({ perClass, runs });
  }

  const header = ['N/class', 'recording', 'train s', 'float acc', 'INT8 acc', 'unknown → none', 'known → none'];
  const lines = rows.map(({ perClass, runs }) => [
    String(perClass), `${(perClass / 10).toFixed(0)} s`, mean(runs.map((r) => r.trainSeconds)).toFixed(1),
    spread(runs.map((r) => r.floatAccuracy)), spread(runs.map((r) => r.int8Accuracy)),
    spread(runs.map((r) => r.unknownRejected)), spread(runs.map((r) => r.knownRejected)),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  console.log(`\n| ${header.map((h, i) => h.padEnd(widths[i])).join(' | ')} |`);
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const line of lines) console.log(`| ${line.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`);
  console.log('\naccuracy: balanced (mean over the 4 gestures) on the fixed held-out last 25% of each gesture\'s rows, argmax (none counts as wrong);'
    + ' mean (min–max) over seeds. unknown/known → none: INT8 with the rejection threshold, as the page shows labels.\n');
  const round = (v: number) => Number(v.toFixed(4));
  console.log(JSON.stringify({
    tool: TOOL, source: 'victorexpounder', gestures: classes.map((c) => c.label), unknown: UNKNOWN, takeRows: TAKE_ROWS,
    heldOut: Object.fromEntries(classes.map((c) => [c.label, c.heldOut.length])), seeds,
    rows: rows.map(({ perClass, runs }) => ({
      perClass,
      trainSeconds: round(mean(runs.map((r) => r.trainSeconds))),
      floatAccuracy: round(mean(runs.map((r) => r.floatAccuracy))),
      int8Accuracy: round(mean(runs.map((r) => r.int8Accuracy))),
      unknownRejected: round(mean(runs.map((r) => r.unknownRejected))),
      knownRejected: round(mean(runs.map((r) => r.knownRejected))),
      knownArgmaxNone: round(mean(runs.map((r) => r.knownArgmaxNone))),
      runs: runs.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === 'seed' || k === 'epochs' ? v : round(v)]))),
    })),
  }));
}

main();
