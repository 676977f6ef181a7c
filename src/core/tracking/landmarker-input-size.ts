// The frame size the hand landmarker gets: a camera frame larger than this is scaled down first (docs/frame-size.md).

/**
 * Longest side handed to the landmarker. `npm run eval:frame-size` (real photos in 1920×1080 frames): at 640 px
 * the landmarks stay within the noise of moving the hand one pixel and the labels agree with the full-size frame
 * as often as it agrees with itself; each call is about 30% cheaper than at 1920, and smaller frames save no more.
 */
export const LANDMARKER_MAX_SIDE = 640;

export interface FrameSize {
  readonly width: number;
  readonly height: number;
}

/** The camera frame's size, scaled down (aspect kept, whole pixels) so its longest side is at most LANDMARKER_MAX_SIDE. */
export function landmarkerInputSize(frame: FrameSize): FrameSize {
  const longest = Math.max(frame.width, frame.height);
  if (longest <= LANDMARKER_MAX_SIDE) return { width: frame.width, height: frame.height };
  const scale = LANDMARKER_MAX_SIDE / longest;
  return { width: Math.max(1, Math.round(frame.width * scale)), height: Math.max(1, Math.round(frame.height * scale)) };
}
