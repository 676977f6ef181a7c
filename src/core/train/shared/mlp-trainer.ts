// Mini-batch training of a ReLU/softmax MLP with cross-entropy and AdamW, in float64 for reproducible sums.
import type { ModelLayer } from '../../model/gesture-model';
import type { SeededRandom } from '../../../util/seeded-random';

/** Layer sizes [inputs, hidden…, outputs] and float64 parameters (weights row-major outputs × inputs). */
export interface TrainableMlp {
  readonly sizes: readonly number[];
  readonly weights: Float64Array[];
  readonly biases: Float64Array[];
}

export interface AdamOptions {
  readonly learningRate: number;
  /** Decoupled weight decay (AdamW) on weights, not biases. */
  readonly weightDecay: number;
  readonly beta1?: number;
  readonly beta2?: number;
  readonly epsilon?: number;
}

/** He-normal weights (suits ReLU), zero biases. */
export function createMlp(sizes: readonly number[], random: SeededRandom): TrainableMlp {
  const weights: Float64Array[] = [];
  const biases: Float64Array[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const scale = Math.sqrt(2 / sizes[l]);
    weights.push(Float64Array.from({ length: sizes[l] * sizes[l + 1] }, () => random.normal() * scale));
    biases.push(new Float64Array(sizes[l + 1]));
  }
  return { sizes, weights, biases };
}

/** A deep copy (to keep the best weights during early stopping). */
export function cloneMlp(mlp: TrainableMlp): TrainableMlp {
  return { sizes: mlp.sizes, weights: mlp.weights.map((w) => w.slice()), biases: mlp.biases.map((b) => b.slice()) };
}

/** The model-file layers of a trained network. */
export function mlpToLayers(mlp: TrainableMlp): ModelLayer[] {
  return mlp.weights.map((weights, l) => ({
    inputs: mlp.sizes[l],
    outputs: mlp.sizes[l + 1],
    activation: l === mlp.weights.length - 1 ? 'softmax' : 'relu',
    weights: Array.from(weights),
    bias: Array.from(mlp.biases[l]),
  }));
}

/** Forward pass keeping every layer's activations (activations[0] is the input). */
function forward(mlp: TrainableMlp, input: ArrayLike<number>, activations: Float64Array[]): void {
  for (let i = 0; i < mlp.sizes[0]; i++) activations[0][i] = input[i];
  const last = mlp.weights.length - 1;
  for (let l = 0; l <= last; l++) {
    const inputs = mlp.sizes[l];
    const weights = mlp.weights[l];
    const source = activations[l];
    const output = activations[l + 1];
    for (let o = 0; o < output.length; o++) {
      let sum = mlp.biases[l][o];
      const row = o * inputs;
      for (let i = 0; i < inputs; i++) sum += weights[row + i] * source[i];
      output[o] = l < last && sum < 0 ? 0 : sum;
    }
  }
  const logits = activations[last + 1];
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]);
  let total = 0;
  for (let i = 0; i < logits.length; i++) total += logits[i] = Math.exp(logits[i] - max);
  for (let i = 0; i < logits.length; i++) logits[i] /= total;
}

function activationBuffers(mlp: TrainableMlp): Float64Array[] {
  return mlp.sizes.map((size) => new Float64Array(size));
}

/** Cross-entropy of one probability, clamped so a confident mistake cannot give Infinity. */
function crossEntropy(probability: number): number {
  return -Math.log(Math.max(probability, 1e-12));
}

/** Mean cross-entropy loss and the number of correct argmax predictions over a data set. */
export function evaluateMlp(
  mlp: TrainableMlp, inputs: readonly ArrayLike<number>[], targets: readonly number[],
): { loss: number; correct: number; predictions: number[] } {
  const activations = activationBuffers(mlp);
  const output = activations[activations.length - 1];
  let loss = 0;
  let correct = 0;
  const predictions: number[] = [];
  inputs.forEach((input, n) => {
    forward(mlp, input, activations);
    loss += crossEntropy(output[targets[n]]);
    let best = 0;
    for (let i = 1; i < output.length; i++) if (output[i] > output[best]) best = i;
    predictions.push(best);
    if (best === targets[n]) correct++;
  });
  return { loss: inputs.length === 0 ? 0 : loss / inputs.length, correct, predictions };
}

