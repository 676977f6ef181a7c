// Shared by the quantize and quant-compare tools: file I/O, the trainer's split of the shared data, report formatting.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { featuresOfRow, isLandmarkFormat, parseLandmarkRows, usableRows } from '../src/core/dataset/landmark-rows';
import { parseGestureModelText, type GestureModel } from '../src/core/model/gesture-model';
import { referenceRun, type ReferenceRun } from '../src/core/quant/compare-float';
import { CALIBRATION_SET_DESCRIPTION, calibrationFeatures } from '../src/core/train/builtin/training-samples';
import { prepareData, type PoseGroup } from '../src/core/train/builtin/dataset';
import { loadSources, SHARED_DATA_SOURCES } from '../src/core/train/builtin/sources';
import type { Donors } from '../src/core/train/shared/synthesize-none';
import { DEFAULT_TRAIN_OPTIONS, VALIDATION_METHOD } from '../src/core/train/builtin/train-gesture-model';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The shared data lives beside the repository (../shared/data from the repo root), not inside it. */
export const DEFAULT_DATA_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'data');
export const DEFAULT_MODEL_FILE = path.join(REPO_ROOT, 'public', 'models', 'gesture_model.json');

export function exitWith(tool: string, message: string, code = 1): never {
  console.error(`${tool}: ${message}`);
  process.exit(code);
}

export function loadModelOrExit(file: string, tool: string): GestureModel {
  if (!existsSync(file)) exitWith(tool, `model file not found: ${file}`);
  try {
    return parseGestureModelText(readFileSync(file, 'utf8'));
  } catch (error) {
    exitWith(tool, `bad model ${file}: ${(error as Error).message}`);
  }
}

/** The data every run needs: the trainer's training groups and held-out samples, scored by the float model once. */
export interface QuantData {
  readonly groups: readonly (readonly PoseGroup[])[];
  /** The training blocks' open hands and fists, for the trainer's synthetic "none" hands (QAT samples). */
  readonly donors: Donors;
  readonly reference: ReferenceRun;
  readonly validationMethod: string;
}

/**
 * Splits the shared data exactly as trainGestureModel does (same split options, the model's training seed
 * for the synthetic held-out none hands), so the int8 figures are on the float model's own validation set.
 */
export function loadQuantDataOrExit(model: GestureModel, dataDir: string, tool: string): QuantData {
  const missing = SHARED_DATA_SOURCES.map((spec) => path.join(dataDir, spec.path)).filter((file) => !existsSync(file));
  if (missing.length > 0) {
    exitWith(tool, `the shared landmark data was not found. It is expected in ${dataDir}\n`
      + '(the folder "shared/data" beside this repository; pass --data DIR to use another place). Missing:\n'
      + missing.map((file) => `  ${file}`).join('\n'));
  }
  const { sources, problems } = loadSources(SHARED_DATA_SOURCES, (relative) => readFileSync(path.join(dataDir, relative), 'utf8'));
  for (const problem of problems) console.warn(`skipped ${problem}`);
  const data = prepareData(sources, { ...DEFAULT_TRAIN_OPTIONS, seed: model.training.seed });
  const reference = referenceRun(model.layers, data.validation.map((s) => s.features), data.validation.map((s) => s.target));
  return { groups: data.groups, donors: data.trainDonors, reference, validationMethod: `the trainer's held-out set: ${VALIDATION_METHOD}` };
}

export interface CalibrationSource {
  readonly features: Float32Array[];
  readonly description: string;
}

/** The default calibration set: augmented draws of the training blocks (never the held-out ones). */
export function trainingCalibration(data: QuantData, seed: number): CalibrationSource {
  return { features: calibrationFeatures(data.groups, seed), description: `${CALIBRATION_SET_DESCRIPTION} (seed ${seed})` };
}

/**
 * A calibration set from `--calib PATH`: a shared-data folder means its training blocks (through `data`,
 * which must be read from that folder); a landmark file means every readable row of it, as recorded.
 */
export function calibrationFromFile(file: string, format: string | undefined, aspect: number, tool: string): CalibrationSource {
  if (!existsSync(file)) exitWith(tool, `calibration data not found: ${file}`);
  if (statSync(file).isDirectory()) exitWith(tool, `${file} is a folder: pass it as --data, or --calib a landmark file`);
  const chosen = format ?? (file.endsWith('.jsonl') ? 'jsonl' : 'kinivi42');
  if (!isLandmarkFormat(chosen)) exitWith(tool, `unknown --calib-format "${chosen}"`);
  const rows = parseLandmarkRows(readFileSync(file, 'utf8'), chosen, { aspect });
  const features = usableRows(rows).map(featuresOfRow);
  if (features.length === 0) exitWith(tool, `no usable row in ${file} (${rows.length} rows read as ${chosen})`);
  return { features, description: `every readable row of ${path.basename(file)} (${chosen}), as recorded` };
}

export const percent = (fraction: number, digits = 2): string => `${(100 * fraction).toFixed(digits)}%`;
export const decibels = (value: number): string => (Number.isFinite(value) ? value.toFixed(1) : '∞');
