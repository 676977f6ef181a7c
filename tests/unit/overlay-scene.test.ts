// The overlay's effect scene and frame loop, without a page: spawn at the anchor, decay, the caps, idle when empty, pause.
import {
  CONFETTI_PARTICLES, createEffectScene, EMOJI_BURST_PARTICLES, isSceneIdle, labelOpacity, LOWER_THIRD_LIFE_MS, MAX_LIVE_EFFECTS,
  MAX_STEP_MS, particleCount, particleOpacity, spawnEffect, STAGE_HEIGHT, STAGE_WIDTH, stepScene, type EffectScene,
} from '../../src/core/overlay/effect-scene';
import { CappedFrameLoop, type FrameScheduler } from '../../src/core/overlay/frame-loop';

const confettiAt = (scene: EffectScene, x: number, y: number) => spawnEffect(scene, { kind: 'confetti', x, y, gesture: 'thumb_up' });

/** Steps in 1/30 s frames until `ms` have passed. */
function run(scene: EffectScene, ms: number): void {
  for (let t = 0; t < ms; t += 1000 / 30) stepScene(scene, 1000 / 30);
}

describe('effect scene', () => {
  it('spawns every particle at the anchor, in stage pixels', () => {
    const scene = createEffectScene(1);
    const burst = spawnEffect(scene, { kind: 'emoji-burst', x: 0.25, y: 0.5, gesture: 'open_palm', emoji: '✋' });
    expect(burst.particles).toHaveLength(EMOJI_BURST_PARTICLES);
    expect(burst.label).toBe('✋');
    for (const p of burst.particles) expect([p.x, p.y]).toEqual([0.25 * STAGE_WIDTH, 0.5 * STAGE_HEIGHT]);
    expect(confettiAt(scene, 0.9, 0.1).particles.every((p) => p.x === 0.9 * STAGE_WIDTH && p.y === 0.1 * STAGE_HEIGHT)).toBe(true);
  });

  it('spreads an emoji burst in every direction and throws confetti upwards', () => {
    const scene = createEffectScene(2);
    const burst = spawnEffect(scene, { kind: 'emoji-burst', x: 0.5, y: 0.5, gesture: 'fist' });
    const quadrants = new Set(burst.particles.map((p) => `${Math.sign(p.vx)},${Math.sign(p.vy)}`));
    expect(quadrants.size).toBe(4);
    const confetti = confettiAt(scene, 0.5, 0.5);
    expect(confetti.particles).toHaveLength(CONFETTI_PARTICLES);
    expect(confetti.particles.every((p) => p.vy < 0)).toBe(true);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const positions = (seed: number) => {
      const scene = createEffectScene(seed);
      confettiAt(scene, 0.5, 0.5);
      run(scene, 500);
      return scene.effects[0].particles.map((p) => [p.x, p.y]);
    };
    expect(positions(7)).toEqual(positions(7));
    expect(positions(7)).not.toEqual(positions(8));
  });

  it('moves particles away from the anchor, fades them, and removes them at the end of their life', () => {
    const scene = createEffectScene(3);
    const burst = spawnEffect(scene, { kind: 'emoji-burst', x: 0.5, y: 0.5, gesture: 'fist' });
    const [ax, ay] = [burst.anchorX, burst.anchorY];
    expect(burst.particles.every((p) => particleOpacity(p) === 1)).toBe(true);
    run(scene, 300);
    const live = scene.effects[0].particles;
    expect(live.every((p) => Math.hypot(p.x - ax, p.y - ay) > 40)).toBe(true);
    run(scene, 1000);
    const fading = scene.effects[0].particles;
    expect(fading.length).toBeGreaterThan(0);
    expect(fading.every((p) => particleOpacity(p) < 1)).toBe(true);
    run(scene, 1000);
    expect(particleCount(scene)).toBe(0);
    expect(isSceneIdle(scene)).toBe(true);
  });

  it('fades a lower-third in and out and removes it after its life; a new one replaces the old', () => {
    const scene = createEffectScene(4);
    const first = spawnEffect(scene, { kind: 'lower-third', x: 0.1, y: 0.2, gesture: 'thumb_up' });
    expect(first.label).toBe('thumb up');
    expect(labelOpacity(first)).toBe(0);
    run(scene, 1000);
    expect(labelOpacity(scene.effects[0])).toBe(1);
    const second = spawnEffect(scene, { kind: 'lower-third', x: 0.8, y: 0.2, gesture: 'thumb_up', text: 'Hello chat' });
    expect(scene.effects).toEqual([second]);
    run(scene, LOWER_THIRD_LIFE_MS - 600);
    expect(labelOpacity(scene.effects[0])).toBeGreaterThan(0);
    expect(labelOpacity(scene.effects[0])).toBeLessThan(1);
    run(scene, 700);
    expect(isSceneIdle(scene)).toBe(true);
  });

  it('keeps at most MAX_LIVE_EFFECTS, dropping the oldest', () => {
    const scene = createEffectScene(5);
    const spawned = Array.from({ length: MAX_LIVE_EFFECTS + 5 }, (_, i) => confettiAt(scene, i / 20, 0.5));
    expect(scene.effects).toHaveLength(MAX_LIVE_EFFECTS);
    expect(scene.effects.map((e) => e.id)).toEqual(spawned.slice(5).map((e) => e.id));
    expect(particleCount(scene)).toBe(MAX_LIVE_EFFECTS * CONFETTI_PARTICLES);
  });

  it('cuts a long step to MAX_STEP_MS so nothing jumps after a stall', () => {
    const long = createEffectScene(6);
    const short = createEffectScene(6);
    confettiAt(long, 0.5, 0.5);
    confettiAt(short, 0.5, 0.5);
    stepScene(long, 5000);
    stepScene(short, MAX_STEP_MS);
    expect(long.effects[0].ageMs).toBe(MAX_STEP_MS);
    expect(long.effects[0].particles).toEqual(short.effects[0].particles);
  });
});

