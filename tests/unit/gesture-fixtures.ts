// Test helper: scripted hands (kinivi's real open hand placed, sized and labelled) and frame sequences for the gesture engine.
import type { GestureEventEngine, GestureFrame, GestureHand } from '../../src/core/gestures/engine';
import type { GestureEvent } from '../../src/core/gestures/gesture-event';
import { handCentre } from '../../src/core/gestures/hand-geometry';
import type { Landmark } from '../../src/core/landmarks/types';
import { kiniviOpenLandmarks } from './shared-data.ts';

export interface HandSpec {
  readonly gesture?: string;
  readonly score?: number;
  readonly handedness?: 'Left' | 'Right';
  /** Raw (unmirrored) palm centre, image-normalised. */
  readonly x?: number;
  readonly y?: number;
  /** Landmark spread, image-normalised (the kinivi row spans about ±1). */
  readonly size?: number;
}

/** A real open hand's landmarks with its palm centre at raw (x, y). */
export function landmarksAt(x: number, y: number, size = 0.1): Landmark[] {
  const template = kiniviOpenLandmarks().map((p) => ({ x: p.x * size, y: p.y * size, z: 0 }));
  const centre = handCentre(template, false);
  return template.map((p) => ({ x: p.x - centre.x + x, y: p.y - centre.y + y, z: 0 }));
}

export function hand(spec: HandSpec = {}): GestureHand {
  return {
    landmarks: landmarksAt(spec.x ?? 0.5, spec.y ?? 0.5, spec.size),
    handedness: spec.handedness ?? 'Right',
    gesture: spec.gesture ?? 'thumb_up',
    gestureScore: spec.score ?? 0.9,
  };
}

/** Frames every `stepMs` from `fromMs` up to and including `toMs`, each with the hands `at(t)` gives. */
export function frames(fromMs: number, toMs: number, stepMs: number, at: (timeMs: number) => GestureHand[]): GestureFrame[] {
  const list: GestureFrame[] = [];
  for (let t = fromMs; t <= toMs; t += stepMs) list.push({ timeMs: t, hands: at(t) });
  return list;
}

/** Pushes every frame; returns all events with the frame time they came out at. */
export function run(engine: GestureEventEngine, list: readonly GestureFrame[]): GestureEvent[] {
  return list.flatMap((frame) => engine.push(frame));
}
