// Quantizes a gesture model's float layers into its int8 section, and reports how close INT8 stays to float.
// Usage: npm run quantize -- [--model FILE] [--out FILE] [--data DIR] [--calib PATH] [--scheme S] [--calibration M]
//        [--per-channel | --per-tensor] [--weight-clipping none|mse] [--percentile P] [--qat] [--qat-epochs N] [--seed N]
//        [--dry-run] [--compare]
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { serializeGestureModel } from '../src/core/model/serialize-model';
import { CALIBRATION_METHODS, isCalibrationMethod } from '../src/core/quant/calibrate';
import type { ModelLayer } from '../src/core/model/gesture-model';
import {
  calibrationRun, DEFAULT_QUANT_CONFIG, int8Section, runQuantConfig, type QatSampler, type QuantConfig, type QuantRun,
} from '../src/core/train/shared/quant-pipeline';
import { DEFAULT_QAT_OPTIONS } from '../src/core/train/shared/qat';
import { describeConfig, describeOutliers, parameterBytes } from '../src/core/train/shared/quant-report';
import { isQuantScheme, QUANT_SCHEMES, representableRange } from '../src/core/quant/schemes';
import { drawLabelledSamples } from '../src/core/train/builtin/training-samples';
import { WEIGHT_CLIPPINGS, type WeightClipping } from '../src/core/quant/weights';
import {
  calibrationFromFile, decibels, DEFAULT_DATA_DIR, DEFAULT_MODEL_FILE, loadModelOrExit, loadQuantDataOrExit, percent,
  trainingCalibration, type CalibrationSource,
} from './quant-common';
import { runComparison } from './quant-compare';

const TOOL = 'quantize';
const USAGE = 'usage: npm run quantize -- [--model FILE] [--out FILE] [--data DIR] [--calib PATH] [--calib-format F] '
  + `[--scheme ${QUANT_SCHEMES.join('|')}] [--calibration ${CALIBRATION_METHODS.join('|')}] [--per-channel|--per-tensor] `
  + '[--weight-clipping none|mse] [--percentile P] [--qat] [--qat-epochs N] [--seed N] [--dry-run] [--compare]';

interface Arguments {
  model: string;
  out: string | null;
  data: string;
  calib: string | null;
  calibFormat: string | undefined;
  seed: number;
  config: QuantConfig;
  dryRun: boolean;
  compare: boolean;
}

function usage(message: string): never {
  console.error(`${TOOL}: ${message}`);
  console.error(USAGE);
  process.exit(2);
}

function parseArguments(argv: readonly string[]): Arguments {
  const args: Arguments = {
    model: DEFAULT_MODEL_FILE, out: null, data: DEFAULT_DATA_DIR, calib: null, calibFormat: undefined, seed: 1,
    config: DEFAULT_QUANT_CONFIG, dryRun: false, compare: false,
  };
  let qatEpochs = DEFAULT_QAT_OPTIONS.epochs;
  let qat = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const switches: Record<string, () => void> = {
      '--per-channel': () => { args.config = { ...args.config, perChannel: true }; },
      '--per-tensor': () => { args.config = { ...args.config, perChannel: false }; },
      '--qat': () => { qat = true; },
      '--dry-run': () => { args.dryRun = true; },
      '--compare': () => { args.compare = true; },
    };
    if (flag in switches) {
      switches[flag]();
      continue;
    }
    const value = argv[++i];
    if (value === undefined) usage(`${flag} needs a value`);
    const number = Number(value);
    switch (flag) {
      case '--model': args.model = path.resolve(value); break;
      case '--out': args.out = path.resolve(value); break;
      case '--data': args.data = path.resolve(value); break;
      case '--calib': args.calib = path.resolve(value); break;
      case '--calib-format': args.calibFormat = value; break;
      case '--scheme':
        if (!isQuantScheme(value)) usage(`--scheme must be one of ${QUANT_SCHEMES.join(', ')}, got ${value}`);
        args.config = { ...args.config, scheme: value };
        break;
      case '--calibration':
        if (!isCalibrationMethod(value)) usage(`--calibration must be one of ${CALIBRATION_METHODS.join(', ')}, got ${value}`);
        args.config = { ...args.config, calibration: value };
        break;
      case '--weight-clipping':
        if (!WEIGHT_CLIPPINGS.includes(value as WeightClipping)) usage(`--weight-clipping must be none or mse, got ${value}`);
        args.config = { ...args.config, weightClipping: value as WeightClipping };
        break;
      case '--percentile':
        if (!(number > 50 && number <= 100)) usage(`--percentile must be in (50, 100], got ${value}`);
        args.config = { ...args.config, percentile: number };
        break;
      case '--qat-epochs':
        if (!Number.isInteger(number) || number < 1) usage(`--qat-epochs must be a positive integer, got ${value}`);
        qatEpochs = number;
        qat = true;
        break;
      case '--seed':
        if (!Number.isInteger(number) || number < 0) usage(`--seed must be a non-negative integer, got ${value}`);
        args.seed = number;
        break;
      default:
        usage(`unknown option ${flag}`);
    }
  }
  if (qat) args.config = { ...args.config, qat: { ...DEFAULT_QAT_OPTIONS, epochs: qatEpochs, seed: args.seed } };
  return args;
}

