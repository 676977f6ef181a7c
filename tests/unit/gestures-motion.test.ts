// Dynamic gestures: path features, the INT8 motion model on the WASM kernels (vs its TS reference, on held-out real rows and
// synthetic swipes), and motion events from scripted fingertip paths.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { GestureClassifier } from '../../src/core/classifier';
import { GestureEventEngine, type GestureHand } from '../../src/core/gestures/engine';
import { MOTION_FEATURE_SPEC, motionFeatures, resampleByArcLength, type PathPoint } from '../../src/core/gestures/motion-features';
import { MOTION_LABELS, parseMotionModelText, type MotionLabel } from '../../src/core/gestures/motion-model';
import type { GestureModel } from '../../src/core/model/gesture-model';
import { parseGestureModelText } from '../../src/core/model/gesture-model';
import { Int8MlpClassifier } from '../../src/core/quant/int8-classifier';
import { KINIVI_POINT_HISTORY, KINIVI_POINT_HISTORY_LABELS, parseKiniviPointHistory, splitKiniviRuns, type MotionRow } from '../../src/core/train/motion/motion-data';
import { randomStyle, synthesizeMotion } from '../../src/core/train/motion/motion-synthesis';
import { SeededRandom } from '../../src/util/seeded-random';
import { buildGestureClassifier } from '../../src/engines/gesture-engines';
import { TsInt8Mlp } from '../../src/kernels/ref/mlp';
import { loadKernels } from '../../src/kernels/loader';
import type { WasmInt8Mlp } from '../../src/kernels/wasm-mlp';
import { nodeKernelBytes } from '../../tools/kernels-build';
import { frames, landmarksAt } from './gesture-fixtures.ts';
import { readShared, repoRoot } from './shared-data.ts';
import { sharedDataMissing } from '../support/shared-data.ts';

const MODEL_FILE = path.join(repoRoot, 'public', 'models', 'motion_model.json');
const KERNEL_FILE = path.join(repoRoot, 'public', 'kernels', 'simd128.wasm');
const hasKernels = existsSync(KERNEL_FILE);
const pointHistoryMissing = sharedDataMissing("gestures-motion's real-row tests", ...[KINIVI_POINT_HISTORY, KINIVI_POINT_HISTORY_LABELS].map((file) => path.join('data', file)));
if (!hasKernels) console.warn(`gestures-motion: WASM tests skipped, no kernel build at ${KERNEL_FILE} (npm install builds it)`);

const model: GestureModel = parseMotionModelText(readFileSync(MODEL_FILE, 'utf8'));

function heldOutRealRows(): MotionRow[] {
  return splitKiniviRuns(parseKiniviPointHistory(readShared(KINIVI_POINT_HISTORY), readShared(KINIVI_POINT_HISTORY_LABELS))).validation;
}

/** Fresh synthetic paths (a seed the trainer never uses), `perLabel` of each label, each from its own style. */
function syntheticPaths(label: MotionLabel, perLabel: number, seed: number): PathPoint[][] {
  const random = new SeededRandom(seed);
  return Array.from({ length: perLabel }, () => synthesizeMotion(label, randomStyle(random), random));
}

describe('path features', () => {
  it('resamples by length: 16 evenly spaced points whatever the speed', () => {
    const slowThenFast = [0, 0.01, 0.02, 0.03, 0.5, 1].map((x) => ({ x, y: 0 }));
    const resampled = resampleByArcLength(slowThenFast);
    expect(resampled).toHaveLength(16);
    resampled.forEach((p, i) => expect(p.x).toBeCloseTo(i / 15, 10));
  });

  it('sees shape apart from position and size, and size apart in its last value', () => {
    const loop = synthesizeMotion('circle_cw', randomStyle(new SeededRandom(3)), new SeededRandom(4));
    const moved = loop.map((p) => ({ x: 2 * p.x + 0.4, y: 2 * p.y - 0.1 }));
    const [a, b] = [motionFeatures(loop), motionFeatures(moved)];
    for (let i = 0; i < 32; i++) expect(b[i]).toBeCloseTo(a[i], 4);
    expect(b[32]).toBeCloseTo(a[32] + 1 / 3, 4);
    expect(Array.from(motionFeatures([{ x: 1, y: 1 }, { x: 1, y: 1 }]))).toEqual([...new Array(32).fill(0), -1]);
    expect(() => motionFeatures([])).toThrow('cannot resample an empty path');
  });
});

