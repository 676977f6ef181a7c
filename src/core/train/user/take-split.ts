// Splits user samples into training and validation by recording take, so near-duplicate frames never straddle the split.
import type { GestureSample } from '../../dataset/types';
import { SeededRandom } from '../../../util/seeded-random';

export interface TakeSplitOptions {
  /** Fraction of each label's takes held out (rounded, at least one when the label has two or more). */
  readonly holdOutFraction: number;
  /** Single-take labels: the last this fraction of the take is held out. */
  readonly singleTakeHoldOut: number;
  /** Single-take labels: this fraction before the held-out tail is dropped (consecutive frames are near-duplicates). */
  readonly singleTakeGap: number;
}

export const DEFAULT_TAKE_SPLIT: TakeSplitOptions = { holdOutFraction: 0.25, singleTakeHoldOut: 0.2, singleTakeGap: 0.05 };

/** How one label was split. */
export interface LabelSplit {
  readonly label: string;
  readonly takes: number;
  readonly trainTakes: readonly string[];
  readonly validationTakes: readonly string[];
  readonly trainSamples: number;
  readonly validationSamples: number;
  /** Set when the label had a single take, split in time instead of by take. */
  readonly note?: string;
}

export interface TakeSplit {
  readonly train: readonly GestureSample[];
  readonly validation: readonly GestureSample[];
  readonly labels: readonly LabelSplit[];
}

/** Samples grouped by label, then by take, both in first-appearance order; each take's samples in capture order. */
export function groupByLabelAndTake(samples: readonly GestureSample[]): Map<string, Map<string, GestureSample[]>> {
  const groups = new Map<string, Map<string, GestureSample[]>>();
  for (const sample of samples) {
    const takes = groups.get(sample.label) ?? new Map<string, GestureSample[]>();
    const take = takes.get(sample.take) ?? [];
    take.push(sample);
    takes.set(sample.take, take);
    groups.set(sample.label, takes);
  }
  for (const takes of groups.values()) {
    for (const take of takes.values()) take.sort((a, b) => a.capturedAt - b.capturedAt);
  }
  return groups;
}

/**
 * Per label, holds out whole takes chosen at random (seeded): round(holdOutFraction · takes), at least
 * one when there are two or more, never all. A label with one take is split in time: its first part
 * trains, its last `singleTakeHoldOut` validates, with a gap dropped between (reported in `note`).
 * Takes are sorted by name before the draw so the split depends on the data and seed, not on sample order.
 */
export function splitByTake(
  samples: readonly GestureSample[], seed: number, options: TakeSplitOptions = DEFAULT_TAKE_SPLIT,
): TakeSplit {
  const random = new SeededRandom(seed ^ 0x7a4e);
  const train: GestureSample[] = [];
  const validation: GestureSample[] = [];
  const labels: LabelSplit[] = [];
  const groups = groupByLabelAndTake(samples);
  for (const label of [...groups.keys()].sort()) {
    const takes = groups.get(label)!;
    const names = [...takes.keys()].sort();
    if (names.length === 1) {
      const run = takes.get(names[0])!;
      const heldOut = Math.max(1, Math.round(run.length * options.singleTakeHoldOut));
      const gap = Math.round(run.length * options.singleTakeGap);
      const trainPart = run.slice(0, Math.max(0, run.length - heldOut - gap));
      const validationPart = run.length >= 2 ? run.slice(run.length - heldOut) : [];
      train.push(...(trainPart.length > 0 ? trainPart : run));
      validation.push(...validationPart);
      labels.push({
        label, takes: 1, trainTakes: names, validationTakes: validationPart.length > 0 ? names : [],
        trainSamples: trainPart.length > 0 ? trainPart.length : run.length, validationSamples: validationPart.length,
        note: `one take only: its first ${trainPart.length} samples train, its last ${validationPart.length} validate `
          + `(${gap} dropped between); record more takes for an honest figure`,
      });
      continue;
    }
    const count = Math.min(names.length - 1, Math.max(1, Math.round(names.length * options.holdOutFraction)));
    const shuffled = random.shuffle([...names]);
    const heldOut = new Set(shuffled.slice(0, count));
    const trainTakes = names.filter((name) => !heldOut.has(name));
    const validationTakes = names.filter((name) => heldOut.has(name));
    const trainPart = trainTakes.flatMap((name) => takes.get(name)!);
    const validationPart = validationTakes.flatMap((name) => takes.get(name)!);
    train.push(...trainPart);
    validation.push(...validationPart);
    labels.push({
      label, takes: names.length, trainTakes, validationTakes, trainSamples: trainPart.length, validationSamples: validationPart.length,
    });
  }
  return { train, validation, labels };
}
