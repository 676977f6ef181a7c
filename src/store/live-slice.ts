// Throttled summaries of the live recognition (a few times a second): current hands, latency and the hand search.
import type { StateCreator } from 'zustand';
import type { HandcastState } from './index';
import type { Handedness } from '../core/labels';
import type { LatencySummary } from '../core/stats/latency';

export interface HandSummary {
  readonly handedness: Handedness;
  readonly gesture: string;
  readonly gestureScore: number;
}

/** The hand search as the latency panel shows it. */
export interface DetectionSummary {
  readonly handsTracked: number;
  /** Palm-detector runs per second (the costly part of a frame). */
  readonly searchesPerSecond: number;
}

export interface LiveSlice {
  hands: HandSummary[];
  latency: LatencySummary | null;
  framesProcessed: number;
  frameErrors: number;
  lastFrameError: string | null;
  /** null in IMAGE mode or before the first frame. */
  detection: DetectionSummary | null;
  publishLive(update: {
    hands: HandSummary[]; latency: LatencySummary; framesProcessed: number; frameErrors: number; lastFrameError: string | null;
    detection: DetectionSummary | null;
  }): void;
  resetLive(): void;
}

export const createLiveSlice: StateCreator<HandcastState, [], [], LiveSlice> = (set) => ({
  hands: [],
  latency: null,
  framesProcessed: 0,
  frameErrors: 0,
  lastFrameError: null,
  detection: null,
  publishLive: (update) => set(update),
  resetLive: () => set({ hands: [], latency: null, framesProcessed: 0, frameErrors: 0, lastFrameError: null, detection: null }),
});
