// The storage contract the page uses, whether backed by IndexedDB or (when the browser refuses it) by memory.
import type { DatasetChanges } from '../core/dataset/dataset';
import type { GestureDataset } from '../core/dataset/types';

/** Items that could be read, and a sentence for each record that could not (so the page can say so). */
export interface Listing<T> {
  readonly items: T[];
  readonly problems: string[];
}

export interface DatasetSummary {
  readonly id: string;
  readonly name: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly sampleCount: number;
  /** Samples per label, in order of first appearance. */
  readonly labelCounts: readonly { readonly label: string; readonly count: number }[];
}

/** A dataset as read back: damaged sample records are left out and described in `problems`. */
export interface LoadedDataset {
  readonly dataset: GestureDataset;
  readonly problems: string[];
}

export interface ModelSummary {
  readonly id: string;
  readonly name: string;
  readonly createdAt: number;
  /** The model's output labels. */
  readonly labels: readonly string[];
  /** Size of the model file in bytes (UTF-8). */
  readonly size: number;
}

/** A stored model with its file text, exactly as saved (export writes it back unchanged). */
export interface StoredModel extends ModelSummary {
  readonly text: string;
}

export interface SaveModelOptions {
  /** Overwrite a model of the same name instead of refusing. */
  readonly replace?: boolean;
}

/**
 * Every method rejects only with a StorageError whose message can be shown as it is. Each write is one
 * transaction: it applies whole or not at all. User models only: the bundled default model is not stored,
 * so it cannot be deleted and is always there to fall back to.
 */
export interface HandcastDb {
  /** False for the in-memory fallback: nothing survives a reload. */
  readonly persistent: boolean;

  listDatasets(): Promise<Listing<DatasetSummary>>;
  /** The dataset, or null if there is none with this id. */
  getDataset(id: string): Promise<LoadedDataset | null>;
  /**
   * Writes the dataset. With `changes` (diffDatasets of the last saved version and this one) only those
   * samples are written or deleted; without, every sample is written and stored samples not in the
   * dataset are deleted.
   */
  saveDataset(dataset: GestureDataset, changes?: DatasetChanges): Promise<DatasetSummary>;
  deleteDataset(id: string): Promise<void>;
  renameDataset(id: string, name: string): Promise<DatasetSummary>;

  listModels(): Promise<Listing<ModelSummary>>;
  /** Validates `modelText` as a gesture model file first; an invalid one is refused with the parser's reason. */
  saveModel(name: string, modelText: string, options?: SaveModelOptions): Promise<ModelSummary>;
  /** The model, or null if there is none with this id; a stored file that no longer parses is a 'corrupt' error. */
  getModel(id: string): Promise<StoredModel | null>;
  renameModel(id: string, name: string): Promise<ModelSummary>;
  deleteModel(id: string): Promise<void>;

  close(): void;
}
