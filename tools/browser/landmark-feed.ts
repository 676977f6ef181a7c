// Real hands for window.handcast.feedLandmarks: an open palm picked from the shared landmark data by the shipped INT8 model, and holding a hand.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { extractFeatures } from '../../src/core/landmarks/features';
import { parseGestureModelText } from '../../src/core/model/gesture-model';
import { Int8MlpClassifier } from '../../src/core/quant/int8-classifier';
import { REPO_ROOT } from './app-server';

/** Where victorexpounder's landmarks lie inside the shared folder beside the repository (../shared); they are not in the repository. */
export const GESTURE_LANDMARKS_IN_SHARED = path.join('data', 'landmarks', 'victorexpounder', 'gestures.csv');

/** victorexpounder's labelled landmarks (label 0 is handOpen). */
export const GESTURE_LANDMARKS_CSV = path.join(REPO_ROOT, '..', 'shared', GESTURE_LANDMARKS_IN_SHARED);

export type FedHand = { landmarks: { x: number; y: number; z: number }[]; handedness: 'Right'; handednessScore: number };

/** Every row of one victorexpounder label (0 = handOpen, 2 = peace, 4 = handClose) as a right hand for the feed. */
export function recordedHands(label: number, csv = GESTURE_LANDMARKS_CSV): FedHand[] {
  return readFileSync(csv, 'utf8').trim().split('\n').map((line) => line.split(',').map(Number)).filter((row) => row[0] === label)
    .map((row) => ({
      landmarks: Array.from({ length: 21 }, (_, i) => ({ x: row[1 + 3 * i], y: row[2 + 3 * i], z: row[3 + 3 * i] })),
      handedness: 'Right',
      handednessScore: 1,
    }));
}

/** The first victorexpounder handOpen row (label 0) the shipped INT8 model reads as open_palm with confidence ≥ 0.9. */
export function openPalm(csv = GESTURE_LANDMARKS_CSV): FedHand {
  const model = parseGestureModelText(readFileSync(path.join(REPO_ROOT, 'public', 'models', 'gesture_model.json'), 'utf8'));
  const int8 = Int8MlpClassifier.fromModel(model);
  const palm = recordedHands(0, csv).find((hand) => {
    const prediction = int8.classify(extractFeatures(hand.landmarks, 640 / 480));
    return prediction.label === 'open_palm' && prediction.score >= 0.9;
  });
  if (!palm) throw new Error('no open palm in the data');
  return palm;
}

/** Feeds the hand every 30 ms for `ms` (the recognizer takes it when not busy); camera frames wait until stopLandmarkFeed. */
export async function hold(page: Page, hand: FedHand, ms: number): Promise<void> {
  await page.evaluate(async ([h, duration]) => {
    const api = window.handcast!;
    const end = performance.now() + (duration as number);
    while (performance.now() < end) {
      api.feedLandmarks([h]);
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
  }, [hand, ms] as const);
}