function main(): void {
  const args = parseArguments(process.argv.slice(2));
  const model = loadModelOrExit(args.model, TOOL);
  const started = performance.now();
  const data = loadQuantDataOrExit(model, args.data, TOOL);
  if (args.compare) {
    runComparison(model, data, trainingCalibration(data, args.seed), args.seed);
    return;
  }
  let calibration: CalibrationSource;
  if (args.calib === null) calibration = trainingCalibration(data, args.seed);
  else if (statSync(args.calib, { throwIfNoEntry: false })?.isDirectory()) {
    calibration = trainingCalibration(loadQuantDataOrExit(model, args.calib, TOOL), args.seed);
  } else calibration = calibrationFromFile(args.calib, args.calibFormat, 640 / 480, TOOL);

  const { config } = args;
  console.log(`quantizing ${path.relative(process.cwd(), args.model)}: ${describeConfig(config)}`);
  console.log(`calibration set: ${calibration.features.length} samples, ${calibration.description}`);
  console.log(`validation: ${data.reference.features.length} held-out samples (the trainer's contiguous blocks per source)`);
  const sampler: QatSampler = (random, perClass) => drawLabelledSamples(data.groups, data.donors, perClass, random);
  const run = runQuantConfig(model.layers, calibrationRun(model.layers, calibration.features), data.reference, config, sampler);
  const section = int8Section(model, run, { description: calibration.description, samples: calibration.features.length, seed: args.seed }, data.validationMethod);
  printReport(model.layers, run, section.mlp.layers.length);

  const { float, int8 } = parameterBytes(model.layers, run.result.quantized);
  const text = serializeGestureModel({ ...model, int8: section });
  const floatText = serializeGestureModel({ ...model, int8: undefined });
  console.log(`\nsize: parameters float32 ${float.toLocaleString('en')} B → int8 ${int8.toLocaleString('en')} B (${(float / int8).toFixed(1)}× smaller); `
    + `model file ${(floatText.length / 1024).toFixed(1)} KiB float only, +${((text.length - floatText.length) / 1024).toFixed(1)} KiB int8 section`);
  const { floatAccuracy, int8Accuracy, agreement } = run.comparison;
  const delta = 100 * (int8Accuracy - floatAccuracy);
  console.log(`accuracy on the held-out set: float ${percent(floatAccuracy)}, INT8 ${percent(int8Accuracy)} `
    + `(${delta >= 0 ? '+' : ''}${delta.toFixed(2)} points); top-1 agreement ${percent(agreement)}`);
  if (Math.abs(floatAccuracy - model.validation.accuracy) > 0.0005) {
    console.warn(`note: the file records float accuracy ${percent(model.validation.accuracy)}; the data here gives ${percent(floatAccuracy)} `
      + '(the data or split changed since training)');
  }
  if (args.dryRun) {
    console.log(`\ndry run: nothing written (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    return;
  }
  const out = args.out ?? args.model;
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, text);
  console.log(`\nwrote ${path.relative(process.cwd(), out) || out} (${(text.length / 1024).toFixed(1)} KiB) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  // Read back through the validating parser: what ships must load.
  loadModelOrExit(out, TOOL);
}

/** Ranges, outlier channels and per-tensor SQNR of one run. */
function printReport(layers: readonly ModelLayer[], run: QuantRun, depth: number): void {
  const { quantized, ranges } = run.result;
  const names = ['input', ...Array.from({ length: depth - 1 }, (_, i) => `hidden${i + 1}`)];
  console.log('\nactivation ranges (calibrated → representable):');
  ranges.forEach((range, i) => {
    const params = i === 0 ? quantized.mlp.input : quantized.mlp.layers[i - 1].requantization!;
    const scale = i === 0 ? quantized.mlp.input.scale : quantized.outputScales[i - 1]!;
    const represented = representableRange({ ...params, scale });
    console.log(`  ${names[i].padEnd(8)} [${range.min.toFixed(3)}, ${range.max.toFixed(3)}] → scale ${scale.toPrecision(5)}, `
      + `zero point ${params.zeroPoint}, codes [${params.min}, ${params.max}] = [${represented.min.toFixed(3)}, ${represented.max.toFixed(3)}]`);
  });
  console.log('weight outlier channels (max |w| / p99 |w|):');
  for (const line of describeOutliers(layers)) console.log(`  ${line}`);
  if (run.config.perChannel) console.log('  (per-channel scales give each of them its own step; the other channels keep theirs)');
  const sqnr = run.comparison.sqnrDb;
  console.log(`SQNR vs float (dB): ${[...names, 'logits'].map((name, i) => `${name} ${decibels(sqnr[i])}`).join('  ')}`);
  if (run.qat !== null) console.log(`QAT loss per epoch: ${run.qat.epochs.map((e) => e.loss.toFixed(4)).join(', ')}`);
}

main();
