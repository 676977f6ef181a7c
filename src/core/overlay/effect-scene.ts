// The overlay's effects as plain data: spawn at a hand's position, step(dt) moves and ages them; no DOM, seeded random.
import type { OverlayEffectKind } from './effect-message';
import { SeededRandom } from '../../util/seeded-random';

/** Positions, sizes and speeds are in pixels of this stage (an OBS canvas); the page scales them to its viewport. */
export const STAGE_WIDTH = 1920;
export const STAGE_HEIGHT = 1080;

/** More effects than this at once are unreadable anyway: the oldest goes first, so a burst of events stays bounded. */
export const MAX_LIVE_EFFECTS = 12;
/** A longer step (the page was in the background, the machine stalled) is cut to this, so nothing jumps across the stage. */
export const MAX_STEP_MS = 100;

export const EMOJI_BURST_PARTICLES = 14;
export const CONFETTI_PARTICLES = 90;
export const LOWER_THIRD_LIFE_MS = 4000;
export const LOWER_THIRD_FADE_IN_MS = 250;
export const LOWER_THIRD_FADE_OUT_MS = 1000;
/** The default emoji when a mapping names none. */
export const DEFAULT_EMOJI = '🎉';

/** Confetti colours, and the fill of a monochrome emoji (a colour emoji glyph ignores it). */
const EFFECT_COLOURS = ['#f72585', '#4cc9f0', '#fbbc04', '#34a853', '#ffffff', '#b5179e'] as const;

export interface Particle {
  x: number;
  y: number;
  /** Pixels per second. */
  vx: number;
  vy: number;
  rotation: number;
  /** Radians per second. */
  spin: number;
  size: number;
  ageMs: number;
  readonly lifeMs: number;
  readonly colour: string;
}

export interface LiveEffect {
  readonly id: number;
  readonly kind: OverlayEffectKind;
  /** Where the hand was, in stage pixels. */
  readonly anchorX: number;
  readonly anchorY: number;
  readonly gesture: string;
  /** What is drawn: the emoji of a burst, the text of a lower-third; empty for confetti. */
  readonly label: string;
  ageMs: number;
  readonly lifeMs: number;
  /** Per-particle gravity (px/s²) and drag (fraction of speed lost per second) of this effect. */
  readonly gravity: number;
  readonly drag: number;
  particles: Particle[];
}

export interface EffectScene {
  effects: LiveEffect[];
  readonly random: SeededRandom;
  nextId: number;
}

export interface EffectSpec {
  readonly kind: OverlayEffectKind;
  /** Normalised [0, 1] position on the stage. */
  readonly x: number;
  readonly y: number;
  readonly gesture: string;
  readonly emoji?: string;
  readonly text?: string;
}

export function createEffectScene(seed: number): EffectScene {
  return { effects: [], random: new SeededRandom(seed), nextId: 1 };
}

/** 'thumb_up' → 'thumb up': the label a lower-third shows when the mapping gave no text. */
export function readableGesture(gesture: string): string {
  return gesture.replace(/[_-]+/gu, ' ').trim();
}

