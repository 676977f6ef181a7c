// The rejection threshold at run time: a prediction whose top probability is below it becomes "none" (unknown poses).
import type { GestureClassifier, GesturePrediction } from '../classifier';
import { NONE_LABEL } from '../labels';

/**
 * The prediction, or a "none" prediction with the same probabilities when its score is below
 * `threshold`. Cheap and allocation-free when accepted, so the page can call it every frame.
 */
export function applyRejection(prediction: GesturePrediction, threshold: number, noneLabel = NONE_LABEL): GesturePrediction {
  if (prediction.score >= threshold || prediction.label === noneLabel) return prediction;
  return { ...prediction, label: noneLabel };
}

/** A classifier whose low-confidence predictions become "none" (a model's calibrated rejection threshold). */
export function withRejection(classifier: GestureClassifier, threshold: number): GestureClassifier {
  return {
    engine: classifier.engine,
    labels: classifier.labels,
    featureLength: classifier.featureLength,
    classify: (features) => applyRejection(classifier.classify(features), threshold),
  };
}
