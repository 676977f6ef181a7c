// Offline use: after one online visit the service worker has stored the app, and with no network the page loads and recognises.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Request, Response } from 'playwright-core';
import { folderManifest, serviceWorkerScript } from '../../tools/vite/offline-precache';
import { INDEX_FINGER_PHOTO } from '../../tools/browser/fake-webcam';
import { MainPage, openMainPage } from '../../tools/browser/main-page';
import { useBrowserSession } from './support/browser-session';
import { browserTestsUnavailable } from './support/environment';

const unavailable = browserTestsUnavailable();

// The tests run on the dev server; the build differs (hashed chunks listed in the manifest, no dev modules), so both.
describe.skipIf(unavailable).each(['dev', 'build'] as const)('offline use through the service worker (%s server)', (app) => {
  const session = useBrowserSession({ webcamPhoto: INDEX_FINGER_PHOTO, app });

  it('stores the app on the first visit, then loads, stays cross-origin isolated and recognises with the network off', async () => {
    const { page, main, uncaught } = await openMainPage(session);
    const appOrigin = new URL(session.server.url).origin;
    const failed: string[] = [];
    // What the page and its workers asked for. The service worker's own network attempts fail offline by design
    // (it then answers from its cache), so they are not counted.
    const isAppRequest = (request: Request) => new URL(request.url()).origin === appOrigin && request.serviceWorker() === null;
    session.chromium.context.on('requestfailed', (request) => {
      if (isAppRequest(request)) failed.push(`${request.url()}: ${request.failure()?.errorText ?? 'failed'}`);
    });
    session.chromium.context.on('response', (response: Response) => {
      if (isAppRequest(response.request()) && response.status() >= 400) failed.push(`${response.url()}: HTTP ${response.status()}`);
    });

    // First visit: nothing controls the page yet; the service worker stores the manifest and what the page
    // and its recognizer worker report having loaded.
    await main.start();
    await expect.poll(async () => (await main.lastHands())[0]?.gesture, { timeout: 60_000 }).toBe('pointing_up');
    await expect.poll(() => main.offlineReadiness(), { timeout: 60_000 }).toBe('ready');
    await expect.poll(() => page.getByTestId('offline-status').innerText()).toBe('Works offline');
    const stored = await page.evaluate(async () => {
      const names = await caches.keys();
      return { names, urls: (await (await caches.open(names[0])).keys()).map((r) => new URL(r.url).pathname) };
    });
    expect(stored.names).toEqual([expect.stringMatching(/^handcast-[0-9a-f]{16}$/)]);
    expect(stored.urls).toEqual(expect.arrayContaining(['/index.html', '/models/hand_landmarker.task', '/mediapipe-wasm/vision_wasm_module_internal.wasm', '/kernels/simd128.wasm']));
    expect(failed).toEqual([]);

    await session.chromium.context.setOffline(true);
    try {
      const navigation = await page.reload();
      expect(navigation?.fromServiceWorker()).toBe(true);
      await page.waitForFunction(() => 'handcast' in window);
      expect(await page.evaluate(() => ({ isolated: crossOriginIsolated, controlled: navigator.serviceWorker.controller !== null })))
        .toEqual({ isolated: true, controlled: true });
      await expect.poll(() => main.recognizerStatus(), { timeout: 60_000 }).toBe('ready');
      await main.start();
      await expect.poll(async () => (await main.lastHands())[0]?.gesture, { timeout: 60_000 }).toBe('pointing_up');
      // The worker runs recognition (not the in-page fallback), on the stored INT8 kernels.
      await expect.poll(() => page.getByTestId('engine').innerText()).toMatch(/classifier int8-wasm-/);
    } finally {
      await session.chromium.context.setOffline(false);
    }

    // No network at all: the server is gone, and the page still loads and recognises.
    await session.server.close();
    await page.reload();
    await page.waitForFunction(() => 'handcast' in window);
    await expect.poll(() => main.recognizerStatus(), { timeout: 60_000 }).toBe('ready');
    await main.start();
    await expect.poll(async () => (await main.lastHands())[0]?.gesture, { timeout: 60_000 }).toBe('pointing_up');

    expect(failed).toEqual([]);
    expect(await main.alerts()).toEqual([]);
    expect(uncaught).toEqual([]);
    await page.close();
  });
});

describe.skipIf(unavailable)('a new build, once online', () => {
  const session = useBrowserSession({ app: 'build' });

  it('keeps serving the stored version whole until the user reloads through "Update ready", then only the new one', async () => {
    const { page, main, uncaught } = await openMainPage(session);
    await expect.poll(() => main.offlineReadiness(), { timeout: 60_000 }).toBe('ready');
    const cacheNames = () => page.evaluate(() => caches.keys());
    const [firstVersion] = await cacheNames();

    // Deploy a new build: one page changed, and the service worker rebuilt from the folder as `vite build` does.
    const outDir = session.server.outDir!;
    const indexFile = path.join(outDir, 'index.html');
    writeFileSync(indexFile, readFileSync(indexFile, 'utf8').replace('<title>Handcast</title>', '<title>Handcast (new build)</title>'));
    writeFileSync(path.join(outDir, 'sw.js'), await serviceWorkerScript(folderManifest(outDir, 'content')));

    await page.reload();
    await page.waitForFunction(() => 'handcast' in window);
    await expect.poll(() => main.offlineReadiness(), { timeout: 60_000 }).toBe('update-ready');
    expect(await page.title()).toBe('Handcast');
    expect(await cacheNames()).toHaveLength(2);

    await page.getByTestId('offline-status').getByRole('button', { name: 'Reload' }).click();
    await expect.poll(() => page.title(), { timeout: 30_000 }).toBe('Handcast (new build)');
    await page.waitForFunction(() => 'handcast' in window);
    await expect.poll(() => main.offlineReadiness(), { timeout: 60_000 }).toBe('ready');
    const names = await cacheNames();
    expect(names).toHaveLength(1);
    expect(names[0]).not.toBe(firstVersion);
    expect(uncaught).toEqual([]);
    await page.close();
  });
});

describe.skipIf(unavailable)('when the service worker cannot be registered', () => {
  const session = useBrowserSession();

  it('says "Online only" with the reason in the badge, shows no notice, and the page keeps working', async () => {
    const page = await session.chromium.context.newPage();
    const uncaught: string[] = [];
    page.on('pageerror', (error) => uncaught.push(error.message));
    // What a browser answers on plain http from a LAN address.
    await page.addInitScript(() => {
      navigator.serviceWorker.register = () => Promise.reject(new DOMException('The operation is insecure.', 'SecurityError'));
    });
    const main = new MainPage(page);
    await main.open(session.server.url);
    await expect.poll(() => main.offlineReadiness()).toBe('unavailable');
    const badge = page.getByTestId('offline-status');
    expect(await badge.getAttribute('title')).toBe('Offline use is off: the service worker could not be registered (The operation is insecure.).');
    expect(await badge.innerText()).toMatch(/^Online only/);
    await expect.poll(() => main.recognizerStatus(), { timeout: 60_000 }).toBe('ready');
    expect(await main.alerts()).toEqual([]);
    expect(uncaught).toEqual([]);
    await page.close();
  });
});
