// What every dataset importer shares: options, the result with per-line errors, size caps, and take assignment.
import { randomId } from './sample';
import type { Handedness } from '../labels';
import type { GestureSample } from './types';

/** Largest file an import reads, in characters (about bytes for these ASCII formats). Check File.size first. */
export const MAX_IMPORT_CHARS = 50 * 1024 * 1024;

/** Most lines one import reads; a recording at 10 samples a second gives 36,000 an hour. */
export const MAX_IMPORT_LINES = 200_000;

/** The aspect assumed for CSV rows (which do not carry one) when the caller gives none: a 640×480 camera. */
export const DEFAULT_IMPORT_ASPECT = 640 / 480;

export interface ImportOptions {
  /** Width / height of the frames the landmarks were normalised to; CSV rows and JSONL lines without one. */
  readonly aspect?: number;
  /** For CSV rows and JSONL lines without one (CSV has no handedness column). Default 'Right'. */
  readonly handedness?: Handedness;
  /** capturedAt for rows without a time, in ms since the epoch. Default: Date.now(). */
  readonly now?: number;
  /** Makes sample ids. Default: randomId. */
  readonly newId?: () => string;
  /** Start of the take ids given to runs of rows without a take. Default: "import-" and 8 random hex digits. */
  readonly takePrefix?: string;
}

/** A line that was not imported; line 0 means the whole file. */
export interface ImportError {
  readonly line: number;
  readonly reason: string;
}

/** What an import read: the usable samples in file order, and why each other line was left out. */
export interface ImportResult {
  readonly samples: GestureSample[];
  readonly errors: ImportError[];
}

/** The options with their defaults filled in, or the reason they cannot be used. */
export interface ResolvedImportOptions {
  readonly aspect: number;
  readonly handedness: Handedness;
  readonly now: number;
  readonly newId: () => string;
  readonly takePrefix: string;
}

export function resolveImportOptions(options: ImportOptions): ResolvedImportOptions | string {
  const aspect = options.aspect ?? DEFAULT_IMPORT_ASPECT;
  if (!Number.isFinite(aspect) || aspect <= 0) return `the aspect must be a positive number (width / height), got ${aspect}`;
  return {
    aspect,
    handedness: options.handedness ?? 'Right',
    now: options.now ?? Date.now(),
    newId: options.newId ?? randomId,
    takePrefix: options.takePrefix ?? `import-${randomId().slice(0, 8)}`,
  };
}

/** A result that refuses the whole file. */
export function refuseFile(reason: string): ImportResult {
  return { samples: [], errors: [{ line: 0, reason }] };
}

/** Why the text is too large to import, or null. Counting lines first keeps a huge file from being parsed at all. */
export function describeOversizedImport(text: string): string | null {
  if (text.length > MAX_IMPORT_CHARS) {
    const megabytes = (text.length / (1024 * 1024)).toFixed(1);
    return `the file is ${megabytes} MB; Handcast imports at most ${MAX_IMPORT_CHARS / (1024 * 1024)} MB at once: split it into smaller files`;
  }
  let lines = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
  if (!text.endsWith('\n')) lines++;
  if (lines > MAX_IMPORT_LINES) {
    return `the file has ${lines.toLocaleString('en')} lines; Handcast imports at most ${MAX_IMPORT_LINES.toLocaleString('en')} at once: split it into smaller files`;
  }
  return null;
}

/** A sample read from a file, before takes are given to the rows that have none. */
export interface DraftSample {
  readonly sample: GestureSample;
  /** False when the file gave no take: the sample's take is a placeholder until assignTakes. */
  readonly hasTake: boolean;
}

/**
 * Gives takes to the drafts whose file gave none: each run of consecutive take-less rows with the same
 * label becomes one take, `${prefix}-1`, `${prefix}-2`, …. Files written row by row from recordings keep a
 * take's frames together, so a run is the best guess of a take (a skipped bad line does not end a run;
 * a row that has its own take does).
 */
export function assignTakes(drafts: readonly DraftSample[], prefix: string): GestureSample[] {
  let runs = 0;
  let previousLabel: string | undefined;
  let runTake = '';
  return drafts.map(({ sample, hasTake }) => {
    if (hasTake) {
      previousLabel = undefined;
      return sample;
    }
    if (previousLabel !== sample.label) runTake = `${prefix}-${++runs}`;
    previousLabel = sample.label;
    return { ...sample, take: runTake };
  });
}

/** What one line of a file gave: a draft sample, or why the line was left out. */
export interface LineOutcome {
  readonly line: number;
  readonly result: DraftSample | string;
}

/**
 * The steps every importer shares: refuse an oversized file or unusable options, read the lines with
 * `readLines`, then give takes to the drafts without one. Never throws for a bad file or a bad line.
 */
export function importLines(
  text: string, options: ImportOptions, readLines: (resolved: ResolvedImportOptions) => readonly LineOutcome[],
): ImportResult {
  const oversized = describeOversizedImport(text);
  if (oversized !== null) return refuseFile(oversized);
  const resolved = resolveImportOptions(options);
  if (typeof resolved === 'string') return refuseFile(resolved);

  const drafts: DraftSample[] = [];
  const errors: ImportError[] = [];
  for (const { line, result } of readLines(resolved)) {
    if (typeof result === 'string') errors.push({ line, reason: result });
    else drafts.push(result);
  }
  return { samples: assignTakes(drafts, resolved.takePrefix), errors };
}

/** Placeholder take of a draft without one (checkSample needs a non-empty take). */
export const PENDING_TAKE = 'pending';
