// HandcastDb on IndexedDB: one transaction per operation, damaged records skipped and named, errors as plain messages.
import type { DatasetChanges } from '../core/dataset/dataset';
import { randomId } from '../core/dataset/sample';
import type { GestureDataset, GestureSample } from '../core/dataset/types';
import { STORAGE_MESSAGES, StorageError, toStorageError } from './errors';
import type {
  DatasetSummary, HandcastDb, Listing, LoadedDataset, ModelSummary, SaveModelOptions, StoredModel,
} from './handcast-db';
import { settle, transact } from './idb-requests';
import {
  assertName, assertSavable, checkDatasetRecord, checkModelRecord, datasetRecordOf, modelNameTaken, modelRecordOf,
  damagedDataset, listRecords, nameClash, openModelRecord, orderSampleRecords, samplesFromRecords, storedOrderOf,
  summaryOfDataset, summaryOfModel, type DatasetRecord, type ModelRecord,
} from './records';
import { MODELS_BY_NAME, SAMPLES_BY_DATASET, STORES } from './schema';

/**
 * Every sample key of one dataset: keys are [datasetId, sampleId] and an array sorts after every string,
 * so [id] … [id, []] spans exactly that dataset's samples (damaged ones included).
 */
function samplesOf(datasetId: string): IDBKeyRange {
  return IDBKeyRange.bound([datasetId], [datasetId, []]);
}

export interface DbClock {
  /** Milliseconds since the epoch, for model createdAt and rename times. */
  readonly now: () => number;
  readonly newId: () => string;
}

export class IdbHandcastDb implements HandcastDb {
  readonly persistent = true;
  private closedBecause: StorageError | null = null;

  constructor(private readonly db: IDBDatabase, private readonly clock: DbClock = { now: Date.now, newId: randomId }) {
    // Another tab is upgrading the schema: give way at once instead of blocking it, and say why saving stopped.
    db.onversionchange = () => {
      db.close();
      this.closedBecause = new StorageError('closed', STORAGE_MESSAGES.closed);
    };
    // The browser closed the connection (storage cleared, disk error).
    db.onclose = () => {
      this.closedBecause ??= new StorageError('closed', STORAGE_MESSAGES.closed);
    };
  }

  /** Runs one logical operation as one transaction; any failure becomes a StorageError. */
  private async run<T>(stores: string[], mode: IDBTransactionMode, body: (tx: IDBTransaction) => Promise<T>): Promise<T> {
    if (this.closedBecause !== null) throw this.closedBecause;
    try {
      return await transact(this.db, stores, mode, body);
    } catch (error) {
      throw toStorageError(error);
    }
  }

  listDatasets(): Promise<Listing<DatasetSummary>> {
    return this.run([STORES.datasets], 'readonly', async (tx) => {
      const records = await settle(tx.objectStore(STORES.datasets).getAll());
      return listRecords(records, checkDatasetRecord, summaryOfDataset, 'dataset', (a, b) => b.updatedAt - a.updatedAt);
    });
  }

  getDataset(id: string): Promise<LoadedDataset | null> {
    return this.run([STORES.datasets, STORES.samples], 'readonly', async (tx) => {
      const stored: unknown = await settle(tx.objectStore(STORES.datasets).get(id));
      if (stored === undefined) return null;
      const record = checkDatasetRecord(stored);
      if (typeof record === 'string') throw damagedDataset(id, record);
      const sampleRecords = await settle(tx.objectStore(STORES.samples).index(SAMPLES_BY_DATASET).getAll(id));
      const { samples, problems } = samplesFromRecords(sampleRecords);
      const { name, createdAt, updatedAt } = record;
      return { dataset: { id, name, createdAt, updatedAt, samples }, problems };
    });
  }

