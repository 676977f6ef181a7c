// INT8 quantization of a user model: KL-calibrated on augmented training poses, optionally QAT-fine-tuned, scored on the take-held-out set.
import { referenceRun } from '../../quant/compare-float';
import { calibrationRun, DEFAULT_QUANT_CONFIG, int8Section, runQuantConfig, type QuantConfig, type QuantRun } from '../shared/quant-pipeline';
import { DEFAULT_QAT_OPTIONS } from '../shared/qat';
import type { GestureModel } from '../../model/gesture-model';
import type { Int8Section } from '../../model/int8-section';
import { SeededRandom } from '../../../util/seeded-random';
import { drawUserEpoch, type UserData } from './user-data';
import { augmentUserPose, type UserAugmentOptions } from './user-augment';

/**
 * The shipped scheme (u7 activations, per-channel weights: every layer runs on the relaxed-SIMD kernel)
 * with KL-divergence calibration instead of the default model's 99.99th percentile: a user model is
 * calibrated on a few hundred samples, where an extreme percentile is just the maximum, and KL picks a
 * clip from the distribution's shape instead.
 */
export const USER_QUANT_CONFIG: QuantConfig = { ...DEFAULT_QUANT_CONFIG, calibration: 'kl' };

export const USER_CALIBRATION_DESCRIPTION = 'training takes of the user dataset: one augmented draw (tilt, ±20° rotation, '
  + 'stretch, jitter) of every training pose, plus the synthetic none hands, shuffled, seeded; held-out takes never enter';

/** One augmented draw of every recorded training pose and synthetic none, shuffled (the calibration set). */
export function userCalibrationFeatures(data: UserData, augment: UserAugmentOptions, seed: number): Float32Array[] {
  const random = new SeededRandom(seed ^ 0xca11b);
  const features = data.recorded.flatMap((poses) => poses.map((pose) => augmentUserPose(pose, augment, random, false)));
  features.push(...data.syntheticNone.map((pose) => augmentUserPose(pose, augment, random, true)));
  return random.shuffle(features);
}

export interface UserQuantization {
  readonly section: Int8Section;
  readonly run: QuantRun;
}

/**
 * Calibrates and quantizes `model` (whose float layers are the stored, rounded ones), with a short
 * QAT fine-tune on balanced augmented epochs when `qatEpochs` > 0.
 */
export function quantizeUserModel(
  model: GestureModel, data: UserData, augment: UserAugmentOptions, seed: number, qatEpochs: number, validationMethod: string,
): UserQuantization {
  const calibration = userCalibrationFeatures(data, augment, seed);
  const reference = referenceRun(model.layers, data.validation.map((s) => s.features), data.validation.map((s) => s.target));
  const config: QuantConfig = qatEpochs > 0
    ? { ...USER_QUANT_CONFIG, qat: { ...DEFAULT_QAT_OPTIONS, seed, epochs: qatEpochs, samplesPerClass: 200 } }
    : USER_QUANT_CONFIG;
  const sampler = (random: SeededRandom, perClass: number) => drawUserEpoch(data, perClass, augment, random);
  const run = runQuantConfig(model.layers, calibrationRun(model.layers, calibration), reference, config, sampler);
  const section = int8Section(model, run, { description: USER_CALIBRATION_DESCRIPTION, samples: calibration.length }, validationMethod);
  return { section, run };
}
