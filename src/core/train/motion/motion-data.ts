// kinivi's point history (16 index-fingertip points per row) as labelled fingertip paths, and its held-out split.
import type { PathPoint } from '../../gestures/motion-features';
import type { MotionLabel } from '../../gestures/motion-model';
import { parseLabelNames, resolveLabelName } from '../../dataset/label-names';
import { stripBom } from '../../dataset/landmark-rows';
import { splitRun, type SplitOptions } from '../shared/splits';
import { NONE_LABEL } from '../../labels';

export const KINIVI_POINT_HISTORY = 'landmarks/kinivi/point_history.csv';
export const KINIVI_POINT_HISTORY_LABELS = 'landmarks/kinivi/point_history_classifier_label.csv';

/**
 * kinivi stores x / 960 and y / 540 (its capture size) relative to the first point; x times 960 / 540 gives
 * image heights like PathPoint. Its frames were mirrored (cv2.flip) before the points were taken, so the
 * rows are already the picture the person saw: "Clockwise" is clockwise as the viewer sees it.
 */
export const KINIVI_FRAME_ASPECT = 960 / 540;

/** A single frame-to-frame step longer than this (image heights) is a tracking glitch, not a finger. */
const MAX_STEP = 0.3;

export interface MotionRow {
  readonly label: MotionLabel;
  readonly points: readonly PathPoint[];
  /** e.g. "kinivi:Clockwise" or "kinivi:Move→swipe_left" (derived label), for per-subset figures. */
  readonly subset: string;
  /** 1-based line in the CSV. */
  readonly line: number;
}

export interface KiniviMotionData {
  /** Rows per kinivi class name, in file order (each class is one contiguous recording). */
  readonly runs: ReadonlyMap<string, readonly MotionRow[]>;
  readonly problems: readonly string[];
  /** Move rows left out because their direction is no swipe and no clear diagonal (see moveLabel). */
  readonly undirectedMoves: number;
}

const DEGREE = Math.PI / 180;

/**
 * kinivi's "Move" rows are straight strokes in every direction, no swipe label given. A Move row becomes a swipe
 * when it is long (extent ≥ 0.1 image heights), straight (end-to-end distance ≥ 0.8 × path length) and within
 * 20° of an axis; 'none' when within 7° of a diagonal (diagonal strokes must not fire); otherwise it is not used.
 * These labels come from this rule, not from a person: the figures report them apart.
 */
export function moveLabel(points: readonly PathPoint[]): MotionLabel | null {
  let length = 0;
  for (let i = 1; i < points.length; i++) length += Math.hypot(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y);
  const dx = points[points.length - 1].x - points[0].x;
  const dy = points[points.length - 1].y - points[0].y;
  const distance = Math.hypot(dx, dy);
  if (distance < 0.1 || distance < 0.8 * length) return null;
  const degrees = Math.atan2(dy, dx) / DEGREE;
  const fromAxis = (target: number) => Math.abs(((degrees - target + 540) % 360) - 180);
  const axes: [number, MotionLabel][] = [[0, 'swipe_right'], [90, 'swipe_down'], [180, 'swipe_left'], [-90, 'swipe_up']];
  for (const [angle, label] of axes) if (fromAxis(angle) <= 20) return label;
  for (const angle of [45, 135, -45, -135]) if (fromAxis(angle) <= 7) return NONE_LABEL;
  return null;
}

const KINIVI_CLASS_LABELS: Readonly<Record<string, MotionLabel>> = {
  Stop: NONE_LABEL, Clockwise: 'circle_cw', 'Counter Clockwise': 'circle_ccw',
};

/** Parses point_history.csv with its label file; malformed rows are named in `problems` and skipped. */
export function parseKiniviPointHistory(csvText: string, labelFileText: string): KiniviMotionData {
  const names = parseLabelNames(labelFileText);
  const runs = new Map<string, MotionRow[]>();
  const problems: string[] = [];
  let undirectedMoves = 0;
  stripBom(csvText).split('\n').forEach((text, index) => {
    const line = index + 1;
    if (text.trim() === '') return;
    const cells = text.split(',');
    if (cells.length !== 33) {
      problems.push(`line ${line}: ${cells.length} columns, expected 33 (label + 16 x,y points)`);
      return;
    }
    const values = cells.slice(1).map(Number);
    if (values.some((v) => !Number.isFinite(v))) {
      problems.push(`line ${line}: a value is not a number`);
      return;
    }
    let className: string;
    try {
      className = resolveLabelName(cells[0].trim(), names);
    } catch (error) {
      problems.push(`line ${line}: ${(error as Error).message}`);
      return;
    }
    const points = Array.from({ length: 16 }, (_, i) => ({ x: values[2 * i] * KINIVI_FRAME_ASPECT, y: values[2 * i + 1] }));
    const longest = Math.max(...points.slice(1).map((p, i) => Math.hypot(p.x - points[i].x, p.y - points[i].y)));
    if (longest > MAX_STEP) {
      problems.push(`line ${line}: a ${longest.toFixed(2)} image-height jump between frames (tracking glitch)`);
      return;
    }
    let label: MotionLabel | null = KINIVI_CLASS_LABELS[className] ?? null;
    let subset = `kinivi:${className}`;
    if (className === 'Move') {
      label = moveLabel(points);
      if (label === null) {
        undirectedMoves++;
        return;
      }
      subset = `kinivi:Move→${label}`;
    } else if (label === null) {
      problems.push(`line ${line}: unknown class "${className}"`);
      return;
    }
    const run = runs.get(className) ?? [];
    run.push({ label, points, subset, line });
    runs.set(className, run);
  });
  return { runs, problems, undirectedMoves };
}

/**
 * Consecutive kinivi rows are sliding windows (15 of 16 points shared), so the held-out tail of each class's
 * recording is separated from its training head by a gap of at least 16 rows.
 */
export const MOTION_SPLIT: SplitOptions = { holdOutFraction: 0.2, gapFraction: 0.05 };

export function splitKiniviRuns(data: KiniviMotionData, options: SplitOptions = MOTION_SPLIT): { train: MotionRow[]; validation: MotionRow[] } {
  const train: MotionRow[] = [];
  const validation: MotionRow[] = [];
  for (const [name, run] of data.runs) {
    const gap = Math.round(run.length * options.gapFraction);
    if (run.length * options.holdOutFraction >= 1 && gap < 16) {
      throw new RangeError(`kinivi ${name}: a gap of ${gap} rows would share points between training and held-out rows (need 16)`);
    }
    const split = splitRun(run, options);
    train.push(...split.train);
    validation.push(...split.validation);
  }
  return { train, validation };
}
