// Fuzzes the model-file loader, the dataset importers, the profile importer and the overlay's message check with seeded mutated inputs; prints outcomes by reason and reproducers.
// Usage: npm run fuzz -- [--runs N] [--seed S] [--target model|dataset|profile|overlay|all] [--stall-seconds T]
//        npm run fuzz -- --target model|dataset|profile|overlay --seed S --index I [--write FILE]   (replay one input)
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatFailure, FUZZ_TARGETS, fuzzInput, runFuzzCampaign, type FuzzReport, type FuzzTarget } from '../src/core/fuzz/campaign.ts';
import { loadFuzzSeeds, profileParser } from './fuzz-subjects.ts';
import { DEFAULT_STALL_SECONDS, runFuzzWatched } from './fuzz-watchdog.ts';

const TARGETS = FUZZ_TARGETS.join('|');
const USAGE = `usage: npm run fuzz -- [--runs N] [--seed S] [--target ${TARGETS}|all] [--stall-seconds T] [--index I [--write FILE]]`;
const TOP_REASONS = 12;

function usage(message: string): never {
  console.error(`fuzz: ${message}\n${USAGE}`);
  process.exit(2);
}

function nonNegativeInteger(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) usage(`--${name} must be a non-negative integer, got ${text}`);
  return value;
}

function printReport(report: FuzzReport, seconds: number): void {
  const { target, runs, accepted, partlyAccepted, rejected, failures } = report;
  const megabytes = (report.inputChars / 1e6).toFixed(1);
  console.log(`${target}: ${runs} inputs (seed ${report.seed}) in ${seconds.toFixed(1)} s, ${megabytes} M chars, largest ${report.largestInputChars}`);
  console.log(`  accepted ${accepted}, partly accepted ${partlyAccepted}, rejected ${rejected}, failures ${failures.length}`);
  const reasons = [...report.reasons].sort((a, b) => b[1] - a[1]);
  for (const [reason, count] of reasons.slice(0, TOP_REASONS)) console.log(`  ${String(count).padStart(6)}  ${reason}`);
  if (reasons.length > TOP_REASONS) console.log(`  … and ${reasons.length - TOP_REASONS} more kinds of problem named`);
  for (const failure of failures.slice(0, 20)) console.log(`  FAIL ${formatFailure(failure)}`);
  if (failures.length > 20) console.log(`  … and ${failures.length - 20} more failures`);
}

/** Replays one input in this process: which seed, which steps, what the loader made of it. */
function replay(target: FuzzTarget, seed: number, index: number, write: string | undefined): void {
  const seeds = loadFuzzSeeds();
  const { seedFile, mutated } = fuzzInput(seeds, target, seed, index);
  console.log(`${target} seed ${seed} input ${index}: ${seedFile.name} (${seedFile.loader}), ${mutated.text.length} chars`);
  for (const step of mutated.steps) console.log(`  step: ${step}`);
  if (write !== undefined) {
    writeFileSync(write, mutated.text);
    console.log(`  written to ${write}`);
  }
  const report = runFuzzCampaign(seeds, { target, seed, runs: 1, start: index, parseProfile: profileParser });
  const outcome = report.failures[0] ? `FAIL ${formatFailure(report.failures[0])}`
    : report.accepted ? 'accepted' : `${report.partlyAccepted ? 'partly accepted' : 'rejected'}: ${[...report.reasons.keys()].join(' | ')}`;
  console.log(`  ${outcome}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string' }, seed: { type: 'string' }, target: { type: 'string' }, index: { type: 'string' },
      write: { type: 'string' }, 'stall-seconds': { type: 'string' },
    },
  });
  const target = values.target ?? 'all';
  if (target !== 'all' && !(FUZZ_TARGETS as readonly string[]).includes(target)) usage(`--target must be one of ${TARGETS}|all, got ${target}`);
  const seed = nonNegativeInteger(values.seed, 'seed', 1);
  if (values.index !== undefined) {
    if (target === 'all') usage(`--index replays one input: give --target ${TARGETS}`);
    replay(target as FuzzTarget, seed, nonNegativeInteger(values.index, 'index', 0), values.write);
    return;
  }
  const runs = nonNegativeInteger(values.runs, 'runs', 10_000);
  const stallSeconds = nonNegativeInteger(values['stall-seconds'], 'stall-seconds', DEFAULT_STALL_SECONDS) || DEFAULT_STALL_SECONDS;
  let failed = false;
  for (const each of target === 'all' ? FUZZ_TARGETS : [target as FuzzTarget]) {
    const started = performance.now();
    const report = await runFuzzWatched({ target: each, runs, seed }, stallSeconds);
    printReport(report, (performance.now() - started) / 1000);
    failed ||= report.failures.length > 0;
  }
  process.exitCode = failed ? 1 : 0;
}

await main();
