// The contract every gesture-classifier engine meets, so engines (float TS, INT8 WASM) swap without touching the loop or UI.

export interface GesturePrediction {
  /** The winning label (one of the engine's labels). */
  readonly label: string;
  /** Softmax probability of the winning label, in [0, 1]. */
  readonly score: number;
  /** Softmax probability of every label, in the engine's label order. */
  readonly probabilities: Float32Array;
}

export interface GestureClassifier {
  /** Engine name shown in the latency panel, e.g. "float32-ts". */
  readonly engine: string;
  readonly labels: readonly string[];
  /** Length of the feature vector this classifier expects. */
  readonly featureLength: number;
  classify(features: Float32Array): GesturePrediction;
}
