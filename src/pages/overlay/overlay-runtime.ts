// The overlay page's engine: checks each incoming message, spawns its effect, and runs the capped frame loop while anything is alive.
import { checkEffectMessage } from '../../core/overlay/effect-message';
import {
  createEffectScene, isSceneIdle, particleCount, spawnEffect, STAGE_HEIGHT, STAGE_WIDTH, stepScene,
} from '../../core/overlay/effect-scene';
import { CappedFrameLoop, type FrameScheduler } from '../../core/overlay/frame-loop';
import { drawScene } from './draw-scene';

/** What the browser tests read (window.handcastOverlay). */
export interface OverlayCounters {
  effectsRendered(): number;
  messagesRejected(): number;
  /** Valid messages that arrived while OBS had the source hidden: dropped, since a late effect would be out of context. */
  messagesDroppedWhileHidden(): number;
  lastRejection(): string | null;
  framesDrawn(): number;
  liveEffects(): Array<{ kind: string; x: number; y: number; gesture: string; label: string; particles: number }>;
  particles(): number;
  loopRunning(): boolean;
  paused(): boolean;
}

export interface OverlayRuntime extends OverlayCounters {
  receive(data: unknown): void;
  setHidden(hidden: boolean): void;
}

/** Rejections are logged up to this many times: a broken sender posting every frame must not flood the console. */
const LOGGED_REJECTIONS = 10;

export function createOverlayRuntime(canvas: HTMLCanvasElement, scheduler: FrameScheduler, seed: number): OverlayRuntime {
  const context = canvas.getContext('2d');
  if (!context) throw new Error('The overlay could not get a 2D canvas context.');
  const scene = createEffectScene(seed);
  let effectsRendered = 0;
  let messagesRejected = 0;
  let droppedWhileHidden = 0;
  let lastRejection: string | null = null;
  let framesDrawn = 0;
  // Spawned effects not yet on screen: counted as rendered after the frame that first draws them.
  const awaitingFirstDraw = new Set<number>();

  const loop = new CappedFrameLoop(scheduler, (dtMs) => {
    fitCanvasToLayout(canvas);
    stepScene(scene, dtMs);
    drawScene(context, scene);
    framesDrawn += 1;
    for (const effect of scene.effects) {
      if (awaitingFirstDraw.delete(effect.id)) effectsRendered += 1;
    }
    awaitingFirstDraw.clear();
    return !isSceneIdle(scene);
  });

  return {
    receive(data) {
      const check = checkEffectMessage(data);
      if (!check.ok) {
        messagesRejected += 1;
        lastRejection = check.reason;
        if (messagesRejected <= LOGGED_REJECTIONS) console.warn(`Handcast overlay: ignored a message (${check.reason}).`);
        return;
      }
      if (loop.isPaused) {
        droppedWhileHidden += 1;
        return;
      }
      const { effect, x, y, gesture, emoji, text } = check.message;
      awaitingFirstDraw.add(spawnEffect(scene, { kind: effect, x, y, gesture, emoji, text }).id);
      loop.wake();
    },
    setHidden(hidden) {
      if (hidden) {
        loop.pause();
        return;
      }
      loop.resume();
      if (!isSceneIdle(scene)) loop.wake();
    },
    effectsRendered: () => effectsRendered,
    messagesRejected: () => messagesRejected,
    messagesDroppedWhileHidden: () => droppedWhileHidden,
    lastRejection: () => lastRejection,
    framesDrawn: () => framesDrawn,
    liveEffects: () => scene.effects.map((e) => ({
      kind: e.kind, x: e.anchorX / STAGE_WIDTH, y: e.anchorY / STAGE_HEIGHT, gesture: e.gesture, label: e.label, particles: e.particles.length,
    })),
    particles: () => particleCount(scene),
    loopRunning: () => loop.running,
    paused: () => loop.isPaused,
  };
}

/** The canvas backing store follows its CSS size (and the device pixel ratio), checked once per drawn frame. */
function fitCanvasToLayout(canvas: HTMLCanvasElement): void {
  const ratio = globalThis.devicePixelRatio || 1;
  const width = Math.max(1, Math.round(canvas.clientWidth * ratio));
  const height = Math.max(1, Math.round(canvas.clientHeight * ratio));
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
}
