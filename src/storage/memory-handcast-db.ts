// HandcastDb in memory: the fallback when the browser refuses IndexedDB, with the same checks and messages (nothing survives a reload).
import type { DatasetChanges } from '../core/dataset/dataset';
import { randomId } from '../core/dataset/sample';
import type { GestureDataset } from '../core/dataset/types';
import { StorageError } from './errors';
import type {
  DatasetSummary, HandcastDb, Listing, LoadedDataset, ModelSummary, SaveModelOptions, StoredModel,
} from './handcast-db';
import type { DbClock } from './idb-handcast-db';
import {
  assertName, assertSavable, checkDatasetRecord, checkModelRecord, damagedDataset, datasetRecordOf, listRecords,
  modelNameTaken, modelRecordOf, openModelRecord, orderSampleRecords, samplesFromRecords, summaryOfDataset,
  summaryOfModel, type DatasetRecord, type ModelRecord, type SampleRecord,
} from './records';

/**
 * Records are copied in and out (structuredClone, as IndexedDB does), so a caller mutating what it got
 * back cannot change what is stored. Every check runs before the first write, so an operation that
 * fails changes nothing, like a transaction.
 */
export class MemoryHandcastDb implements HandcastDb {
  readonly persistent = false;
  private readonly datasets = new Map<string, DatasetRecord>();
  private readonly samples = new Map<string, Map<string, SampleRecord>>();
  private readonly models = new Map<string, ModelRecord>();

  constructor(private readonly clock: DbClock = { now: Date.now, newId: randomId }) {}

  async listDatasets(): Promise<Listing<DatasetSummary>> {
    const records = [...this.datasets.values()].map((record) => structuredClone(record));
    return listRecords(records, checkDatasetRecord, summaryOfDataset, 'dataset', (a, b) => b.updatedAt - a.updatedAt);
  }

  async getDataset(id: string): Promise<LoadedDataset | null> {
    const stored = this.datasets.get(id);
    if (stored === undefined) return null;
    const record = checkDatasetRecord(stored);
    if (typeof record === 'string') throw damagedDataset(id, record);
    const { samples, problems } = samplesFromRecords(structuredClone([...(this.samples.get(id)?.values() ?? [])]));
    const { name, createdAt, updatedAt } = record;
    return { dataset: { id, name, createdAt, updatedAt, samples }, problems };
  }

  async saveDataset(dataset: GestureDataset, changes?: DatasetChanges): Promise<DatasetSummary> {
    assertSavable(dataset, changes?.put ?? dataset.samples);
    const stored = this.datasets.get(dataset.id);
    const incremental = changes !== undefined && stored !== undefined;
    const existing = incremental ? this.samples.get(dataset.id) ?? new Map<string, SampleRecord>() : new Map<string, SampleRecord>();
    const toWrite = incremental ? changes.put : dataset.samples;
    const storedOrders = toWrite.map((sample) => existing.get(sample.id)?.order);
    const ordered = orderSampleRecords(dataset.id, toWrite, storedOrders, incremental ? stored.nextOrder : 0);
    const next = new Map(existing);
    if (incremental) for (const id of changes.remove) next.delete(id);
    for (const record of structuredClone(ordered.records)) next.set(record.id, record);
    const record = datasetRecordOf(dataset, ordered.nextOrder);
    this.samples.set(dataset.id, next);
    this.datasets.set(dataset.id, structuredClone(record));
    return summaryOfDataset(record);
  }

  async deleteDataset(id: string): Promise<void> {
    this.datasets.delete(id);
    this.samples.delete(id);
  }

  async renameDataset(id: string, name: string): Promise<DatasetSummary> {
    assertName(name, 'Dataset');
    const stored = this.datasets.get(id);
    if (stored === undefined) throw new StorageError('not-found', 'That dataset no longer exists');
    const renamed: DatasetRecord = { ...stored, name, updatedAt: this.clock.now() };
    this.datasets.set(id, structuredClone(renamed));
    return summaryOfDataset(renamed);
  }

  async listModels(): Promise<Listing<ModelSummary>> {
    const records = [...this.models.values()].map((record) => structuredClone(record));
    return listRecords(records, checkModelRecord, summaryOfModel, 'model', (a, b) => b.createdAt - a.createdAt);
  }

  async saveModel(name: string, modelText: string, options: SaveModelOptions = {}): Promise<ModelSummary> {
    const record = modelRecordOf(this.clock.newId(), name, modelText, this.clock.now());
    const sameName = this.modelNamed(name);
    if (sameName !== undefined && !options.replace) throw modelNameTaken(name);
    const saved: ModelRecord = sameName === undefined ? record : { ...record, id: sameName.id };
    this.models.set(saved.id, structuredClone(saved));
    return summaryOfModel(saved);
  }

  async getModel(id: string): Promise<StoredModel | null> {
    const stored = this.models.get(id);
    return stored === undefined ? null : openModelRecord(structuredClone(stored), id);
  }

  async renameModel(id: string, name: string): Promise<ModelSummary> {
    assertName(name, 'Model');
    const stored = this.models.get(id);
    if (stored === undefined) throw new StorageError('not-found', 'That model no longer exists');
    const sameName = this.modelNamed(name);
    if (sameName !== undefined && sameName.id !== id) throw modelNameTaken(name);
    const renamed: ModelRecord = { ...stored, name };
    this.models.set(id, structuredClone(renamed));
    return summaryOfModel(renamed);
  }

  async deleteModel(id: string): Promise<void> {
    this.models.delete(id);
  }

  close(): void {}

  private modelNamed(name: string): ModelRecord | undefined {
    return [...this.models.values()].find((model) => model.name === name);
  }
}
