// Builds the MediaPipe Tasks hand landmarker bundles (full and lite) from the networks of @mediapipe/hands.
import { HANDS_PACKAGE, type HandNetworks } from './hands-package.ts';
import { writeStoredZip } from './stored-zip.ts';
import { addImageModelMetadata } from './tflite-metadata.ts';

/** The entry names MediaPipe's HandLandmarker looks up inside a .task bundle. */
export const DETECTOR_ENTRY = 'hand_detector.tflite';
export const LANDMARKS_ENTRY = 'hand_landmarks_detector.tflite';

export type BundleVariant = 'full' | 'lite';

export const BUNDLE_FILE_NAMES: Record<BundleVariant, string> = {
  full: 'hand_landmarker.task',
  lite: 'hand_landmarker_lite.task',
};

export interface LandmarkerBundle {
  variant: BundleVariant;
  fileName: string;
  bytes: Uint8Array;
}

/** Both bundles, full first. Pure: the same networks always give the same bytes. */
export function buildLandmarkerBundles(networks: HandNetworks): LandmarkerBundle[] {
  return (['full', 'lite'] as const).map((variant) => ({
    variant,
    fileName: BUNDLE_FILE_NAMES[variant],
    bytes: buildLandmarkerBundle(networks, variant),
  }));
}

/** One .task bundle: the palm detector and the landmark network of one variant, each with image metadata. */
export function buildLandmarkerBundle(networks: HandNetworks, variant: BundleVariant): Uint8Array {
  const palm = variant === 'full' ? networks.palmDetectionFull : networks.palmDetectionLite;
  const landmarks = variant === 'full' ? networks.handLandmarkFull : networks.handLandmarkLite;
  const version = `${HANDS_PACKAGE} ${networks.packageVersion}`;
  const detector = addImageModelMetadata(palm, {
    name: `palm_detection_${variant}`,
    description: 'Finds palms: anchor boxes with seven palm keypoints and a score each.',
    version,
  }, `palm_detection_${variant}.tflite`);
  const landmarker = addImageModelMetadata(landmarks, {
    name: `hand_landmark_${variant}`,
    description: 'From a hand crop: 21 landmarks in image and world coordinates, hand presence and handedness.',
    version,
  }, `hand_landmark_${variant}.tflite`);
  return writeStoredZip([
    { name: DETECTOR_ENTRY, data: detector },
    { name: LANDMARKS_ENTRY, data: landmarker },
  ]);
}
