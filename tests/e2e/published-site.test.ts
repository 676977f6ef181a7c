// The build as a streamer publishes it: a plain static host, under a sub-path, recognising, the OBS overlay, installable, and offline.
import type { Request, Response } from 'playwright-core';
import { INDEX_FINGER_PHOTO } from '../../tools/browser/fake-webcam';
import { openMainPage } from '../../tools/browser/main-page';
import { OverlayPage } from '../../tools/browser/overlay-page';
import { useBrowserSession } from './support/browser-session';
import { browserTestsUnavailable } from './support/environment';

const unavailable = browserTestsUnavailable();

/** Where the site is published, as on https://someone.github.io/handcast/ (Chromium treats 127.0.0.1 as a secure origin). */
const SUB_PATH = '/handcast/';

/** A valid overlay message at (x, y). */
const effect = (x: number, y: number) => ({ type: 'handcast-effect', effect: 'emoji-burst', x, y, gesture: 'open_palm', emoji: '✋', timeMs: 1 });

describe.skipIf(unavailable)(`the built site on a plain static host under ${SUB_PATH}`, () => {
  const session = useBrowserSession({ webcamPhoto: INDEX_FINGER_PHOTO, app: { staticSubPath: SUB_PATH } });
  /** The site's root URL, with its trailing slash. */
  const site = () => `${session.server.url}/`;
  /** Requests of the pages and workers that went outside the site, or failed. */
  const strays: string[] = [];
  const failed: string[] = [];
  beforeAll(() => {
    const isHttp = (url: string) => url.startsWith('http:') || url.startsWith('https:');
    session.chromium.context.on('request', (request: Request) => {
      if (isHttp(request.url()) && !request.url().startsWith(site())) strays.push(request.url());
    });
    // The service worker's own fetches fail offline by design (it answers from its cache), so they are not counted.
    session.chromium.context.on('requestfailed', (request: Request) => {
      if (request.serviceWorker() === null) failed.push(`${request.url()}: ${request.failure()?.errorText ?? 'failed'}`);
    });
    session.chromium.context.on('response', (response: Response) => {
      if (response.status() >= 400) failed.push(`${response.url()}: HTTP ${response.status()}`);
    });
  });

  it('recognises on the fake webcam with every file from below the sub-path, is stored for offline use, and is installable', async () => {
    const { page, main, uncaught } = await openMainPage(session);
    expect(page.url()).toBe(site());
    await main.start();
    await expect.poll(async () => (await main.lastHands())[0]?.gesture, { timeout: 60_000 }).toBe('pointing_up');
    // The recognizer worker found the kernels from its own URL (assets/), not from the page's.
    await expect.poll(() => page.getByTestId('engine').innerText()).toMatch(/classifier int8-wasm-/);
    expect(await page.getByLabel('Overlay URL').inputValue()).toBe(`${site()}overlay.html`);

    await expect.poll(() => main.offlineReadiness(), { timeout: 60_000 }).toBe('ready');
    await expect.poll(() => main.serviceWorker()).toEqual({ script: `${site()}sw.js`, scope: site() });

    expect(await main.appManifest()).toEqual({ url: `${site()}manifest.webmanifest`, errors: [] });
    // Chromium checks the manifest, its icons (fetched and decoded) and the service worker in control of start_url.
    await expect.poll(() => main.installabilityErrors(), { timeout: 30_000 }).toEqual([]);

    expect(strays).toEqual([]);
    expect(failed).toEqual([]);
    expect(await main.alerts()).toEqual([]);
    expect(uncaught).toEqual([]);
    await page.close();
  });

  it('serves the overlay OBS loads from the sub-path, and it draws where the hand was', async () => {
    const page = await session.chromium.context.newPage();
    const uncaught: string[] = [];
    page.on('pageerror', (error) => uncaught.push(error.message));
    await page.setViewportSize({ width: 960, height: 540 });
    const overlay = await OverlayPage.open(page, session.server.url, { insideObs: true });
    expect(page.url()).toBe(`${site()}overlay.html`);
    await overlay.emitObsEvent('handcast-effect', effect(0.7, 0.3));
    const [atHand, elsewhere] = await overlay.paintedNear([{ x: 0.7, y: 0.3 }, { x: 0.2, y: 0.8 }], 40);
    expect(atHand).toBeGreaterThan(50);
    expect(elsewhere).toBe(0);
    expect(strays).toEqual([]);
    expect(failed).toEqual([]);
    expect(uncaught).toEqual([]);
    await page.close();
  });

  it('after that first visit, starts and recognises with the network off, the overlay too', async () => {
    const { page, main, uncaught } = await openMainPage(session);
    await expect.poll(() => main.offlineReadiness(), { timeout: 60_000 }).toBe('ready');
    await session.chromium.context.setOffline(true);
    try {
      const navigation = await page.reload();
      expect(navigation?.fromServiceWorker()).toBe(true);
      await page.waitForFunction(() => 'handcast' in window);
      await expect.poll(() => main.recognizerStatus(), { timeout: 60_000 }).toBe('ready');
      await main.start();
      await expect.poll(async () => (await main.lastHands())[0]?.gesture, { timeout: 60_000 }).toBe('pointing_up');

      const overlayPage = await session.chromium.context.newPage();
      const overlay = await OverlayPage.open(overlayPage, session.server.url);
      expect(await overlay.loopRunning()).toBe(false);
      await overlayPage.close();
    } finally {
      await session.chromium.context.setOffline(false);
    }
    expect(await main.alerts()).toEqual([]);
    expect(uncaught).toEqual([]);
    await page.close();
  });
});
