// Whether this page works offline: the service worker's state as the page sees it (src/offline/register.ts keeps it).
import type { StateCreator } from 'zustand';
import type { HandcastState } from './index';
import type { OfflineReadiness } from '../offline/register';

/*
 * Readiness:
 * - checking: registering the service worker.
 * - saving: the service worker is storing this version (first visit) or what the page loaded before it took over.
 * - ready: everything this page used is stored; it loads and recognises with no network.
 * - update-ready: a newer version is stored and waits for a reload (never mixed into the open page).
 * - unavailable: no offline use here (no service worker support, not a secure origin, or storing failed); `detail` says why.
 */

export interface OfflineState {
  readonly readiness: OfflineReadiness;
  /** The stored version (a hash of every file), once the service worker answered. */
  readonly version: string | null;
  readonly detail: string | null;
}

export interface OfflineSlice {
  offline: OfflineState;
  setOffline(patch: Partial<OfflineState>): void;
}

export const createOfflineSlice: StateCreator<HandcastState, [], [], OfflineSlice> = (set, get) => ({
  offline: { readiness: 'checking', version: null, detail: null },
  setOffline: (patch) => set({ offline: { ...get().offline, ...patch } }),
});
