// Offline use for any page: starts the service worker and mirrors its state into the store (the badge shows it).
import { applyOfflineUpdate, registerOfflineSupport } from '../offline/register';
import { handcastStore } from '../store';

/**
 * Call once per page, as early as possible (it collects what the page and its workers load from then on).
 * A failure is quiet: the badge says "Online only" with the reason, and no notice interrupts a page that works.
 */
export function startOfflineSupport(): void {
  void registerOfflineSupport((update) => handcastStore.getState().setOffline(update));
}

export { applyOfflineUpdate };
