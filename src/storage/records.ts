// The records kept in each object store, how they are built, and the checks that let a damaged record be skipped and named.
import type { GestureDataset, GestureSample } from '../core/dataset/types';
import { countByLabel } from '../core/dataset/dataset';
import { describeDatasetOrModelNameProblem } from '../core/dataset/names';
import { checkSample } from '../core/dataset/sample';
import { parseGestureModelText } from '../core/model/gesture-model';
import { StorageError } from './errors';
import type { DatasetSummary, Listing, ModelSummary, StoredModel } from './handcast-db';

/** Dataset metadata; the samples are separate records so that adding one does not rewrite the rest. */
export interface DatasetRecord extends DatasetSummary {
  /** The `order` the next new sample gets: new samples go after every sample ever stored. */
  readonly nextOrder: number;
}

/** One sample, keyed [datasetId, id]; `order` keeps the dataset's sample order across reloads. */
export interface SampleRecord extends GestureSample {
  readonly datasetId: string;
  readonly order: number;
}

export type ModelRecord = StoredModel;

/** The metadata record of `dataset` as it will be after a save. */
export function datasetRecordOf(dataset: GestureDataset, nextOrder: number): DatasetRecord {
  const labelCounts = [...countByLabel(dataset.samples)].map(([label, count]) => ({ label, count }));
  return {
    id: dataset.id, name: dataset.name, createdAt: dataset.createdAt, updatedAt: dataset.updatedAt,
    sampleCount: dataset.samples.length, labelCounts, nextOrder,
  };
}

export function summaryOfDataset(record: DatasetRecord): DatasetSummary {
  const { nextOrder: _nextOrder, ...summary } = record;
  return summary;
}

/** Only the GestureSample fields, so nothing else (a UI object, a getter) is written to disk. */
export function sampleRecordOf(datasetId: string, sample: GestureSample, order: number): SampleRecord {
  const { id, label, landmarks, aspect, handedness, take, capturedAt, source } = sample;
  return {
    datasetId, order, id, label, landmarks, aspect, handedness, take, capturedAt,
    ...(source === undefined ? {} : { source }),
  };
}

/**
 * The usable samples of a dataset's records in stored order, and a problem sentence for each record that
 * fails checkSample (a damaged disk, an edited database, a bug in an older version): one bad record must
 * not make a whole dataset unreadable.
 */
export function samplesFromRecords(records: readonly unknown[]): { samples: GestureSample[]; problems: string[] } {
  const usable: { order: number; sample: GestureSample }[] = [];
  const problems: string[] = [];
  for (const record of records) {
    const fields = (typeof record === 'object' && record !== null ? record : {}) as Partial<SampleRecord>;
    const check = checkSample(record);
    const name = typeof fields.id === 'string' ? `sample ${fields.id}` : 'a sample';
    if (!check.ok) problems.push(`${name}: ${check.reason}`);
    else if (typeof fields.order !== 'number' || !Number.isFinite(fields.order)) problems.push(`${name}: has no order`);
    else usable.push({ order: fields.order, sample: check.sample });
  }
  usable.sort((a, b) => a.order - b.order);
  return { samples: usable.map((entry) => entry.sample), problems };
}

/** What every stored dataset and model record starts with: an object with an id and an allowed name; why not, or null. */
function describeNamedRecordProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'is not an object';
  const record = value as { id?: unknown; name?: unknown };
  if (typeof record.id !== 'string' || record.id === '') return 'has no id';
  return describeDatasetOrModelNameProblem(record.name);
}

/** The record typed, or why it is damaged. */
export function checkDatasetRecord(value: unknown): DatasetRecord | string {
  const problem = describeNamedRecordProblem(value);
  if (problem !== null) return problem;
  const record = value as Partial<DatasetRecord>;
  for (const key of ['createdAt', 'updatedAt', 'sampleCount', 'nextOrder'] as const) {
    if (typeof record[key] !== 'number' || !Number.isFinite(record[key])) return `${key} is not a number`;
  }
  const counts = record.labelCounts;
  if (!Array.isArray(counts) || !counts.every((entry) => typeof entry?.label === 'string' && typeof entry?.count === 'number')) {
    return 'labelCounts is not a list of {label, count}';
  }
  return record as DatasetRecord;
}

/** Checks a dataset before it is written; throws a StorageError 'invalid' naming the first problem. */
export function assertSavable(dataset: GestureDataset, samplesToWrite: readonly GestureSample[]): void {
  const nameProblem = describeDatasetOrModelNameProblem(dataset.name);
  if (nameProblem !== null) throw new StorageError('invalid', `Dataset ${nameProblem}`);
  if (typeof dataset.id !== 'string' || dataset.id === '') throw new StorageError('invalid', 'Dataset has no id');
  for (const sample of samplesToWrite) {
    const check = checkSample(sample);
    if (!check.ok) throw new StorageError('invalid', `Dataset "${dataset.name}" was not saved: sample ${sample.id} ${check.reason}`);
  }
}

