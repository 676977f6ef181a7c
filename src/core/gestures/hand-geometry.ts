// Where a hand is as the viewer sees it, how big it is, and the two-hand heart test, from image-normalised landmarks.
import { HandPoint, type Landmark } from '../landmarks/types';
import type { NormalisedPoint } from './gesture-event';
import type { PathPoint } from './motion-features';
import type { HeartOptions } from './options';

const PALM_POINTS = [HandPoint.wrist, HandPoint.indexMcp, HandPoint.middleMcp, HandPoint.ringMcp, HandPoint.pinkyMcp];

/** A landmark in the picture as the viewer sees it: x flipped when the page mirrors the video. */
export function viewerPoint(landmark: Landmark, mirrored: boolean): NormalisedPoint {
  return { x: mirrored ? 1 - landmark.x : landmark.x, y: landmark.y };
}

/** A viewer point in image heights (x times width / height), for distances and paths. */
export function toImageHeights(point: NormalisedPoint, aspect: number): PathPoint {
  return { x: point.x * aspect, y: point.y };
}

/** The palm's centre (mean of the wrist and the four finger knuckles): it stays put when the fingers move. */
export function handCentre(landmarks: readonly Landmark[], mirrored: boolean): NormalisedPoint {
  let x = 0, y = 0;
  for (const index of PALM_POINTS) {
    const point = viewerPoint(landmarks[index], mirrored);
    x += point.x;
    y += point.y;
  }
  return { x: x / PALM_POINTS.length, y: y / PALM_POINTS.length };
}

/** Distance between two viewer points, in image heights. */
export function distanceInHeights(a: NormalisedPoint, b: NormalisedPoint, aspect: number): number {
  return Math.hypot((a.x - b.x) * aspect, a.y - b.y);
}

/** Wrist to middle-finger knuckle, in image heights: the unit of the heart test. */
export function palmSize(landmarks: readonly Landmark[], aspect: number): number {
  return distanceInHeights(landmarks[HandPoint.wrist], landmarks[HandPoint.middleMcp], aspect);
}

/**
 * The two-hand heart: both index tips touching, both thumb tips touching, the thumbs' meeting point below the
 * index fingers' (the heart's point at the bottom), and the wrists apart. "Touching" is at most
 * `touchDistance` palm sizes (the mean of both hands'), so it holds near and far from the camera.
 * Returns a confidence in [0.5, 1] (1 when the tips coincide) or null when it is no heart.
 * Mirroring does not matter: every test is a distance or a vertical order.
 */
export function heartConfidence(a: readonly Landmark[], b: readonly Landmark[], aspect: number, options: HeartOptions): number | null {
  const unit = (palmSize(a, aspect) + palmSize(b, aspect)) / 2;
  if (!(unit > 0)) return null;
  const indexGap = distanceInHeights(a[HandPoint.indexTip], b[HandPoint.indexTip], aspect) / unit;
  const thumbGap = distanceInHeights(a[HandPoint.thumbTip], b[HandPoint.thumbTip], aspect) / unit;
  const indexY = (a[HandPoint.indexTip].y + b[HandPoint.indexTip].y) / 2;
  const thumbY = (a[HandPoint.thumbTip].y + b[HandPoint.thumbTip].y) / 2;
  const wristGap = distanceInHeights(a[HandPoint.wrist], b[HandPoint.wrist], aspect) / unit;
  if (indexGap > options.touchDistance || thumbGap > options.touchDistance) return null;
  if ((thumbY - indexY) / unit < options.thumbsBelow || wristGap < options.wristsApart) return null;
  return 1 - Math.max(indexGap, thumbGap) / (2 * options.touchDistance);
}
