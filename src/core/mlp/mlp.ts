// Forward pass of a small fully connected network (dense layers, ReLU, softmax) in float32.

export type Activation = 'relu' | 'softmax';

/** One dense layer: out = activation(W·in + b), W row-major outputs × inputs. */
export interface DenseLayer {
  readonly inputs: number;
  readonly outputs: number;
  readonly activation: Activation;
  readonly weights: Float32Array;
  readonly bias: Float32Array;
}

/** W·input + b into `output` (length layer.outputs), before the activation. */
export function denseForward(layer: DenseLayer, input: ArrayLike<number>, output: Float32Array | Float64Array): void {
  const { inputs, outputs, weights, bias } = layer;
  for (let o = 0; o < outputs; o++) {
    let sum = bias[o];
    const row = o * inputs;
    for (let i = 0; i < inputs; i++) sum += weights[row + i] * input[i];
    output[o] = sum;
  }
}

/** In-place ReLU. */
export function reluInPlace(values: Float32Array | Float64Array): void {
  for (let i = 0; i < values.length; i++) if (values[i] < 0) values[i] = 0;
}

/** In-place softmax; subtracts the maximum first so large logits cannot overflow exp. */
export function softmaxInPlace(values: Float32Array | Float64Array): void {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    values[i] = Math.exp(values[i] - max);
    total += values[i];
  }
  for (let i = 0; i < values.length; i++) values[i] /= total;
}

/** Runs every layer in turn; returns the last layer's activations (probabilities for a softmax head). */
export function runMlp(layers: readonly DenseLayer[], input: ArrayLike<number>): Float32Array {
  let current: ArrayLike<number> = input;
  let output = new Float32Array(0);
  for (const layer of layers) {
    output = new Float32Array(layer.outputs);
    denseForward(layer, current, output);
    if (layer.activation === 'relu') reluInPlace(output);
    else softmaxInPlace(output);
    current = output;
  }
  return output;
}

/** Index of the largest value (the first one on ties). */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}
