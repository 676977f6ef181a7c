// Calibration and fine-tuning samples drawn from the training blocks only, with the trainer's own augmentation.
import type { PoseGroup } from '../train/dataset';
import { gestureIndex } from '../train/gesture-recipes';
import { augmentedFeatures, DEFAULT_AUGMENT, type AugmentOptions } from '../train/poses';
import { SeededRandom } from '../train/random';
import type { LabelledSamples } from './qat';

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
 * `perClass` labelled samples per class with training groups: a uniformly chosen group of the class, a
 * uniformly chosen pose, augmented under the group's recipe. Classes are balanced as in training; unlike
 * the trainer it synthesises no extra "none" hands (QAT is a short fine-tune, the teacher covers the rest).
 */
export function drawLabelledSamples(
  groups: readonly (readonly PoseGroup[])[], perClass: number, random: SeededRandom, augment: AugmentOptions = DEFAULT_AUGMENT,
): LabelledSamples {
  const inputs: Float32Array[] = [];
  const targets: number[] = [];
  for (const classGroups of groups) {
    if (classGroups.length === 0) continue;
    const target = gestureIndex(classGroups[0].gesture);
    for (let k = 0; k < perClass; k++) {
      const group = random.pick(classGroups);
      inputs.push(augmentedFeatures(random.pick(group.poses), group.recipe.pose, augment, random));
      targets.push(target);
    }
  }
  return { inputs, targets };
}
