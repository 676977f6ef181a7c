// Opens Handcast's storage: IndexedDB when the browser allows it, else memory with a notice saying what that means.
import { randomId } from '../core/dataset/sample';
import { STORAGE_MESSAGES, toStorageError } from './errors';
import type { HandcastDb } from './handcast-db';
import { IdbHandcastDb, type DbClock } from './idb-handcast-db';
import { openIdb } from './idb-requests';
import { MemoryHandcastDb } from './memory-handcast-db';
import { DB_NAME, DB_VERSION, hasCurrentStores, MIGRATIONS, upgradeWith } from './schema';

export interface OpenOptions {
  /** Default: the global indexedDB; null means none (tests of the fallback). */
  readonly factory?: IDBFactory | null;
  /** Default: "handcast". */
  readonly name?: string;
  readonly clock?: DbClock;
}

export interface OpenedStorage {
  readonly db: HandcastDb;
  /** Null when data is kept across reloads; otherwise what to tell the person (the page works, in memory). */
  readonly notice: string | null;
}

/** Said after the reason whenever the page falls back to memory. */
const MEMORY_ONLY = 'Until then, new datasets and models are kept only while this page is open.';

/**
 * Never rejects: whatever goes wrong, the page gets a working store. A browser without IndexedDB (or one
 * that refuses it in a private window), a newer schema from another tab, or an older tab blocking the
 * upgrade each give the in-memory store and a notice; nothing on disk is touched.
 */
export async function openHandcastDb(options: OpenOptions = {}): Promise<OpenedStorage> {
  const clock = options.clock ?? { now: Date.now, newId: randomId };
  const memory = (notice: string): OpenedStorage => ({ db: new MemoryHandcastDb(clock), notice });
  const factory = options.factory === undefined ? globalIndexedDb() : options.factory;
  if (factory === null) return memory(STORAGE_MESSAGES.unavailable);
  try {
    const db = await openIdb(factory, options.name ?? DB_NAME, DB_VERSION, upgradeWith(MIGRATIONS));
    if (!hasCurrentStores(db)) {
      db.close();
      return memory(`Handcast’s saved data has an unexpected layout and was left untouched. ${MEMORY_ONLY}`);
    }
    return { db: new IdbHandcastDb(db, clock), notice: null };
  } catch (error) {
    const reason = toStorageError(error);
    // Firefox's private windows refuse open() with InvalidStateError, others with SecurityError or UnknownError.
    if (reason.kind === 'version' || reason.kind === 'blocked' || reason.kind === 'quota') {
      return memory(`${reason.message}. ${MEMORY_ONLY}`);
    }
    return memory(STORAGE_MESSAGES.unavailable);
  }
}

/** The page's IndexedDB, or null where there is none; reading it throws in some sandboxed frames. */
function globalIndexedDb(): IDBFactory | null {
  try {
    return globalThis.indexedDB ?? null;
  } catch {
    return null;
  }
}

/**
 * Asks the browser not to evict Handcast's data under storage pressure. Firefox asks the person, so call
 * it after they chose to keep something, not at start-up. Resolves false where it is not granted or not offered.
 */
export async function requestPersistentStorage(): Promise<boolean> {
  try {
    return (await globalThis.navigator?.storage?.persist?.()) ?? false;
  } catch {
    return false;
  }
}