/** A scheduler whose frames are delivered by the test, at chosen timestamps. */
function fakeScheduler() {
  let next = 1;
  const pending = new Map<number, (timeMs: number) => void>();
  const scheduler: FrameScheduler = {
    request(callback) { pending.set(next, callback); return next++; },
    cancel(handle) { pending.delete(handle); },
  };
  const deliver = (timeMs: number) => {
    const callbacks = [...pending.values()];
    pending.clear();
    for (const callback of callbacks) callback(timeMs);
  };
  return { scheduler, deliver, pendingCount: () => pending.size };
}

describe('capped frame loop', () => {
  it('requests no frame until woken, and stops requesting once the scene is empty', () => {
    const { scheduler, deliver, pendingCount } = fakeScheduler();
    const scene = createEffectScene(9);
    const loop = new CappedFrameLoop(scheduler, (dt) => { stepScene(scene, dt); return !isSceneIdle(scene); });
    expect(pendingCount()).toBe(0);
    confettiAt(scene, 0.5, 0.5);
    loop.wake();
    expect(loop.running).toBe(true);
    let t = 0;
    let frames = 0;
    while (loop.running && frames < 10_000) {
      deliver((t += 1000 / 60));
      frames += 1;
    }
    expect(isSceneIdle(scene)).toBe(true);
    expect(loop.running).toBe(false);
    expect(pendingCount()).toBe(0);
  });

  it('draws at most 30 frames a second on a 60 Hz (and a 144 Hz) display, with dt = 0 on the first frame after a wake', () => {
    for (const hz of [60, 144]) {
      const { scheduler, deliver } = fakeScheduler();
      const steps: number[] = [];
      const loop = new CappedFrameLoop(scheduler, (dt) => { steps.push(dt); return true; }, 30);
      loop.wake();
      for (let i = 0; i < hz; i++) deliver(1000 + (i * 1000) / hz);
      expect(steps[0]).toBe(0);
      expect(steps.length).toBeGreaterThanOrEqual(29);
      expect(steps.length).toBeLessThanOrEqual(31);
      expect(steps.slice(1).every((dt) => dt >= 1000 / 30 - 2)).toBe(true);
    }
  });

  it('asks for no frames while paused, even when woken, and picks up on resume without animating the pause', () => {
    const { scheduler, deliver, pendingCount } = fakeScheduler();
    const steps: number[] = [];
    const loop = new CappedFrameLoop(scheduler, (dt) => { steps.push(dt); return true; });
    loop.wake();
    deliver(0);
    deliver(40);
    loop.pause();
    expect(pendingCount()).toBe(0);
    loop.wake();
    expect(loop.running).toBe(false);
    deliver(80);
    expect(steps).toEqual([0, 40]);
    loop.resume();
    loop.wake();
    deliver(10_000);
    expect(steps).toEqual([0, 40, 0]);
  });

  it('refuses a frame cap that is not a positive number', () => {
    const { scheduler } = fakeScheduler();
    expect(() => new CappedFrameLoop(scheduler, () => false, 0)).toThrow('The frame cap must be a positive number of frames per second, not 0.');
  });
});
