// Fetches and validates the gesture model, and builds the classifier engine for it.
import type { GestureClassifier } from '../core/classifier';
import { parseGestureModel } from '../core/model/gesture-model';
import { FloatMlpClassifier } from '../core/mlp/float-mlp';

/** Where the page finds the bundled gesture model. */
export const DEFAULT_GESTURE_MODEL_URL = '/models/gesture_model.json';

export async function loadGestureClassifier(url: string, suppliedJson?: unknown): Promise<GestureClassifier> {
  const json = suppliedJson ?? (await fetchModelJson(url));
  try {
    return new FloatMlpClassifier(parseGestureModel(json));
  } catch (error) {
    throw new Error(`The gesture model ${suppliedJson ? '' : url + ' '}is invalid: ${error instanceof Error ? error.message : String(error)}`);
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
