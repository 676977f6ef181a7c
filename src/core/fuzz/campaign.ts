// Runs seeded mutated inputs through the model loader, the dataset importers, the profile importer and the overlay's message check, and judges each outcome.
import { importCsv } from '../dataset/csv';
import { importJsonl } from '../dataset/jsonl';
import type { ImportResult } from '../dataset/import-common';
import { parseLandmarkRows, type LandmarkFormat, type ParsedRow } from '../dataset/landmark-rows';
import { parseGestureModelText } from '../model/gesture-model';
import { checkEffectMessage } from '../overlay/effect-message';
import { SeededRandom } from '../../util/seeded-random';
import { mutate, mutateJson, mutateJsonLine, mutateLabel, mutateModelLabel, type MutatedText, type StructuredMutation } from './mutate';
import {
  describeInvalidImport, describeInvalidModel, describeInvalidOverlayMessage, describeInvalidProfile, describeInvalidRows, type ProfileOutcome,
} from './oracles';
import type { FuzzLoader, FuzzSeeds, SeedFile } from './seeds';

export type FuzzTarget = 'model' | 'dataset' | 'profile' | 'overlay';

export const FUZZ_TARGETS: readonly FuzzTarget[] = ['model', 'dataset', 'profile', 'overlay'];

/** The profile importer (src/session/stream-profile.ts parseProfile): it reads into the store's settings, so core is handed it. */
export type ProfileParser = (text: string) => ProfileOutcome;

/** Longest message a loader may give: it is shown to a person, so echoing a megabyte of input is a bug too. */
export const MAX_MESSAGE_CHARS = 500;

/** A model error must start with the field it is about (or "model" for the document as a whole). */
const MODEL_FIELD = /^(model|format|version|labels|featureSpec|layers|training|provenance|validation|createdAt|int8|rejection)\b/;

/** The aspect the CLI row readers get for the xy42, xyz63 and jsonl seeds (the exporters' 640×480). */
const ROWS_ASPECT = 4 / 3;

/** 'hang' is reported by the watchdog around a run (tools/fuzz-watchdog.ts): a stuck loop cannot report itself. */
export type FailureKind = 'crash' | 'unnamed problem' | 'wrongly accepted' | 'hang';

export interface FuzzFailure {
  readonly kind: FailureKind;
  readonly detail: string;
  /** `npm run fuzz -- --target T --seed S --index I` replays exactly this input. */
  readonly target: FuzzTarget;
  readonly seed: number;
  readonly index: number;
  readonly seedFile: string;
  readonly steps: readonly string[];
}

export interface FuzzReport {
  readonly target: FuzzTarget;
  readonly seed: number;
  readonly runs: number;
  /** Inputs the loader took whole (the oracle agreed they are valid). */
  readonly accepted: number;
  /** Dataset inputs with some lines taken and some refused by name; profiles applied with some parts refused by name. */
  readonly partlyAccepted: number;
  /** Inputs refused whole. */
  readonly rejected: number;
  /** Problems named, by kind (numbers and quoted text folded), counted once per input. */
  readonly reasons: ReadonlyMap<string, number>;
  readonly failures: readonly FuzzFailure[];
  /** Characters fed to the loaders: the work bound, counted instead of timed. */
  readonly inputChars: number;
  readonly largestInputChars: number;
}

export interface FuzzInput {
  readonly seedFile: SeedFile;
  readonly mutated: MutatedText;
}

/** Mixed into each target's generator so the targets draw different streams from one seed. */
const TARGET_SALT: Readonly<Record<FuzzTarget, number>> = { model: 0x27d4eb2f, dataset: 0x165667b1, profile: 0x61c88647, overlay: 0x7feb352d };

/** A generator for input `index` alone, so any input can be replayed without the ones before it. */
function inputRandom(target: FuzzTarget, seed: number, index: number): SeededRandom {
  const mixed = Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca77) ^ TARGET_SALT[target];
  return new SeededRandom(mixed >>> 0);
}

const STRUCTURED: Readonly<Record<FuzzLoader, readonly StructuredMutation[]>> = {
  'model': [mutateJson, mutateJson, mutateModelLabel],
  'import-jsonl': [mutateJsonLine, mutateLabel],
  'rows-jsonl': [mutateJsonLine, mutateLabel],
  'import-xyz63': [mutateLabel],
  'import-xy42': [mutateLabel],
  'rows-kinivi42': [mutateLabel],
  'rows-xy42': [mutateLabel],
  'rows-xyz63': [mutateLabel],
  'profile': [mutateJson, mutateJson],
  'overlay-message': [mutateJson, mutateJson],
};

