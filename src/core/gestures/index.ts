// core/gestures' public surface: the event engine, its options, the motion model and features, the event contract.
// The INT8 motion classifier on the WASM kernels: buildGestureClassifier(parseMotionModel(json), 'int8', selectKernels) (src/engines).
export * from './gesture-event';
export { GestureEventEngine, TWO_HAND_SLOT, type GestureFrame, type GestureHand } from './engine';
export * from './options';
export { MOTION_FEATURE_SPEC, MOTION_PATH_POINTS, motionFeatures, pathExtent, resampleByArcLength, type PathPoint } from './motion-features';
export { MOTION_MODEL_PATH, MOTION_LABELS, parseMotionModel, parseMotionModelText, type MotionLabel } from './motion-model';
export { handCentre, heartConfidence, palmSize, viewerPoint } from './hand-geometry';
