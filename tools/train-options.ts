// Shared by the training and evaluation tools: `--set name=value` overrides of the numeric training options, and data loading.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadedSource } from '../src/core/train/builtin/dataset';
import { DEFAULT_AUGMENT, type AugmentOptions } from '../src/core/train/shared/poses';
import { loadSources, SHARED_DATA_SOURCES } from '../src/core/train/builtin/sources';
import { DEFAULT_TRAIN_OPTIONS, type TrainOptions } from '../src/core/train/builtin/train-gesture-model';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The shared data lives beside the repository (../shared/data from the repo root), not inside it. */
export const DEFAULT_DATA_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'data');

/** Top-level training options `--set` accepts as a comma-separated list (e.g. hiddenSizes=256,64). */
const LIST_OPTIONS = ['hiddenSizes', 'noneSynthesisPatterns'] as const;

/** Names `--set` accepts: numeric training and augmentation options, and the LIST_OPTIONS. */
export function settableOptionNames(): string[] {
  const numeric = (object: object) => Object.entries(object).filter(([, value]) => typeof value === 'number').map(([key]) => key);
  return [...numeric(DEFAULT_TRAIN_OPTIONS), ...numeric(DEFAULT_AUGMENT), ...LIST_OPTIONS];
}

function parseNumber(name: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new Error(`--set ${name}: "${text}" is not a number`);
  return value;
}

/**
 * Applies `name=value` overrides (e.g. "epochs=30", "maxSpreadFactor=1", "hiddenSizes=256,64") to the options: names
 * of AugmentOptions go to `augment`, the others to the top level. Throws on unknown names or non-numbers.
 */
export function applyOptionOverrides(options: TrainOptions, overrides: readonly string[]): TrainOptions {
  let result = options;
  for (const override of overrides) {
    const match = /^(\w+)=(.+)$/.exec(override);
    if (!match) throw new Error(`--set expects name=value, got "${override}"`);
    const [, name, text] = match;
    if (name === 'hiddenSizes') {
      result = { ...result, hiddenSizes: text.split(',').map((item) => parseNumber(name, item)) };
    } else if (name === 'noneSynthesisPatterns') {
      const patterns = text.split(',');
      const bad = patterns.find((pattern) => !/^[01x]{5}$/.test(pattern));
      if (bad !== undefined) throw new Error(`--set noneSynthesisPatterns: "${bad}" is not five of 0, 1, x (thumb first)`);
      result = { ...result, noneSynthesisPatterns: patterns };
    } else if (name in DEFAULT_AUGMENT && typeof DEFAULT_AUGMENT[name as keyof AugmentOptions] === 'number') {
      result = { ...result, augment: { ...result.augment, [name]: parseNumber(name, text) } };
    } else if (name in DEFAULT_TRAIN_OPTIONS && typeof DEFAULT_TRAIN_OPTIONS[name as keyof TrainOptions] === 'number') {
      result = { ...result, [name]: parseNumber(name, text) };
    } else {
      throw new Error(`--set: unknown option "${name}"; known: ${settableOptionNames().join(', ')}`);
    }
  }
  return result;
}

/** Reads the shared sources from `dataDir`, or exits with a message naming what is missing. */
export function loadSharedSourcesOrExit(dataDir: string, tool: string): LoadedSource[] {
  const missing = SHARED_DATA_SOURCES.map((spec) => path.join(dataDir, spec.path)).filter((file) => !existsSync(file));
  if (missing.length > 0) {
    console.error(`${tool}: the shared landmark data was not found. It is expected in ${dataDir}`);
    console.error('(the folder "shared/data" beside this repository; pass --data DIR to use another place). Missing:');
    for (const file of missing) console.error(`  ${file}`);
    process.exit(1);
  }
  const { sources, problems } = loadSources(SHARED_DATA_SOURCES, (relative) => readFileSync(path.join(dataDir, relative), 'utf8'));
  for (const problem of problems) console.warn(`skipped ${problem}`);
  return sources;
}
