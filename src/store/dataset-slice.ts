// The user's working gesture dataset and the recording in progress (updated per take and a few times a second, not per frame).
import type { StateCreator } from 'zustand';
import type { HandcastState } from './index';
import type { GestureDataset, TakeProgress } from '../core/dataset';

export interface DatasetSlice {
  dataset: GestureDataset;
  takeProgress: TakeProgress | null;
  setDataset(dataset: GestureDataset): void;
  setTakeProgress(progress: TakeProgress | null): void;
}

export const EMPTY_DATASET: GestureDataset = { id: 'my-gestures', name: 'My gestures', samples: [], createdAt: 0, updatedAt: 0 };

export const createDatasetSlice: StateCreator<HandcastState, [], [], DatasetSlice> = (set) => ({
  dataset: EMPTY_DATASET,
  takeProgress: null,
  setDataset: (dataset) => set({ dataset }),
  setTakeProgress: (takeProgress) => set({ takeProgress }),
});
