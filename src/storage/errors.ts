// Every storage failure as a StorageError with a plain message a person can act on.

export type StorageErrorKind =
  | 'quota' | 'blocked' | 'version' | 'closed' | 'unavailable'
  | 'invalid' | 'conflict' | 'not-found' | 'corrupt' | 'failed';

/** The messages shown as they are. Each says what happened, whether anything was lost, and what to do. */
export const STORAGE_MESSAGES = {
  quota: 'Browser storage is full: delete old models or datasets, or export them; nothing was lost',
  blocked: 'Handcast is open in another tab with an older version; close it and reload',
  // VersionError: the stored database is newer than this page, so this tab is the older version.
  version: 'A newer version of Handcast has updated its storage in another tab; reload this page',
  closed: 'Handcast was updated in another tab, so this tab can no longer save; reload this page (nothing was lost)',
  unavailable: 'This browser does not let Handcast keep data here (private window, or storage turned off): '
    + 'datasets and models last until the page is closed, so export what you want to keep',
  aborted: 'The change was cancelled before it was saved; nothing was changed',
  internal: 'The browser’s storage failed; nothing was changed. Reload the page and try again',
} as const;

export class StorageError extends Error {
  override readonly name = 'StorageError';

  constructor(readonly kind: StorageErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * The StorageError for anything thrown by IndexedDB (or by this layer). DOMException names are what the
 * browsers agree on; Firefox once used its own name for a full quota.
 */
export function toStorageError(error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  const name = typeof error === 'object' && error !== null ? String((error as { name?: unknown }).name) : '';
  const detail = error instanceof Error || error instanceof DOMException ? error.message : String(error);
  const make = (kind: StorageErrorKind, message: string) => new StorageError(kind, message, { cause: error });
  switch (name) {
    case 'QuotaExceededError':
    case 'NS_ERROR_DOM_QUOTA_REACHED':
      return make('quota', STORAGE_MESSAGES.quota);
    case 'VersionError':
      return make('version', STORAGE_MESSAGES.version);
    case 'InvalidStateError': // the connection was closed (another tab upgraded, or the browser closed it)
      return make('closed', STORAGE_MESSAGES.closed);
    case 'SecurityError':
    case 'NotAllowedError':
      return make('unavailable', STORAGE_MESSAGES.unavailable);
    case 'ConstraintError':
      return make('conflict', `That name or id is already taken; nothing was changed (${detail})`);
    case 'AbortError':
    case 'TransactionInactiveError':
      return make('failed', STORAGE_MESSAGES.aborted);
    case 'UnknownError':
      return make('failed', STORAGE_MESSAGES.internal);
    default:
      return make('failed', `Saving or loading failed: ${detail}; nothing was changed`);
  }
}
