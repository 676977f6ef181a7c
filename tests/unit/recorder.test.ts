// The recorder: countdown first, then every visible hand at most samplesPerSecond times a second, one take id per take.
import { checkSample } from '../../src/core/dataset';
import type { RecognizedHand } from '../../src/recognizer/protocol';
import { Recorder } from '../../src/session/recorder';

const hand = (handedness: 'Left' | 'Right', offset = 0): RecognizedHand => ({
  landmarks: Array.from({ length: 21 }, (_, i) => ({ x: 0.3 + offset + (i % 5) * 0.02, y: 0.7 - Math.floor(i / 5) * 0.05, z: 0 })),
  handedness,
  handednessScore: 0.9,
  gesture: 'none',
  gestureScore: 0.5,
});
const options = { label: 'call me', countdownSeconds: 3, samplesPerSecond: 10, maxSeconds: 5 };

describe('Recorder', () => {
  it('captures nothing during the countdown, then both hands at most 10 times a second', () => {
    const recorder = new Recorder(() => 1_700_000_000_000);
    expect(recorder.start(options, 0)).toBeNull();
    for (let t = 0; t < 3000; t += 33) recorder.capture([hand('Left')], 4 / 3, t);
    expect(recorder.progress(2000)).toMatchObject({ phase: 'countdown', secondsLeft: 1, captured: 0 });
    // 30 frames a second for one second: 10 captures of two hands each.
    for (let t = 3000; t < 4000; t += 1000 / 30) recorder.capture([hand('Left'), hand('Right', 0.3)], 4 / 3, t);
    expect(recorder.progress(4000)).toMatchObject({ phase: 'recording', captured: 20 });
    const samples = recorder.finish();
    expect(samples).toHaveLength(20);
    expect(new Set(samples.map((s) => s.take)).size).toBe(1);
    expect(samples.filter((s) => s.handedness === 'Right')).toHaveLength(10);
    expect(samples.every((s) => s.label === 'call me' && s.aspect === 4 / 3 && s.source === 'recorded')).toBe(true);
    expect(samples.every((s) => checkSample(s).ok)).toBe(true);
    expect(recorder.running).toBe(false);
  });

  it('stops capturing when the take runs out, and starts a new take id next time', () => {
    const recorder = new Recorder();
    recorder.start({ ...options, countdownSeconds: 0, maxSeconds: 1 }, 0);
    for (let t = 0; t < 3000; t += 50) recorder.capture([hand('Right')], 1, t);
    expect(recorder.expired(1000)).toBe(true);
    const first = recorder.finish();
    expect(first).toHaveLength(10);
    recorder.start({ ...options, countdownSeconds: 0 }, 5000);
    recorder.capture([hand('Right')], 1, 5000);
    expect(recorder.finish()[0].take).not.toBe(first[0].take);
  });

  it('refuses a label outside the allow-list and a second take at once', () => {
    const recorder = new Recorder();
    expect(recorder.start({ ...options, label: '<img onerror=alert(1)>' }, 0)).toMatch(/label/i);
    expect(recorder.start({ ...options, label: '  ' }, 0)).not.toBeNull();
    expect(recorder.start(options, 0)).toBeNull();
    expect(recorder.start(options, 0)).toBe('A take is already running.');
  });

  it('hands over nothing when released during the countdown', () => {
    const recorder = new Recorder();
    recorder.start(options, 0);
    recorder.capture([hand('Left')], 1, 1000);
    expect(recorder.finish()).toEqual([]);
  });
});
