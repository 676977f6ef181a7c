// When things go wrong: each failure shows a plain message, the page stays usable, and nothing is thrown uncaught.
import type { Page } from 'playwright-core';
import { startAppServer, type AppServer } from '../../tools/browser/app-server';
import { launchChromium, type LaunchedBrowser } from '../../tools/browser/chromium';
import { INDEX_FINGER_PHOTO, makeFakeWebcam } from '../../tools/browser/fake-webcam';
import { MainPage } from '../../tools/browser/main-page';
import { browserTestsUnavailable } from './support/environment';

const unavailable = browserTestsUnavailable();

/** Opens the main page with an init script (run before the app) and collects uncaught errors. */
async function openMain(browser: LaunchedBrowser, server: AppServer, initScript?: () => void) {
  const page: Page = await browser.context.newPage();
  const uncaught: string[] = [];
  page.on('pageerror', (error) => uncaught.push(error.message));
  if (initScript) await page.addInitScript(initScript);
  const main = new MainPage(page);
  await main.open(server.url);
  return { page, main, uncaught };
}

async function expectPageStillUsable(page: Page): Promise<void> {
  // The controls still respond: the mirror toggle flips and the Start button is enabled.
  const mirror = page.getByLabel('Mirror');
  const before = await mirror.isChecked();
  await mirror.click();
  expect(await mirror.isChecked()).toBe(!before);
  expect(await page.getByRole('button', { name: 'Start' }).isEnabled()).toBe(true);
}

describe.skipIf(unavailable)('failures, in real Chromium', () => {
  let server: AppServer;

  beforeAll(async () => {
    server = await startAppServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  describe('without any camera', () => {
    let browser: LaunchedBrowser;
    beforeAll(async () => {
      browser = await launchChromium(); // this machine has no camera and no fake device
    });
    afterAll(async () => browser?.close());

    it('says no camera was found', async () => {
      const { page, main, uncaught } = await openMain(browser, server);
      await main.start();
      await expect.poll(() => main.alerts(), { timeout: 15_000 }).toEqual([expect.stringContaining('No camera was found')]);
      await expectPageStillUsable(page);
      expect(uncaught).toEqual([]);
      await page.close();
    });
  });

  describe('with a fake webcam', () => {
    let browser: LaunchedBrowser;
    beforeAll(async () => {
      browser = await launchChromium({ fakeVideo: makeFakeWebcam(INDEX_FINGER_PHOTO) });
    });
    afterAll(async () => browser?.close());

    it.each([
      ['NotAllowedError', 'Camera permission was denied'],
      ['NotReadableError', 'The camera is busy: another program holds it'],
    ])('explains a getUserMedia %s', async (errorName, expected) => {
      const { page, main, uncaught } = await openMain(browser, server);
      // The rejection the browser gives for a denied permission or a camera held by another app.
      await page.evaluate((name) => {
        navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('refused (test)', name));
      }, errorName);
      await main.start();
      await expect.poll(() => main.alerts()).toEqual([expect.stringContaining(expected)]);
      await expectPageStillUsable(page);
      expect(uncaught).toEqual([]);
      await page.close();
    });

    it('explains a corrupt gesture model and a missing hand model', async () => {
      for (const [pattern, body, status, expected] of [
        ['**/models/gesture_model.json', '{"format":"handcast-gesture-model","version":1,"labels":[', 200, /gesture model .* not valid JSON/],
        ['**/models/hand_landmarker.task', 'not found', 404, /hand model .* is missing/],
      ] as const) {
        await browser.context.route(pattern, (route) => route.fulfill({ status, body }));
        const { page, main, uncaught } = await openMain(browser, server);
        await expect.poll(() => main.alerts(), { timeout: 30_000 }).toEqual([expect.stringMatching(expected)]);
        expect(await main.recognizerStatus()).toBe('error');
        await expectPageStillUsable(page);
        expect(uncaught).toEqual([]);
        await page.close();
        await browser.context.unrouteAll();
      }
    });

    it('warns when WebAssembly SIMD is missing, and still recognises on the fallback', async () => {
      const { page, main, uncaught } = await openMain(browser, server, () => {
        // Pretend to be a browser without SIMD128: feature probes (tiny modules using the v128 type, 0x7b) fail
        // to validate and to instantiate, so both our probe and MediaPipe's pick their non-SIMD paths. So do our
        // kernel builds that use SIMD instructions (prefix 0xfd; the scalar build, 3 KB, has no such byte), as in
        // a real browser without SIMD. MediaPipe's own 12 MB binaries are left alone: it picks its build by probe.
        const isSimdProbe = (bytes: unknown) => {
          if (!(bytes instanceof Uint8Array || bytes instanceof ArrayBuffer)) return false;
          const view = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes;
          return (view.length < 64 && view.includes(0x7b)) || (view.length < 1_000_000 && view.includes(0xfd));
        };
        const validate = WebAssembly.validate.bind(WebAssembly);
        const instantiate = WebAssembly.instantiate.bind(WebAssembly) as (...args: unknown[]) => Promise<unknown>;
        WebAssembly.validate = (bytes: BufferSource) => (isSimdProbe(bytes) ? false : validate(bytes));
        (WebAssembly as unknown as { instantiate: unknown }).instantiate = (...args: unknown[]) =>
          isSimdProbe(args[0]) ? Promise.reject(new WebAssembly.CompileError('SIMD unsupported (test)')) : instantiate(...args);
      });
      await expect.poll(() => main.alerts()).toEqual([expect.stringContaining('lacks WebAssembly SIMD')]);
      await main.start();
      await expect.poll(() => main.framesProcessed(), { timeout: 60_000 }).toBeGreaterThan(0);
      // MediaPipe's non-SIMD build was the one loaded, on the page's thread.
      const scripts = await page.evaluate(() => [...document.scripts].map((s) => s.src));
      expect(scripts.some((src) => src.endsWith('/mediapipe-wasm/vision_wasm_nosimd_internal.js'))).toBe(true);
      expect(await main.lastHands()).toEqual([expect.objectContaining({ gesture: 'pointing_up' })]);
      // The classifier runs on the scalar kernel build, and labels exactly as the SIMD build does on the same landmarks.
      expect(await page.getByTestId('kernel').innerText()).toBe('kernel scalar');
      const [cameraHand] = await main.lastHands();
      await page.getByRole('button', { name: 'Stop' }).click(); // only fed landmarks reach the recognizer from here on
      const fed = [{ landmarks: cameraHand.landmarks, handedness: 'Right' as const, handednessScore: 1 }];
      const onScalar = await main.classifyLandmarks(fed);

      const simd = await openMain(browser, server);
      await expect.poll(() => simd.main.recognizerStatus(), { timeout: 60_000 }).toBe('ready');
      expect(await simd.page.getByTestId('kernel').innerText()).toMatch(/^kernel (relaxed-simd|simd128)$/);
      const onSimd = await simd.main.classifyLandmarks(fed);
      expect(onScalar).toEqual([{ gesture: 'pointing_up', gestureScore: expect.any(Number) }]);
      expect(onScalar).toEqual(onSimd);
      expect(uncaught).toEqual([]);
      expect(simd.uncaught).toEqual([]);
      await simd.page.close();
      await page.close();
    });
  });
});
