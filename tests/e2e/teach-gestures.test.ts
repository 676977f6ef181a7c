// Teach it your own gestures: record one through the landmark feed and one shown to the fake webcam (a real peace
// sign from HaGRID), train in a worker while the frame loop keeps running, see the live label switch on fed hands and
// on the camera's own hand (the README's picture), and find it all again after a reload.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../../tools/browser/app-server';
import { GESTURE_LANDMARKS_IN_SHARED, recordedHands, type FedHand } from '../../tools/browser/landmark-feed';
import { openMainPage } from '../../tools/browser/main-page';
import { useBrowserSession } from './support/browser-session';
import { browserTestsUnavailable } from './support/environment';
import { sharedDataMissing, sharedPath } from '../support/shared-data';

const unavailable = browserTestsUnavailable();
const PEACE_PHOTO_IN_SHARED = path.join('fixtures', 'photos', 'hagrid-v1', 'padded', 'peace.jpg');
const dataMissing = sharedDataMissing('The teach-gestures test', GESTURE_LANDMARKS_IN_SHARED, PEACE_PHOTO_IN_SHARED);

const feed = (page: Page, hand: FedHand) =>
  page.evaluate((h) => window.handcast!.feedLandmarks([h]), hand);

/** The samples the take being recorded holds so far, from the recorder's progress line (0 before the first). */
async function takeSamples(page: Page): Promise<number> {
  return Number(/: (\d+) samples?/.exec(await page.getByTestId('take-progress').innerText())?.[1] ?? 0);
}

/** Training asks for at least 20 samples of each gesture; a take aims above it. */
const SAMPLES_PER_TAKE = 25;

/**
 * Holds the record button through the countdown and `seconds` of recording, feeding the given hands meanwhile
 * (with no hands given, the recorder takes the hand the landmarker finds in the camera frames), and on until the
 * take has SAMPLES_PER_TAKE: a loaded machine records fewer samples a second.
 */
async function recordTake(page: Page, name: string, hands: FedHand[], seconds: number): Promise<void> {
  await page.getByLabel('Gesture', { exact: true }).fill(name);
  await page.getByRole('button', { name: 'Hold to record' }).hover();
  await page.mouse.down();
  await expect.poll(() => page.getByTestId('take-progress').innerText(), { timeout: 10_000 }).toMatch(/^Recording/);
  const end = Date.now() + seconds * 1000;
  const giveUp = end + 30_000;
  for (let i = 0; Date.now() < end || (Date.now() < giveUp && (await takeSamples(page)) < SAMPLES_PER_TAKE); i++) {
    if (hands.length > 0) await feed(page, hands[i % hands.length]);
    await page.waitForTimeout(30);
  }
  await page.mouse.up();
}

async function labelAfterFeeding(page: Page, hand: FedHand): Promise<string | null> {
  await feed(page, hand);
  await page.waitForTimeout(100);
  return page.getByTestId('hand-label').first().getAttribute('data-gesture');
}

describe.skipIf(unavailable || dataMissing)('teach it your own gestures', () => {
  const session = useBrowserSession({ webcamPhoto: sharedPath(PEACE_PHOTO_IN_SHARED) });

  it('records two gestures, trains in a worker without stalling the loop, switches the live label, and keeps it all', async () => {
    const fists = recordedHands(4, sharedPath(GESTURE_LANDMARKS_IN_SHARED)).slice(0, 120);
    const { page, main, uncaught } = await openMainPage(session);
    await main.start();
    await expect.poll(() => main.framesProcessed(), { timeout: 60_000 }).toBeGreaterThan(0);

    await recordTake(page, 'grip', fists, 3);
    await page.evaluate(() => window.handcast!.stopLandmarkFeed());
    await recordTake(page, 'peace sign', [], 3);
    const counts = await page.getByTestId('gesture-count').allInnerTexts();
    expect(counts.map((c) => c.split('\n')[0].split(' ')[0])).toEqual(['grip', 'peace']);

    // On camera frames, train: the frame loop must keep counting while the worker trains.
    const framesBefore = await main.framesProcessed();
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect.poll(() => page.getByTestId('training-status').innerText(), { timeout: 10_000 }).toMatch(/train \d+\/\d+/);
    const framesWhileTraining = (await main.framesProcessed()) - framesBefore;
    await expect.poll(() => page.getByTestId('train-report').isVisible(), { timeout: 90_000 }).toBe(true);
    expect(framesWhileTraining).toBeGreaterThan(0);
    expect(await page.getByTestId('train-report').innerText()).toMatch(/float \d+\.\d%, INT8 \d+\.\d%/);
    await expect.poll(() => page.getByTestId('model-name').innerText(), { timeout: 20_000 }).toBe('My gestures');

    // The live label is now one of the user's gestures: on the camera's hand, and on a fed one.
    const cameraLabel = async () => (await main.lastHands()).map((hand) => hand.gesture).join(',');
    await expect.poll(cameraLabel, { timeout: 20_000 }).toBe('peace sign');
    await expect.poll(() => page.getByTestId('hand-label').first().getAttribute('data-gesture'), { timeout: 5_000 }).toBe('peace sign');
    // The README's screenshot: regenerated only on request, so a test run leaves the tree as it was.
    if (process.env.UPDATE_SCREENSHOTS === '1') {
      await page.screenshot({ path: path.join(REPO_ROOT, 'docs', 'images', 'teach-gestures.png'), fullPage: true });
    }
    await expect.poll(() => labelAfterFeeding(page, fists[5]), { timeout: 20_000 }).toBe('grip');

    // After a reload, the dataset and the trained model are still there.
    await page.reload();
    await page.waitForFunction(() => 'handcast' in window);
    await expect.poll(() => page.getByTestId('model-name').innerText(), { timeout: 60_000 }).toBe('My gestures');
    expect((await page.getByTestId('gesture-count').allInnerTexts()).length).toBe(2);
    await main.start();
    await expect.poll(() => labelAfterFeeding(page, fists[7]), { timeout: 30_000 }).toBe('grip');
    expect(uncaught).toEqual([]);
    await page.close();
  });
});
