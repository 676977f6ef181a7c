// The service worker: keeps one complete version of Handcast (every page, module, wasm and model) so it runs with no network.
//
// Not a module: tools/vite/offline-precache.ts strips the types, prepends HANDCAST_PRECACHE and serves it as the
// classic script sw.js at the app's root (module service workers are not in every browser yet). Only type imports here.
//
// Strategy (docs/security.md, "Offline"):
// - One cache per version, `handcast-<version>`; the version is a hash of every file, baked into this script, so
//   any change to the app changes sw.js and the browser installs the new worker on the next online visit.
// - Install stores the whole manifest before the worker can serve anything; one failed file fails the install and
//   the version in use stays. A new version waits until the user reloads through the page's "Update ready" button
//   (or every Handcast tab is closed): an open page never gets files of two versions.
// - Manifest URLs are served cache-first (they belong to this version). Anything else (the dev server's modules,
//   which no manifest can list) is network-first, stored on the way, and served from the cache when offline.
// - Activate deletes every other version's cache and claims the open pages.
import type { OfflineStatusMessage, PrecacheManifest, ToServiceWorker } from './protocol';

declare const HANDCAST_PRECACHE: PrecacheManifest;

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE_PREFIX = 'handcast-';
const cacheName = `${CACHE_PREFIX}${HANDCAST_PRECACHE.version}`;
/** The manifest's URLs are relative to this script, the app's root: "/" on a dev server, "/handcast/" on a sub-path. */
const precachedUrls = HANDCAST_PRECACHE.urls.map((url) => new URL(url, sw.location.href));
const precached = new Set(precachedUrls.map((url) => url.pathname));
const scriptPath = new URL(sw.location.href).pathname;

/** The precache key of a navigation: ".../" is ".../index.html", ".../overlay" may be ".../overlay.html"; the query is ignored. */
function pageKey(url: URL): string {
  const path = url.pathname.endsWith('/') ? `${url.pathname}index.html` : url.pathname;
  if (!precached.has(path) && precached.has(`${path}.html`)) return `${path}.html`;
  return path;
}

/** Where a response is kept: manifest files and pages under their path, the rest under their full URL. */
function cacheKey(url: URL, isPage: boolean): string {
  if (isPage) return new URL(pageKey(url), url).href;
  if (url.search === '' && precached.has(url.pathname)) return new URL(url.pathname, url).href;
  return new URL(url.pathname + url.search, url).href;
}

function isPrecached(url: URL, isPage: boolean): boolean {
  return isPage ? precached.has(pageKey(url)) : url.search === '' && precached.has(url.pathname);
}

/** Only complete same-origin answers are kept: no errors, no redirects (a redirected page cannot be replayed). */
function isKeepable(response: Response): boolean {
  return response.ok && response.type === 'basic' && !response.redirected;
}

async function precacheVersion(): Promise<void> {
  const cache = await caches.open(cacheName);
  await Promise.all(precachedUrls.map(async (url) => {
    // 'reload': straight from the server, never an older copy from the HTTP cache.
    const response = await fetch(url.href, { cache: 'reload' });
    if (!isKeepable(response)) throw new Error(`${url.pathname}: HTTP ${response.status}`);
    await cache.put(url.href, response);
  }));
}

async function deleteOtherVersions(): Promise<void> {
  const names = await caches.keys();
  await Promise.all(names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== cacheName).map((name) => caches.delete(name)));
}

sw.addEventListener('install', (event) => event.waitUntil(precacheVersion()));

sw.addEventListener('activate', (event) => event.waitUntil(deleteOtherVersions().then(() => sw.clients.claim())));

/** A page gets a sentence; anything else fails as it would with no service worker (a fake 200 or 503 could mislead code that probes the network). */
function offlineAnswer(url: URL, isPage: boolean): Response {
  if (!isPage) return Response.error();
  return new Response(`Handcast is offline, and ${url.pathname} was not saved for offline use. Reconnect and reload.`, {
    status: 503,
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

async function respond(event: FetchEvent, url: URL): Promise<Response> {
  const isPage = event.request.mode === 'navigate';
  const key = cacheKey(url, isPage);
  const cache = await caches.open(cacheName);
  if (isPrecached(url, isPage)) {
    const hit = await cache.match(key, { ignoreVary: true });
    if (hit) return hit;
  }
  try {
    const response = await fetch(event.request);
    if (isKeepable(response)) event.waitUntil(cache.put(key, response.clone()));
    return response;
  } catch {
    return (await cache.match(key, { ignoreVary: true })) ?? offlineAnswer(url, isPage);
  }
}

sw.addEventListener('fetch', (event) => {
  const { request } = event;
  // Range requests (media seeking) and other origins go straight to the network, untouched.
  if (request.method !== 'GET' || request.headers.has('range')) return;
  // The Vite dev client's "is the server back?" probe must see the real network, or it reloads the page in a loop.
  if (request.headers.get('accept') === 'text/x-vite-ping') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin || url.pathname === scriptPath) return;
  event.respondWith(respond(event, url));
});

/** Same-origin http(s) URLs only; anything else in a message is ignored. */
function sameOriginUrl(text: unknown): URL | null {
  if (typeof text !== 'string') return null;
  try {
    const url = new URL(text, sw.location.href);
    return url.origin === sw.location.origin && url.pathname !== scriptPath ? url : null;
  } catch {
    return null;
  }
}

/** Stores what a page loaded before this worker controlled it; returns the URLs that failed, with why. */
async function cacheReported(pages: readonly unknown[], resources: readonly unknown[]): Promise<string[]> {
  const cache = await caches.open(cacheName);
  const wanted = [
    ...pages.map((text) => ({ url: sameOriginUrl(text), isPage: true })),
    ...resources.map((text) => ({ url: sameOriginUrl(text), isPage: false })),
  ];
  const failures: string[] = [];
  await Promise.all(wanted.map(async ({ url, isPage }) => {
    if (!url) return;
    const key = cacheKey(url, isPage);
    if (await cache.match(key, { ignoreVary: true })) return;
    try {
      const response = await fetch(url.href, isPage ? { headers: { Accept: 'text/html' } } : {});
      if (isKeepable(response)) await cache.put(key, response);
      else failures.push(`${url.pathname}: HTTP ${response.status}`);
    } catch (error) {
      failures.push(`${url.pathname}: ${String(error)}`);
    }
  }));
  return failures;
}

async function status(batch: number, failures: readonly string[]): Promise<OfflineStatusMessage> {
  const cache = await caches.open(cacheName);
  return { type: 'offline-status', version: HANDCAST_PRECACHE.version, batch, cachedUrls: (await cache.keys()).length, failures };
}

sw.addEventListener('message', (event) => {
  const message = event.data as ToServiceWorker | null;
  const reply = (answer: OfflineStatusMessage) => (event.source as Client | null)?.postMessage(answer);
  if (message?.type === 'cache-urls') {
    const pages = Array.isArray(message.pages) ? message.pages : [];
    const resources = Array.isArray(message.resources) ? message.resources : [];
    event.waitUntil(cacheReported(pages, resources).then((failures) => status(message.batch, failures)).then(reply));
  } else if (message?.type === 'status') {
    event.waitUntil(status(message.batch, []).then(reply));
  } else if (message?.type === 'skip-waiting') {
    event.waitUntil(sw.skipWaiting());
  }
});
