// Recording in the page: hold the button, a countdown, then samples of the visible hand at the set rate.
import { readFileSync } from 'node:fs';
import { INDEX_FINGER_PHOTO } from '../../tools/browser/fake-webcam';
import { openMainPage } from '../../tools/browser/main-page';
import { useBrowserSession } from './support/browser-session';
import { browserTestsUnavailable } from './support/environment';

const unavailable = browserTestsUnavailable();

describe.skipIf(unavailable)('recording gestures on a fake webcam', () => {
  const session = useBrowserSession({ webcamPhoto: INDEX_FINGER_PHOTO });

  it('counts down, records while the button is held, lists the samples per gesture, and keeps them across reloads', async () => {
    const { page, main, uncaught } = await openMainPage(session);
    await main.start();
    await expect.poll(() => main.framesProcessed(), { timeout: 60_000 }).toBeGreaterThan(0);

    await page.getByLabel('Gesture', { exact: true }).fill('finger_up');
    const button = page.getByRole('button', { name: 'Hold to record' });
    await button.hover();
    await page.mouse.down();
    await expect.poll(() => page.getByTestId('take-progress').innerText()).toMatch(/Get ready: [123]…/);
    await expect.poll(() => page.getByTestId('take-progress').innerText(), { timeout: 10_000 }).toMatch(/Recording finger_up: [1-9]\d* samples/);
    await page.waitForTimeout(1500);
    await page.mouse.up();

    const row = page.getByTestId('gesture-count');
    await expect.poll(() => row.getAttribute('data-label')).toBe('finger_up');
    const count = Number((await row.innerText()).match(/(\d+) samples/)![1]);
    // 10 samples a second at most, for about 1.5–2.5 s of recording (the page runs at whatever rate the landmarker allows).
    expect(count).toBeGreaterThanOrEqual(3);
    expect(count).toBeLessThanOrEqual(30);

    // Kept in IndexedDB: a reload finds the same samples.
    await page.reload();
    await page.waitForFunction(() => 'handcast' in window);
    await expect.poll(() => page.getByTestId('gesture-count').innerText(), { timeout: 10_000 }).toContain(`${count} samples`);
    expect(await page.getByTestId('gesture-count').getAttribute('data-label')).toBe('finger_up');

    // Deleting a gesture is kept too.
    await page.getByRole('button', { name: 'Delete finger_up' }).click();
    await expect.poll(() => page.getByTestId('gesture-count').count()).toBe(0);
    await page.waitForTimeout(300);
    await page.reload();
    await page.waitForFunction(() => 'handcast' in window);
    await page.waitForTimeout(1000);
    expect(await page.getByTestId('gesture-count').count()).toBe(0);
    expect(uncaught).toEqual([]);
    await page.close();
  });

  it('imports a dataset file (bad lines named, the rest kept), reviews and deletes samples, and exports what is left', async () => {
    const { page, main } = await openMainPage(session);
    const hand = (shift: number) => Array.from({ length: 21 }, (_, i) => [0.4 + (i % 5) * 0.03 + shift, 0.8 - Math.floor(i / 5) * 0.08, 0]);
    const lines = [
      ...Array.from({ length: 6 }, (_, i) => JSON.stringify({ label: 'wave', landmarks: hand(i * 0.01), aspect: 4 / 3, handedness: 'Left', take: 't1', capturedAt: 1 })),
      '{"label": "wave", "landmarks": [[1, 2]]}',
      JSON.stringify({ label: '<script>', landmarks: hand(0), aspect: 1, handedness: 'Left', take: 't1', capturedAt: 1 }),
    ];
    await page.getByTestId('dataset-file').setInputFiles({ name: 'mine.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(lines.join('\n')) });
    await expect.poll(() => main.alerts()).toEqual([expect.stringMatching(/Imported 6 samples from mine\.jsonl\. 2 lines skipped \(first: line 7: /)]);
    await expect.poll(() => page.getByTestId('gesture-count').innerText()).toContain('6 samples');

    await page.getByRole('button', { name: 'Review wave' }).click();
    const thumbnails = page.locator('.thumbnail');
    expect(await thumbnails.count()).toBe(6);
    await thumbnails.nth(0).click();
    await thumbnails.nth(3).click();
    await page.getByRole('button', { name: 'Delete 2 selected' }).click();
    await expect.poll(() => page.getByTestId('gesture-count').innerText()).toContain('4 samples');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSONL' }).click()]);
    const exported = readFileSync(await download.path(), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(exported).toHaveLength(4);
    expect(exported.every((s) => s.label === 'wave' && s.landmarks.length === 21)).toBe(true);
    await page.getByRole('button', { name: 'Delete wave' }).click();
    await page.close();
  });
});
