// Storage failures: damaged records skipped and named, a full disk loses nothing, plain messages, fallbacks, tabs and upgrades.
import { addSamples, diffDatasets, removeSamples } from '../../src/core/dataset/dataset.ts';
import { STORAGE_MESSAGES, StorageError, toStorageError } from '../../src/storage/errors.ts';
import { IdbHandcastDb } from '../../src/storage/idb-handcast-db.ts';
import { openIdb, settle } from '../../src/storage/idb-requests.ts';
import { openHandcastDb } from '../../src/storage/open.ts';
import { DB_NAME, DB_VERSION, MIGRATIONS, STORES, upgradeWith } from '../../src/storage/schema.ts';
import { makeDataset, makeSample } from './dataset-fixtures.ts';
import { freshFactory, modelText, openPersistent, putRaw, testClock } from './storage-fixtures.ts';

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

/** Makes the nth and later IDBObjectStore.put calls throw `error()` synchronously, as a browser over quota does. */
function failPutsFrom(nth: number, error: () => unknown) {
  const original = IDBObjectStore.prototype.put;
  let calls = 0;
  return vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
    if (++calls >= nth) throw error();
    return original.apply(this, args);
  });
}

describe('damaged records', () => {
  it('skips damaged samples, names them, and keeps reading the rest and other datasets', async () => {
    const factory = freshFactory();
    const { db } = await openPersistent(factory);
    const dataset = makeDataset();
    await db.saveDataset(dataset);
    await db.saveDataset(makeDataset('d2', 'Other', [makeSample('s1', 'ok', 't')]));
    const good = { ...makeSample('x', 'fist', 't'), datasetId: 'd1', order: 2.5 };
    await putRaw(factory, STORES.samples, { ...good, id: 'bad-label', label: '<img src=x onerror=alert(1)>' });
    await putRaw(factory, STORES.samples, { ...good, id: 'bad-points', landmarks: good.landmarks.slice(0, 20) });
    await putRaw(factory, STORES.samples, { datasetId: 'd1', id: 'bad-empty' });
    await putRaw(factory, STORES.samples, { ...good, id: 'no-order', order: 'first' });

    const loaded = await db.getDataset('d1');
    expect(loaded?.dataset).toEqual(dataset);
    expect(loaded?.problems).toEqual([
      'sample bad-empty: label must be text',
      'sample bad-label: label contains "<" (U+003C): only letters, digits, spaces, "_" and "-" are allowed',
      'sample bad-points: landmarks has 20 points, expected 21',
      'sample no-order: has no order',
    ]);
    expect((await db.getDataset('d2'))?.problems).toEqual([]);

    // Saving changes still works beside them; a full save clears them out.
    const more = addSamples(dataset, [makeSample('s7', 'wave', 't')], 5);
    await db.saveDataset(more, diffDatasets(dataset, more));
    expect((await db.getDataset('d1'))?.problems).toHaveLength(4);
    await db.saveDataset(more);
    expect(await db.getDataset('d1')).toEqual({ dataset: more, problems: [] });
    db.close();
  });

  it('lists around a damaged dataset or model record and refuses to open it with a message', async () => {
    const factory = freshFactory();
    const { db } = await openPersistent(factory);
    await db.saveDataset(makeDataset());
    const model = await db.saveModel('Good', modelText);
    await putRaw(factory, STORES.datasets, { id: 'd9', name: 42 });
    await putRaw(factory, STORES.models, { id: 'm9', name: 'Half', createdAt: 1, labels: ['a'], size: 10 });
    await putRaw(factory, STORES.models, { id: 'm8', name: 'Cut', createdAt: 2, labels: ['a'], size: 10, text: modelText.slice(0, 500) });

    expect(await db.listDatasets()).toEqual({
      items: [expect.objectContaining({ id: 'd1' })], problems: ['a damaged dataset record was skipped: name must be text'],
    });
    await expect(db.getDataset('d9')).rejects.toMatchObject({ kind: 'corrupt', message: expect.stringMatching(/^Dataset d9 is damaged \(name must be text\).*other datasets are not affected/) });
    const models = await db.listModels();
    expect(models.items.map((m) => m.name)).toEqual(['Good', 'Cut']); // newest first
    expect(models.problems).toEqual(['a damaged model record was skipped: has no model text']);
    await expect(db.getModel('m8')).rejects.toMatchObject({ kind: 'corrupt', message: expect.stringMatching(/^Model "Cut" is damaged \(model is not valid JSON.*delete it, the other models are not affected$/) });
    expect((await db.getModel(model.id))?.text).toBe(modelText);
    await db.deleteModel('m8');
    expect((await db.listModels()).items.map((m) => m.name)).toEqual(['Good']);
    db.close();
  });
});

describe('a full disk', () => {
  afterEach(() => vi.restoreAllMocks());

  it('refuses a new dataset whole, says so plainly, and loses nothing else', async () => {
    const { db } = await openPersistent(freshFactory());
    const kept = makeDataset();
    await db.saveDataset(kept);
    const model = await db.saveModel('Kept', modelText);
    failPutsFrom(3, quota);
    const error = await db.saveDataset(makeDataset('d2', 'Too big')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StorageError);
    expect(error).toMatchObject({ kind: 'quota', message: 'Browser storage is full: delete old models or datasets, or export them; nothing was lost' });
    vi.restoreAllMocks();
    expect(await db.getDataset('d2')).toBeNull();
    expect(await db.getDataset('d1')).toEqual({ dataset: kept, problems: [] });
    expect((await db.listDatasets()).items.map((d) => d.id)).toEqual(['d1']);
    expect((await db.getModel(model.id))?.text).toBe(modelText);
    db.close();
  });

  it('leaves an edited dataset exactly as last saved: no half-applied change set', async () => {
    const { db } = await openPersistent(freshFactory());
    const v1 = makeDataset();
    await db.saveDataset(v1);
    const v2 = addSamples(removeSamples(v1, ['s1', 's2'], 2), [makeSample('s7', 'wave', 't'), makeSample('s8', 'wave', 't')], 2);
    failPutsFrom(2, quota);
    await expect(db.saveDataset(v2, diffDatasets(v1, v2))).rejects.toMatchObject({ kind: 'quota' });
    vi.restoreAllMocks();
    expect(await db.getDataset('d1')).toEqual({ dataset: v1, problems: [] });
    await db.saveDataset(v2, diffDatasets(v1, v2));
    expect((await db.getDataset('d1'))?.dataset).toEqual(v2);
    db.close();
  });

  it('refuses a model when full, keeping the others', async () => {
    const { db } = await openPersistent(freshFactory());
    await db.saveModel('First', modelText);
    failPutsFrom(1, quota);
    await expect(db.saveModel('Second', modelText)).rejects.toMatchObject({ kind: 'quota', message: STORAGE_MESSAGES.quota });
    vi.restoreAllMocks();
    expect((await db.listModels()).items.map((m) => m.name)).toEqual(['First']);
    db.close();
  });

  it('reports a transaction the browser aborts after the writes were issued, with nothing applied', async () => {
    const { db } = await openPersistent(freshFactory());
    const original = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      const request = original.apply(this, args);
      this.transaction.abort();
      return request;
    });
    await expect(db.saveDataset(makeDataset())).rejects.toMatchObject({ kind: 'failed', message: STORAGE_MESSAGES.aborted });
    vi.restoreAllMocks();
    expect(await db.listDatasets()).toEqual({ items: [], problems: [] });
    db.close();
  });

  it('reports a quota abort at commit time (the browser’s usual way) as a full disk, with nothing applied', async () => {
    const { db } = await openPersistent(freshFactory());
    await db.saveDataset(makeDataset());
    const original = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      const request = original.apply(this, args);
      // fake-indexeddb's internal abort, with the error a browser sets when the commit exceeds the quota.
      (this.transaction as unknown as { _abort(name: string): void })._abort('QuotaExceededError');
      return request;
    });
    await expect(db.saveDataset(makeDataset('d2', 'More'))).rejects.toMatchObject({ kind: 'quota', message: STORAGE_MESSAGES.quota });
    vi.restoreAllMocks();
    expect((await db.listDatasets()).items.map((d) => d.id)).toEqual(['d1']);
    expect((await db.getDataset('d1'))?.dataset.samples).toHaveLength(6);
    db.close();
  });
});

