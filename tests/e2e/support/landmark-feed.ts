// Real hands for window.handcast.feedLandmarks: an open palm picked from the shared landmark data by the shipped INT8 model, and holding a hand.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { extractFeatures } from '../../../src/core/landmarks/features';
import { parseGestureModelText } from '../../../src/core/model/gesture-model';
import { Int8MlpClassifier } from '../../../src/core/quant/int8-classifier';
import { REPO_ROOT } from '../../../tools/browser/app-server';
import { SHARED_DIR } from './environment';

/** victorexpounder's labelled landmarks (label 0 is handOpen); /work/shared holds them, they are not in the repository. */
export const GESTURE_LANDMARKS_CSV = path.join(SHARED_DIR, 'data', 'landmarks', 'victorexpounder', 'gestures.csv');

export type FedHand = { landmarks: { x: number; y: number; z: number }[]; handedness: 'Right'; handednessScore: number };

/** The first victorexpounder handOpen row (label 0) the shipped INT8 model reads as open_palm with confidence ≥ 0.9. */
export function openPalm(csv = GESTURE_LANDMARKS_CSV): FedHand {
  const model = parseGestureModelText(readFileSync(path.join(REPO_ROOT, 'public', 'models', 'gesture_model.json'), 'utf8'));
  const int8 = Int8MlpClassifier.fromModel(model);
  for (const line of readFileSync(csv, 'utf8').trim().split('\n')) {
    const row = line.split(',').map(Number);
    if (row[0] !== 0) continue;
    const landmarks = Array.from({ length: 21 }, (_, i) => ({ x: row[1 + 3 * i], y: row[2 + 3 * i], z: row[3 + 3 * i] }));
    const prediction = int8.classify(extractFeatures(landmarks, 640 / 480));
    if (prediction.label === 'open_palm' && prediction.score >= 0.9) return { landmarks, handedness: 'Right', handednessScore: 1 };
  }
  throw new Error('no open palm in the data');
}

/** Feeds the hand every 30 ms for `ms` (the recognizer takes it when not busy); camera frames wait until stopLandmarkFeed. */
export async function hold(page: Page, hand: FedHand, ms: number): Promise<void> {
  await page.evaluate(async ([h, duration]) => {
    const api = (window as unknown as { handcast: { feedLandmarks(hands: unknown[]): boolean } }).handcast;
    const end = performance.now() + (duration as number);
    while (performance.now() < end) {
      api.feedLandmarks([h]);
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
  }, [hand, ms] as const);
}
