// Frames larger than the landmarker needs are scaled down, keeping their aspect; smaller ones pass as they are.
import { describe, expect, it } from 'vitest';
import { LANDMARKER_MAX_SIDE, landmarkerInputSize } from '../../src/core/tracking/landmarker-input-size';

describe('landmarker input size', () => {
  it('keeps a 640×480 frame (and anything smaller) as it is', () => {
    expect(landmarkerInputSize({ width: 640, height: 480 })).toEqual({ width: 640, height: 480 });
    expect(landmarkerInputSize({ width: 320, height: 240 })).toEqual({ width: 320, height: 240 });
  });

  it('scales 1280×720 and 1920×1080 down to 640×360', () => {
    expect(landmarkerInputSize({ width: 1280, height: 720 })).toEqual({ width: 640, height: 360 });
    expect(landmarkerInputSize({ width: 1920, height: 1080 })).toEqual({ width: 640, height: 360 });
  });

  it('bounds the longest side of a portrait frame, keeping the aspect to the pixel', () => {
    const size = landmarkerInputSize({ width: 1080, height: 1920 });
    expect(size).toEqual({ width: 360, height: LANDMARKER_MAX_SIDE });
    const odd = landmarkerInputSize({ width: 1366, height: 768 });
    expect(odd.width).toBe(640);
    expect(Math.abs(odd.width / odd.height - 1366 / 768)).toBeLessThan(0.005);
  });
});
