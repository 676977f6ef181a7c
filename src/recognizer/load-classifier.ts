// Fetches and validates the gesture and motion models, and builds their classifiers on kernels loaded once.
import type { GestureClassifier } from '../core/classifier';
import { MOTION_MODEL_PATH, parseMotionModel } from '../core/gestures';
import { parseGestureModel, type GestureModel } from '../core/model/gesture-model';
import { buildGestureClassifier, type BuiltClassifier, type EngineChoice } from '../engines/gesture-engines';
import { fetchKernelBytes, loadKernels, type KernelSelection } from '../kernels/loader';
import { appUrl } from '../util/app-url';

/** Where the page finds the bundled gesture model. */
export const DEFAULT_GESTURE_MODEL_URL = appUrl('models/gesture_model.json');

export async function loadGestureClassifier(url: string, suppliedJson: unknown, engine: EngineChoice): Promise<BuiltClassifier> {
  const json = suppliedJson ?? (await fetchModelJson(url));
  let model: GestureModel;
  try {
    model = parseGestureModel(json);
  } catch (error) {
    throw new Error(`The gesture model ${suppliedJson ? '' : url + ' '}is invalid: ${error instanceof Error ? error.message : String(error)}`);
  }
  return buildGestureClassifier(model, engine, selectKernels);
}

let kernels: Promise<KernelSelection> | null = null;

/** The INT8 kernel build, loaded and self-tested once here (the worker): every model, gesture or motion, runs on it. */
function selectKernels(): Promise<KernelSelection> {
  kernels ??= loadKernels({ loadBytes: fetchKernelBytes() });
  return kernels;
}

/**
 * The motion model (fingertip swipes and circles), INT8 on the same kernels. Without it there are no motion
 * events: resolves with the classifier, or with the reason it could not load, to be shown to the user.
 */
export async function loadMotionClassifier(url = appUrl(MOTION_MODEL_PATH)): Promise<GestureClassifier | string> {
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const built = await buildGestureClassifier(parseMotionModel(await response.json()), 'int8', selectKernels);
    return built.classifier;
  } catch (error) {
    return `Swipes and circles are off: the motion model could not be loaded (${(error as Error).message}).`;
  }
}

async function fetchModelJson(url: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new Error(`The gesture model ${url} could not be fetched (${String(error)}).`);
  }
  if (!response.ok) throw new Error(`The gesture model ${url} is missing (HTTP ${response.status}).`);
  try {
    return await response.json();
  } catch {
    throw new Error(`The gesture model ${url} is not valid JSON: the file is corrupt or truncated. Restore it (git checkout public/models) or pick another model.`);
  }
}
