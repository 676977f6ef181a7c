// Grabbing frames while the worker is busy: only the one that will still be the newest when the worker is free.
import { describe, expect, it } from 'vitest';
import { FramePacing } from '../../src/core/tracking/frame-pacing';

/** Pacing that has learnt a 33 ms camera and a worker taking `workerMs`. */
function learnt(workerMs: number): FramePacing {
  const pacing = new FramePacing();
  for (let i = 0; i < 20; i++) {
    pacing.cameraFrame(i * 33);
    pacing.workerDone(workerMs);
  }
  return pacing;
}

describe('frame pacing', () => {
  it('grabs every frame until it knows the camera and the worker', () => {
    const pacing = new FramePacing();
    expect(pacing.worthGrabbingWhileBusy(10, 0)).toBe(true);
    pacing.cameraFrame(0);
    pacing.cameraFrame(33);
    expect(pacing.worthGrabbingWhileBusy(10, 0)).toBe(true);
  });

  it('with a 100 ms worker, skips the frames the next one will replace and grabs the last before the answer', () => {
    const pacing = learnt(100);
    expect(pacing.worthGrabbingWhileBusy(5, 0)).toBe(false); // 95 ms to go: two more camera frames come first
    expect(pacing.worthGrabbingWhileBusy(38, 0)).toBe(false); // 62 ms to go
    expect(pacing.worthGrabbingWhileBusy(71, 0)).toBe(true); // 29 ms to go: the worker is free before the next frame
  });

  it('with a worker faster than the camera, grabs every frame', () => {
    const pacing = learnt(20);
    expect(pacing.worthGrabbingWhileBusy(1, 0)).toBe(true);
  });

  it('follows a worker that slows down, and ignores camera gaps (a pause) when learning the interval', () => {
    const pacing = learnt(20);
    for (let i = 0; i < 30; i++) pacing.workerDone(150);
    expect(pacing.worthGrabbingWhileBusy(5, 0)).toBe(false);
    pacing.cameraFrame(60_000); // a five-minute gap says nothing of the frame interval
    expect(pacing.worthGrabbingWhileBusy(115, 0)).toBe(true); // 35 ms to go, under 1.2 × 33
  });

  it('does not learn a sleep between watched frames as the camera interval', () => {
    const pacing = learnt(40);
    expect(pacing.cameraIntervalMs).toBeCloseTo(33, 5);
    pacing.framesSkipped();
    pacing.cameraFrame(20 * 33 + 400); // the first frame after a 400 ms sleep
    pacing.cameraFrame(20 * 33 + 433);
    expect(pacing.cameraIntervalMs).toBeCloseTo(33, 5);
  });
});
