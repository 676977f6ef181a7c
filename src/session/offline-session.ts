// Offline use for any page: starts the service worker once the page has loaded and mirrors its state into the store.
import { applyOfflineUpdate, registerOfflineSupport } from '../offline/register';
import { handcastStore } from '../store';

/** Call once per page, as early as possible (it collects what the page and its workers load from then on). */
export function startOfflineSupport(): void {
  void registerOfflineSupport((update) => {
    const { setOffline, notify } = handcastStore.getState();
    setOffline(update);
    // Quiet: online use is unaffected, so an info notice, once per reason.
    if (update.readiness === 'unavailable' && update.detail) notify({ kind: 'info', text: `Offline use is off: ${update.detail}` });
  });
}

export { applyOfflineUpdate };
