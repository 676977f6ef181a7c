// The IndexedDB layout: database name, schema version, object stores, and the migrations between versions.
import type { Upgrade } from './idb-requests';

export const DB_NAME = 'handcast';

/** Object store names. */
export const STORES = {
  /** Dataset metadata (DatasetRecord), key `id`. */
  datasets: 'datasets',
  /** One GestureSample per record (SampleRecord), key [datasetId, id], index `byDataset` on datasetId. */
  samples: 'samples',
  /** One model file per record (ModelRecord), key `id`, unique index `byName`. */
  models: 'models',
} as const;

export const SAMPLES_BY_DATASET = 'byDataset';
export const MODELS_BY_NAME = 'byName';

/**
 * One step per schema version: MIGRATIONS[v] takes the database from version v to v + 1. A later version
 * appends a step (never edits an old one), so any older database, or none, is brought up to date in order.
 */
export const MIGRATIONS: readonly ((db: IDBDatabase, tx: IDBTransaction) => void)[] = [
  (db) => {
    db.createObjectStore(STORES.datasets, { keyPath: 'id' });
    const samples = db.createObjectStore(STORES.samples, { keyPath: ['datasetId', 'id'] });
    samples.createIndex(SAMPLES_BY_DATASET, 'datasetId');
    const models = db.createObjectStore(STORES.models, { keyPath: 'id' });
    models.createIndex(MODELS_BY_NAME, 'name', { unique: true });
  },
];

export const DB_VERSION = MIGRATIONS.length;

/** Runs the migrations from `oldVersion` (0 for a new database) up to the version of `migrations`. */
export function upgradeWith(migrations: readonly ((db: IDBDatabase, tx: IDBTransaction) => void)[]): Upgrade {
  return (db, oldVersion, tx) => {
    for (let version = oldVersion; version < migrations.length; version++) migrations[version](db, tx);
  };
}

/** True when every store of this version exists (a database damaged or made by something else may lack them). */
export function hasCurrentStores(db: IDBDatabase): boolean {
  return Object.values(STORES).every((store) => db.objectStoreNames.contains(store));
}