describe('error messages', () => {
  it.each([
    ['QuotaExceededError', 'quota', STORAGE_MESSAGES.quota],
    ['NS_ERROR_DOM_QUOTA_REACHED', 'quota', STORAGE_MESSAGES.quota],
    ['VersionError', 'version', STORAGE_MESSAGES.version],
    ['InvalidStateError', 'closed', STORAGE_MESSAGES.closed],
    ['TransactionInactiveError', 'failed', STORAGE_MESSAGES.aborted],
    ['SecurityError', 'unavailable', STORAGE_MESSAGES.unavailable],
    ['AbortError', 'failed', STORAGE_MESSAGES.aborted],
    ['UnknownError', 'failed', STORAGE_MESSAGES.internal],
    ['DataCloneError', 'failed', 'Saving or loading failed: boom; nothing was changed'],
  ])('%s → %s', (name, kind, message) => {
    const error = toStorageError(new DOMException('boom', name));
    expect(error).toMatchObject({ kind, message });
    expect(error.cause).toBeInstanceOf(DOMException);
  });

  it('passes a StorageError through and describes anything else', () => {
    const own = new StorageError('invalid', 'x');
    expect(toStorageError(own)).toBe(own);
    expect(toStorageError('weird')).toMatchObject({ kind: 'failed', message: 'Saving or loading failed: weird; nothing was changed' });
  });
});