/** The input the fuzzer makes for (target, seed, index). */
export function fuzzInput(seeds: FuzzSeeds, target: FuzzTarget, seed: number, index: number): FuzzInput {
  const random = inputRandom(target, seed, index);
  const seedFile = random.pick(seeds[target]);
  return { seedFile, mutated: mutate(seedFile.text, random, STRUCTURED[seedFile.loader]) };
}

/** How one input went: taken whole, partly, refused (with the problems named), or a failure. */
type Outcome =
  | { readonly kind: 'accepted' }
  | { readonly kind: 'partly' | 'rejected'; readonly reasons: readonly string[] }
  | { readonly kind: 'failure'; readonly failure: FailureKind; readonly detail: string };

/** A message's kind: numbers, quoted text and indices folded so equal problems count together. */
export function reasonKind(message: string): string {
  return message
    .replace(/"(?:[^"\\]|\\.)*"?/g, '"…"')
    .replace(/U\+[0-9A-F]{4,6}/g, 'U+…')
    .replace(/\[\d+\]/g, '[i]')
    .replace(/(?<![A-Za-z_\d.])-?\d+(\.\d+)?(e[+-]?\d+)?/gi, 'N')
    .slice(0, 90);
}

function describeThrown(error: unknown): string {
  if (!(error instanceof Error)) return `threw a non-Error: ${String(error).slice(0, 120)}`;
  return `${error.constructor.name}: ${error.message.slice(0, 200)}`;
}

function runModel(text: string, seeds: FuzzSeeds): Outcome {
  let model;
  try {
    model = parseGestureModelText(text);
  } catch (error) {
    // A plain Error with a message naming the field; TypeError, RangeError and the like come from deep inside.
    if (!(error instanceof Error) || error.constructor !== Error) return { kind: 'failure', failure: 'crash', detail: describeThrown(error) };
    if (!MODEL_FIELD.test(error.message) || error.message.length > MAX_MESSAGE_CHARS) {
      return { kind: 'failure', failure: 'unnamed problem', detail: `${error.message.length} chars: ${error.message.slice(0, 200)}` };
    }
    return { kind: 'rejected', reasons: [reasonKind(error.message)] };
  }
  let problem: string | null;
  try {
    problem = describeInvalidModel(model, seeds.probes);
  } catch (error) {
    problem = `the accepted model breaks its engines: ${describeThrown(error)}`;
  }
  return problem === null ? { kind: 'accepted' } : { kind: 'failure', failure: 'wrongly accepted', detail: problem };
}

/** Per-line (or per-mapping) messages must be present and short; the oracle checks the rest. */
function judgeLines(reasons: readonly string[], taken: number, oracleProblem: string | null): Outcome {
  if (oracleProblem !== null) return { kind: 'failure', failure: 'wrongly accepted', detail: oracleProblem };
  const bad = reasons.find((reason) => typeof reason !== 'string' || reason.trim() === '' || reason.length > MAX_MESSAGE_CHARS);
  if (bad !== undefined) return { kind: 'failure', failure: 'unnamed problem', detail: `${String(bad).length} chars: ${String(bad).slice(0, 200)}` };
  if (reasons.length === 0) return { kind: 'accepted' };
  return { kind: taken > 0 ? 'partly' : 'rejected', reasons: [...new Set(reasons.map(reasonKind))] };
}

function runImport(loader: FuzzLoader, text: string): Outcome {
  let result: ImportResult;
  try {
    // Fixed ids, prefix and time: the outcome depends on the input alone.
    let next = 0;
    const options = { now: 0, newId: () => `s${next++}`, takePrefix: 'fuzz' };
    result = loader === 'import-jsonl' ? importJsonl(text, options) : importCsv(text, loader === 'import-xyz63' ? 'xyz63' : 'xy42', options);
  } catch (error) {
    return { kind: 'failure', failure: 'crash', detail: `the importer promises never to throw: ${describeThrown(error)}` };
  }
  return judgeLines(result.errors.map((error) => error.reason), result.samples.length, describeInvalidImport(result, text));
}

