// Promises over IndexedDB requests, transactions and opening, with all-or-nothing transactions.
import { STORAGE_MESSAGES, StorageError } from './errors';

/** The request's result, or its error. */
export function settle<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/**
 * Runs `body` in one transaction and resolves with its result once the transaction has committed.
 * If the body throws or rejects (a put that throws QuotaExceededError, a check that fails half-way),
 * the transaction is aborted, so none of its writes apply: one logical operation, all or nothing.
 * The body may await only requests of this transaction: awaiting anything else lets it auto-commit early.
 */
export function transact<T>(
  db: IDBDatabase, stores: string[], mode: IDBTransactionMode, body: (tx: IDBTransaction) => Promise<T>,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(stores, mode);
    let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
    tx.oncomplete = () => {
      if (outcome?.ok) resolve(outcome.value);
      else reject(outcome?.error ?? new Error('the transaction committed before its work was done'));
    };
    tx.onabort = () => reject(abortReason(tx, outcome?.ok === false ? outcome.error : undefined));
    body(tx).then(
      (value) => { outcome = { ok: true, value }; },
      (error: unknown) => {
        outcome = { ok: false, error };
        try {
          tx.abort();
        } catch {
          // Already aborting because a request failed: onabort reports it.
        }
      },
    );
  });
}

/**
 * Why a transaction was aborted: the browser's own reason when it gave one (a quota hit at commit, a
 * failed request), else the body's error, unless that is only the TransactionInactiveError of a request
 * made after the abort, which says nothing about the cause.
 */
function abortReason(tx: IDBTransaction, bodyError: unknown): unknown {
  if (tx.error !== null) return tx.error;
  const inactive = bodyError instanceof DOMException && bodyError.name === 'TransactionInactiveError';
  return bodyError !== undefined && !inactive ? bodyError : new DOMException('The transaction was aborted', 'AbortError');
}

/** Upgrades a database from `oldVersion` to the version being opened, inside the upgrade transaction. */
export type Upgrade = (db: IDBDatabase, oldVersion: number, tx: IDBTransaction) => void;

/**
 * Opens (creating or upgrading) a database. Rejects with the DOMException on failure, or with a
 * StorageError 'blocked' when an older tab keeps the old version open and does not give way; if that tab
 * closes later, the late connection is closed at once so it blocks nobody.
 */
export function openIdb(factory: IDBFactory, name: string, version: number, upgrade: Upgrade): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(name, version);
    let gaveUp = false;
    request.onupgradeneeded = (event) => upgrade(request.result, event.oldVersion, request.transaction!);
    request.onsuccess = () => {
      if (gaveUp) request.result.close();
      else resolve(request.result);
    };
    request.onerror = () => reject(request.error);
    request.onblocked = () => {
      gaveUp = true;
      reject(new StorageError('blocked', STORAGE_MESSAGES.blocked));
    };
  });
}
