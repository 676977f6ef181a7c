// The built-in gesture set as the page knows it: the default model's labels and where its bundled samples are served.
import { NONE_LABEL } from '../labels';

/** The default model's labels, in output order. */
export const GESTURE_LABELS = [
  'open_palm', 'fist', 'pointing_up', 'victory', 'thumb_up', 'thumb_down', 'ok', 'rock', NONE_LABEL,
] as const;

export type GestureLabel = (typeof GESTURE_LABELS)[number];

/** The built-in gestures as a dataset the user can import and extend (npm run builtin-samples writes it), by its path in the app. */
export const BUILTIN_SAMPLES_PATH = 'data/builtin-gestures.jsonl';