/** Adds one effect at (x, y) and returns it; the oldest effect is dropped past MAX_LIVE_EFFECTS. */
export function spawnEffect(scene: EffectScene, spec: EffectSpec): LiveEffect {
  const anchorX = spec.x * STAGE_WIDTH;
  const anchorY = spec.y * STAGE_HEIGHT;
  const base = { id: scene.nextId++, kind: spec.kind, anchorX, anchorY, gesture: spec.gesture, ageMs: 0 };
  let effect: LiveEffect;
  if (spec.kind === 'emoji-burst') {
    const particles = Array.from({ length: EMOJI_BURST_PARTICLES }, (_, i) => {
      // Evenly spread directions with a little jitter: a ring that reads as a burst, not a clump.
      const angle = (2 * Math.PI * i) / EMOJI_BURST_PARTICLES + scene.random.uniform(-0.2, 0.2);
      const speed = scene.random.uniform(220, 520);
      return particle(anchorX, anchorY, angle, speed, scene.random.uniform(44, 76), scene.random.uniform(1400, 1800), scene.random.pick(EFFECT_COLOURS), scene.random);
    });
    effect = { ...base, label: spec.emoji ?? DEFAULT_EMOJI, lifeMs: maxLife(particles), gravity: 420, drag: 0.8, particles };
  } else if (spec.kind === 'confetti') {
    const particles = Array.from({ length: CONFETTI_PARTICLES }, () => {
      // Mostly upwards (negative y is up), like a popper held in the hand.
      const angle = -Math.PI / 2 + scene.random.uniform(-1.1, 1.1);
      const speed = scene.random.uniform(350, 950);
      return particle(anchorX, anchorY, angle, speed, scene.random.uniform(10, 20), scene.random.uniform(2000, 2800), scene.random.pick(EFFECT_COLOURS), scene.random);
    });
    effect = { ...base, label: '', lifeMs: maxLife(particles), gravity: 900, drag: 1.2, particles };
  } else {
    // One label at a time: two lower-thirds on top of each other cannot be read, so the new one replaces the old.
    scene.effects = scene.effects.filter((e) => e.kind !== 'lower-third');
    effect = { ...base, label: spec.text ?? readableGesture(spec.gesture), lifeMs: LOWER_THIRD_LIFE_MS, gravity: 0, drag: 0, particles: [] };
  }
  scene.effects.push(effect);
  if (scene.effects.length > MAX_LIVE_EFFECTS) scene.effects.splice(0, scene.effects.length - MAX_LIVE_EFFECTS);
  return effect;
}

function particle(x: number, y: number, angle: number, speed: number, size: number, lifeMs: number, colour: string, random: SeededRandom): Particle {
  return {
    x, y, vx: Math.cos(angle) * speed, vy: Math.sin(angle) * speed,
    rotation: random.uniform(0, 2 * Math.PI), spin: random.uniform(-6, 6), size, ageMs: 0, lifeMs, colour,
  };
}

const maxLife = (particles: readonly Particle[]) => particles.reduce((longest, p) => Math.max(longest, p.lifeMs), 0);

/** Advances every effect by dtMs (cut to MAX_STEP_MS) and removes what has lived its life. */
export function stepScene(scene: EffectScene, dtMs: number): void {
  const dt = Math.min(Math.max(dtMs, 0), MAX_STEP_MS);
  const seconds = dt / 1000;
  for (const effect of scene.effects) {
    effect.ageMs += dt;
    const keep = Math.max(0, 1 - effect.drag * seconds);
    for (const p of effect.particles) {
      p.ageMs += dt;
      p.vx *= keep;
      p.vy = p.vy * keep + effect.gravity * seconds;
      p.x += p.vx * seconds;
      p.y += p.vy * seconds;
      p.rotation += p.spin * seconds;
    }
    effect.particles = effect.particles.filter((p) => p.ageMs < p.lifeMs);
  }
  scene.effects = scene.effects.filter((e) => e.ageMs < e.lifeMs);
}

/** True when nothing is left to draw: the page can stop asking for frames. */
export function isSceneIdle(scene: EffectScene): boolean {
  return scene.effects.length === 0;
}

export function particleCount(scene: EffectScene): number {
  return scene.effects.reduce((sum, e) => sum + e.particles.length, 0);
}

/** A particle's opacity: full, then fading out over the last 40% of its life. */
export function particleOpacity(p: Particle): number {
  const remaining = 1 - p.ageMs / p.lifeMs;
  return Math.min(1, Math.max(0, remaining / 0.4));
}

/** A lower-third's opacity: a short fade in, held, then a one-second fade out. */
export function labelOpacity(effect: LiveEffect): number {
  const fadeIn = effect.ageMs / LOWER_THIRD_FADE_IN_MS;
  const fadeOut = (effect.lifeMs - effect.ageMs) / LOWER_THIRD_FADE_OUT_MS;
  return Math.min(1, Math.max(0, Math.min(fadeIn, fadeOut)));
}
