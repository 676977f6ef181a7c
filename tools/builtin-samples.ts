// `npm run builtin-samples [-- --check]`: writes public/data/builtin-gestures.jsonl, the built-in classes' real hands the page lets a user extend.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { builtinSamplesJsonl } from '../src/core/train/builtin/builtin-samples';
import { prepareData } from '../src/core/train/builtin/dataset';
import { LANDMARK_SOURCES, loadSources } from '../src/core/train/builtin/sources';
import { DEFAULT_TRAIN_OPTIONS } from '../src/core/train/builtin/train-gesture-model';
import { DEFAULT_DATA_DIR, exitWith, REPO_ROOT } from './quant-common';

const TOOL = 'builtin-samples';
export const BUILTIN_SAMPLES_FILE = path.join(REPO_ROOT, 'public', 'data', 'builtin-gestures.jsonl');

/**
 * The file's text from the shared data in `dataDir` (the trainer's training blocks, never its held-out ones), from the
 * first three sources only: they hold every class, and the people's files would bring fourteen more licences (two with
 * their own notices) into a file the page serves.
 */
export function builtinSamplesFromSharedData(dataDir = DEFAULT_DATA_DIR): string {
  const { sources, problems } = loadSources(LANDMARK_SOURCES, (relative) => readFileSync(path.join(dataDir, relative), 'utf8'));
  if (problems.length > 0) throw new Error(problems.join('; '));
  return builtinSamplesJsonl(prepareData(sources, DEFAULT_TRAIN_OPTIONS).groups);
}

function main(): void {
  const missing = LANDMARK_SOURCES.map((spec) => path.join(DEFAULT_DATA_DIR, spec.path)).filter((file) => !existsSync(file));
  if (missing.length > 0) exitWith(TOOL, `the shared landmark data was not found in ${DEFAULT_DATA_DIR}; missing ${missing.join(', ')}`);
  const text = builtinSamplesFromSharedData();
  if (process.argv.includes('--check')) {
    const same = existsSync(BUILTIN_SAMPLES_FILE) && readFileSync(BUILTIN_SAMPLES_FILE, 'utf8') === text;
    if (!same) exitWith(TOOL, `${BUILTIN_SAMPLES_FILE} is out of date: run npm run builtin-samples`);
    console.log(`${BUILTIN_SAMPLES_FILE} is up to date`);
    return;
  }
  writeFileSync(BUILTIN_SAMPLES_FILE, text);
  console.log(`wrote ${BUILTIN_SAMPLES_FILE}: ${text.split('\n').length - 1} samples, ${(text.length / 1024).toFixed(1)} KiB`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) main();
