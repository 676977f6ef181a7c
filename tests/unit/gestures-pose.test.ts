// Static pose events: hold time, hysteresis, cooldown, arming, hands leaving and slots, mirroring, bad input, options.
import { GestureEventEngine } from '../../src/core/gestures/engine';
import { handCentre } from '../../src/core/gestures/hand-geometry';
import { resolveGestureOptions } from '../../src/core/gestures/options';
import { frames, hand, run, type HandSpec } from './gesture-fixtures.ts';

const STEP = 50;
/** Frames every 50 ms over [from, to] with one hand showing `spec`. */
const holding = (from: number, to: number, spec: HandSpec = {}) => frames(from, to, STEP, () => [hand(spec)]);
const times = (events: { gesture: string; timeMs: number }[]) => events.map((e) => `${e.gesture}@${e.timeMs}`);

describe('pose events: hold and confidence', () => {
  it('fires once, on the frame that completes the 300 ms hold, with the GestureEvent fields', () => {
    const engine = new GestureEventEngine();
    const events = run(engine, holding(0, 1000, { gesture: 'thumb_up', score: 0.9, x: 0.3, y: 0.6 }));
    expect(events).toHaveLength(1);
    const centre = handCentre(hand({ x: 0.3, y: 0.6 }).landmarks, true);
    expect(events[0]).toEqual({
      kind: 'pose', gesture: 'thumb_up', hand: 0, handedness: 'Right', position: centre, confidence: 0.9, timeMs: 300,
    });
    // Mirrored by default: the viewer sees the raw x = 0.3 at 0.7.
    expect(events[0].position.x).toBeCloseTo(0.7, 10);
    expect(events[0].position.y).toBeCloseTo(0.6, 10);
  });

  it('does not start below minConfidence; the hold counts from the first confident frame', () => {
    const engine = new GestureEventEngine();
    const events = run(engine, [...holding(0, 450, { score: 0.65 }), ...holding(500, 1200, { score: 0.8 })]);
    expect(times(events)).toEqual(['thumb_up@800']);
  });

  it('keeps a counting hold through scores between release and start, restarts it on another label', () => {
    const kept = run(new GestureEventEngine(), [...holding(0, 50), ...holding(100, 200, { score: 0.6 }), ...holding(250, 500)]);
    expect(times(kept)).toEqual(['thumb_up@300']);
    const broken = run(new GestureEventEngine(), [...holding(0, 50), ...holding(100, 100, { gesture: 'fist', score: 0.4 }), ...holding(150, 600)]);
    expect(times(broken)).toEqual(['thumb_up@450']);
  });

  it('the none label takes over like any other but never fires', () => {
    const engine = new GestureEventEngine({ pose: { cooldownMs: 0 } });
    expect(run(engine, holding(0, 1000, { gesture: 'none', score: 0.99 }))).toEqual([]);
    const events = run(engine, [...holding(1050, 1400), ...holding(1450, 1550, { gesture: 'none' }), ...holding(1600, 2000)]);
    expect(times(events)).toEqual(['thumb_up@1350', 'thumb_up@1900']);
  });
});

describe('pose events: hysteresis', () => {
  it('stays active while its score is at or above releaseConfidence, ends below it', () => {
    // No cooldown: only hysteresis stops a second event.
    const engine = new GestureEventEngine({ pose: { cooldownMs: 0 } });
    const events = run(engine, [
      ...holding(0, 350), ...holding(400, 550, { score: 0.55 }), ...holding(600, 700),
      ...holding(750, 750, { score: 0.4 }), ...holding(800, 1200),
    ]);
    expect(times(events)).toEqual(['thumb_up@300', 'thumb_up@1100']);
  });

  it('an active label survives another label below minConfidence, and yields to one above it', () => {
    const engine = new GestureEventEngine({ pose: { cooldownMs: 0 } });
    const events = run(engine, [
      ...holding(0, 350), ...holding(400, 400, { gesture: 'fist', score: 0.6 }), ...holding(450, 500),
      ...holding(550, 1000, { gesture: 'fist', score: 0.9 }),
    ]);
    expect(times(events)).toEqual(['thumb_up@300', 'fist@850']);
  });
});

