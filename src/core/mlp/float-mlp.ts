// The float32 TypeScript engine: a GestureClassifier that runs a parsed gesture model's MLP as is.
import type { GestureClassifier, GesturePrediction } from '../classifier';
import type { GestureModel } from '../model/gesture-model';
import { argmax, runMlp, type DenseLayer } from './mlp';

export const FLOAT_ENGINE_NAME = 'float32-ts';

/** The reference engine: float32 weights, plain loops. Other engines are checked against it. */
export class FloatMlpClassifier implements GestureClassifier {
  readonly engine = FLOAT_ENGINE_NAME;
  readonly labels: readonly string[];
  readonly featureLength: number;
  private readonly layers: readonly DenseLayer[];

  /** `model` must come from parseGestureModel, which guarantees consistent shapes. */
  constructor(model: GestureModel) {
    this.labels = [...model.labels];
    this.featureLength = model.featureSpec.length;
    this.layers = model.layers.map((layer) => ({
      inputs: layer.inputs,
      outputs: layer.outputs,
      activation: layer.activation,
      weights: Float32Array.from(layer.weights),
      bias: Float32Array.from(layer.bias),
    }));
  }

  classify(features: Float32Array): GesturePrediction {
    if (features.length !== this.featureLength) {
      throw new Error(`expected ${this.featureLength} features, got ${features.length}`);
    }
    const probabilities = runMlp(this.layers, features);
    const best = argmax(probabilities);
    return { label: this.labels[best], score: probabilities[best], probabilities };
  }
}
