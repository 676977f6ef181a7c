// Fetches and validates the gesture model, and builds the classifier engine for it.
import { parseGestureModel, type GestureModel } from '../core/model/gesture-model';
import { buildGestureClassifier, type BuiltClassifier, type EngineChoice } from '../engines/gesture-engines';
import { fetchKernelBytes } from '../kernels/loader';

/** Where the page finds the bundled gesture model. */
export const DEFAULT_GESTURE_MODEL_URL = '/models/gesture_model.json';

/** Where the page finds the INT8 kernel builds (public/kernels/, built on install). */
export const KERNELS_URL = '/kernels/';

export async function loadGestureClassifier(url: string, suppliedJson: unknown, engine: EngineChoice): Promise<BuiltClassifier> {
  const json = suppliedJson ?? (await fetchModelJson(url));
  let model: GestureModel;
  try {
    model = parseGestureModel(json);
  } catch (error) {
    throw new Error(`The gesture model ${suppliedJson ? '' : url + ' '}is invalid: ${error instanceof Error ? error.message : String(error)}`);
  }
  return buildGestureClassifier(model, engine, fetchKernelBytes(KERNELS_URL));
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
