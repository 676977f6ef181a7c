// Calibration and fine-tuning samples drawn from the training blocks only, with the trainer's own augmentation.
import type { PoseGroup } from './dataset';
import { augmentedFeatures, DEFAULT_AUGMENT, type AugmentOptions } from '../shared/poses';
import { SeededRandom } from '../../../util/seeded-random';
import type { Donors } from '../shared/synthesize-none';
import { DEFAULT_TRAIN_OPTIONS, drawTrainingEpoch, type TrainOptions } from './train-gesture-model';
import type { LabelledSamples } from '../shared/qat';

export const CALIBRATION_SET_DESCRIPTION = 'training blocks of the shared data (prepareData: every (source, label) run minus its held-out tail '
  + 'and gap): one augmented draw of each training pose under its recipe (rotation policy, stretch, tilt, jitter), seeded';

/**
 * One augmented draw of every pose of every training group, shuffled, seeded. Augmented because the
 * deployed model sees hands at every angle, stretch and tilt the trainer simulated, not only as recorded;
 * shuffled so that batches (mean-minmax) mix classes as training batches do. The held-out validation
 * blocks never enter (prepareData keeps them apart).
 */
export function calibrationFeatures(
  groups: readonly (readonly PoseGroup[])[], seed: number, augment: AugmentOptions = DEFAULT_AUGMENT,
): Float32Array[] {
  const random = new SeededRandom(seed ^ 0xca11b);
  const features: Float32Array[] = [];
  for (const classGroups of groups) {
    for (const group of classGroups) {
      for (const pose of group.poses) features.push(augmentedFeatures(pose, group.recipe.pose, augment, random));
    }
  }
  return random.shuffle(features);
}

/**
 * `perClass` labelled samples per class from the training groups, drawn by the trainer's own sampler
 * (drawTrainingEpoch: balanced classes, the recipe's augmentation and re-articulation, synthetic "none" hands
 * from the training donors). QAT fine-tunes on the distribution the float model was trained on; a narrower one
 * (plain augmented poses, no synthetic none) was measured to pull held-out accuracy down while it fine-tunes.
 */
export function drawLabelledSamples(
  groups: readonly (readonly PoseGroup[])[], donors: Donors, perClass: number, random: SeededRandom,
  options: TrainOptions = DEFAULT_TRAIN_OPTIONS,
): LabelledSamples {
  return drawTrainingEpoch(groups, donors, { ...options, samplesPerClass: perClass }, random);
}