describe('the motion model file', () => {
  it('loads with the fingertip-path features and the motion labels; the pose model is refused', () => {
    expect(model.labels).toEqual([...MOTION_LABELS]);
    expect(model.featureSpec).toEqual(MOTION_FEATURE_SPEC);
    expect(model.int8).toBeDefined();
    const poseModelText = readFileSync(path.join(repoRoot, 'public', 'models', 'gesture_model.json'), 'utf8');
    expect(() => parseMotionModelText(poseModelText)).toThrow(/featureSpec is handcast-canonical-2d v1 \(42 features\) but this build extracts handcast-fingertip-path v1 \(33 features\)/);
    expect(() => parseGestureModelText(readFileSync(MODEL_FILE, 'utf8'))).toThrow(/featureSpec is handcast-fingertip-path/);
  });
});

describe.skipIf(!hasKernels)('the INT8 motion classifier on the WASM kernels', () => {
  let wasm: Int8MlpClassifier;
  let wasmMlp: WasmInt8Mlp;

  beforeAll(async () => {
    const selection = await loadKernels({ loadBytes: nodeKernelBytes() });
    wasmMlp = selection.module.createMlp(model.int8!.mlp);
    wasm = Int8MlpClassifier.fromModel(model, wasmMlp);
  });

  it('equals its TypeScript reference bit for bit (int32 logits) on real and synthetic paths', () => {
    expect(wasm.engine).toMatch(/^int8-wasm-/);
    const reference = new TsInt8Mlp(model.int8!.mlp);
    const paths = [...MOTION_LABELS.flatMap((label) => syntheticPaths(label, 20, 77)), ...(pointHistoryMissing ? [] : heldOutRealRows().map((r) => [...r.points]))];
    let compared = 0;
    for (const points of paths) {
      const features = motionFeatures(points);
      expect(Array.from(wasmMlp.run(features))).toEqual(Array.from(reference.run(features, 1)));
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(140);
  });

  it.skipIf(pointHistoryMissing)('classifies held-out real kinivi circles and still fingers right (measured 99.6% / 98.0% / 99.3%; asserted ≥ 95%)', () => {
    const rows = heldOutRealRows();
    for (const subset of ['kinivi:Clockwise', 'kinivi:Counter Clockwise', 'kinivi:Stop']) {
      const chosen = rows.filter((row) => row.subset === subset);
      expect(chosen.length).toBeGreaterThan(200);
      const correct = chosen.filter((row) => wasm.classify(motionFeatures(row.points)).label === row.label).length;
      expect(correct / chosen.length, subset).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('classifies fresh synthetic swipes in each direction and circles each way (≥ 95% each)', () => {
    for (const label of MOTION_LABELS.filter((l) => l !== 'none')) {
      const paths = syntheticPaths(label, 100, 2024);
      const correct = paths.filter((points) => wasm.classify(motionFeatures(points)).label === label).length;
      expect(correct, label).toBeGreaterThanOrEqual(95);
    }
  });
});

/** A hand whose landmarks all follow `at(t)` (viewer coordinates, normalised): its index tip traces the path. */
function movingHand(viewerAt: (t: number) => { x: number; y: number }, mirrored: boolean, gesture = 'pointing_up') {
  return (t: number): GestureHand[] => {
    const p = viewerAt(t);
    return [{ landmarks: landmarksAt(mirrored ? 1 - p.x : p.x, p.y), handedness: 'Right', gesture, gestureScore: 0.9 }];
  };
}

/** Still at `from` until startMs, a straight stroke to `to` over durationMs, then still. */
function stroke(from: { x: number; y: number }, to: { x: number; y: number }, startMs: number, durationMs: number) {
  return (t: number) => {
    const u = Math.min(1, Math.max(0, (t - startMs) / durationMs));
    return { x: from.x + (to.x - from.x) * u, y: from.y + (to.y - from.y) * u };
  };
}

const FRAME = 33;
const motionOnly = { pose: { silentLabels: ['none', 'pointing_up', 'open_palm'] } };

describe.skipIf(!hasKernels)('motion events from scripted fingertip paths', () => {
  let classifier: GestureClassifier;

  beforeAll(async () => {
    const built = await buildGestureClassifier(model, 'int8', () => loadKernels({ loadBytes: nodeKernelBytes() }));
    expect(built.fallbackNote).toBeNull();
    classifier = built.classifier;
  });

  const motions = (engine: GestureEventEngine, at: (t: number) => GestureHand[], toMs = 1500) =>
    frames(0, toMs, FRAME, at).flatMap((frame) => engine.push(frame)).filter((e) => e.kind === 'motion');

  it('a stroke to the viewer\'s right is swipe_right on the mirrored page, swipe_left on an unmirrored one', () => {
    const path = stroke({ x: 0.3, y: 0.5 }, { x: 0.7, y: 0.5 }, 200, 300);
    const mirrored = motions(new GestureEventEngine({ mirrored: true, ...motionOnly }, classifier), movingHand(path, true));
    expect(mirrored.map((e) => e.gesture)).toEqual(['swipe_right']);
    expect(mirrored[0]).toMatchObject({ kind: 'motion', hand: 0, handedness: 'Right' });
    expect(mirrored[0].timeMs).toBeGreaterThan(200);
    expect(mirrored[0].timeMs).toBeLessThanOrEqual(500);
    expect(mirrored[0].confidence).toBeGreaterThanOrEqual(0.85);
    // The same camera frames shown unmirrored: the viewer sees the hand go left.
    const rawPath = (t: number) => ({ x: 1 - path(t).x, y: path(t).y });
    const unmirrored = motions(new GestureEventEngine({ mirrored: false, ...motionOnly }, classifier), movingHand(rawPath, false));
    expect(unmirrored.map((e) => e.gesture)).toEqual(['swipe_left']);
  });

  it('up and down strokes, on a 16:9 frame', () => {
    const options = { aspect: 16 / 9, ...motionOnly };
    const up = motions(new GestureEventEngine(options, classifier), movingHand(stroke({ x: 0.5, y: 0.75 }, { x: 0.5, y: 0.3 }, 100, 300), true));
    const down = motions(new GestureEventEngine(options, classifier), movingHand(stroke({ x: 0.5, y: 0.3 }, { x: 0.52, y: 0.75 }, 100, 300), true));
    expect([up.map((e) => e.gesture), down.map((e) => e.gesture)]).toEqual([['swipe_up'], ['swipe_down']]);
  });

  it('one loop drawn clockwise as the viewer sees it is one circle_cw; anticlockwise is circle_ccw', () => {
    const aspect = 4 / 3;
    const loop = (direction: 1 | -1) => (t: number) => {
      const theta = -Math.PI / 2 + direction * 2 * Math.PI * Math.min(1, Math.max(0, (t - 100) / 900));
      return { x: 0.5 + (0.15 * Math.cos(theta)) / aspect, y: 0.5 + 0.15 * Math.sin(theta) };
    };
    const cw = motions(new GestureEventEngine({ aspect, ...motionOnly }, classifier), movingHand(loop(1), true));
    const ccw = motions(new GestureEventEngine({ aspect, ...motionOnly }, classifier), movingHand(loop(-1), true));
    expect([cw.map((e) => e.gesture), ccw.map((e) => e.gesture)]).toEqual([['circle_cw'], ['circle_ccw']]);
  });

  it('a still, jittering hand fires no motion', () => {
    const random = new SeededRandom(9);
    const jitter = () => ({ x: 0.5 + 0.004 * random.normal(), y: 0.5 + 0.004 * random.normal() });
    expect(motions(new GestureEventEngine(motionOnly, classifier), movingHand(jitter, true), 3000)).toEqual([]);
  });

  it('fires once per stroke; a second stroke inside the cooldown is dropped, after it fires again', () => {
    const twoStrokes = (gapMs: number) => (t: number) => (t < 600 + gapMs
      ? stroke({ x: 0.3, y: 0.5 }, { x: 0.7, y: 0.5 }, 100, 300)(t)
      : stroke({ x: 0.3, y: 0.5 }, { x: 0.7, y: 0.5 }, 600 + gapMs, 300)(t));
    // After the first stroke the hand jumps back to the start (a tracking jump: a new path) and strokes again;
    // a wide match distance keeps it the same hand slot through the jump.
    const options = { ...motionOnly, slots: { maxMatchDistance: 0.6 } };
    const soon = motions(new GestureEventEngine(options, classifier), movingHand(twoStrokes(200), true), 2000);
    const later = motions(new GestureEventEngine(options, classifier), movingHand(twoStrokes(1200), true), 3000);
    expect(soon.map((e) => e.gesture)).toEqual(['swipe_right']);
    expect(later.map((e) => e.gesture)).toEqual(['swipe_right', 'swipe_right']);
    expect(later[1].timeMs - later[0].timeMs).toBeGreaterThanOrEqual(1000);
  });

  it('follows the fingertip only in the poses motion.trackPoses lists', () => {
    const path = stroke({ x: 0.3, y: 0.5 }, { x: 0.7, y: 0.5 }, 200, 300);
    const options = { ...motionOnly, motion: { trackPoses: ['pointing_up'] } };
    expect(motions(new GestureEventEngine(options, classifier), movingHand(path, true, 'open_palm'))).toEqual([]);
    expect(motions(new GestureEventEngine(options, classifier), movingHand(path, true, 'pointing_up')).map((e) => e.gesture)).toEqual(['swipe_right']);
  });

  it('refuses a classifier that is not a motion model', () => {
    const poseModel = parseGestureModelText(readFileSync(path.join(repoRoot, 'public', 'models', 'gesture_model.json'), 'utf8'));
    expect(() => new GestureEventEngine({}, Int8MlpClassifier.fromModel(poseModel)))
      .toThrow('the motion classifier takes 42 features; fingertip paths give 33 (handcast-fingertip-path): is it the motion model?');
  });
});
