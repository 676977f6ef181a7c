// Page object for the main page (tldraw-style): actions and reads through the UI and the window.handcast test API.
import type { Frame, Page } from 'playwright-core';
import type { HandcastTestApi } from '../../src/pages/main/test-api';
import type { AppServer } from './app-server';
import type { LaunchedBrowser } from './chromium';

/** A running app server and the Chromium that opens its pages. */
export interface BrowserSession {
  readonly server: AppServer;
  readonly chromium: LaunchedBrowser;
}

export class MainPage {
  constructor(readonly page: Page) {}

  async open(baseUrl: string, query = ''): Promise<void> {
    await this.page.goto(`${baseUrl}/${query}`);
    await this.page.waitForFunction(() => 'handcast' in window);
  }

  async start(): Promise<void> {
    await this.page.getByRole('button', { name: 'Start' }).click();
  }

  framesProcessed(): Promise<number> {
    return this.page.evaluate(() => window.handcast!.framesProcessed());
  }

  lastHands(): Promise<ReturnType<HandcastTestApi['lastHands']>> {
    return this.page.evaluate(() => window.handcast!.lastHands());
  }

  recognizerStatus(): Promise<string> {
    return this.page.evaluate(() => window.handcast!.state().recognizerStatus);
  }

  cameraStatus(): Promise<string> {
    return this.page.evaluate(() => window.handcast!.state().cameraStatus);
  }

  /** What a real unplug does: the device ends the track, and the browser fires "ended" on it. */
  unplugCamera(): Promise<void> {
    return this.page.getByTestId('video').evaluate((video: HTMLVideoElement) => {
      for (const track of (video.srcObject as MediaStream).getVideoTracks()) {
        track.stop();
        track.dispatchEvent(new Event('ended'));
      }
    });
  }

  /**
   * Hides or shows the tab as far as the page can tell: document.visibilityState and a visibilitychange event.
   * Headless Chromium keeps every page visible (a minimised window, a tab in front of it and CDP's
   * Page.setWebLifecycleState all leave visibilityState "visible"), so the page's own view is overridden.
   */
  setTabVisibility(state: 'hidden' | 'visible'): Promise<void> {
    return this.page.evaluate((next) => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => next });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => next === 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    }, state);
  }

  /**
   * Classifies these hands through the page's recognizer (window.handcast.feedLandmarks) and returns the labels
   * and scores it gave. Stop the camera first, or a camera frame's result could be read instead.
   */
  classifyLandmarks(hands: Parameters<HandcastTestApi['feedLandmarks']>[0]): Promise<Array<{ gesture: string; gestureScore: number }>> {
    return this.page.evaluate(async (fed) => {
      const api = window.handcast!;
      const tick = () => new Promise((resolve) => setTimeout(resolve, 20));
      while (!api.feedLandmarks(fed)) await tick();
      const before = api.framesProcessed();
      while (api.framesProcessed() === before) await tick();
      return api.lastHands().map(({ gesture, gestureScore }) => ({ gesture, gestureScore }));
    }, hands);
  }

  /** Offline readiness (src/store/offline-slice.ts): checking, saving, ready, update-ready or unavailable. */
  offlineReadiness(): Promise<string> {
    return this.page.evaluate(() => window.handcast!.state().offline.readiness);
  }

  /** The service worker in control of the page (its script and scope), or null while none is. */
  serviceWorker(): Promise<{ script: string; scope: string } | null> {
    return this.page.evaluate(async () => {
      const controller = navigator.serviceWorker.controller;
      if (!controller) return null;
      const registration = await navigator.serviceWorker.getRegistration();
      return { script: controller.scriptURL, scope: registration?.scope ?? '' };
    });
  }

  /**
   * Why Chromium would not offer to install the page as an app (DevTools protocol Page.getInstallabilityErrors:
   * manifest, icons, service worker, secure origin), as "id: arguments"; empty when it is installable.
   */
  async installabilityErrors(): Promise<string[]> {
    const cdp = await this.page.context().newCDPSession(this.page);
    try {
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      return installabilityErrors.map(({ errorId, errorArguments }) =>
        [errorId, ...errorArguments.map(({ name, value }) => `${name}=${value}`)].join(': '));
    } finally {
      await cdp.detach();
    }
  }

  /** The web app manifest Chromium found for the page: its URL and the problems it reported parsing it. */
  async appManifest(): Promise<{ url: string; errors: string[] }> {
    const cdp = await this.page.context().newCDPSession(this.page);
    try {
      const { url, errors } = await cdp.send('Page.getAppManifest');
      return { url, errors: errors.map((error) => error.message) };
    } finally {
      await cdp.detach();
    }
  }

  alerts(): Promise<string[]> {
    return this.page.locator('.notice').allInnerTexts();
  }

  /** Picks an effect kind in the overlay preview panel and clicks "Test effect". */
  async sendTestEffect(kind: 'emoji-burst' | 'confetti' | 'lower-third'): Promise<void> {
    await this.page.getByLabel('Test effect kind').selectOption(kind);
    await this.page.getByRole('button', { name: 'Test effect' }).click();
  }

  /** The overlay page inside the preview iframe, once its scripts have run. */
  async overlayPreviewFrame(): Promise<Frame> {
    await this.page.getByTitle('Overlay preview').waitFor();
    const frame = await (await this.page.getByTitle('Overlay preview').elementHandle())!.contentFrame();
    if (!frame) throw new Error('The overlay preview iframe has no document.');
    await frame.waitForFunction(() => 'handcastOverlay' in window);
    return frame;
  }
}

/**
 * A new page on the main page, with its uncaught errors collected. `initScript` runs before the app's scripts
 * (to stub a browser API); `localStorage` entries are stored before them too (saved settings); `query` is added to
 * the URL (e.g. "?assume-hardware-gpu").
 */
export async function openMainPage(
  session: BrowserSession, options: { initScript?: () => void; localStorage?: Record<string, string>; query?: string } = {},
): Promise<{ page: Page; main: MainPage; uncaught: string[] }> {
  const page = await session.chromium.context.newPage();
  const uncaught: string[] = [];
  page.on('pageerror', (error) => uncaught.push(error.message));
  if (options.initScript) await page.addInitScript(options.initScript);
  if (options.localStorage) {
    await page.addInitScript((entries) => {
      for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, value);
    }, options.localStorage);
  }
  const main = new MainPage(page);
  await main.open(session.server.url, options.query);
  return { page, main, uncaught };
}
