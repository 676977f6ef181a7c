// One app server and one Chromium per test file (started in beforeAll, closed in afterAll), and the main page opened in it.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT, startAppServer, startBuiltAppServer, type AppServer } from '../../../tools/browser/app-server';
import { launchChromium, type LaunchedBrowser } from '../../../tools/browser/chromium';
import { makeFakeWebcam } from './environment';
import { MainPage } from './main-page';

/** The index-finger-up photo every fake webcam here shows (fingerpose, MIT). */
export const INDEX_FINGER_PHOTO = path.join(REPO_ROOT, 'node_modules/fingerpose/assets/nocurl.jpg');

export interface BrowserSession {
  readonly server: AppServer;
  readonly chromium: LaunchedBrowser;
}

/**
 * Registers the hooks; the returned object is filled in by beforeAll. `webcamPhoto` becomes a fake webcam;
 * `chromiumArgs` are added to Chromium's command line; `app: 'build'` serves a production build (vite build + vite
 * preview) instead of the dev server.
 */
export function useBrowserSession(options: { webcamPhoto?: string; chromiumArgs?: string[]; app?: 'dev' | 'build' } = {}): BrowserSession {
  const session = {} as { server: AppServer; chromium: LaunchedBrowser };
  beforeAll(async () => {
    session.server = options.app === 'build' ? await startBuiltAppServer() : await startAppServer();
    // The app as users get it, service worker included.
    session.chromium = await launchChromium({
      serviceWorkers: 'allow',
      ...(options.webcamPhoto ? { fakeVideo: makeFakeWebcam(options.webcamPhoto) } : {}),
      extraArgs: options.chromiumArgs,
    });
  });
  afterAll(async () => {
    await session.chromium?.close();
    await session.server?.close();
  });
  return session;
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
