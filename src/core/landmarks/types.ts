// The hand as MediaPipe reports it: 21 keypoints, x/y normalised to the image, z relative to the wrist.

/** One keypoint. x and y are in [0, 1] of the image width/height; z has the scale of x. */
export interface Landmark {
  readonly x: number;
  readonly y: number;
  readonly z: number;
}

/** 21 landmarks in MediaPipe order (0 wrist, 1–4 thumb, 5–8 index, 9–12 middle, 13–16 ring, 17–20 pinky). */
export type HandLandmarks = readonly Landmark[];

export const LANDMARK_COUNT = 21;

/** Indices of the MediaPipe hand landmarks. */
export const HandPoint = {
  wrist: 0,
  thumbCmc: 1, thumbMcp: 2, thumbIp: 3, thumbTip: 4,
  indexMcp: 5, indexPip: 6, indexDip: 7, indexTip: 8,
  middleMcp: 9, middlePip: 10, middleDip: 11, middleTip: 12,
  ringMcp: 13, ringPip: 14, ringDip: 15, ringTip: 16,
  pinkyMcp: 17, pinkyPip: 18, pinkyDip: 19, pinkyTip: 20,
} as const;

/** Landmark chains MCP → PIP → DIP → TIP of index, middle, ring, pinky (in that order). */
export const FINGER_CHAINS = [
  [5, 6, 7, 8],
  [9, 10, 11, 12],
  [13, 14, 15, 16],
  [17, 18, 19, 20],
] as const;

/** Thumb CMC → MCP → IP → TIP. */
export const THUMB_CHAIN = [1, 2, 3, 4] as const;

/** Bones of the hand skeleton, as pairs of landmark indices (for drawing). */
export const HAND_CONNECTIONS: ReadonlyArray<readonly [number, number]> = [
  [0, 1], [1, 2], [2, 3], [3, 4],
  [0, 5], [5, 6], [6, 7], [7, 8],
  [5, 9], [9, 10], [10, 11], [11, 12],
  [9, 13], [13, 14], [14, 15], [15, 16],
  [13, 17], [0, 17], [17, 18], [18, 19], [19, 20],
];
