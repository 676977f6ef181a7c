// The training run shown in the page: phase, per-epoch history (for the live chart), and the last report.
import type { StateCreator } from 'zustand';
import type { HandcastState } from './index';
import type { UserTrainProgress, UserTrainReport } from '../core/train/user/user-model';

export interface TrainingState {
  readonly running: boolean;
  readonly latest: UserTrainProgress | null;
  /** One point per training epoch. */
  readonly history: readonly { readonly epoch: number; readonly loss: number; readonly validationAccuracy: number }[];
}

export interface TrainingSlice {
  training: TrainingState;
  trainReport: UserTrainReport | null;
  setTraining(training: TrainingState): void;
  setTrainReport(report: UserTrainReport | null): void;
}

export const IDLE_TRAINING: TrainingState = { running: false, latest: null, history: [] };

export const createTrainingSlice: StateCreator<HandcastState, [], [], TrainingSlice> = (set) => ({
  training: IDLE_TRAINING,
  trainReport: null,
  setTraining: (training) => set({ training }),
  setTrainReport: (trainReport) => set({ trainReport }),
});
