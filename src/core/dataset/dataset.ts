// Immutable edits and counts of a GestureDataset; unchanged samples keep their identity so changes can be saved incrementally.
import { describeDatasetOrModelNameProblem, describeLabelProblem } from './names';
import { checkSample } from './sample';
import type { GestureDataset, GestureSample } from './types';

/** A new, empty dataset. Throws if the name is not allowed (check it with describeDatasetOrModelNameProblem first). */
export function createDataset(name: string, id: string, now: number): GestureDataset {
  assertValid(describeDatasetOrModelNameProblem(name));
  return { id, name, samples: [], createdAt: now, updatedAt: now };
}

/** How many samples each label has, in order of first appearance. */
export function countByLabel(samples: readonly GestureSample[]): Map<string, number> {
  return countBy(samples, (sample) => sample.label);
}

/** How many samples each take has, in order of first appearance. */
export function countByTake(samples: readonly GestureSample[]): Map<string, number> {
  return countBy(samples, (sample) => sample.take);
}

/** The labels of each take (normally one), for a split by take that must keep every label on both sides. */
export function labelsByTake(samples: readonly GestureSample[]): Map<string, Set<string>> {
  const labels = new Map<string, Set<string>>();
  for (const sample of samples) {
    const set = labels.get(sample.take) ?? new Set<string>();
    set.add(sample.label);
    labels.set(sample.take, set);
  }
  return labels;
}

// A Map, not an object: "__proto__" is a valid label.
function countBy(samples: readonly GestureSample[], key: (sample: GestureSample) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const sample of samples) counts.set(key(sample), (counts.get(key(sample)) ?? 0) + 1);
  return counts;
}

/**
 * Appends samples. Throws when one is invalid or its id is already in the dataset: the recorder and the
 * importers produce checked samples, so either means a bug, not bad input.
 */
export function addSamples(dataset: GestureDataset, samples: readonly GestureSample[], now: number): GestureDataset {
  const ids = new Set(dataset.samples.map((sample) => sample.id));
  for (const sample of samples) {
    const check = checkSample(sample);
    if (!check.ok) throw new Error(`sample ${sample.id}: ${check.reason}`);
    if (ids.has(sample.id)) throw new Error(`sample ${sample.id} is already in dataset ${dataset.id}`);
    ids.add(sample.id);
  }
  return { ...dataset, samples: [...dataset.samples, ...samples], updatedAt: now };
}

/** Removes the samples whose id is in `ids` (unknown ids are ignored). */
export function removeSamples(dataset: GestureDataset, ids: Iterable<string>, now: number): GestureDataset {
  const removed = new Set(ids);
  return { ...dataset, samples: dataset.samples.filter((sample) => !removed.has(sample.id)), updatedAt: now };
}

/** Removes every sample of one take (undoing one recording). */
export function removeTake(dataset: GestureDataset, take: string, now: number): GestureDataset {
  return { ...dataset, samples: dataset.samples.filter((sample) => sample.take !== take), updatedAt: now };
}

/**
 * Relabels every sample labelled `from` as `to`; renaming onto an existing label merges the two.
 * Throws if `to` is not an allowed label. Only the relabelled samples become new objects.
 */
export function renameLabel(dataset: GestureDataset, from: string, to: string, now: number): GestureDataset {
  assertValid(describeLabelProblem(to));
  const samples = dataset.samples.map((sample) => (sample.label === from ? { ...sample, label: to } : sample));
  return { ...dataset, samples, updatedAt: now };
}

/** The dataset under another name. Throws if the name is not allowed. */
export function renameDataset(dataset: GestureDataset, name: string, now: number): GestureDataset {
  assertValid(describeDatasetOrModelNameProblem(name));
  return { ...dataset, name, updatedAt: now };
}

function assertValid(problem: string | null): void {
  if (problem !== null) throw new Error(problem);
}

/** Sample writes and deletions that turn one saved version of a dataset into another. */
export interface DatasetChanges {
  /** Samples to write: new, or edited (a different object under the same id). */
  readonly put: readonly GestureSample[];
  /** Ids of samples no longer in the dataset. */
  readonly remove: readonly string[];
}

/**
 * What changed from `before` (the version last saved) to `after`, found by object identity: the helpers
 * above never mutate, so a sample that is the same object is unchanged and need not be written again.
 */
export function diffDatasets(before: GestureDataset, after: GestureDataset): DatasetChanges {
  const previous = new Map(before.samples.map((sample) => [sample.id, sample]));
  const put = after.samples.filter((sample) => previous.get(sample.id) !== sample);
  const kept = new Set(after.samples.map((sample) => sample.id));
  const remove = before.samples.filter((sample) => !kept.has(sample.id)).map((sample) => sample.id);
  return { put, remove };
}
