// Turns user samples into per-label training poses and held-out validation features (split by take), plus synthetic none.
import { NONE_LABEL } from '../../labels';
import type { GestureSample } from '../../dataset/types';
import { synthesizeUserNone, type NoneSynthesis } from './builtin-none';
import type { ValidationSample } from '../shared/splits';
import type { Pose } from '../shared/poses';
import { SeededRandom } from '../../../util/seeded-random';
import { splitByTake, type LabelSplit, type TakeSplitOptions } from './take-split';
import { augmentUserPose, sampleFeatures, samplePose, type UserAugmentOptions } from './user-augment';

/** Validation subset names (the report's per-subset tallies). */
export const RECORDED_SUBSET = 'recorded';
export const SYNTHETIC_NONE_SUBSET = 'none ← synthetic';

export interface UserDataOptions {
  readonly seed: number;
  readonly includeBuiltinNone: boolean;
  /** Synthetic none hands made for training and for validation (when includeBuiltinNone). */
  readonly syntheticNoneTrain: number;
  readonly syntheticNoneValidation: number;
  readonly split: TakeSplitOptions;
  readonly augment: UserAugmentOptions;
}

export interface UserData {
  /** Known labels sorted, then `none` last when the user recorded it or synthesis produced any. */
  readonly labels: readonly string[];
  /** Recorded training poses per label index. */
  readonly recorded: readonly (readonly Pose[])[];
  /** Synthetic none training poses (trained at any rotation); empty without synthesis. */
  readonly syntheticNone: readonly Pose[];
  readonly validation: readonly ValidationSample[];
  readonly splits: readonly LabelSplit[];
  readonly synthesis: Omit<NoneSynthesis, 'poses'> & { readonly train: number; readonly validation: number } | null;
  /** Things the user should know: single-take labels, skipped hands, synthesis skipped. */
  readonly notes: readonly string[];
}

/** Splits, converts and (optionally) synthesises none; throws when there is not enough to train on. */
export function prepareUserData(samples: readonly GestureSample[], options: UserDataOptions): UserData {
  const notes: string[] = [];
  const split = splitByTake(samples, options.seed, options.split);
  for (const labelSplit of split.labels) if (labelSplit.note) notes.push(`${labelSplit.label}: ${labelSplit.note}`);
  const known = split.labels.map((s) => s.label).filter((label) => label !== NONE_LABEL);
  if (known.length === 0) throw new Error('no gesture recorded: record at least one gesture besides none');

  const posesByLabel = new Map<string, Pose[]>();
  let degenerate = 0;
  for (const sample of split.train) {
    const pose = samplePose(sample);
    if (pose === null) {
      degenerate++;
      continue;
    }
    const poses = posesByLabel.get(sample.label) ?? [];
    poses.push(pose);
    posesByLabel.set(sample.label, poses);
  }
  for (const label of known) if (!posesByLabel.has(label)) throw new Error(`${label}: no usable training sample`);

  const random = new SeededRandom(options.seed ^ 0x404e);
  let syntheticNone: Pose[] = [];
  let validationNone: Pose[] = [];
  let synthesis: UserData['synthesis'] = null;
  if (options.includeBuiltinNone) {
    const knownPoses = new Map([...posesByLabel].filter(([label]) => label !== NONE_LABEL));
    const made = synthesizeUserNone(options.syntheticNoneTrain + options.syntheticNoneValidation, knownPoses, random.fork());
    syntheticNone = made.poses.slice(0, options.syntheticNoneTrain);
    validationNone = made.poses.slice(options.syntheticNoneTrain);
    synthesis = {
      excludedPatterns: made.excludedPatterns, droppedAsTooClose: made.droppedAsTooClose,
      train: syntheticNone.length, validation: validationNone.length,
    };
    if (made.poses.length === 0) notes.push('built-in none: skipped, your gestures use every finger pattern it could make');
  }

  const hasNone = posesByLabel.has(NONE_LABEL) || syntheticNone.length > 0;
  if (!hasNone && known.length < 2) throw new Error('one gesture alone cannot be told apart: record a second gesture or none');
  const labels = [...known, ...(hasNone ? [NONE_LABEL] : [])];
  const recorded = labels.map((label) => posesByLabel.get(label) ?? []);

  const validation: ValidationSample[] = [];
  for (const sample of split.validation) {
    const features = sampleFeatures(sample);
    if (features === null) {
      degenerate++;
      continue;
    }
    const target = labels.indexOf(sample.label);
    if (target >= 0) validation.push({ features, target, subset: RECORDED_SUBSET });
  }
  if (hasNone) {
    const none = labels.indexOf(NONE_LABEL);
    const validationRandom = random.fork();
    for (const pose of validationNone) {
      validation.push({ features: augmentUserPose(pose, options.augment, validationRandom, true), target: none, subset: SYNTHETIC_NONE_SUBSET });
    }
  }
  if (degenerate > 0) notes.push(`${degenerate} samples skipped: their landmarks are degenerate (collapsed hand)`);
  return { labels, recorded, syntheticNone, validation, splits: split.labels, synthesis, notes };
}

/**
 * One balanced epoch: `perClass` augmented draws per label. none draws from the user's none poses and
 * the synthetic ones with equal weight (synthetic ones at any rotation: unknown poses come at any angle).
 */
export function drawUserEpoch(
  data: UserData, perClass: number, augment: UserAugmentOptions, random: SeededRandom,
): { inputs: Float32Array[]; targets: number[] } {
  const samples: { input: Float32Array; target: number }[] = [];
  const none = data.labels.indexOf(NONE_LABEL);
  data.recorded.forEach((poses, target) => {
    const synthetic = target === none ? data.syntheticNone : [];
    if (poses.length === 0 && synthetic.length === 0) return;
    for (let k = 0; k < perClass; k++) {
      const useSynthetic = synthetic.length > 0 && (poses.length === 0 || random.next() < 0.5);
      const input = useSynthetic
        ? augmentUserPose(random.pick(synthetic), augment, random, true)
        : augmentUserPose(random.pick(poses), augment, random);
      samples.push({ input, target });
    }
  });
  random.shuffle(samples);
  return { inputs: samples.map((s) => s.input), targets: samples.map((s) => s.target) };
}
