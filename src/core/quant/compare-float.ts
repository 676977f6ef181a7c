// How far a quantized network is from its float original on labelled samples: accuracy, agreement, SQNR per tensor.
import type { ModelLayer } from '../model/gesture-model';
import type { QuantizedGestureMlp } from '../model/int8-section';
import { argmaxRow, floatActivations, integerActivations, sqnrDb } from './activations';

export interface Int8Comparison {
  readonly samples: number;
  readonly floatAccuracy: number;
  readonly int8Accuracy: number;
  /** Fraction of samples where both pick the same label. */
  readonly agreement: number;
  /** SQNR in dB of each tensor vs float: the input, each hidden output, then the logits. */
  readonly sqnrDb: readonly number[];
  readonly logitSqnrDb: number;
  /** Per sample: the float and the int8 prediction. */
  readonly floatPredictions: Int32Array;
  readonly int8Predictions: Int32Array;
}

/** Float tensors of a sample set, computed once and shared by every quantized candidate compared on it. */
export interface ReferenceRun {
  readonly features: readonly Float32Array[];
  readonly targets: readonly number[];
  readonly tensors: readonly Float32Array[];
}

export function referenceRun(layers: readonly ModelLayer[], features: readonly Float32Array[], targets: readonly number[]): ReferenceRun {
  if (features.length !== targets.length) throw new RangeError(`${features.length} samples but ${targets.length} targets`);
  return { features, targets, tensors: floatActivations(layers, features) };
}

/** Scores `quantized` against the float run on the same samples. */
export function compareWithFloat(reference: ReferenceRun, quantized: QuantizedGestureMlp): Int8Comparison {
  const { features, targets, tensors } = reference;
  const integer = integerActivations(quantized, features);
  const outputs = quantized.weightScales[quantized.weightScales.length - 1].length;
  const floatLogits = tensors[tensors.length - 1];
  const int8Logits = integer.tensors[integer.tensors.length - 1];
  const floatPredictions = new Int32Array(features.length);
  const int8Predictions = new Int32Array(features.length);
  let floatCorrect = 0;
  let int8Correct = 0;
  let agree = 0;
  for (let s = 0; s < features.length; s++) {
    floatPredictions[s] = argmaxRow(floatLogits, s, outputs);
    int8Predictions[s] = argmaxRow(int8Logits, s, outputs);
    if (floatPredictions[s] === targets[s]) floatCorrect++;
    if (int8Predictions[s] === targets[s]) int8Correct++;
    if (floatPredictions[s] === int8Predictions[s]) agree++;
  }
  const count = Math.max(1, features.length);
  const sqnr = tensors.map((tensor, t) => sqnrDb(tensor, integer.tensors[t]));
  return {
    samples: features.length,
    floatAccuracy: floatCorrect / count,
    int8Accuracy: int8Correct / count,
    agreement: agree / count,
    sqnrDb: sqnr,
    logitSqnrDb: sqnr[sqnr.length - 1],
    floatPredictions,
    int8Predictions,
  };
}
