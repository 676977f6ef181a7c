// Turns parsed source rows into training pose groups and a held-out validation set, split by contiguous blocks.
import { NONE_LABEL } from '../../labels';
import { resolveLabelName } from '../../dataset/label-names';
import type { LandmarkRow } from '../../dataset/landmark-rows';
import type { SourceProvenance } from '../../model/gesture-model';
import type { GestureLabel } from '../../model/builtin-gestures';
import { gestureIndex, type ClassRecipe, type ClassSet, type ValidationMode } from './gesture-recipes';
import { digitLength, featuresAt, isThumbOut, isWithinAimWindow, orientationAiming, poseOf, type Pose } from '../shared/poses';
import { splitRun, type SplitOptions, type ValidationSample } from '../shared/splits';
import { SeededRandom } from '../../../util/seeded-random';
import type { DataSourceSpec } from './sources';
import { fingerPattern, fitsFingerPattern } from '../shared/finger-pattern';
import { addDonor, canSynthesize, emptyDonors, synthesizeNoneHand, type Donors } from '../shared/synthesize-none';

/** One source file, read and parsed by the caller (core does no I/O). */
export interface LoadedSource {
  readonly spec: DataSourceSpec;
  readonly rows: readonly LandmarkRow[];
  readonly labelNames: readonly string[];
}

/** Poses that train one gesture the same way (one recipe of one source). */
export interface PoseGroup {
  readonly gesture: GestureLabel;
  readonly name: string;
  readonly recipe: ClassRecipe;
  readonly poses: readonly Pose[];
}

/** How prepareData splits and what it prepares (TrainOptions has all of it: DEFAULT_TRAIN_OPTIONS is the built-in model's). */
export interface PrepareOptions {
  readonly split: SplitOptions;
  /** Seeds the synthetic validation none hands. */
  readonly seed: number;
  /** Synthetic none hands in the validation set, made from held-out open hands and fists only. */
  readonly syntheticValidationCount: number;
  readonly noneSynthesisPatterns: readonly string[];
  readonly classes: ClassSet;
  /**
   * 1: every recording gives the synthetic none its fingers, as its recipe's pattern says (a pointing hand an extended
   * index and curled middle, ring, pinky); 0: open hands and fists only (every digit extended or curled).
   */
  readonly donorsFromEveryClass: number;
  /** 1: training rows of a recipe with a `check` pattern must show it (fingerPattern); held-out rows are kept all the same. */
  readonly checkFingerPatterns: number;
}

export interface PreparedData {
  /** Pose groups per gesture, in the class set's label order. */
  readonly groups: readonly (readonly PoseGroup[])[];
  /** Real open hands and fists of the training blocks, for none-synthesis. */
  readonly trainDonors: Donors;
  readonly validation: readonly ValidationSample[];
  readonly provenance: readonly SourceProvenance[];
}

/** Name of the validation subset of synthesised none hands. */
export const SYNTHETIC_SUBSET = 'none ← synthetic';

/** Rows grouped by resolved label name, in file order (each group is one contiguous recording run here). */
export function rowsByLabel(source: LoadedSource): Map<string, LandmarkRow[]> {
  const groups = new Map<string, LandmarkRow[]>();
  for (const row of source.rows) {
    if (row.label === undefined) throw new Error(`${source.spec.path} line ${row.line}: no label`);
    const name = resolveLabelName(row.label, source.labelNames);
    const group = groups.get(name) ?? [];
    group.push(row);
    groups.set(name, group);
  }
  return groups;
}

/** At most `maxPerLabel` evenly spaced rows of each label, order kept (small, fast subsets for tests). */
export function thinRows(source: LoadedSource, maxPerLabel: number): LoadedSource {
  const kept: LandmarkRow[] = [];
  for (const run of rowsByLabel(source).values()) {
    const step = Math.max(1, run.length / maxPerLabel);
    for (let i = 0; i < run.length; i += step) kept.push(run[Math.floor(i)]);
  }
  return { ...source, rows: kept };
}

const VALIDATION_OFFSETS_DEG = [-20, -10, 0, 10, 20];

/** Held-out features for one recipe and one validation mode (see ValidationMode), all labelled `target`. */
export function validationSamples(
  recipe: ClassRecipe, mode: ValidationMode, poses: readonly Pose[], subset: string, target: number,
): ValidationSample[] {
  const pose = recipe.pose;
  if (pose.kind === 'any-rotation' || mode === 'as-recorded') {
    return poses.map((item) => ({ features: featuresAt(item, item.orientation), target, subset }));
  }
  if (mode === 'recorded-in-window') {
    return poses
      .filter((item) => isWithinAimWindow(item, pose))
      .map((item) => ({ features: featuresAt(item, item.orientation), target, subset }));
  }
  return poses.map((item, i) => {
    const directionDeg = pose.targetsDeg[i % pose.targetsDeg.length] + VALIDATION_OFFSETS_DEG[i % VALIDATION_OFFSETS_DEG.length];
    const orientation = orientationAiming(item.points, pose.digit, (directionDeg * Math.PI) / 180);
    return { features: featuresAt(item, orientation), target, subset };
  });
}

