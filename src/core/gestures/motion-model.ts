// The motion model: a gesture-model file whose features are fingertip paths and whose labels are motions.
import { NONE_LABEL } from '../labels';
import { parseGestureModel, parseGestureModelText, type GestureModel } from '../model/gesture-model';
import { MOTION_FEATURE_SPEC } from './motion-features';

/** The motion classifier's labels, in output order; NONE_LABEL never fires. */
export const MOTION_LABELS = [NONE_LABEL, 'swipe_left', 'swipe_right', 'swipe_up', 'swipe_down', 'circle_cw', 'circle_ccw'] as const;

export type MotionLabel = (typeof MOTION_LABELS)[number];

/** The default motion model's path in the app (public/models/motion_model.json, npm run train:motion). */
export const MOTION_MODEL_PATH = 'models/motion_model.json';

function checkMotionLabels(model: GestureModel): GestureModel {
  if (!model.labels.includes(NONE_LABEL)) throw new Error(`motion model: labels must include "${NONE_LABEL}" (the no-motion class)`);
  return model;
}

/** Validates a motion model document (same checks as a gesture model, against the fingertip-path features). */
export function parseMotionModel(json: unknown): GestureModel {
  return checkMotionLabels(parseGestureModel(json, MOTION_FEATURE_SPEC));
}

/** Parses motion model file text; a broken file gets a message saying so. */
export function parseMotionModelText(text: string): GestureModel {
  return checkMotionLabels(parseGestureModelText(text, MOTION_FEATURE_SPEC));
}
