// The contract between the pages, their workers and the service worker: the precache manifest and the messages they exchange.

/**
 * The service worker's file (tools/vite/offline-precache.ts), at the app's root (src/util/app-url.ts), so its
 * scope is every page of the app, wherever the app is hosted ("/" or a sub-path such as "/handcast/").
 */
export const SERVICE_WORKER_FILE = 'sw.js';

/** Workers announce the URLs they loaded on this channel; the page forwards them to the service worker. */
export const LOADED_RESOURCES_CHANNEL = 'handcast-loaded-resources';

/** Written into the service worker by the Vite plugin: one version of the app, every file of it. */
export interface PrecacheManifest {
  /** A hash of every URL and its content (build) or size and time (dev): it changes whenever any file changes. */
  readonly version: string;
  /** URLs relative to the app's root, where the service worker is ("index.html", "assets/main-1a2b.js", "models/hand_landmarker.task"). */
  readonly urls: readonly string[];
}

export type ToServiceWorker =
  /** Resources a page or worker loaded before the service worker controlled it: fetch and keep them. */
  | { readonly type: 'cache-urls'; readonly batch: number; readonly pages: readonly string[]; readonly resources: readonly string[] }
  | { readonly type: 'status'; readonly batch: number }
  /** The user accepted a waiting update: activate it now (the page reloads on controllerchange). */
  | { readonly type: 'skip-waiting' };

export interface OfflineStatusMessage {
  readonly type: 'offline-status';
  readonly version: string;
  /** The batch this answers (every batch gets one answer, after its URLs are stored). */
  readonly batch: number;
  /** URLs in this version's cache. */
  readonly cachedUrls: number;
  /** URLs of the batch that could not be stored, with the reason. */
  readonly failures: readonly string[];
}

export interface LoadedResourcesMessage {
  readonly type: 'loaded-resources';
  readonly urls: readonly string[];
}
