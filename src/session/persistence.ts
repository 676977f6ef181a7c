// Keeps the working dataset in IndexedDB: loaded at start, saved after every change (only what changed), errors shown, nothing lost.
import { addSamples, diffDatasets, type GestureDataset } from '../core/dataset';
import { openHandcastDb, type HandcastDb } from '../storage';
import { EMPTY_DATASET } from '../store/dataset-slice';
import { handcastStore } from '../store';

let storage: Promise<HandcastDb> | null = null;
/** The dataset as last written, to save only the difference. */
let saved: GestureDataset | null = null;
/** The save queue: each save starts when the one before it has finished. */
let saving: Promise<void> = Promise.resolve();

/** Opens the storage once (IndexedDB, or memory with a notice when the browser refuses it). */
export function handcastDb(): Promise<HandcastDb> {
  storage ??= openHandcastDb().then(({ db, notice }) => {
    if (notice) handcastStore.getState().notify({ kind: 'warning', text: notice });
    return db;
  });
  return storage;
}

/** Loads the working dataset into the store, then saves every later change of it. */
export async function restoreWorkingDataset(): Promise<void> {
  const db = await handcastDb();
  handcastStore.subscribe((state, previous) => {
    if (state.dataset !== previous.dataset) queueSave(state.dataset);
  });
  try {
    const loaded = await db.getDataset(EMPTY_DATASET.id);
    if (loaded) {
      saved = loaded.dataset;
      // Takes recorded while the storage was opening are kept, after the stored ones.
      const recordedMeanwhile = handcastStore.getState().dataset.samples;
      handcastStore.getState().setDataset(recordedMeanwhile.length > 0 ? addSamples(loaded.dataset, recordedMeanwhile, Date.now()) : loaded.dataset);
      if (loaded.problems.length > 0) {
        handcastStore.getState().notify({
          kind: 'warning',
          text: `${loaded.problems.length} damaged sample record${loaded.problems.length === 1 ? ' was' : 's were'} skipped; the rest of your gestures loaded.`,
        });
      }
    }
  } catch (error) {
    handcastStore.getState().notify({ kind: 'error', text: (error as Error).message });
  }
}

function queueSave(dataset: GestureDataset): void {
  saving = saving.then(async () => {
    const db = await handcastDb();
    try {
      await db.saveDataset(dataset, saved ? diffDatasets(saved, dataset) : undefined);
      saved = dataset;
      handcastStore.getState().dismissNotice(SAVE_FAILED);
    } catch (error) {
      // The dataset stays in memory; the next change retries with the difference from the last good save.
      handcastStore.getState().notify({ id: SAVE_FAILED, kind: 'error', text: `Your gestures could not be saved: ${(error as Error).message}` });
    }
  });
}
/** The notice of a failed save; the next good save dismisses it. */
const SAVE_FAILED = 'dataset-save-failed';

