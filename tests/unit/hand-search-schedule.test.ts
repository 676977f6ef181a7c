// The detection schedule against a fake of MediaPipe's tracking: scripted scenes at 30 frames/s, hands appearing and leaving.
import { describe, expect, it } from 'vitest';
import { HandSearchSchedule, SEARCH_POLICIES, type FramePlan, type LandmarkerPass, type PowerMode, type ScheduleKind } from '../../src/core/tracking/hand-search-schedule';

/**
 * MediaPipe's VIDEO-mode hand landmarker as far as cost goes: an instance follows the hands it found on its last
 * run without its palm detector, and runs the detector whenever it follows fewer than its numHands.
 */
class FakeLandmarker {
  private following = 0;
  detectorRuns = 0;
  constructor(private readonly numHands: number) {}
  run(handsInView: number): number {
    const kept = Math.min(this.following, handsInView);
    if (this.following < this.numHands) {
      this.detectorRuns += 1;
      this.following = Math.min(this.numHands, handsInView);
    } else {
      this.following = kept;
    }
    return this.following;
  }
}

interface FrameLog { t: number; plan: FramePlan | null; found: number; passes: LandmarkerPass[] }

/** Runs the schedule at 30 frames/s over a scene (hands in view at each time) and logs every frame. */
function simulate(scene: (t: number) => number, durationMs: number, kind: ScheduleKind = 'adaptive', mode: PowerMode = 'smooth') {
  const schedule = new HandSearchSchedule(kind, SEARCH_POLICIES[mode]);
  const instances = { one: new FakeLandmarker(1), two: new FakeLandmarker(2) };
  const log: FrameLog[] = [];
  for (let t = 0; t < durationMs; t += 1000 / 30) {
    const plan = schedule.planFrame(t);
    if (!plan) {
      log.push({ t, plan, found: 0, passes: [] });
      continue;
    }
    let found = instances[plan.pass].run(scene(t));
    schedule.frameDone(t, plan, found);
    const passes = [plan.pass];
    const retry = schedule.retryPlan(plan, found);
    if (retry) {
      found = instances[retry.pass].run(scene(t));
      schedule.frameDone(t, retry, found);
      passes.push(retry.pass);
    }
    log.push({ t, plan, found, passes });
  }
  const detectorRuns = instances.one.detectorRuns + instances.two.detectorRuns;
  return { schedule, log, detectorRuns };
}

const between = (log: FrameLog[], from: number, to: number) => log.filter((f) => f.t >= from && f.t < to);
const processed = (frames: FrameLog[]) => frames.filter((f) => f.plan !== null).length;

describe('hand search schedule', () => {
  it('follows one hand on every frame and looks for a second one twice a second', () => {
    const { log, detectorRuns } = simulate(() => 1, 3000);
    expect(processed(log)).toBe(log.length);
    expect(log.slice(1).every((f) => f.found === 1)).toBe(true);
    // 3 s × 2 looks + the first find of the one-hand landmarker
    expect(detectorRuns).toBeGreaterThanOrEqual(6);
    expect(detectorRuns).toBeLessThanOrEqual(8);
  });

  it('runs the detector on every frame with one hand in view when scheduled every frame (today\'s behaviour)', () => {
    const { log, detectorRuns } = simulate(() => 1, 3000, 'every_frame');
    expect(detectorRuns).toBe(log.length);
  });

  it('finds a second hand that enters within the look interval, then follows both without the detector', () => {
    const { log } = simulate((t) => (t < 1000 ? 1 : 2), 3000);
    const firstTwo = log.find((f) => f.found === 2)!;
    expect(firstTwo.t - 1000).toBeLessThanOrEqual(SEARCH_POLICIES.smooth.secondHandSearchMs + 1000 / 30);
    const after = between(log, firstTwo.t + 1, 3000);
    expect(after.every((f) => f.found === 2 && f.plan?.pass === 'two' && !f.plan.searching)).toBe(true);
  });

  it('keeps the hand without a blank frame when one of two hands leaves (the stale one-hand landmarker is backed up)', () => {
    const { log } = simulate((t) => (t < 1000 ? 2 : 1), 2000);
    expect(between(log, 200, 2000).every((f) => f.found >= 1)).toBe(true);
    const settled = between(log, 1200, 2000).filter((f) => f.plan?.pass === 'one');
    expect(settled.length).toBeGreaterThan(15);
  });

  it('looks again on the same frame when the followed hand is lost', () => {
    // Looks for a second hand fall on frames 0, 15, 30, 45, … (every 500 ms); the hand leaves at frame 31.
    const { log } = simulate((t) => (t < 1020 || t > 1120 ? 1 : 0), 2000);
    const lost = log.find((f) => f.t >= 1020 && f.plan)!;
    expect(lost.passes).toEqual(['one', 'two']);
    expect(lost.found).toBe(0);
    const back = log.find((f) => f.t > 1120 && f.found === 1)!;
    expect(back.t - 1120).toBeLessThanOrEqual(SEARCH_POLICIES.smooth.emptySearchMs + 1000 / 30);
  });

  it('with no hand in view, looks four times a second, then twice once idle; a hand that enters is found', () => {
    const { log, detectorRuns } = simulate((t) => (t < 15_000 ? 0 : 1), 16_000);
    expect(processed(between(log, 1000, 3000))).toBeGreaterThanOrEqual(7);
    expect(processed(between(log, 1000, 3000))).toBeLessThanOrEqual(9);
    expect(processed(between(log, 11_000, 13_000))).toBeGreaterThanOrEqual(3);
    expect(processed(between(log, 11_000, 13_000))).toBeLessThanOrEqual(5);
    expect(detectorRuns).toBeLessThan(16_000 / 1000 * 30 / 2);
    const found = log.find((f) => f.found === 1)!;
    expect(found.t - 15_000).toBeLessThanOrEqual(SEARCH_POLICIES.smooth.idleSearchMs + 1000 / 30);
  });

  it('saver looks once a second after a few idle seconds; smooth and saver agree while a hand is in view', () => {
    const idle = simulate(() => 0, 10_000, 'adaptive', 'saver');
    expect(processed(between(idle.log, 5000, 10_000))).toBeLessThanOrEqual(6);
    const handSaver = simulate(() => 1, 2000, 'adaptive', 'saver');
    expect(processed(handSaver.log)).toBe(handSaver.log.length);
  });

  it('is not idle the moment it starts, however late on the page\'s clock that is', () => {
    const schedule = new HandSearchSchedule('adaptive', SEARCH_POLICIES.smooth);
    const plan = schedule.planFrame(60_000)!;
    schedule.frameDone(60_000, plan, 0);
    expect(schedule.nextFrameDueMs()).toBe(60_000 + SEARCH_POLICIES.smooth.emptySearchMs);
  });

  it('counts palm-detector runs per second for the latency panel', () => {
    const { schedule } = simulate(() => 0, 5000);
    expect(schedule.searchesPerSecond(5000)).toBeGreaterThanOrEqual(3.5);
    expect(schedule.searchesPerSecond(5000)).toBeLessThanOrEqual(4.5);
    expect(schedule.searchesPerSecond(9000)).toBe(0);
  });
});
