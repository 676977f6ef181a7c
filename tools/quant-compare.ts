// Runs every quantization scheme × calibration method (plus QAT) on the shared data and prints the comparison table.
// Usage: npm run quant:compare -- [--model FILE] [--data DIR] [--seed N] [--no-qat]   (or: npm run quantize -- --compare)
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { GestureModel } from '../src/core/model/gesture-model';
import { CALIBRATION_METHODS } from '../src/core/quant/calibrate';
import {
  calibrationRun, DEFAULT_QUANT_CONFIG, runQuantConfig, type QatSampler, type QuantConfig, type QuantRun,
} from '../src/core/train/shared/quant-pipeline';
import { DEFAULT_QAT_OPTIONS } from '../src/core/train/shared/qat';
import { formatComparisonTable } from '../src/core/train/shared/quant-report';
import { QUANT_SCHEMES } from '../src/core/quant/schemes';
import { drawLabelledSamples } from '../src/core/train/builtin/training-samples';
import {
  DEFAULT_DATA_DIR, DEFAULT_MODEL_FILE, exitWith, loadModelOrExit, loadQuantDataOrExit, percent, trainingCalibration,
  type CalibrationSource, type QuantData,
} from './quant-common';

const TOOL = 'quant:compare';

interface RowSpec {
  readonly label: string;
  readonly config: Omit<QuantConfig, 'calibration'>;
}

/** Rows: each scheme with per-tensor, per-channel and MSE-clipped per-channel weights, then each with QAT. */
function rowSpecs(seed: number, withQat: boolean): RowSpec[] {
  const rows: RowSpec[] = [];
  for (const scheme of QUANT_SCHEMES) {
    rows.push({ label: `${scheme} per-tensor`, config: { scheme, perChannel: false, weightClipping: 'none', qat: null } });
    rows.push({ label: `${scheme} per-channel`, config: { scheme, perChannel: true, weightClipping: 'none', qat: null } });
    rows.push({ label: `${scheme} per-channel, MSE clip`, config: { scheme, perChannel: true, weightClipping: 'mse', qat: null } });
  }
  if (!withQat) return rows;
  for (const scheme of QUANT_SCHEMES) {
    const qat = { ...DEFAULT_QAT_OPTIONS, seed };
    rows.push({ label: `${scheme} per-channel + QAT (${qat.epochs} ep.)`, config: { scheme, perChannel: true, weightClipping: 'none', qat } });
  }
  return rows;
}

const isDefault = (config: QuantConfig): boolean =>
  (Object.keys(DEFAULT_QUANT_CONFIG) as (keyof QuantConfig)[]).every((key) => config[key] === DEFAULT_QUANT_CONFIG[key]);

/** Runs the whole grid, prints the markdown table, the best cells and one JSON line with every figure. */
export function runComparison(model: GestureModel, data: QuantData, calibration: CalibrationSource, seed: number, withQat = true): void {
  const started = performance.now();
  const calibrated = calibrationRun(model.layers, calibration.features);
  const sampler: QatSampler = (random, perClass) => drawLabelledSamples(data.groups, data.donors, perClass, random);
  const rows = rowSpecs(seed, withQat).map(({ label, config }) => {
    const runs = CALIBRATION_METHODS.map((calibrationMethod) => {
      const run = runQuantConfig(model.layers, calibrated, data.reference, { ...config, calibration: calibrationMethod }, sampler);
      process.stderr.write('.');
      return run;
    });
    return { label, runs };
  });
  process.stderr.write('\n');
  const all = rows.flatMap((row) => row.runs);
  const floatAccuracy = all[0].comparison.floatAccuracy;
  console.log(`float accuracy ${percent(floatAccuracy)} on ${data.reference.features.length} held-out samples; `
    + `calibration: ${calibration.features.length} samples, ${calibration.description}\n`);
  console.log('cells: INT8 top-1 accuracy % / top-1 agreement with float % / logit SQNR dB\n');
  console.log(formatComparisonTable(CALIBRATION_METHODS, rows));
  const withinTarget = all.filter((run) => run.comparison.int8Accuracy >= floatAccuracy - 0.005).length;
  const byAgreement = [...all].sort((a, b) => b.comparison.agreement - a.comparison.agreement || b.comparison.logitSqnrDb - a.comparison.logitSqnrDb);
  const describe = (run: QuantRun) => `${run.config.scheme} ${run.config.perChannel ? 'per-channel' : 'per-tensor'}`
    + `${run.config.weightClipping === 'mse' ? ' MSE clip' : ''}${run.config.qat ? ' QAT' : ''} ${run.config.calibration}: `
    + `${percent(run.comparison.int8Accuracy)} / ${percent(run.comparison.agreement)} / ${run.comparison.logitSqnrDb.toFixed(1)} dB`;
  console.log(`\n${withinTarget} of ${all.length} configurations are within 0.5 points of float accuracy.`);
  console.log('highest agreement:');
  for (const run of byAgreement.slice(0, 5)) console.log(`  ${describe(run)}`);
  const chosen = all.find((run) => isDefault(run.config));
  if (chosen) console.log(`default (npm run quantize): ${describe(chosen)}`);
  console.log(`(${((performance.now() - started) / 1000).toFixed(0)} s)`);
  console.log(JSON.stringify({
    floatAccuracy,
    validationSamples: data.reference.features.length,
    calibrationSamples: calibration.features.length,
    results: all.map((run) => ({
      scheme: run.config.scheme, perChannel: run.config.perChannel, weightClipping: run.config.weightClipping,
      calibration: run.config.calibration, qat: run.config.qat !== null, default: isDefault(run.config),
      int8Accuracy: run.comparison.int8Accuracy, agreement: run.comparison.agreement,
      sqnrDb: run.comparison.sqnrDb.map((value) => Number(value.toFixed(2))),
    })),
  }));
}

function main(): void {
  const argv = process.argv.slice(2);
  let model = DEFAULT_MODEL_FILE;
  let data = DEFAULT_DATA_DIR;
  let seed = 1;
  let withQat = true;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--no-qat') {
      withQat = false;
      continue;
    }
    const value = argv[++i];
    if (value === undefined) exitWith(TOOL, `${flag} needs a value`, 2);
    if (flag === '--model') model = path.resolve(value);
    else if (flag === '--data') data = path.resolve(value);
    else if (flag === '--seed' && Number.isInteger(Number(value)) && Number(value) >= 0) seed = Number(value);
    else exitWith(TOOL, `unknown option ${flag} ${value} (usage: npm run quant:compare -- [--model FILE] [--data DIR] [--seed N] [--no-qat])`, 2);
  }
  const parsed = loadModelOrExit(model, TOOL);
  const quantData = loadQuantDataOrExit(parsed, data, TOOL);
  runComparison(parsed, quantData, trainingCalibration(quantData, seed), seed, withQat);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