describe('opening', () => {
  it('falls back to memory with a notice when there is no IndexedDB, or it is refused', async () => {
    const refusing = { open: () => { throw new DOMException('denied', 'SecurityError'); } } as unknown as IDBFactory;
    const failing = {
      open: () => {
        const request = { onerror: null as null | (() => void), error: new DOMException('private', 'InvalidStateError') };
        setTimeout(() => request.onerror?.());
        return request;
      },
    } as unknown as IDBFactory;
    for (const factory of [null, refusing, failing]) {
      const { db, notice } = await openHandcastDb({ factory, clock: testClock() });
      expect(notice).toBe(STORAGE_MESSAGES.unavailable);
      expect(db.persistent).toBe(false);
      await db.saveDataset(makeDataset());
      expect((await db.getDataset('d1'))?.dataset.samples).toHaveLength(6);
    }
  });

  it('falls back to memory when another tab has upgraded the database to a newer version', async () => {
    const factory = freshFactory();
    (await openIdb(factory, DB_NAME, DB_VERSION + 1, upgradeWith(MIGRATIONS))).close();
    const { db, notice } = await openHandcastDb({ factory });
    expect(notice).toBe(`${STORAGE_MESSAGES.version}. Until then, new datasets and models are kept only while this page is open.`);
    expect(db.persistent).toBe(false);
  });

  it('leaves a database without Handcast’s stores untouched and works in memory', async () => {
    const factory = freshFactory();
    (await openIdb(factory, DB_NAME, DB_VERSION, () => {})).close();
    const { db, notice } = await openHandcastDb({ factory });
    expect(notice).toMatch(/unexpected layout and was left untouched/);
    expect(db.persistent).toBe(false);
  });

  it('says "blocked" when an old tab holds the old version open, and closes the late connection', async () => {
    const factory = freshFactory();
    const oldTab = await openIdb(factory, DB_NAME, 1, upgradeWith(MIGRATIONS)); // an old build: ignores versionchange
    await expect(openIdb(factory, DB_NAME, 2, upgradeWith(MIGRATIONS))).rejects.toMatchObject({ kind: 'blocked', message: STORAGE_MESSAGES.blocked });
    oldTab.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The late connection was closed as soon as it opened, so it does not block the next one.
    const next = await openIdb(factory, DB_NAME, 3, upgradeWith(MIGRATIONS));
    expect(next.version).toBe(3);
    next.close();
  });

  it('gives way to a newer tab’s upgrade, then refuses work with a reload message', async () => {
    const factory = freshFactory();
    const { db } = await openPersistent(factory);
    expect(db).toBeInstanceOf(IdbHandcastDb);
    const newer = await openIdb(factory, DB_NAME, DB_VERSION + 1, upgradeWith(MIGRATIONS));
    await expect(db.listDatasets()).rejects.toMatchObject({ kind: 'closed', message: STORAGE_MESSAGES.closed });
    newer.close();
  });

  it('upgrades an older database step by step, keeping its data', async () => {
    const factory = freshFactory();
    const { db } = await openPersistent(factory);
    await db.saveDataset(makeDataset());
    db.close();
    const addLabelIndex = (_db: IDBDatabase, tx: IDBTransaction) => tx.objectStore(STORES.samples).createIndex('byLabel', 'label');
    // Re-running version 1's step would throw (its stores exist): only the new step runs.
    const upgraded = await openIdb(factory, DB_NAME, DB_VERSION + 1, upgradeWith([...MIGRATIONS, addLabelIndex]));
    const fists = await settle(upgraded.transaction([STORES.samples]).objectStore(STORES.samples).index('byLabel').count('fist'));
    expect(fists).toBe(4);
    upgraded.close();
  });
});
