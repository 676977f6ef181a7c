// One app server and one Chromium per test file (started in beforeAll, closed in afterAll), to open pages in (openMainPage).
import { startAppServer, startBuiltAppServer, startStaticSiteServer, type AppServer } from '../../../tools/browser/app-server';
import { launchChromium, type LaunchedBrowser } from '../../../tools/browser/chromium';
import { makeFakeWebcam } from '../../../tools/browser/fake-webcam';
import type { BrowserSession } from '../../../tools/browser/main-page';

/**
 * Registers the hooks; the returned object is filled in by beforeAll. `webcamPhoto` becomes a fake webcam;
 * `chromiumArgs` are added to Chromium's command line; `app: 'build'` serves a production build (vite build + vite
 * preview) instead of the dev server; `app: { staticSubPath: '/handcast/' }` serves the build from a plain static
 * server under that sub-path (session.server.url ends with it, without the trailing slash).
 */
export function useBrowserSession(
  options: { webcamPhoto?: string; chromiumArgs?: string[]; app?: 'dev' | 'build' | { staticSubPath: string } } = {},
): BrowserSession {
  const session = {} as { server: AppServer; chromium: LaunchedBrowser };
  const startServer = (): Promise<AppServer> => {
    if (options.app === 'build') return startBuiltAppServer();
    if (typeof options.app === 'object') return startStaticSiteServer(options.app.staticSubPath);
    return startAppServer();
  };
  beforeAll(async () => {
    session.server = await startServer();
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
