// Synthetic fingertip paths (swipes, circles, non-gestures) as a camera would sample them, for training and tests.
import type { PathPoint } from '../../gestures/motion-features';
import type { MotionLabel } from '../../gestures/motion-model';
import type { SeededRandom } from '../../../util/seeded-random';
import { NONE_LABEL } from '../../labels';

/** How one synthetic "person / recording" moves: frame rate, sensor jitter, tempo. Held-out recordings get their own. */
export interface MotionStyle {
  readonly fps: number;
  /** Standard deviation of the per-frame landmark jitter, image heights. */
  readonly jitter: number;
  /** Multiplies every duration: > 1 is a slow mover. */
  readonly tempo: number;
}

export function randomStyle(random: SeededRandom): MotionStyle {
  return { fps: random.uniform(24, 60), jitter: random.uniform(0.0008, 0.005), tempo: Math.exp(random.uniform(-0.4, 0.4)) };
}

/** Image-y-down angle of each swipe (0 = right, π/2 = down, as the viewer sees it). */
export const SWIPE_ANGLES: Readonly<Record<'swipe_left' | 'swipe_right' | 'swipe_up' | 'swipe_down', number>> = {
  swipe_right: 0, swipe_down: Math.PI / 2, swipe_left: Math.PI, swipe_up: -Math.PI / 2,
};

const DEGREE = Math.PI / 180;

/** Samples `shape(u)` for u in [0, 1] over `seconds`, with still frames before and after and jitter on every frame. */
function sample(shape: (u: number) => PathPoint, seconds: number, style: MotionStyle, random: SeededRandom, ease = true): PathPoint[] {
  const frames = Math.max(3, Math.round(seconds * style.tempo * style.fps));
  const before = random.int(5);
  const after = random.int(5);
  const points: PathPoint[] = [];
  const ox = random.uniform(0.3, 1.4);
  const oy = random.uniform(0.2, 0.8);
  const push = (u: number) => {
    const p = shape(u);
    points.push({ x: ox + p.x + style.jitter * random.normal(), y: oy + p.y + style.jitter * random.normal() });
  };
  for (let i = 0; i < before; i++) push(0);
  for (let i = 0; i < frames; i++) {
    const t = i / (frames - 1);
    // Hands accelerate and brake: smoothstep timing unless the caller wants constant speed.
    push(ease ? t * t * (3 - 2 * t) : t);
  }
  for (let i = 0; i < after; i++) push(1);
  return points;
}

/** A mostly straight stroke at `angle` (y down), slightly bowed. */
export function synthesizeSwipe(angle: number, style: MotionStyle, random: SeededRandom, length = random.uniform(0.15, 0.7)): PathPoint[] {
  const bow = random.uniform(-0.12, 0.12) * length;
  const [dx, dy] = [Math.cos(angle), Math.sin(angle)];
  const shape = (u: number): PathPoint => {
    const along = length * u;
    const across = bow * 4 * u * (1 - u);
    return { x: along * dx - across * dy, y: along * dy + across * dx };
  };
  return sample(shape, random.uniform(0.18, 0.5), style, random);
}

/** An elliptical loop, clockwise as the viewer sees it when `clockwise` (angle increasing with y down). */
export function synthesizeCircle(
  clockwise: boolean, style: MotionStyle, random: SeededRandom,
  sweepDegrees = random.uniform(270, 420), radius = random.uniform(0.06, 0.3),
): PathPoint[] {
  const start = random.uniform(0, 2 * Math.PI);
  const squash = random.uniform(0.65, 1);
  const tilt = random.uniform(0, Math.PI);
  const wobble = random.uniform(0, 0.12);
  const wobblePhase = random.uniform(0, 2 * Math.PI);
  const sweep = sweepDegrees * DEGREE * (clockwise ? 1 : -1);
  const shape = (u: number): PathPoint => {
    const theta = start + sweep * u;
    const r = radius * (1 + wobble * Math.sin(2 * theta + wobblePhase));
    const ex = r * Math.cos(theta);
    const ey = r * squash * Math.sin(theta);
    return { x: ex * Math.cos(tilt) - ey * Math.sin(tilt), y: ex * Math.sin(tilt) + ey * Math.cos(tilt) };
  };
  return sample(shape, (random.uniform(0.5, 1.1) * sweepDegrees) / 360, style, random, false);
}

/** Non-gestures: a still hand, part of a circle, a wander, a wave back and forth, a diagonal stroke. */
export function synthesizeNone(style: MotionStyle, random: SeededRandom): PathPoint[] {
  const kind = random.int(5);
  if (kind === 0) {
    const drift = random.uniform(0, 0.04);
    const angle = random.uniform(0, 2 * Math.PI);
    return sample((u) => ({ x: drift * u * Math.cos(angle), y: drift * u * Math.sin(angle) }), random.uniform(0.3, 1), style, random);
  }
  if (kind === 1) return synthesizeCircle(random.next() < 0.5, style, random, random.uniform(60, 170), random.uniform(0.08, 0.3));
  if (kind === 2) {
    const waves = [0, 1, 2].map(() => ({ ax: random.uniform(0.02, 0.12), ay: random.uniform(0.02, 0.12), f: random.uniform(0.5, 2.5), p: random.uniform(0, 6.3) }));
    return sample((u) => waves.reduce((p, w) => ({
      x: p.x + w.ax * Math.sin(2 * Math.PI * w.f * u + w.p), y: p.y + w.ay * Math.cos(2 * Math.PI * w.f * u + w.p),
    }), { x: 0, y: 0 }), random.uniform(0.5, 1), style, random, false);
  }
  if (kind === 3) {
    // Waving: two or more strokes back and forth along one line, which must not read as a swipe.
    const length = random.uniform(0.12, 0.4);
    const angle = random.uniform(0, Math.PI);
    const strokes = 2 + random.int(3);
    return sample((u) => {
      const phase = u * strokes;
      const leg = Math.floor(Math.min(phase, strokes - 1e-9));
      const local = phase - leg;
      const along = length * (leg % 2 === 0 ? local : 1 - local);
      return { x: along * Math.cos(angle), y: along * Math.sin(angle) };
    }, random.uniform(0.5, 1) * strokes * 0.4, style, random, false);
  }
  // A diagonal stroke is no swipe: only strokes within about 25° of an axis are.
  const diagonal = (45 + 90 * random.int(4) + random.uniform(-7, 7)) * DEGREE;
  return synthesizeSwipe(diagonal, style, random);
}

/** A synthetic path of `label`. Swipes deviate up to ±20° from their axis. */
export function synthesizeMotion(label: MotionLabel, style: MotionStyle, random: SeededRandom): PathPoint[] {
  switch (label) {
    case NONE_LABEL: return synthesizeNone(style, random);
    case 'circle_cw': return synthesizeCircle(true, style, random);
    case 'circle_ccw': return synthesizeCircle(false, style, random);
    default: return synthesizeSwipe(SWIPE_ANGLES[label] + random.uniform(-20, 20) * DEGREE, style, random);
  }
}