function runRows(loader: FuzzLoader, text: string): Outcome {
  const format = loader.slice('rows-'.length) as LandmarkFormat;
  let rows: ParsedRow[];
  try {
    rows = parseLandmarkRows(text, format, { aspect: ROWS_ASPECT });
  } catch (error) {
    return { kind: 'failure', failure: 'crash', detail: `a bad row must become a RowError, not a throw: ${describeThrown(error)}` };
  }
  const errors = rows.flatMap((row) => (row.ok ? [] : [row.error]));
  return judgeLines(errors, rows.length - errors.length, describeInvalidRows(rows, text, format !== 'jsonl'));
}

function runProfile(text: string, parseProfile: ProfileParser | undefined): Outcome {
  if (parseProfile === undefined) throw new Error('the profile target needs CampaignOptions.parseProfile (tools/fuzz-subjects.ts)');
  let outcome: ProfileOutcome;
  try {
    outcome = parseProfile(text);
  } catch (error) {
    return { kind: 'failure', failure: 'crash', detail: `the profile importer must name a problem, not throw: ${describeThrown(error)}` };
  }
  // A profile with problems but settings still applies (the valid mappings and options): partly accepted.
  return judgeLines(outcome.problems, outcome.settings === null ? 0 : 1, describeInvalidProfile(outcome, text));
}

/** The overlay receives parsed JSON (obs-browser parses the event data; a BroadcastChannel clones an object). */
function runOverlayMessage(text: string): Outcome {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { kind: 'rejected', reasons: ['not JSON: never reaches the overlay'] };
  }
  let check;
  try {
    check = checkEffectMessage(data);
  } catch (error) {
    return { kind: 'failure', failure: 'crash', detail: `the overlay's check must refuse, not throw: ${describeThrown(error)}` };
  }
  return check.ok ? judgeLines([], 1, describeInvalidOverlayMessage(check.message, data)) : judgeLines([check.reason], 0, null);
}

/** Runs one input through its loader and judges the outcome. */
function runInput(input: FuzzInput, seeds: FuzzSeeds, parseProfile: ProfileParser | undefined): Outcome {
  const { loader } = input.seedFile;
  const { text } = input.mutated;
  if (loader === 'model') return runModel(text, seeds);
  if (loader === 'profile') return runProfile(text, parseProfile);
  if (loader === 'overlay-message') return runOverlayMessage(text);
  return loader.startsWith('import-') ? runImport(loader, text) : runRows(loader, text);
}

export interface CampaignOptions {
  readonly target: FuzzTarget;
  readonly runs: number;
  readonly seed: number;
  /** First input index (default 0): a run can be split or resumed. */
  readonly start?: number;
  /** Called before each input with its index, e.g. to let a watchdog name the input that hangs. */
  readonly onInput?: (index: number) => void;
  /** Required by the profile target only. */
  readonly parseProfile?: ProfileParser;
}

/** Runs `runs` inputs for one target and tallies the outcomes; failures carry their reproducer. */
export function runFuzzCampaign(seeds: FuzzSeeds, options: CampaignOptions): FuzzReport {
  const { target, runs, seed } = options;
  const start = options.start ?? 0;
  const reasons = new Map<string, number>();
  const failures: FuzzFailure[] = [];
  let accepted = 0;
  let partlyAccepted = 0;
  let rejected = 0;
  let inputChars = 0;
  let largestInputChars = 0;
  for (let index = start; index < start + runs; index++) {
    options.onInput?.(index);
    const input = fuzzInput(seeds, target, seed, index);
    inputChars += input.mutated.text.length;
    largestInputChars = Math.max(largestInputChars, input.mutated.text.length);
    const outcome = runInput(input, seeds, options.parseProfile);
    if (outcome.kind === 'accepted') accepted++;
    else if (outcome.kind === 'failure') {
      failures.push({
        kind: outcome.failure, detail: outcome.detail, target, seed, index, seedFile: input.seedFile.name, steps: input.mutated.steps,
      });
    } else {
      if (outcome.kind === 'partly') partlyAccepted++;
      else rejected++;
      for (const reason of outcome.reasons) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
  }
  return { target, seed, runs, accepted, partlyAccepted, rejected, reasons, failures, inputChars, largestInputChars };
}

/** One line per failure: what went wrong, and the command that replays it. */
export function formatFailure(failure: FuzzFailure): string {
  return `${failure.kind} (${failure.seedFile}; ${failure.steps.join('; ').slice(0, 300)}): ${failure.detail}\n`
    + `  replay: npm run fuzz -- --target ${failure.target} --seed ${failure.seed} --index ${failure.index}`;
}
