// The precache manifest and the service worker's rules, run in node against an in-memory cache and a switchable network.
import { mkdtempSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { folderManifest, listFolderUrls, serviceWorkerScript } from '../../tools/vite/offline-precache';
import type { PrecacheManifest } from '../../src/offline/protocol';
import { offlineUnsupportedReason } from '../../src/offline/register';

function makeSite(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'handcast-site-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

describe('folderManifest', () => {
  it('lists every file relative to the app root, sorted, without the service worker itself', () => {
    const root = makeSite({ 'index.html': '<p>', 'sw.js': 'old', 'assets/main-1a.js': 'x', 'models/m.task': 'm' });
    expect(listFolderUrls(root)).toEqual(['assets/main-1a.js', 'index.html', 'models/m.task']);
  });

  it('gets a new version when any file changes, and keeps it when nothing does', () => {
    const root = makeSite({ 'index.html': '<p>', 'models/m.task': 'weights' });
    const first = folderManifest(root, 'content');
    expect(folderManifest(root, 'content')).toEqual(first);
    writeFileSync(path.join(root, 'models/m.task'), 'weightz');
    expect(folderManifest(root, 'content').version).not.toBe(first.version);

    const dev = folderManifest(root, 'size-and-time');
    utimesSync(path.join(root, 'index.html'), new Date(2001, 1, 1), new Date(2001, 1, 1));
    expect(folderManifest(root, 'size-and-time').version).not.toBe(dev.version);
  });
});

/** A Response as a service worker sees one from its own origin. */
function basic(body: string, init: ResponseInit = {}): Response {
  const response = new Response(body, init);
  Object.defineProperty(response, 'type', { value: 'basic' });
  return response;
}

class MemoryCache {
  readonly entries = new Map<string, Response>();
  async match(key: string) { return this.entries.get(key)?.clone(); }
  async put(key: string, response: Response) { this.entries.set(key, response); }
  async keys() { return [...this.entries.keys()].map((url) => ({ url })); }
}

const ORIGIN = 'http://127.0.0.1:4173';

/** Runs the real sw.js script in a sandbox, served from `scriptPath`; `site` is what the server answers while `online`. */
async function startServiceWorker(manifest: PrecacheManifest, site: Record<string, string>, scriptPath = '/sw.js') {
  const listeners = new Map<string, (event: unknown) => void>();
  const stores = new Map<string, MemoryCache>();
  const network = { online: true, fetched: [] as string[] };
  const posted: unknown[] = [];
  const fetchFromSite = async (input: string | { url: string }) => {
    const url = new URL(typeof input === 'string' ? input : input.url, ORIGIN);
    network.fetched.push(url.pathname + url.search);
    if (!network.online) throw new TypeError('Failed to fetch');
    const body = site[url.pathname + url.search] ?? site[url.pathname];
    return body === undefined ? basic('missing', { status: 404 }) : basic(body);
  };
  const sandbox = {
    self: {
      location: { href: `${ORIGIN}${scriptPath}`, origin: ORIGIN },
      addEventListener: (type: string, listener: (event: unknown) => void) => listeners.set(type, listener),
      clients: { claim: async () => undefined },
      skipWaiting: async () => undefined,
    },
    caches: {
      open: async (name: string) => stores.get(name) ?? stores.set(name, new MemoryCache()).get(name)!,
      keys: async () => [...stores.keys()],
      delete: async (name: string) => stores.delete(name),
    },
    fetch: fetchFromSite, URL, Response, Promise, console,
  };
  vm.runInNewContext(await serviceWorkerScript(manifest), sandbox);

  /** Fires a lifecycle event; resolves once everything it waited on settled. */
  const lifecycle = async (type: 'install' | 'activate') => {
    const waits: Promise<unknown>[] = [];
    listeners.get(type)!({ waitUntil: (p: Promise<unknown>) => waits.push(p) });
    await Promise.all(waits);
  };
  const request = async (pathAndQuery: string, /* or a full URL */ mode: 'navigate' | 'cors' = 'cors'): Promise<Response | null> => {
    let answer: Promise<Response> | null = null;
    const waits: Promise<unknown>[] = [];
    listeners.get('fetch')!({
      request: { url: new URL(pathAndQuery, ORIGIN).href, method: 'GET', mode, headers: new Headers() },
      respondWith: (p: Promise<Response>) => { answer = p; },
      waitUntil: (p: Promise<unknown>) => waits.push(p),
    });
    const response = answer ? await answer : null;
    await Promise.all(waits);
    return response;
  };
  const message = async (data: unknown) => {
    const waits: Promise<unknown>[] = [];
    listeners.get('message')!({ data, source: { postMessage: (m: unknown) => posted.push(m) }, waitUntil: (p: Promise<unknown>) => waits.push(p) });
    await Promise.all(waits);
  };
  return { lifecycle, request, message, stores, network, posted };
}

describe('the service worker', () => {
  const manifest: PrecacheManifest = { version: 'v2', urls: ['index.html', 'assets/main-2b.js', 'models/m.task'] };
  const site = { '/index.html': '<main v2>', '/assets/main-2b.js': 'main v2', '/models/m.task': 'weights v2', '/src/dev.ts?v=1': 'dev module' };

  it('stores the whole version on install, and a missing file fails the install instead of storing half of it', async () => {
    const sw = await startServiceWorker(manifest, site);
    await sw.lifecycle('install');
    expect([...sw.stores.get('handcast-v2')!.entries.keys()].sort()).toEqual(manifest.urls.map((url) => `${ORIGIN}/${url}`).sort());

    const broken = await startServiceWorker({ version: 'v3', urls: [...manifest.urls, 'gone.wasm'] }, site);
    await expect(broken.lifecycle('install')).rejects.toThrow('/gone.wasm: HTTP 404');
  });

  it('serves its version with no network: any page URL of index.html, the chunks and the models', async () => {
    const sw = await startServiceWorker(manifest, site);
    await sw.lifecycle('install');
    sw.network.online = false;
    expect(await (await sw.request('/?camera=2', 'navigate'))!.text()).toBe('<main v2>');
    expect(await (await sw.request('/assets/main-2b.js'))!.text()).toBe('main v2');
    expect(await (await sw.request('/models/m.task'))!.text()).toBe('weights v2');
  });

  it('serves files outside the manifest (dev modules) from the network first, and from what it kept once offline', async () => {
    const sw = await startServiceWorker(manifest, site);
    await sw.lifecycle('install');
    sw.network.online = false;
    // Never seen: a network error, as with no service worker; a page gets a sentence instead.
    expect((await sw.request('/src/dev.ts?v=1'))!.type).toBe('error');
    const page = (await sw.request('/bench.html', 'navigate'))!;
    expect(page.status).toBe(503);
    expect(await page.text()).toMatch(/offline, and \/bench\.html was not saved for offline use/);

    sw.network.online = true;
    expect(await (await sw.request('/src/dev.ts?v=1'))!.text()).toBe('dev module');
    sw.network.online = false;
    expect(await (await sw.request('/src/dev.ts?v=1'))!.text()).toBe('dev module');
    // Other origins are not its business: no answer, the browser handles them (and the CSP refuses them).
    expect(await sw.request('http://192.0.2.1/x')).toBeNull();
  });

  it('under a sub-path (/handcast/sw.js): stores the manifest below it and serves "/handcast/" as its index.html offline', async () => {
    const underSubPath = Object.fromEntries(Object.entries(site).map(([url, body]) => [`/handcast${url}`, body]));
    const sw = await startServiceWorker(manifest, underSubPath, '/handcast/sw.js');
    await sw.lifecycle('install');
    expect([...sw.stores.get('handcast-v2')!.entries.keys()].sort()).toEqual(manifest.urls.map((url) => `${ORIGIN}/handcast/${url}`).sort());
    sw.network.online = false;
    expect(await (await sw.request('/handcast/?camera=2', 'navigate'))!.text()).toBe('<main v2>');
    expect(await (await sw.request('/handcast/index', 'navigate'))!.text()).toBe('<main v2>');
    expect(await (await sw.request('/handcast/models/m.task'))!.text()).toBe('weights v2');
    // Its own script is never its business, at any path.
    expect(await sw.request('/handcast/sw.js')).toBeNull();
  });

  it('deletes older versions on activate and leaves other caches alone', async () => {
    const sw = await startServiceWorker(manifest, site);
    sw.stores.set('handcast-v1', new MemoryCache());
    sw.stores.set('someone-else', new MemoryCache());
    await sw.lifecycle('install');
    await sw.lifecycle('activate');
    expect([...sw.stores.keys()].sort()).toEqual(['handcast-v2', 'someone-else']);
  });

  it('stores only same-origin URLs a page reports, ignores malformed messages, and answers each batch', async () => {
    const sw = await startServiceWorker(manifest, site);
    await sw.lifecycle('install');
    sw.network.fetched.length = 0;
    await sw.message(null);
    await sw.message('cache everything');
    await sw.message({ type: 'cache-urls', batch: 7, pages: 'not a list', resources: [42, 'https://elsewhere.example/x.js', '/src/dev.ts?v=1', '/models/m.task', '/sw.js'] });
    expect(sw.network.fetched).toEqual(['/src/dev.ts?v=1']);
    expect(sw.posted).toEqual([{ type: 'offline-status', version: 'v2', batch: 7, cachedUrls: 4, failures: [] }]);

    await sw.message({ type: 'cache-urls', batch: 8, pages: [], resources: ['/not-there.js'] });
    expect(sw.posted[1]).toMatchObject({ batch: 8, failures: ['/not-there.js: HTTP 404'] });
  });
});

describe('offlineUnsupportedReason', () => {
  const withWorkers = { serviceWorker: {} } as unknown as Navigator;
  it('names the insecure origin first (browsers hide service workers there), then a browser without them', () => {
    expect(offlineUnsupportedReason({ isSecureContext: false, location: { origin: 'http://192.168.1.20:5173' }, navigator: {} as Navigator }))
      .toBe('service workers need https or localhost, and this page is served from http://192.168.1.20:5173; it works online only.');
    expect(offlineUnsupportedReason({ isSecureContext: true, location: { origin: 'https://handcast.example' }, navigator: {} as Navigator }))
      .toMatch(/^this browser has no service workers/);
    expect(offlineUnsupportedReason({ isSecureContext: true, location: { origin: 'http://127.0.0.1:5173' }, navigator: withWorkers })).toBeNull();
  });
});
