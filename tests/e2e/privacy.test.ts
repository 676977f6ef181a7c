// Privacy: a whole session (camera, recognition, offline storage, built-in samples) sends nothing beyond the app's own origin, and every page's CSP says so.
import { readdirSync } from 'node:fs';
import type { Request } from 'playwright-core';
import { REPO_ROOT } from '../../tools/browser/app-server';
import { INDEX_FINGER_PHOTO } from '../../tools/browser/fake-webcam';
import { openMainPage } from '../../tools/browser/main-page';
import { useBrowserSession } from './support/browser-session';
import { browserTestsUnavailable } from './support/environment';

const unavailable = browserTestsUnavailable();

/** Where a page may connect besides its own origin: obs-websocket on this machine, nothing else. */
const LOOPBACK_WEBSOCKETS = ['ws://127.0.0.1:*', 'ws://localhost:*', 'ws://[::1]:*'];

/** The policy as directive → sources. */
function parsePolicy(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((part) => part.trim().split(/\s+/)).filter((tokens) => tokens[0]).map(([name, ...sources]) => [name, sources]));
}

function expectLocalOnlyPolicy(policy: string | undefined, page: string): void {
  expect(policy, `${page} has no Content-Security-Policy`).toBeTruthy();
  const directives = parsePolicy(policy!);
  expect(directives.get('default-src'), page).toEqual(["'self'"]);
  for (const [name, sources] of directives) expect(sources, `${page} ${name}`).not.toContain("'unsafe-eval'");
  const connect = directives.get('connect-src') ?? [];
  expect(connect, page).toContain("'self'");
  expect(connect.filter((source) => source !== "'self'" && !LOOPBACK_WEBSOCKETS.includes(source)), `${page} connect-src`).toEqual([]);
}

/** The app's pages: every .html at the root (index.html, and any page added beside it). */
const HTML_PAGES = readdirSync(REPO_ROOT).filter((name) => name.endsWith('.html')).sort();

describe.skipIf(unavailable).each(['dev', 'build'] as const)('nothing leaves localhost (%s server)', (app) => {
  const session = useBrowserSession({ webcamPhoto: INDEX_FINGER_PHOTO, app });

  it('records every request of a full session, from the page, its workers and the service worker: all on the app origin', async () => {
    const appOrigin = new URL(session.server.url).origin;
    const requests: Request[] = [];
    session.chromium.context.on('request', (request) => requests.push(request));

    const { page, main, uncaught } = await openMainPage(session);
    await main.start();
    await expect.poll(async () => (await main.lastHands())[0]?.gesture, { timeout: 60_000 }).toBe('pointing_up');
    const frames = await main.framesProcessed();
    await expect.poll(() => main.framesProcessed(), { timeout: 30_000 }).toBeGreaterThan(frames + 10);
    await page.getByLabel('Built-in gesture to extend').selectOption('fist');
    await page.getByRole('button', { name: 'Add its samples' }).click();
    await expect.poll(() => page.getByTestId('gesture-count').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-label')))).toContain('fist');
    await expect.poll(() => main.offlineReadiness(), { timeout: 60_000 }).toBe('ready');

    // The browser refuses to send what the policy forbids, even when page code asks (and such a refusal is no request).
    const refused = await page.evaluate(() => fetch('http://192.0.2.1/probe', { mode: 'no-cors' }).then(() => false, () => true));
    expect(refused).toBe(true);
    await page.getByRole('button', { name: 'Stop' }).click();

    // The recorder sees all three kinds of sender: the page, the recognizer worker (only it fetches the hand
    // model) and the service worker (it stores the app).
    const paths = (list: Request[]) => list.map((r) => new URL(r.url()).pathname);
    expect(paths(requests)).toContain('/');
    expect(paths(requests.filter((r) => r.serviceWorker() === null))).toContain('/models/hand_landmarker.task');
    expect(requests.filter((r) => r.serviceWorker() !== null).length).toBeGreaterThan(0);

    const elsewhere = requests.map((r) => r.url()).filter((url) => !url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== appOrigin);
    expect(elsewhere).toEqual([]);
    expect(uncaught).toEqual([]);
    await page.close();
  });

  it.each(HTML_PAGES)('serves %s with a policy of this origin only, no eval, and websockets to loopback only', async (name) => {
    const response = await session.chromium.context.request.get(`${session.server.url}/${name}`);
    expect(response.status()).toBe(200);
    const headers = response.headers();
    expectLocalOnlyPolicy(headers['content-security-policy'], name);
    expect(headers['cross-origin-embedder-policy']).toBe('require-corp');
    expect(headers['cross-origin-opener-policy']).toBe('same-origin');
    if (app === 'build') {
      // A static host may drop the headers; the built page carries the same policy itself.
      const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(await response.text())?.[1];
      const decoded = meta?.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
      expectLocalOnlyPolicy(decoded, `${name} (meta)`);
      expect(decoded).toBe(headers['content-security-policy']);
    }
  });
});
