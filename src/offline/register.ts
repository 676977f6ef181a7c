// The page's side of offline use: registers the service worker, reports what loaded before it took over, and watches for updates.
import { appUrl } from '../util/app-url';
import {
  LOADED_RESOURCES_CHANNEL, SERVICE_WORKER_FILE,
  type LoadedResourcesMessage, type OfflineStatusMessage, type ToServiceWorker,
} from './protocol';

export type OfflineReadiness = 'checking' | 'saving' | 'ready' | 'update-ready' | 'unavailable';

export interface OfflineUpdate {
  readonly readiness?: OfflineReadiness;
  readonly version?: string;
  readonly detail?: string | null;
}

let registration: ServiceWorkerRegistration | null = null;

/** Why this page cannot use a service worker, or null when it can. */
export function offlineUnsupportedReason(scope: { isSecureContext: boolean; location: { origin: string }; navigator: Navigator }): string | null {
  // First: browsers hide navigator.serviceWorker on insecure origins, which is not the browser's fault.
  if (!scope.isSecureContext) {
    return `service workers need https or localhost, and this page is served from ${scope.location.origin}; it works online only.`;
  }
  if (!('serviceWorker' in scope.navigator)) return 'this browser has no service workers, so Handcast needs the network on every visit.';
  return null;
}

/** The service worker and its scope: the app's root, wherever the app is hosted. */
function serviceWorkerLocation(): { script: URL; scope: URL } {
  return { script: new URL(appUrl(SERVICE_WORKER_FILE), location.href), scope: new URL(appUrl(''), location.href) };
}

function sameOriginUrls(urls: readonly string[]): string[] {
  const { script } = serviceWorkerLocation();
  return urls.filter((url) => {
    try {
      const parsed = new URL(url, location.href);
      return parsed.origin === location.origin && parsed.pathname !== script.pathname;
    } catch {
      return false;
    }
  });
}

/**
 * Registers sw.js for the whole app (any page calls this, once, early) and reports progress through `onChange`.
 * Registration waits for the load event, so storing the app never competes with the page's own loading; workers'
 * reports are collected from the start and held until then. Never throws: a failure becomes readiness
 * 'unavailable' with the reason, and the page keeps working online.
 */
export async function registerOfflineSupport(onChange: (update: OfflineUpdate) => void): Promise<void> {
  const unsupported = offlineUnsupportedReason(window);
  if (unsupported) {
    onChange({ readiness: 'unavailable', detail: unsupported });
    return;
  }
  const reports = collectLoadedResources();
  if (document.readyState !== 'complete') await new Promise((resolve) => window.addEventListener('load', resolve, { once: true }));

  const container = navigator.serviceWorker;
  try {
    // Some embedders (and browser automation) answer without a registration instead of failing.
    const { script, scope } = serviceWorkerLocation();
    registration = (await container.register(script.href, { scope: scope.href, updateViaCache: 'none' })) ?? null;
  } catch (error) {
    reports.stop();
    onChange({ readiness: 'unavailable', detail: `the service worker could not be registered (${error instanceof Error ? error.message : String(error)}).` });
    return;
  }
  if (!registration) {
    reports.stop();
    onChange({ readiness: 'unavailable', detail: 'the browser did not register the service worker (blocked by a setting or an extension?).' });
    return;
  }
  watchForUpdates(registration, onChange);

  let nextBatch = 1;
  const outstanding = new Set<number>();
  const failures = new Set<string>();
  const settle = () => {
    if (registration?.waiting && container.controller) onChange({ readiness: 'update-ready' });
    else if (failures.size > 0) onChange({ readiness: 'unavailable', detail: `some files could not be stored: ${[...failures].slice(0, 3).join('; ')}.` });
    else onChange({ readiness: outstanding.size === 0 ? 'ready' : 'saving' });
  };
  container.addEventListener('message', (event: MessageEvent<OfflineStatusMessage>) => {
    if (event.data?.type !== 'offline-status' || !outstanding.delete(event.data.batch)) return;
    for (const failure of event.data.failures) failures.add(failure);
    onChange({ version: event.data.version });
    settle();
  });

  const active = (await container.ready).active;
  if (!active) return;
  reports.deliverTo((pages, resources) => {
    const batch = nextBatch++;
    outstanding.add(batch);
    settle();
    active.postMessage({ type: 'cache-urls', batch, pages, resources } satisfies ToServiceWorker);
  });
}

type Deliver = (pages: string[], resources: string[]) => void;

/**
 * What this page and its workers loaded: the page's resource timeline (then each new entry) and the workers'
 * announcements (src/offline/announce-resources.ts). Held until `deliverTo`, then passed on as they come.
 */
function collectLoadedResources(): { deliverTo(deliver: Deliver): void; stop(): void } {
  let held: string[] = [];
  let deliver: Deliver | null = null;
  const take = (urls: readonly string[]) => {
    const own = sameOriginUrls(urls);
    if (own.length === 0) return;
    if (deliver) deliver([], own);
    else held.push(...own);
  };
  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(LOADED_RESOURCES_CHANNEL);
  channel?.addEventListener('message', (event: MessageEvent<LoadedResourcesMessage>) => {
    if (event.data?.type === 'loaded-resources' && Array.isArray(event.data.urls)) {
      take(event.data.urls.filter((url): url is string => typeof url === 'string'));
    }
  });
  let observer: PerformanceObserver | null = null;
  try {
    // The default 250 entries is near what the dev server's unbundled modules take; the built app needs a few dozen.
    performance.setResourceTimingBufferSize(2000);
    observer = new PerformanceObserver((list) => take(list.getEntries().map((entry) => entry.name)));
    observer.observe({ type: 'resource', buffered: true });
  } catch {
    // No resource timing: the precache manifest still covers the built app.
  }
  return {
    deliverTo(next) {
      deliver = next;
      next([location.href], held);
      held = [];
    },
    stop() {
      channel?.close();
      observer?.disconnect();
    },
  };
}

function watchForUpdates(current: ServiceWorkerRegistration, onChange: (update: OfflineUpdate) => void): void {
  const container = navigator.serviceWorker;
  // A waiting worker with a controller in place is a newer version; without one it is the first install finishing.
  if (current.waiting && container.controller) onChange({ readiness: 'update-ready' });
  current.addEventListener('updatefound', () => {
    const installing = current.installing;
    installing?.addEventListener('statechange', () => {
      if (installing.state === 'installed' && container.controller) onChange({ readiness: 'update-ready' });
      if (installing.state === 'redundant' && !container.controller) {
        onChange({ readiness: 'unavailable', detail: 'this version could not be stored (a file did not download); it works online and retries on the next visit.' });
      }
    });
  });
}

/** Switches to the waiting version: it takes over, then the page reloads once on it. */
export function applyOfflineUpdate(): void {
  const waiting = registration?.waiting;
  if (!waiting) return;
  navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
  waiting.postMessage({ type: 'skip-waiting' } satisfies ToServiceWorker);
}