/** Owns the optimiser state and scratch buffers; trainBatch updates the network in place. */
export class MlpTrainer {
  private readonly activations: Float64Array[];
  private readonly deltas: Float64Array[];
  private readonly gradWeights: Float64Array[];
  private readonly gradBiases: Float64Array[];
  private readonly moments: { m: Float64Array; v: Float64Array }[];
  private step = 0;

  constructor(readonly mlp: TrainableMlp, private readonly options: AdamOptions) {
    this.activations = activationBuffers(mlp);
    this.deltas = activationBuffers(mlp);
    this.gradWeights = mlp.weights.map((w) => new Float64Array(w.length));
    this.gradBiases = mlp.biases.map((b) => new Float64Array(b.length));
    this.moments = [...mlp.weights, ...mlp.biases].map((p) => ({ m: new Float64Array(p.length), v: new Float64Array(p.length) }));
  }

  /** One AdamW step on the mean cross-entropy of the batch; returns that mean loss. */
  trainBatch(inputs: readonly ArrayLike<number>[], targets: readonly number[], learningRate = this.options.learningRate): number {
    for (const g of [...this.gradWeights, ...this.gradBiases]) g.fill(0);
    let loss = 0;
    inputs.forEach((input, n) => {
      loss += this.accumulateGradient(input, targets[n]);
    });
    this.applyAdam(1 / inputs.length, learningRate);
    return loss / inputs.length;
  }

  private accumulateGradient(input: ArrayLike<number>, target: number): number {
    const { mlp, activations, deltas } = this;
    forward(mlp, input, activations);
    const last = mlp.weights.length - 1;
    const output = activations[last + 1];
    const loss = crossEntropy(output[target]);
    // Softmax + cross-entropy: the gradient at the logits is p - onehot.
    for (let i = 0; i < output.length; i++) deltas[last + 1][i] = output[i] - (i === target ? 1 : 0);
    for (let l = last; l >= 0; l--) {
      const inputs = mlp.sizes[l];
      const delta = deltas[l + 1];
      const source = activations[l];
      const gradW = this.gradWeights[l];
      const gradB = this.gradBiases[l];
      const weights = mlp.weights[l];
      const back = deltas[l];
      if (l > 0) back.fill(0);
      for (let o = 0; o < delta.length; o++) {
        const d = delta[o];
        if (d === 0) continue;
        gradB[o] += d;
        const row = o * inputs;
        for (let i = 0; i < inputs; i++) {
          gradW[row + i] += d * source[i];
          if (l > 0) back[i] += d * weights[row + i];
        }
      }
      // ReLU passes gradient only where the unit was active.
      if (l > 0) for (let i = 0; i < inputs; i++) if (source[i] <= 0) back[i] = 0;
    }
    return loss;
  }

  private applyAdam(gradientScale: number, learningRate: number): void {
    const { beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8, weightDecay } = this.options;
    this.step++;
    const correction1 = 1 - beta1 ** this.step;
    const correction2 = 1 - beta2 ** this.step;
    const parameters = [...this.mlp.weights, ...this.mlp.biases];
    const gradients = [...this.gradWeights, ...this.gradBiases];
    parameters.forEach((values, p) => {
      const { m, v } = this.moments[p];
      const gradient = gradients[p];
      const decay = p < this.mlp.weights.length ? weightDecay : 0;
      for (let i = 0; i < values.length; i++) {
        const g = gradient[i] * gradientScale;
        m[i] = beta1 * m[i] + (1 - beta1) * g;
        v[i] = beta2 * v[i] + (1 - beta2) * g * g;
        values[i] -= learningRate * ((m[i] / correction1) / (Math.sqrt(v[i] / correction2) + epsilon) + decay * values[i]);
      }
    });
  }
}
