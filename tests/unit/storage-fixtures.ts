// Test helper: a fresh fake IndexedDB per test, raw access to its stores, and the shipped model file.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DbClock } from '../../src/storage/idb-handcast-db.ts';
import { openIdb, settle } from '../../src/storage/idb-requests.ts';
import { openHandcastDb, type OpenedStorage } from '../../src/storage/open.ts';
import { DB_NAME, DB_VERSION, MIGRATIONS, upgradeWith } from '../../src/storage/schema.ts';
import { repoRoot } from './shared-data.ts';

export const modelText = readFileSync(path.join(repoRoot, 'public', 'models', 'gesture_model.json'), 'utf8');

/** A clock that ticks 1 ms per call and ids m1, m2, …, so results are exact. */
export function testClock(): DbClock {
  let time = 1_800_000_000_000;
  let id = 0;
  return { now: () => ++time, newId: () => `m${++id}` };
}

/** A new, empty IndexedDB (the fake one), isolated from every other test. */
export function freshFactory(): IDBFactory {
  return new IDBFactory();
}

/** Opens Handcast's storage on `factory` and insists it is the IndexedDB one. */
export async function openPersistent(factory: IDBFactory, clock = testClock()): Promise<OpenedStorage> {
  const opened = await openHandcastDb({ factory, clock });
  if (opened.notice !== null || !opened.db.persistent) throw new Error(`expected IndexedDB storage, got: ${opened.notice}`);
  return opened;
}

/** Writes `value` straight into a store, bypassing every check (to plant a damaged record). */
export async function putRaw(factory: IDBFactory, store: string, value: unknown): Promise<void> {
  const db = await openIdb(factory, DB_NAME, DB_VERSION, upgradeWith(MIGRATIONS));
  const tx = db.transaction([store], 'readwrite');
  await settle(tx.objectStore(store).put(value));
  db.close();
}

/** Every record of a store, read straight. */
export async function readRaw(factory: IDBFactory, store: string): Promise<unknown[]> {
  const db = await openIdb(factory, DB_NAME, DB_VERSION, upgradeWith(MIGRATIONS));
  const records = await settle(db.transaction([store], 'readonly').objectStore(store).getAll());
  db.close();
  return records;
}