describe('pose events: cooldown', () => {
  it('a hold completed during the cooldown stays silent until released and held again after it', () => {
    const engine = new GestureEventEngine({ pose: { cooldownMs: 1500 } });
    const events = run(engine, [
      ...holding(0, 350), ...holding(400, 450, { gesture: 'none' }),
      ...holding(500, 1950), // completes at 800, inside the cooldown (300 + 1500): silent, and not fired later while held
      ...holding(2000, 2050, { gesture: 'none' }), ...holding(2100, 2500),
    ]);
    expect(times(events)).toEqual(['thumb_up@300', 'thumb_up@2400']);
  });

  it('is per (hand, gesture): another gesture, or the same gesture on the other hand, fires meanwhile', () => {
    const engine = new GestureEventEngine({ pose: { cooldownMs: 5000 } });
    const right = (gesture: string) => hand({ gesture, handedness: 'Right', x: 0.3 });
    const left = (gesture: string) => hand({ gesture, handedness: 'Left', x: 0.7 });
    const events = run(engine, [
      ...frames(0, 350, STEP, () => [right('thumb_up')]),
      ...frames(400, 750, STEP, () => [right('fist'), left('thumb_up')]),
    ]);
    expect(events.map((e) => `${e.gesture}/${e.hand}/${e.handedness}@${e.timeMs}`))
      .toEqual(['thumb_up/0/Right@300', 'fist/0/Right@700', 'thumb_up/1/Left@700']);
  });
});

describe('pose events: arming', () => {
  const arming = { gesture: 'victory', holdMs: 500, armedForMs: 2000, renewOnEvent: false };

  it('fires nothing until armed, then only for armedForMs; the arming pose itself never fires', () => {
    const engine = new GestureEventEngine({ arming });
    const events = run(engine, [
      ...holding(0, 400), ...holding(450, 500, { gesture: 'none' }),
      ...holding(1000, 1550, { gesture: 'victory' }), // armed at 1500, until 3500
      ...holding(1600, 2000), ...holding(2050, 2100, { gesture: 'none' }),
      ...holding(3300, 3700, { gesture: 'fist' }), // completes at 3600: disarmed again
    ]);
    expect(times(events)).toEqual(['thumb_up@1900']);
    expect(engine.isArmed(3499)).toBe(true);
    expect(engine.isArmed(3500)).toBe(false);
  });

  it('renewOnEvent keeps it armed after each event; a disarm gesture, or the same gesture as a toggle, disarms', () => {
    const renewing = new GestureEventEngine({ arming: { ...arming, renewOnEvent: true } });
    run(renewing, [...holding(0, 500, { gesture: 'victory' }), ...holding(550, 900)]); // thumb_up fires at 850
    expect(renewing.isArmed(2849)).toBe(true);
    expect(renewing.isArmed(2850)).toBe(false);

    const disarming = new GestureEventEngine({ arming: { ...arming, disarmGesture: 'fist' } });
    // The fist, held the arming hold time (500 ms from 550), disarms at 1050.
    const events = run(disarming, [...holding(0, 500, { gesture: 'victory' }), ...holding(550, 1050, { gesture: 'fist' }), ...holding(1100, 1500)]);
    expect(events).toEqual([]);
    expect(disarming.isArmed(1050)).toBe(false);

    const toggle = new GestureEventEngine({ arming: { ...arming, disarmGesture: 'victory' } });
    run(toggle, [...holding(0, 500, { gesture: 'victory' })]);
    expect(toggle.isArmed(500)).toBe(true);
    run(toggle, [...holding(550, 600, { gesture: 'none' }), ...holding(650, 1150, { gesture: 'victory' })]);
    expect(toggle.isArmed(1150)).toBe(false);
  });
});