  async saveDataset(dataset: GestureDataset, changes?: DatasetChanges): Promise<DatasetSummary> {
    assertSavable(dataset, changes?.put ?? dataset.samples);
    return this.run([STORES.datasets, STORES.samples], 'readwrite', async (tx) => {
      const datasets = tx.objectStore(STORES.datasets);
      const samples = tx.objectStore(STORES.samples);
      const stored = checkDatasetRecord(await settle(datasets.get(dataset.id)));
      // Without a usable record there is no nextOrder to continue from: rewrite the whole dataset.
      const incremental = changes !== undefined && typeof stored !== 'string';
      let toWrite: readonly GestureSample[] = dataset.samples;
      let storedOrders: (number | undefined)[] = [];
      let nextOrder = 0;
      if (incremental) {
        toWrite = changes.put;
        const existing = await Promise.all(toWrite.map((sample) => settle(samples.get([dataset.id, sample.id]))));
        storedOrders = existing.map(storedOrderOf);
        nextOrder = stored.nextOrder;
        for (const id of changes.remove) samples.delete([dataset.id, id]);
      } else {
        samples.delete(samplesOf(dataset.id));
      }
      const ordered = orderSampleRecords(dataset.id, toWrite, storedOrders, nextOrder);
      for (const record of ordered.records) samples.put(record);
      const record = datasetRecordOf(dataset, ordered.nextOrder);
      datasets.put(record);
      return summaryOfDataset(record);
    });
  }

  deleteDataset(id: string): Promise<void> {
    return this.run([STORES.datasets, STORES.samples], 'readwrite', async (tx) => {
      tx.objectStore(STORES.datasets).delete(id);
      tx.objectStore(STORES.samples).delete(samplesOf(id));
    });
  }

  async renameDataset(id: string, name: string): Promise<DatasetSummary> {
    assertName(name, 'Dataset');
    return this.run([STORES.datasets], 'readwrite', async (tx) => {
      const datasets = tx.objectStore(STORES.datasets);
      const stored: unknown = await settle(datasets.get(id));
      if (stored === undefined) throw new StorageError('not-found', 'That dataset no longer exists (deleted in another tab?)');
      const record = checkDatasetRecord(stored);
      if (typeof record === 'string') throw damagedDataset(id, record);
      const renamed: DatasetRecord = { ...record, name, updatedAt: this.clock.now() };
      datasets.put(renamed);
      return summaryOfDataset(renamed);
    });
  }

  listModels(): Promise<Listing<ModelSummary>> {
    return this.run([STORES.models], 'readonly', async (tx) => {
      const records = await settle(tx.objectStore(STORES.models).getAll());
      return listRecords(records, checkModelRecord, summaryOfModel, 'model', (a, b) => b.createdAt - a.createdAt);
    });
  }

  async saveModel(name: string, modelText: string, options: SaveModelOptions = {}): Promise<ModelSummary> {
    const record = modelRecordOf(this.clock.newId(), name, modelText, this.clock.now());
    try {
      return await this.run([STORES.models], 'readwrite', async (tx) => {
        const models = tx.objectStore(STORES.models);
        const sameName: unknown = await settle(models.index(MODELS_BY_NAME).get(name));
        if (sameName !== undefined && !options.replace) throw modelNameTaken(name);
        const saved: ModelRecord = sameName === undefined ? record : { ...record, id: (sameName as ModelRecord).id };
        models.put(saved);
        return summaryOfModel(saved);
      });
    } catch (error) {
      throw nameClash(error, name);
    }
  }

  getModel(id: string): Promise<StoredModel | null> {
    return this.run([STORES.models], 'readonly', async (tx) => {
      const stored: unknown = await settle(tx.objectStore(STORES.models).get(id));
      return stored === undefined ? null : openModelRecord(stored, id);
    });
  }

  async renameModel(id: string, name: string): Promise<ModelSummary> {
    assertName(name, 'Model');
    try {
      return await this.run([STORES.models], 'readwrite', async (tx) => {
        const models = tx.objectStore(STORES.models);
        const stored: unknown = await settle(models.get(id));
        if (stored === undefined) throw new StorageError('not-found', 'That model no longer exists (deleted in another tab?)');
        const record = checkModelRecord(stored);
        if (typeof record === 'string') throw new StorageError('corrupt', `Model ${id} is damaged (${record}); delete it`);
        const renamed: ModelRecord = { ...record, name };
        models.put(renamed);
        return summaryOfModel(renamed);
      });
    } catch (error) {
      throw nameClash(error, name);
    }
  }

  deleteModel(id: string): Promise<void> {
    return this.run([STORES.models], 'readwrite', async (tx) => {
      tx.objectStore(STORES.models).delete(id);
    });
  }

  close(): void {
    this.db.close();
    this.closedBecause ??= new StorageError('closed', 'Storage was closed; reload the page');
  }
}
