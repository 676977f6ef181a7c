// Test helper: valid gesture samples and datasets built from the embedded kinivi hand (no shared data needed).
import type { GestureDataset, GestureSample, LandmarkPoint } from '../../src/core/dataset/types.ts';
import { kiniviOpenLandmarks } from './shared-data.ts';

const hand = kiniviOpenLandmarks();

/**
 * The kinivi hand placed in a 640×480 frame (aspect 4/3), nudged by `variant` so samples differ, with
 * coordinates that are not short decimals (so a round trip really tests number formatting).
 */
export function handPoints(variant = 0, aspect = 4 / 3): LandmarkPoint[] {
  return hand.map((point, i): LandmarkPoint => [
    0.5 + (point.x * 0.2) / aspect + variant * 1e-3 + i * 1e-5 / 3,
    0.5 + point.y * 0.2 - variant * 7e-4,
    -0.01 - i * 1e-3 / 7,
  ]);
}

export function makeSample(id: string, label: string, take: string, overrides: Partial<GestureSample> = {}): GestureSample {
  const variant = Number.parseInt(id.replace(/\D/g, '') || '0', 10);
  return {
    id, label, take, landmarks: handPoints(variant), aspect: 4 / 3, handedness: 'Right',
    capturedAt: 1_700_000_000_000 + variant * 100, source: 'recorded', ...overrides,
  };
}

/** Two takes of "fist", one of "thumbs up", in recording order. */
export function makeSamples(): GestureSample[] {
  return [
    makeSample('s1', 'fist', 'take-a'), makeSample('s2', 'fist', 'take-a'),
    makeSample('s3', 'thumbs up', 'take-b', { handedness: 'Left' }), makeSample('s4', 'thumbs up', 'take-b'),
    makeSample('s5', 'fist', 'take-c'), makeSample('s6', 'fist', 'take-c'),
  ];
}

export function makeDataset(id = 'd1', name = 'My gestures', samples = makeSamples()): GestureDataset {
  return { id, name, samples, createdAt: 1_700_000_000_000, updatedAt: 1_700_000_001_000 };
}

/** A sample without the fields an import assigns afresh (id, source), to compare round trips. */
export function withoutIdentity(sample: GestureSample): Omit<GestureSample, 'id' | 'source'> {
  const { id: _id, source: _source, ...rest } = sample;
  return rest;
}
