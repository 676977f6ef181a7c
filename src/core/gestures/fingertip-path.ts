// The recent path of one hand's index fingertip: the last windowMs of points, in image heights as the viewer sees them.
import { pathExtent, type PathPoint } from './motion-features';

export class FingertipPath {
  private readonly times: number[] = [];
  private readonly points: PathPoint[] = [];

  get length(): number {
    return this.points.length;
  }

  /** Adds a point and forgets those older than windowMs before it; a step longer than maxStep starts a new path. */
  add(timeMs: number, point: PathPoint, windowMs: number, maxStep = Infinity): void {
    const last = this.points[this.points.length - 1];
    if (last !== undefined && Math.hypot(point.x - last.x, point.y - last.y) > maxStep) this.clear();
    this.times.push(timeMs);
    this.points.push(point);
    let drop = 0;
    while (drop < this.times.length && this.times[drop] < timeMs - windowMs) drop++;
    if (drop > 0) {
      this.times.splice(0, drop);
      this.points.splice(0, drop);
    }
  }

  /** The larger side of the path's bounding box, image heights. */
  extent(): number {
    return pathExtent(this.points);
  }

  snapshot(): readonly PathPoint[] {
    return this.points;
  }

  clear(): void {
    this.times.length = 0;
    this.points.length = 0;
  }
}
