// Storage CRUD on IndexedDB (fake) and the in-memory fallback alike, persistence across a reload, incremental saves.
import { addSamples, diffDatasets, removeSamples, renameLabel } from '../../src/core/dataset/dataset.ts';
import type { HandcastDb } from '../../src/storage/handcast-db.ts';
import { MemoryHandcastDb } from '../../src/storage/memory-handcast-db.ts';
import { STORES } from '../../src/storage/schema.ts';
import { makeDataset, makeSample } from './dataset-fixtures.ts';
import { freshFactory, modelText, openPersistent, readRaw, testClock } from './storage-fixtures.ts';

const implementations: [string, () => Promise<HandcastDb>][] = [
  ['IndexedDB', async () => (await openPersistent(freshFactory())).db],
  ['memory', async () => new MemoryHandcastDb(testClock())],
];

describe.each(implementations)('%s storage', (_, open) => {
  let db: HandcastDb;
  beforeEach(async () => {
    db = await open();
  });
  afterEach(() => db.close());

  it('starts empty', async () => {
    expect(await db.listDatasets()).toEqual({ items: [], problems: [] });
    expect(await db.listModels()).toEqual({ items: [], problems: [] });
    expect(await db.getDataset('nope')).toBeNull();
    expect(await db.getModel('nope')).toBeNull();
  });

  it('saves, lists, reads back, renames and deletes datasets', async () => {
    const dataset = makeDataset();
    const summary = await db.saveDataset(dataset);
    expect(summary).toEqual({
      id: 'd1', name: 'My gestures', createdAt: dataset.createdAt, updatedAt: dataset.updatedAt, sampleCount: 6,
      labelCounts: [{ label: 'fist', count: 4 }, { label: 'thumbs up', count: 2 }],
    });
    await db.saveDataset(makeDataset('d2', 'Other', [makeSample('s1', 'wave', 't')]));
    expect((await db.listDatasets()).items.map((d) => d.name).sort()).toEqual(['My gestures', 'Other']);
    expect(await db.getDataset('d1')).toEqual({ dataset, problems: [] });

    const renamed = await db.renameDataset('d1', 'Renamed');
    expect(renamed.name).toBe('Renamed');
    expect((await db.getDataset('d1'))?.dataset.samples).toEqual(dataset.samples);

    await db.deleteDataset('d1');
    expect(await db.getDataset('d1')).toBeNull();
    expect((await db.listDatasets()).items.map((d) => d.id)).toEqual(['d2']);
    expect((await db.getDataset('d2'))?.dataset.samples).toHaveLength(1);
  });

  it('applies change sets: adds, removes and relabels, keeping the dataset order', async () => {
    const v1 = makeDataset();
    await db.saveDataset(v1);
    const v2 = addSamples(renameLabel(removeSamples(v1, ['s2'], 2), 'thumbs up', 'like', 2), [makeSample('s7', 'wave', 'take-d')], 2);
    const summary = await db.saveDataset(v2, diffDatasets(v1, v2));
    expect(summary.labelCounts).toEqual([{ label: 'fist', count: 3 }, { label: 'like', count: 2 }, { label: 'wave', count: 1 }]);
    expect((await db.getDataset('d1'))?.dataset).toEqual(v2);
    // A later addition still goes last, after the removal left a gap in the stored order.
    const v3 = addSamples(v2, [makeSample('s8', 'wave', 'take-d')], 3);
    await db.saveDataset(v3, diffDatasets(v2, v3));
    expect((await db.getDataset('d1'))?.dataset.samples.map((s) => s.id)).toEqual(['s1', 's3', 's4', 's5', 's6', 's7', 's8']);
  });

  it('a full save replaces the stored samples', async () => {
    await db.saveDataset(makeDataset());
    const smaller = makeDataset('d1', 'My gestures', [makeSample('s9', 'ok', 't')]);
    await db.saveDataset(smaller);
    expect((await db.getDataset('d1'))?.dataset).toEqual(smaller);
  });

  it('refuses invalid datasets and names with a message, writing nothing', async () => {
    await expect(db.saveDataset(makeDataset('d1', '<script>'))).rejects.toMatchObject({ kind: 'invalid', message: expect.stringMatching(/^Dataset name contains "<"/) });
    const bad = makeDataset('d1', 'ok', [makeSample('s1', 'fist', 't', { aspect: 0 })]);
    await expect(db.saveDataset(bad)).rejects.toMatchObject({ kind: 'invalid', message: expect.stringMatching(/sample s1 aspect must be a positive number/) });
    expect((await db.listDatasets()).items).toEqual([]);
    await db.saveDataset(makeDataset());
    await expect(db.renameDataset('d1', 'a/b')).rejects.toMatchObject({ kind: 'invalid' });
    await expect(db.renameDataset('gone', 'fine')).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('saves, lists, reads, renames and deletes models, exactly as given', async () => {
    const saved = await db.saveModel('My model', modelText);
    expect(saved).toMatchObject({ name: 'My model', size: Buffer.byteLength(modelText), labels: expect.arrayContaining(['fist', 'none']) });
    expect(saved.labels).toHaveLength(9);
    expect((await db.getModel(saved.id))?.text).toBe(modelText);
    expect((await db.listModels()).items).toEqual([saved]);
    expect('text' in (await db.listModels()).items[0]).toBe(false);

    const other = await db.saveModel('Second', modelText);
    await expect(db.saveModel('My model', modelText)).rejects.toMatchObject({ kind: 'conflict', message: 'A model named "My model" already exists: choose another name, or replace it' });
    const replaced = await db.saveModel('My model', modelText, { replace: true });
    expect(replaced.id).toBe(saved.id);
    await expect(db.renameModel(other.id, 'My model')).rejects.toMatchObject({ kind: 'conflict' });
    expect((await db.renameModel(other.id, 'Renamed')).name).toBe('Renamed');
    expect((await db.renameModel(other.id, 'Renamed')).name).toBe('Renamed');
    await expect(db.renameModel('gone', 'x')).rejects.toMatchObject({ kind: 'not-found' });

    await db.deleteModel(saved.id);
    expect(await db.getModel(saved.id)).toBeNull();
    expect((await db.listModels()).items.map((m) => m.name)).toEqual(['Renamed']);
  });

  it('validates a model before saving and refuses an invalid one with the parser’s message', async () => {
    await expect(db.saveModel('Cut', modelText.slice(0, 1000))).rejects.toMatchObject({
      kind: 'invalid', message: expect.stringMatching(/^Not a valid gesture model: model is not valid JSON \(truncated or corrupt file\?\)/),
    });
    const wrongFormat = modelText.replace('"handcast-gesture-model"', '"something-else"');
    await expect(db.saveModel('Wrong', wrongFormat)).rejects.toMatchObject({ message: 'Not a valid gesture model: format must be "handcast-gesture-model", got "something-else"' });
    await expect(db.saveModel('<b>', modelText)).rejects.toMatchObject({ kind: 'invalid', message: expect.stringMatching(/^Model name contains "<"/) });
    expect((await db.listModels()).items).toEqual([]);
  });

  it('hands out copies: changing what was read does not change what is stored', async () => {
    await db.saveDataset(makeDataset());
    const loaded = await db.getDataset('d1');
    (loaded!.dataset.samples[0].landmarks as unknown as number[][])[0][0] = 99;
    expect((await db.getDataset('d1'))!.dataset.samples[0].landmarks[0][0]).not.toBe(99);
  });
});

describe('IndexedDB storage across a reload', () => {
  it('keeps datasets and models when the same database is opened again', async () => {
    const factory = freshFactory();
    const first = (await openPersistent(factory)).db;
    const dataset = makeDataset();
    await first.saveDataset(dataset);
    const model = await first.saveModel('Kept', modelText);
    first.close();

    const second = (await openPersistent(factory)).db;
    expect(await second.getDataset('d1')).toEqual({ dataset, problems: [] });
    expect((await second.getModel(model.id))?.text).toBe(modelText);
    expect((await second.listDatasets()).items).toHaveLength(1);
    second.close();
  });

  it('writes only the changed samples on an incremental save, and deletes a dataset’s samples with it', async () => {
    const factory = freshFactory();
    const { db } = await openPersistent(factory);
    const v1 = makeDataset();
    await db.saveDataset(v1);
    const v2 = addSamples(v1, [makeSample('s7', 'wave', 't')], 2);
    const put = vi.spyOn(IDBObjectStore.prototype, 'put');
    try {
      await db.saveDataset(v2, diffDatasets(v1, v2));
      expect(put).toHaveBeenCalledTimes(2); // the new sample and the dataset record
    } finally {
      put.mockRestore();
    }
    expect(await readRaw(factory, STORES.samples)).toHaveLength(7);
    await db.saveDataset(makeDataset('d2', 'Other', [makeSample('s1', 'ok', 't')]));
    await db.deleteDataset('d1');
    expect(await readRaw(factory, STORES.samples)).toEqual([expect.objectContaining({ datasetId: 'd2', id: 's1' })]);
    db.close();
  });
});
