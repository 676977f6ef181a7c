// The shipped INT8 section for a freshly trained built-in model, in memory: what `npm run quantize` does with its defaults.
import type { GestureModel } from '../../model/gesture-model';
import { referenceRun } from '../../quant/compare-float';
import { calibrationRun, DEFAULT_QUANT_CONFIG, int8Section, runQuantConfig } from '../shared/quant-pipeline';
import type { PreparedData } from './dataset';
import { CALIBRATION_SET_DESCRIPTION, calibrationFeatures } from './training-samples';
import { VALIDATION_METHOD } from './train-gesture-model';

/**
 * `model` with the int8 section the shipped configuration gives it (DEFAULT_QUANT_CONFIG, calibrated on augmented
 * draws of the training blocks `data` was split into, seeded by `seed`), scored on `data`'s held-out set. The
 * evaluations that must judge the model "as shipped" (npm run eval:open-set) run this section.
 */
export function withShippedInt8(model: GestureModel, data: PreparedData, seed: number): GestureModel {
  const calibration = calibrationFeatures(data.groups, seed);
  const reference = referenceRun(model.layers, data.validation.map((s) => s.features), data.validation.map((s) => s.target));
  const run = runQuantConfig(model.layers, calibrationRun(model.layers, calibration), reference, DEFAULT_QUANT_CONFIG);
  const set = { description: `${CALIBRATION_SET_DESCRIPTION} (seed ${seed})`, samples: calibration.length, seed };
  return { ...model, int8: int8Section(model, run, set, `the trainer's held-out set: ${VALIDATION_METHOD}`) };
}