/** Throws a StorageError 'invalid' when `name` is not an allowed model or dataset name. */
export function assertName(name: string, what: 'Dataset' | 'Model'): void {
  const problem = describeDatasetOrModelNameProblem(name);
  if (problem !== null) throw new StorageError('invalid', `${what} ${problem}`);
}

/**
 * A model record for `text`, after checking it the way the page checks a model file it loads;
 * an invalid file is refused with the parser's message (which names the offending field).
 */
export function modelRecordOf(id: string, name: string, text: string, createdAt: number): ModelRecord {
  assertName(name, 'Model');
  let labels: readonly string[];
  try {
    labels = parseGestureModelText(text).labels;
  } catch (error) {
    throw new StorageError('invalid', `Not a valid gesture model: ${(error as Error).message}`, { cause: error });
  }
  return { id, name, createdAt, labels: [...labels], size: new TextEncoder().encode(text).length, text };
}

export function summaryOfModel(record: ModelRecord): ModelSummary {
  const { text: _text, ...summary } = record;
  return summary;
}

/** The record typed, or why it is damaged (the text itself is checked when the model is opened). */
export function checkModelRecord(value: unknown): ModelRecord | string {
  const problem = describeNamedRecordProblem(value);
  if (problem !== null) return problem;
  const record = value as Partial<ModelRecord>;
  if (typeof record.createdAt !== 'number' || typeof record.size !== 'number') return 'createdAt or size is not a number';
  if (!Array.isArray(record.labels) || !record.labels.every((label) => typeof label === 'string')) return 'labels is not a list of names';
  if (typeof record.text !== 'string') return 'has no model text';
  return record as ModelRecord;
}

/** The stored model after re-checking its text: a record damaged since it was saved is refused by name. */
export function openModelRecord(value: unknown, id: string): StoredModel {
  const record = checkModelRecord(value);
  if (typeof record === 'string') throw new StorageError('corrupt', `Model ${id} is damaged (${record}); delete it, the other models are not affected`);
  try {
    parseGestureModelText(record.text);
  } catch (error) {
    throw new StorageError('corrupt', `Model "${record.name}" is damaged (${(error as Error).message}); delete it, the other models are not affected`, { cause: error });
  }
  return record;
}

/** The message for a name already taken by another model. */
export function modelNameTaken(name: string): StorageError {
  return new StorageError('conflict', `A model named "${name}" already exists: choose another name, or replace it`);
}

/**
 * Sample records for `samples` with their order: a sample already stored keeps its order (an edited
 * label must not move it), a new one goes after everything stored so far. `storedOrders[i]` is the
 * stored order of samples[i], or undefined when it is new.
 */
export function orderSampleRecords(
  datasetId: string, samples: readonly GestureSample[], storedOrders: readonly (number | undefined)[], nextOrder: number,
): { records: SampleRecord[]; nextOrder: number } {
  let next = nextOrder;
  const records = samples.map((sample, i) => {
    const stored = storedOrders[i];
    return sampleRecordOf(datasetId, sample, typeof stored === 'number' && Number.isFinite(stored) ? stored : next++);
  });
  return { records, nextOrder: next };
}

/** The stored order of a sample record read back, if it has a usable one. */
export function storedOrderOf(record: unknown): number | undefined {
  const order = typeof record === 'object' && record !== null ? (record as { order?: unknown }).order : undefined;
  return typeof order === 'number' ? order : undefined;
}

/** The usable items of a store, sorted, and a sentence for each damaged record. */
export function listRecords<R, T>(
  records: readonly unknown[], check: (value: unknown) => R | string, summarise: (record: R) => T, what: string,
  order: (a: R, b: R) => number,
): Listing<T> {
  const usable: R[] = [];
  const problems: string[] = [];
  for (const value of records) {
    const record = check(value);
    if (typeof record === 'string') problems.push(`a damaged ${what} record was skipped: ${record}`);
    else usable.push(record);
  }
  return { items: usable.sort(order).map(summarise), problems };
}

export function damagedDataset(id: string, reason: string): StorageError {
  return new StorageError('corrupt', `Dataset ${id} is damaged (${reason}) and cannot be opened; the other datasets are not affected`);
}

/** The unique name index refuses a duplicate with a bare ConstraintError: say which name. */
export function nameClash(error: unknown, name: string): unknown {
  return error instanceof StorageError && error.kind === 'conflict' ? modelNameTaken(name) : error;
}
