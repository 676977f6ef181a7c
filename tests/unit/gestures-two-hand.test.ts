// Two-hand events: both_open_palms and two_hand_heart (the geometric rule), midpoint position, cooldown, per-hand events withheld.
import { GestureEventEngine, type GestureHand } from '../../src/core/gestures/engine';
import { handCentre, heartConfidence } from '../../src/core/gestures/hand-geometry';
import { DEFAULT_GESTURE_OPTIONS } from '../../src/core/gestures/options';
import { HandPoint, type Landmark } from '../../src/core/landmarks/types';
import { frames, hand, landmarksAt, run } from './gesture-fixtures.ts';

const STEP = 50;
const describeEvents = (events: { gesture: string; hand: number; timeMs: number }[]) => events.map((e) => `${e.gesture}/${e.hand}@${e.timeMs}`);

/** Two hands side by side whose index tips meet at `indexTip` and thumb tips at `thumbTip` (raw image coordinates). */
function heartHands(indexTip = { x: 0.5, y: 0.4 }, thumbTip = { x: 0.5, y: 0.62 }, indexGap = 0): [GestureHand, GestureHand] {
  const place = (centreX: number, offset: number, handedness: 'Left' | 'Right'): GestureHand => {
    const landmarks: Landmark[] = landmarksAt(centreX, 0.55);
    landmarks[HandPoint.indexTip] = { x: indexTip.x + offset, y: indexTip.y, z: 0 };
    landmarks[HandPoint.thumbTip] = { x: thumbTip.x, y: thumbTip.y, z: 0 };
    return { landmarks, handedness, gesture: 'ok', gestureScore: 0.8 };
  };
  return [place(0.4, -indexGap / 2, 'Right'), place(0.6, indexGap / 2, 'Left')];
}

describe('two_hand_heart', () => {
  const heart = DEFAULT_GESTURE_OPTIONS.twoHand.heart;
  const aspect = DEFAULT_GESTURE_OPTIONS.aspect;

  it('fires after the hold at the midpoint of the hands, and withholds the hands\' own pose events', () => {
    const [a, b] = heartHands();
    const engine = new GestureEventEngine();
    const events = run(engine, frames(0, 600, STEP, () => [a, b]));
    expect(describeEvents(events)).toEqual(['two_hand_heart/-1@300']);
    const [ca, cb] = [handCentre(a.landmarks, true), handCentre(b.landmarks, true)];
    expect(events[0]).toMatchObject({ kind: 'two-hand', handedness: 'both', confidence: 1 });
    expect(events[0].position.x).toBeCloseTo((ca.x + cb.x) / 2, 10);
    expect(events[0].position.y).toBeCloseTo((ca.y + cb.y) / 2, 10);
  });

  it('needs both pairs of tips touching (within touchDistance palm sizes), thumbs below, wrists apart', () => {
    expect(heartConfidence(...lm(heartHands()), aspect, heart)).toBe(1);
    // Index tips 0.01 apart: still touching (palm size ≈ 0.052 image heights, limit 0.4 of it), confidence below 1.
    const near = heartConfidence(...lm(heartHands(undefined, undefined, 0.01)), aspect, heart);
    expect(near).toBeGreaterThan(0.5);
    expect(near).toBeLessThan(1);
    expect(heartConfidence(...lm(heartHands(undefined, undefined, 0.05)), aspect, heart)).toBeNull();
    // Upside down: thumbs above the index fingers.
    expect(heartConfidence(...lm(heartHands({ x: 0.5, y: 0.62 }, { x: 0.5, y: 0.4 })), aspect, heart)).toBeNull();
    // One hand seen twice: the wrists coincide.
    const [a] = heartHands();
    expect(heartConfidence(a.landmarks, a.landmarks, aspect, heart)).toBeNull();
    const engine = new GestureEventEngine();
    const apart = heartHands(undefined, undefined, 0.05);
    expect(run(engine, frames(0, 600, STEP, () => apart)).filter((e) => e.kind === 'two-hand')).toEqual([]);
  });

  it('never fires with one hand', () => {
    const [a] = heartHands();
    const events = run(new GestureEventEngine(), frames(0, 600, STEP, () => [a]));
    expect(events.filter((e) => e.kind === 'two-hand')).toEqual([]);
  });
});

function lm(hands: [GestureHand, GestureHand]): [Landmark[], Landmark[]] {
  return [hands[0].landmarks as Landmark[], hands[1].landmarks as Landmark[]];
}

describe('both_open_palms', () => {
  const open = (handedness: 'Left' | 'Right', x: number, score = 0.9) => hand({ gesture: 'open_palm', handedness, x, score });

  it('fires once when both hands are open for the hold time; the single-hand open_palm events are withheld', () => {
    const engine = new GestureEventEngine();
    const events = run(engine, frames(0, 1000, STEP, () => [open('Right', 0.3), open('Left', 0.7)]));
    expect(describeEvents(events)).toEqual(['both_open_palms/-1@300']);
    expect(events[0].confidence).toBe(0.9);
    expect(events[0].position.x).toBeCloseTo(0.5, 10);
  });

  it('counts from the moment the second hand opens; the first hand fired on its own before', () => {
    const engine = new GestureEventEngine();
    const events = run(engine, [
      ...frames(0, 350, STEP, () => [open('Right', 0.3), hand({ gesture: 'fist', handedness: 'Left', x: 0.7 })]),
      ...frames(400, 800, STEP, () => [open('Right', 0.3), open('Left', 0.7)]),
    ]);
    expect(describeEvents(events)).toEqual(['open_palm/0@300', 'fist/1@300', 'both_open_palms/-1@700']);
  });

  it('keeps its hold down to releaseConfidence, and has its own cooldown', () => {
    const engine = new GestureEventEngine({ twoHand: { cooldownMs: 1000 } });
    const events = run(engine, [
      ...frames(0, 150, STEP, () => [open('Right', 0.3), open('Left', 0.7)]),
      ...frames(200, 400, STEP, () => [open('Right', 0.3, 0.55), open('Left', 0.7)]), // above release 0.5: held
      ...frames(450, 500, STEP, () => [open('Right', 0.3), hand({ gesture: 'none', handedness: 'Left', x: 0.7 })]),
      ...frames(550, 900, STEP, () => [open('Right', 0.3), open('Left', 0.7)]), // completes at 850: cooling down
      ...frames(950, 1000, STEP, () => [open('Right', 0.3), hand({ gesture: 'none', handedness: 'Left', x: 0.7 })]),
      ...frames(1050, 1400, STEP, () => [open('Right', 0.3), open('Left', 0.7)]),
    ]);
    expect(describeEvents(events.filter((e) => e.kind === 'two-hand'))).toEqual(['both_open_palms/-1@300', 'both_open_palms/-1@1350']);
  });

  it('twoHand.enabled false leaves the hands their own events', () => {
    const engine = new GestureEventEngine({ twoHand: { enabled: false } });
    const events = run(engine, frames(0, 400, STEP, () => [open('Right', 0.3), open('Left', 0.7)]));
    expect(describeEvents(events)).toEqual(['open_palm/0@300', 'open_palm/1@300']);
  });
});
