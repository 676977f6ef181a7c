// The one store: settings, session status and throttled live summaries. Per-frame data never passes through here.
import { create } from 'zustand';
import { createSettingsSlice, type SettingsSlice } from './settings-slice';
import { createSessionSlice, type SessionSlice } from './session-slice';
import { createLiveSlice, type LiveSlice } from './live-slice';
import { createDatasetSlice, type DatasetSlice } from './dataset-slice';
import { createTrainingSlice, type TrainingSlice } from './training-slice';
import { createStreamSlice, type StreamSlice } from './stream-slice';
import { createOfflineSlice, type OfflineSlice } from './offline-slice';

export type HandcastState = SettingsSlice & SessionSlice & LiveSlice & DatasetSlice & TrainingSlice & StreamSlice & OfflineSlice;

export const useHandcastStore = create<HandcastState>()((...a) => ({
  ...createSettingsSlice(...a),
  ...createSessionSlice(...a),
  ...createLiveSlice(...a),
  ...createDatasetSlice(...a),
  ...createTrainingSlice(...a),
  ...createStreamSlice(...a),
  ...createOfflineSlice(...a),
}));

/** Store access outside React (the session controller, tests). */
export const handcastStore = useHandcastStore;
