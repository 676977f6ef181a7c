// One quantization run, float model → checked int8 section: calibrate (optionally fine-tune), quantize, compare.
import type { GestureModel, ModelLayer } from '../../model/gesture-model';
import { floatLayersDigest, type Int8Section } from '../../model/int8-section';
import type { SeededRandom } from '../../../util/seeded-random';
import { floatActivations } from '../../quant/activations';
import { calibrateRange, DEFAULT_PERCENTILE, type TensorSamples } from '../../quant/calibrate';
import { compareWithFloat, type Int8Comparison, type ReferenceRun } from '../../quant/compare-float';
import { quantizationAwareTraining, type LabelledSamples, type QatOptions, type QatResult } from './qat';
import { activationSamples, quantizeWithRanges, type QuantizeOptions, type QuantizeResult } from '../../quant/quantize-model';

export interface QuantConfig extends QuantizeOptions {
  /** null: post-training quantization only; otherwise fine-tune first (see qat.ts). */
  readonly qat: QatOptions | null;
}

/**
 * The shipped choice, from the comparison on the shared data (docs/quantization-results.md): 7-bit
 * activations so every layer runs on the relaxed-SIMD kernel (and unchanged on SIMD128 and scalar),
 * per-channel weights, activation ranges at the 99.99th percentile. It stays within 0.1 point of float
 * accuracy and agrees with float on 99.5% of the held-out samples; no scheme does measurably better.
 */
export const DEFAULT_QUANT_CONFIG: QuantConfig = {
  scheme: 'u7', calibration: 'percentile', perChannel: true, weightClipping: 'none', qat: null,
};

/** The calibration set's float activations, computed once and shared by every configuration. */
export interface CalibrationRun {
  readonly features: readonly Float32Array[];
  readonly tensors: readonly TensorSamples[];
}

export function calibrationRun(layers: readonly ModelLayer[], features: readonly Float32Array[]): CalibrationRun {
  if (features.length === 0) throw new RangeError('the calibration set is empty');
  return { features, tensors: activationSamples(layers, floatActivations(layers, features)) };
}

export interface QuantRun {
  readonly config: QuantConfig;
  readonly result: QuantizeResult;
  readonly comparison: Int8Comparison;
  readonly qat: QatResult | null;
}

/** A sampler of labelled training-block samples for QAT (builtin/training-samples.ts drawLabelledSamples). */
export type QatSampler = (random: SeededRandom, perClass: number) => LabelledSamples;

/** Calibrates, fine-tunes when asked, quantizes and scores against the float model on `reference`. */
export function runQuantConfig(
  layers: readonly ModelLayer[], calibration: CalibrationRun, reference: ReferenceRun, config: QuantConfig, sampler?: QatSampler,
): QuantRun {
  const ranges = calibration.tensors.map((tensor) => calibrateRange(tensor, config.scheme, { ...config, method: config.calibration }));
  let qat: QatResult | null = null;
  if (config.qat !== null) {
    if (sampler === undefined) throw new Error('QAT needs a sampler of labelled training samples');
    qat = quantizationAwareTraining(layers, ranges, config, sampler, config.qat);
  }
  const result = quantizeWithRanges(qat?.layers ?? layers, qat?.ranges ?? ranges, config);
  return { config, result, comparison: compareWithFloat(reference, result.quantized), qat };
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));
/** SQNR is Infinity for an exact tensor, which JSON cannot hold: stored figures are capped at 200 dB. */
const roundDb = (value: number): number => round(Math.min(value, 200), 2);

/** What the model file records about the calibration set. */
export interface CalibrationSetInfo {
  readonly description: string;
  readonly samples: number;
  readonly [extra: string]: unknown;
}

/** The model file's int8 section for a run: the integers, how they were made, and how they scored. */
export function int8Section(model: GestureModel, run: QuantRun, set: CalibrationSetInfo, validationMethod: string): Int8Section {
  const { config, result, comparison } = run;
  const tensorNames = ['input', ...model.layers.slice(0, -1).map((_, i) => `hidden${i + 1}`), 'logits'];
  return {
    ...result.quantized,
    calibration: {
      method: config.calibration,
      ...(config.calibration === 'percentile' ? { percentile: config.percentile ?? DEFAULT_PERCENTILE } : {}),
      perChannel: config.perChannel,
      weightClipping: config.weightClipping,
      qat: config.qat === null ? null : { ...config.qat, method: 'fake-quant forward, straight-through backward, Adam on float shadow weights' },
      set,
      ranges: result.ranges.map((range, i) => ({ tensor: tensorNames[i], min: round(range.min, 6), max: round(range.max, 6) })),
    },
    sourceDigest: floatLayersDigest(model.layers),
    validation: {
      method: validationMethod,
      samples: comparison.samples,
      floatAccuracy: round(comparison.floatAccuracy, 4),
      int8Accuracy: round(comparison.int8Accuracy, 4),
      agreement: round(comparison.agreement, 4),
      logitSqnrDb: roundDb(comparison.logitSqnrDb),
      sqnrDb: Object.fromEntries(comparison.sqnrDb.map((value, i) => [tensorNames[i], roundDb(value)])),
    },
  };
}
