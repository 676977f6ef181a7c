// Throttled summaries of the live recognition (a few times a second): current hands and latency.
import type { StateCreator } from 'zustand';
import type { HandcastState } from './index';
import type { Handedness } from '../core/labels';
import type { LatencySummary } from '../core/stats/latency';

export interface HandSummary {
  readonly handedness: Handedness;
  readonly gesture: string;
  readonly gestureScore: number;
}

export interface LiveSlice {
  hands: HandSummary[];
  latency: LatencySummary | null;
  framesProcessed: number;
  frameErrors: number;
  lastFrameError: string | null;
  publishLive(update: { hands: HandSummary[]; latency: LatencySummary; framesProcessed: number; frameErrors: number; lastFrameError: string | null }): void;
  resetLive(): void;
}

export const createLiveSlice: StateCreator<HandcastState, [], [], LiveSlice> = (set) => ({
  hands: [],
  latency: null,
  framesProcessed: 0,
  frameErrors: 0,
  lastFrameError: null,
  publishLive: (update) => set(update),
  resetLive: () => set({ hands: [], latency: null, framesProcessed: 0, frameErrors: 0, lastFrameError: null }),
});
