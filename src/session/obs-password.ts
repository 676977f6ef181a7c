// The obs-websocket password: in this browser's local storage only, under its own key, so no export or profile can carry it.
const PASSWORD_KEY = 'handcast.obs-password.v1';

/** When storage refuses the password it still works until the page is closed. */
let unsaved: string | null = null;

export function readObsPassword(): string {
  if (unsaved !== null) return unsaved;
  try {
    return globalThis.localStorage?.getItem(PASSWORD_KEY) ?? '';
  } catch {
    return '';
  }
}

/** Saves (or, when empty, forgets) the password; false when storage refused it (it then lasts until the page closes). */
export function saveObsPassword(password: string): boolean {
  try {
    if (password === '') globalThis.localStorage?.removeItem(PASSWORD_KEY);
    else globalThis.localStorage?.setItem(PASSWORD_KEY, password);
    unsaved = null;
    return true;
  } catch {
    unsaved = password;
    return false;
  }
}
