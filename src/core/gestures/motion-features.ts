// The motion classifier's input: a fingertip path resampled by arc length, centred, scaled, plus its size.
import type { FeatureSpec } from '../landmarks/features';

/**
 * A point of a fingertip path in the picture as the viewer sees it, y down, both axes in image
 * heights (x was multiplied by the frame's width / height), so a circle stays round on a 16:9 frame.
 */
export interface PathPoint {
  readonly x: number;
  readonly y: number;
}

/** Points the path is resampled to; kinivi's point history has 16 too. */
export const MOTION_PATH_POINTS = 16;

/** 16 (x, y) shape values, then the size feature. */
export const MOTION_FEATURE_SPEC: FeatureSpec = { name: 'handcast-fingertip-path', version: 1, length: 2 * MOTION_PATH_POINTS + 1 };

/** The path extent (image heights) that maps to a size feature of 0; the feature is log2(extent / this) / 3. */
const SIZE_REFERENCE = 0.2;

/** The larger side of the path's bounding box, in image heights. */
export function pathExtent(points: readonly PathPoint[]): number {
  if (points.length === 0) return 0;
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (const { x, y } of points) {
    minX = Math.min(minX, x); maxX = Math.max(maxX, x);
    minY = Math.min(minY, y); maxY = Math.max(maxY, y);
  }
  return Math.max(maxX - minX, maxY - minY);
}

/**
 * `count` points evenly spaced along the path's length. Resampling by length rather than time makes the
 * features blind to speed and to pauses (a hand resting before a swipe adds points, not length).
 */
export function resampleByArcLength(points: readonly PathPoint[], count = MOTION_PATH_POINTS): PathPoint[] {
  if (points.length === 0) throw new RangeError('cannot resample an empty path');
  const cumulative = [0];
  for (let i = 1; i < points.length; i++) {
    cumulative.push(cumulative[i - 1] + Math.hypot(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y));
  }
  const total = cumulative[cumulative.length - 1];
  if (total === 0) return Array.from({ length: count }, () => ({ x: points[0].x, y: points[0].y }));
  const resampled: PathPoint[] = [];
  let segment = 1;
  for (let k = 0; k < count; k++) {
    const target = (total * k) / (count - 1);
    while (segment < points.length - 1 && cumulative[segment] < target) segment++;
    const start = cumulative[segment - 1];
    const length = cumulative[segment] - start;
    const t = length === 0 ? 0 : Math.min(1, Math.max(0, (target - start) / length));
    const a = points[segment - 1];
    const b = points[segment];
    resampled.push({ x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y) });
  }
  return resampled;
}

/**
 * The feature vector of a path (at least one point): the resampled points minus their centroid, divided by
 * their RMS distance from it (so a small and a large circle look alike), then log2(extent / 0.2) / 3
 * clamped to [-1, 1], so the classifier still knows a 2 cm jitter from a 20 cm swipe.
 */
export function motionFeatures(points: readonly PathPoint[]): Float32Array {
  const resampled = resampleByArcLength(points);
  let cx = 0, cy = 0;
  for (const p of resampled) { cx += p.x; cy += p.y; }
  cx /= resampled.length; cy /= resampled.length;
  let squares = 0;
  for (const p of resampled) squares += (p.x - cx) ** 2 + (p.y - cy) ** 2;
  const rms = Math.sqrt(squares / resampled.length);
  const features = new Float32Array(MOTION_FEATURE_SPEC.length);
  if (rms > 0) {
    resampled.forEach((p, i) => {
      features[2 * i] = (p.x - cx) / rms;
      features[2 * i + 1] = (p.y - cy) / rms;
    });
  }
  const extent = pathExtent(points);
  features[2 * MOTION_PATH_POINTS] = extent > 0 ? Math.max(-1, Math.min(1, Math.log2(extent / SIZE_REFERENCE) / 3)) : -1;
  return features;
}
