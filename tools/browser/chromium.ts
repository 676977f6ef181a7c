// Launches the system Chromium (never a downloaded one) headless, with the flags that work on a closed network.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const HEADLESS_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** The Chromium binary: $CHROME_PATH, else /usr/bin/chromium; null when neither exists. */
export function findChromium(): string | null {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  return candidates.find((p) => existsSync(p)) ?? null;
}

export const CHROMIUM_MISSING =
  'Chromium was not found. Install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROME_PATH to a Chromium or Chrome binary.';

export interface LaunchedBrowser {
  readonly browser: Browser;
  readonly context: BrowserContext;
  /** The fresh profile directory; the browser process is the one whose command line names it. */
  readonly userDataDir: string;
  close(): Promise<void>;
}

/**
 * Starts Chromium with a fresh profile; `fakeVideo` (a .y4m file) becomes the webcam, with permission granted.
 * Service workers are blocked unless `serviceWorkers: 'allow'`: the CLIs and benchmarks should not store 50 MB of
 * app while they measure, and routed (faked) server answers would be bypassed by the worker's cache.
 */
export async function launchChromium(
  options: { fakeVideo?: string; extraArgs?: string[]; serviceWorkers?: 'allow' | 'block' } = {},
): Promise<LaunchedBrowser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(CHROMIUM_MISSING);
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'handcast-chromium-'));
  const args = [...HEADLESS_FLAGS, ...(options.extraArgs ?? [])];
  if (options.fakeVideo) {
    args.push('--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${options.fakeVideo}`);
  }
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath, headless: true, args, serviceWorkers: options.serviceWorkers ?? 'block',
  });
  const browser = context.browser();
  return {
    browser: browser as Browser,
    context,
    userDataDir,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
