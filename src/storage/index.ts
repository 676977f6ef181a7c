// Handcast's storage, as the page and its workers use it: open it, then list, read, save, rename and delete.
export { STORAGE_MESSAGES, StorageError, type StorageErrorKind } from './errors';
export type {
  DatasetSummary, HandcastDb, Listing, LoadedDataset, ModelSummary, SaveModelOptions, StoredModel,
} from './handcast-db';
export { openHandcastDb, requestPersistentStorage, type OpenedStorage, type OpenOptions } from './open';
