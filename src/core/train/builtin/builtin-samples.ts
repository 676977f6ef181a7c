// The built-in gestures as a small bundled dataset: real recorded hands of each class, so a user can extend one.
import { GESTURE_LABELS } from '../../model/builtin-gestures';
import { NONE_LABEL } from '../../labels';
import { exportJsonl } from '../../dataset/jsonl';
import type { GestureSample, LandmarkPoint } from '../../dataset/types';
import type { PoseGroup } from './dataset';
import { drawOrientation, renderPose } from '../shared/poses';
import { SeededRandom } from '../../../util/seeded-random';

export interface BuiltinSampleOptions {
  /** Evenly spaced poses taken from each (source, label) group. */
  readonly perGroup: number;
  /** Consecutive poses per take: near-duplicate neighbours stay in one take, so the user split keeps them together. */
  readonly takeSize: number;
  readonly seed: number;
}

export const DEFAULT_BUILTIN_SAMPLE_OPTIONS: BuiltinSampleOptions = { perGroup: 48, takeSize: 8, seed: 1 };

/** Where a wrist-origin, palm-sized canonical hand is placed in the image: centre and palm size (image units). */
const PLACEMENT = { x: 0.5, y: 0.62, palm: 0.14 } as const;

/**
 * Each built-in class (not "none": the user's own none and the synthetic none cover it) as samples the page can
 * import: `perGroup` evenly spaced real poses of every group, each turned to an orientation its recipe allows (so
 * thumb_down is a ThumbsUp hand turned down, as the built-in model learnt it), placed in the image at aspect 1.
 * Labels and takes name the source (`builtin:<group>:<n>`); deterministic for a seed.
 */
export function builtinSamples(groups: readonly (readonly PoseGroup[])[], options = DEFAULT_BUILTIN_SAMPLE_OPTIONS): GestureSample[] {
  const random = new SeededRandom(options.seed);
  const samples: GestureSample[] = [];
  groups.forEach((classGroups, index) => {
    const label = GESTURE_LABELS[index];
    if (label === NONE_LABEL) return;
    for (const group of classGroups) {
      const count = Math.min(options.perGroup, group.poses.length);
      for (let k = 0; k < count; k++) {
        const pose = group.poses[Math.floor((k * group.poses.length) / count)];
        const orientation = group.recipe.pose.kind === 'any-rotation' ? pose.orientation : drawOrientation(pose, group.recipe.pose, random);
        const landmarks: LandmarkPoint[] = renderPose(pose.points, orientation, 1, 0, false, random)
          .map((p) => [round(PLACEMENT.x + p.x * PLACEMENT.palm), round(PLACEMENT.y + p.y * PLACEMENT.palm), 0]);
        samples.push({
          id: `builtin-${group.name}-${k}`,
          label,
          landmarks,
          aspect: 1,
          handedness: 'Right',
          take: `builtin:${group.name}:${Math.floor(k / options.takeSize)}`,
          capturedAt: 0,
          source: 'imported',
        });
      }
    }
  });
  return samples;
}

/** The bundled file's text (public/data/builtin-gestures.jsonl). */
export function builtinSamplesJsonl(groups: readonly (readonly PoseGroup[])[], options = DEFAULT_BUILTIN_SAMPLE_OPTIONS): string {
  return exportJsonl(builtinSamples(groups, options));
}

function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}
