// The classifier's input vector: the canonical 2D hand shape (20 points) followed by the hand's orientation.
import { canonicalHand } from './canonical-hand';
import { LANDMARK_COUNT, type HandLandmarks } from './types';

/** Identifies a feature extractor; a model records the spec it was trained on. */
export interface FeatureSpec {
  readonly name: string;
  readonly version: number;
  readonly length: number;
}

/** Index of the first orientation feature; before it come the canonical x, y of landmarks 1..20. */
export const ORIENTATION_OFFSET = (LANDMARK_COUNT - 1) * 2;

export const FEATURE_SPEC: FeatureSpec = {
  name: 'handcast-canonical-2d',
  version: 1,
  length: ORIENTATION_OFFSET + 2,
};

/**
 * Features of one hand. `aspect` is the image width / height the landmarks are normalised to.
 * Layout: [x1, y1, …, x20, y20] in the canonical frame (the wrist, always (0, 0), is left out),
 * then [sin, cos] of the hand's orientation (0 = fingers up). See docs/features.md.
 * Throws when the hand is degenerate (see describeHandDegeneracy).
 */
export function extractFeatures(landmarks: HandLandmarks, aspect: number): Float32Array {
  const hand = canonicalHand(landmarks, aspect);
  const features = new Float32Array(FEATURE_SPEC.length);
  for (let i = 0; i < ORIENTATION_OFFSET; i++) features[i] = hand.points[i + 2];
  features[ORIENTATION_OFFSET] = hand.orientationSin;
  features[ORIENTATION_OFFSET + 1] = hand.orientationCos;
  return features;
}