describe('hands appearing and leaving', () => {
  it('a hand gone longer than lostAfterMs loses its hold; a shorter dropout keeps it', () => {
    const gone = run(new GestureEventEngine(), [...holding(0, 100), ...frames(150, 400, STEP, () => []), ...holding(450, 900)]);
    expect(times(gone)).toEqual(['thumb_up@750']);
    const blink = run(new GestureEventEngine(), [...holding(0, 50), ...frames(100, 150, STEP, () => []), ...holding(200, 500)]);
    expect(times(blink)).toEqual(['thumb_up@300']);
  });

  it('a hand re-found in another slot keeps its cooldown: it does not fire the same gesture again', () => {
    // The right hand fires at 300 and leaves (slot 0 freed after 200 ms); a left hand showing none arrives at 650
    // and takes slot 0; the right hand returns at 750 in slot 1 and holds thumb_up again: inside its cooldown.
    const right = { x: 0.3 };
    const left = { handedness: 'Left' as const, gesture: 'none', x: 0.7 };
    const events = run(new GestureEventEngine(), [
      ...holding(0, 350, right),
      ...frames(400, 600, STEP, () => []),
      ...frames(650, 700, STEP, () => [hand(left)]),
      ...frames(750, 1700, STEP, () => [hand(left), hand(right)]),
    ]);
    expect(times(events)).toEqual(['thumb_up@300']);
  });

  it('keeps each hand in its slot when the recognizer lists them in another order', () => {
    const engine = new GestureEventEngine();
    const right = hand({ handedness: 'Right', x: 0.3, gesture: 'fist' });
    const left = hand({ handedness: 'Left', x: 0.7, gesture: 'thumb_up' });
    const events = run(engine, frames(0, 400, STEP, (t) => (t % 100 === 0 ? [right, left] : [left, right])));
    expect(events.map((e) => `${e.gesture}/${e.hand}/${e.handedness}`).sort()).toEqual(['fist/0/Right', 'thumb_up/1/Left']);
  });

  it('a hand jumping further than maxMatchDistance is a new hand: its hold starts again', () => {
    const engine = new GestureEventEngine();
    const events = run(engine, [...holding(0, 200, { x: 0.2 }), ...holding(250, 700, { x: 0.8 })]);
    expect(events.map((e) => `${e.hand}@${e.timeMs}`)).toEqual(['1@550']);
  });
});

describe('mirroring', () => {
  it('reports positions as the viewer sees them: flipped when mirrored, raw when not', () => {
    const raw = run(new GestureEventEngine({ mirrored: false }), holding(0, 300, { x: 0.25 }));
    expect(raw[0].position.x).toBeCloseTo(0.25, 10);
    const mirrored = run(new GestureEventEngine({ mirrored: true }), holding(0, 300, { x: 0.25 }));
    expect(mirrored[0].position.x).toBeCloseTo(0.75, 10);
  });
});

describe('bad input', () => {
  it('skips a malformed hand with a message and keeps the others', () => {
    const engine = new GestureEventEngine();
    const broken = { ...hand(), landmarks: hand().landmarks.slice(0, 20) };
    const events = run(engine, frames(0, 300, STEP, () => [broken, hand({ handedness: 'Left' })]));
    expect(times(events)).toEqual(['thumb_up@300']);
    expect(engine.lastProblems).toEqual(['hands[0]: landmarks must be 21 points, got 20: hand skipped']);
    engine.push({ timeMs: 350, hands: [{ ...hand(), gestureScore: Number.NaN }] });
    expect(engine.lastProblems[0]).toMatch(/gestureScore must be in \[0, 1\], got NaN/);
  });

  it('ignores a frame without a finite time, and resets when time goes backwards', () => {
    const engine = new GestureEventEngine();
    expect(engine.push({ timeMs: Number.NaN, hands: [hand()] })).toEqual([]);
    expect(engine.lastProblems).toEqual(['frame.timeMs must be a finite number, got NaN: frame ignored']);
    run(engine, holding(1000, 1200));
    const events = run(engine, holding(0, 300));
    expect(engine.lastProblems).toEqual([]);
    expect(times(events)).toEqual(['thumb_up@300']);
  });
});

describe('options', () => {
  it('merges overrides with the defaults', () => {
    const options = resolveGestureOptions({ pose: { holdMs: 500 }, arming: {} });
    expect(options.pose).toMatchObject({ holdMs: 500, minConfidence: 0.7, releaseConfidence: 0.5 });
    expect(options.arming).toMatchObject({ gesture: 'victory', armedForMs: 30_000 });
    expect(resolveGestureOptions().arming).toBeNull();
  });

  it('names the bad field', () => {
    expect(() => resolveGestureOptions({ pose: { releaseConfidence: 0.8 } }))
      .toThrow('gesture options: pose.releaseConfidence must not exceed pose.minConfidence (0.7), got 0.8');
    expect(() => resolveGestureOptions({ pose: { holdMs: -1 } })).toThrow('pose.holdMs must be a finite number ≥ 0, got -1');
    expect(() => resolveGestureOptions({ aspect: 0 })).toThrow('aspect must be a finite number > 0, got 0');
    expect(() => resolveGestureOptions({ motion: { trackPoses: ['pointing_up', ''] } })).toThrow('motion.trackPoses[1] must be a non-empty label');
    expect(() => new GestureEventEngine({ twoHand: { heart: { touchDistance: Number.NaN } } })).toThrow('twoHand.heart.touchDistance');
  });
});