export const MODE_SUFFIX: Record<ValidationMode, string> = {
  'as-recorded': '',
  'recorded-in-window': ', recorded',
  'rotated-to-target': ', rotated',
};

/** True when the pose meets the recipe's thumb condition (or it has none): the rows of a recording the recipe is about. */
export function fitsThumb(recipe: ClassRecipe, pose: Pose): boolean {
  return recipe.thumb === undefined || isThumbOut(pose.points) === (recipe.thumb === 'out');
}

/** Poses usable by a recipe: aim recipes need a clearly visible digit; a thumb condition keeps the rows that meet it. */
export function usablePoses(recipe: ClassRecipe, poses: readonly Pose[]): Pose[] {
  const pose = recipe.pose;
  const fitting = poses.filter((item) => fitsThumb(recipe, item));
  if (pose.kind !== 'aim' || recipe.minDigitLength === undefined) return fitting;
  return fitting.filter((item) => digitLength(item.points, pose.digit) >= recipe.minDigitLength!);
}

/**
 * Builds the training groups and validation set from the sources, following the class set's recipes.
 * `syntheticValidationCount` none hands are synthesised from the held-out open hands and fists only.
 */
export function prepareData(sources: readonly LoadedSource[], options: PrepareOptions): PreparedData {
  const { split, seed, syntheticValidationCount, noneSynthesisPatterns: nonePatterns, classes } = options;
  const groups: PoseGroup[][] = classes.labels.map(() => []);
  const validation: ValidationSample[] = [];
  const provenance: SourceProvenance[] = [];
  const trainDonors = emptyDonors();
  const validationDonors = emptyDonors();
  const givesDonors = (recipe: ClassRecipe) => (options.donorsFromEveryClass ? /[01]/.test(recipe.fingers) : recipe.gesture === 'open_palm' || recipe.gesture === 'fist');

  for (const source of sources) {
    const labelsUsed: string[] = [];
    let rowsUsed = 0;
    for (const [label, run] of rowsByLabel(source)) {
      const recipes = classes.recipes.filter((recipe) => recipe.sourceLabel === label);
      if (recipes.length === 0) continue;
      labelsUsed.push(label);
      rowsUsed += run.length;
      const { train, validation: heldOut } = splitRun(run.map((row) => poseOf(row.landmarks, row.aspect)), split);
      // A recording read by several recipes (Pointer: up and elsewhere) gives its hands once, by its first recipe's pattern.
      const donorRecipe = recipes.find(givesDonors);
      if (donorRecipe !== undefined) {
        const add = (donors: typeof trainDonors, poses: readonly Pose[]) => {
          for (const pose of poses) {
            if (!fitsThumb(donorRecipe, pose)) continue;
            const thumbOut = options.donorsFromEveryClass ? isThumbOut(pose.points) : donorRecipe.fingers[0] === '1';
            addDonor(donors, pose.points, donorRecipe.fingers, thumbOut);
          }
        };
        add(trainDonors, train);
        add(validationDonors, heldOut);
      }
      for (const recipe of recipes) {
        const name = `${recipe.gesture} ← ${source.spec.id}:${label}`;
        const trainPoses = usablePoses(recipe, train)
          .filter((pose) => !options.checkFingerPatterns || recipe.check === undefined || fitsFingerPattern(fingerPattern(pose.points), recipe.check));
        const target = gestureIndex(recipe.gesture, classes);
        if (trainPoses.length > 0) groups[target].push({ gesture: recipe.gesture, name, recipe, poses: trainPoses });
        const heldOutPoses = usablePoses(recipe, heldOut);
        for (const mode of recipe.validation) {
          validation.push(...validationSamples(recipe, mode, heldOutPoses, `${name}${MODE_SUFFIX[mode]}`, target));
        }
      }
    }
    provenance.push({ path: source.spec.path, license: source.spec.license, rows: rowsUsed, labelsUsed });
  }

  if (canSynthesize(validationDonors) && syntheticValidationCount > 0) {
    const random = new SeededRandom(seed ^ 0x5eed);
    const none = gestureIndex(NONE_LABEL, classes);
    for (let i = 0; i < syntheticValidationCount; i++) {
      const points = synthesizeNoneHand(validationDonors, random, nonePatterns);
      validation.push({ features: featuresAt({ points, orientation: 0 }, random.uniform(-Math.PI, Math.PI)), target: none, subset: SYNTHETIC_SUBSET });
    }
  }
  return { groups, trainDonors, validation, provenance };
}
