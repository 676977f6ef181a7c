// Lets a worker tell its page which URLs it loaded, so the service worker can store what it fetched before it took over.
import { LOADED_RESOURCES_CHANNEL, type LoadedResourcesMessage } from './protocol';

/**
 * Call once at the top of a worker. A dedicated worker started before the service worker controlled its page is
 * never controlled, and its module imports are in its own resource timeline, not the page's; the page
 * (src/offline/register.ts) forwards these to the service worker. Silently does nothing where the APIs are missing.
 */
export function announceLoadedResources(scope: { location: { href: string } } = self): void {
  if (typeof BroadcastChannel === 'undefined' || typeof PerformanceObserver === 'undefined') return;
  const channel = new BroadcastChannel(LOADED_RESOURCES_CHANNEL);
  const post = (urls: string[]) => channel.postMessage({ type: 'loaded-resources', urls } satisfies LoadedResourcesMessage);
  post([scope.location.href]);
  try {
    new PerformanceObserver((list) => post(list.getEntries().map((entry) => entry.name))).observe({ type: 'resource', buffered: true });
  } catch {
    // No resource timing in this worker: the page's own report and the precache manifest still cover most files.
  }
}
