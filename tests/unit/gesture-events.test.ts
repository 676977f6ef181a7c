// The recognizer's gesture-event stage across Stop and Start: a reset forgets holds, so a pose held before Stop needs a fresh hold after Start.
import { GestureEventStage } from '../../src/recognizer/gesture-events.ts';
import type { RecognizedHand } from '../../src/recognizer/protocol.ts';
import { hand } from './gesture-fixtures.ts';
import { sharedSourcesMissing } from './shared-data.ts';

const dataMissing = sharedSourcesMissing('gesture-events');

const ASPECT = 4 / 3;
const SETTINGS = { mirrored: true, armingRequired: false };

describe.skipIf(dataMissing !== null)('gesture-event stage: a reset forgets gesture holds', () => {
  const held = dataMissing === null ? hand({ gesture: 'thumb_up' }) : null;
  const thumbUp: RecognizedHand[] = held ? [{ ...held, landmarks: [...held.landmarks], handednessScore: 1 }] : [];

  /** Pushes thumb_up every 50 ms from `fromMs` to `toMs`; returns the gestures fired meanwhile. */
  function holdThumbUp(stage: GestureEventStage, fromMs: number, toMs: number): string[] {
    const fired: string[] = [];
    for (let t = fromMs; t <= toMs; t += 50) fired.push(...stage.push(thumbUp, ASPECT, t).map((event) => event.gesture));
    return fired;
  }

  it('without a reset, a pose held 200 ms before a pause completes on the first frame after it', () => {
    const stage = new GestureEventStage(SETTINGS, null);
    expect(holdThumbUp(stage, 0, 200)).toEqual([]);
    expect(holdThumbUp(stage, 10_000, 10_000)).toEqual(['thumb_up']);
  });

  it('after a reset (the camera stopped), the same pose fires only once held anew for the hold time', () => {
    const stage = new GestureEventStage(SETTINGS, null);
    expect(holdThumbUp(stage, 0, 200)).toEqual([]);
    stage.reset();
    expect(holdThumbUp(stage, 10_000, 10_250)).toEqual([]);
    expect(holdThumbUp(stage, 10_300, 10_300)).toEqual(['thumb_up']);
  });

  it('with arming required, a pose fires nothing until armed; the setting applies from the next frame', () => {
    const stage = new GestureEventStage({ ...SETTINGS, armingRequired: true }, null);
    expect(holdThumbUp(stage, 0, 1_000)).toEqual([]);
    stage.setSettings(SETTINGS);
    expect(holdThumbUp(stage, 20_000, 20_300)).toEqual(['thumb_up']);
  });
});
