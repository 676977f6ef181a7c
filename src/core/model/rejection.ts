// The rejection threshold at run time: a prediction whose top probability is below it becomes "none" (unknown poses).
import type { GestureClassifier, GesturePrediction } from '../classifier';
import { NONE_LABEL } from '../labels';
import type { GestureModel, RejectionInfo } from './gesture-model';

/** The threshold for a prediction of `label`: the class's own when the model has per-class thresholds, else the one. */
export function rejectionThreshold(rejection: RejectionInfo, label: string): number {
  return rejection.perClass?.[label] ?? rejection.threshold;
}

/**
 * The prediction, or a "none" prediction with the same probabilities when its score is below
 * `threshold`. Cheap and allocation-free when accepted, so the page can call it every frame.
 */
export function applyRejection(prediction: GesturePrediction, threshold: number, noneLabel = NONE_LABEL): GesturePrediction {
  if (prediction.score >= threshold || prediction.label === noneLabel) return prediction;
  return { ...prediction, label: noneLabel };
}

/** A classifier whose low-confidence predictions become "none" (a model's calibrated rejection section). */
export function withRejection(classifier: GestureClassifier, rejection: RejectionInfo): GestureClassifier {
  return {
    engine: classifier.engine,
    labels: classifier.labels,
    featureLength: classifier.featureLength,
    classify: (features) => {
      const prediction = classifier.classify(features);
      return applyRejection(prediction, rejectionThreshold(rejection, prediction.label));
    },
  };
}

/** `classifier` as the model ships: with its rejection section applied when it has one. */
export function withModelRejection(classifier: GestureClassifier, model: Pick<GestureModel, 'rejection'>): GestureClassifier {
  return model.rejection === undefined ? classifier : withRejection(classifier, model.rejection);
}
