// Quantization-aware fine-tuning: fake-quantized forward pass, straight-through backward, Adam on float shadow weights.
import type { QuantizationParams } from '../../../kernels/ref/quantize';
import { softmaxInPlace } from '../../mlp/mlp';
import type { ModelLayer } from '../../model/gesture-model';
import { cloneMlp, mlpToLayers, type TrainableMlp } from './mlp-trainer';
import { SeededRandom } from '../../../util/seeded-random';
import { floatActivations } from '../../quant/activations';
import { activationParams, fakeQuantize, representableRange, type RealRange } from '../../quant/schemes';
import { quantizeWeights } from '../../quant/weights';
import type { QuantizeOptions } from '../../quant/quantize-model';

export interface LabelledSamples {
  readonly inputs: readonly Float32Array[];
  readonly targets: readonly number[];
}

export interface QatOptions {
  readonly seed: number;
  readonly epochs: number;
  readonly batchSize: number;
  /** Peak learning rate, cosine-decayed to 5% over all steps: a fine-tune, far below training's 0.003. */
  readonly learningRate: number;
  /**
   * Target mix: (1 − teacherWeight) · one-hot label + teacherWeight · the float model's probabilities.
   * The teacher keeps the quantized network close to the float one (agreement), the label lets it improve.
   */
  readonly teacherWeight: number;
  /** 0: activation ranges stay the calibrated ones; m > 0: EMA, range ← m·range + (1−m)·batch min/max. */
  readonly rangeMomentum: number;
  /** Fresh samples per class and epoch, passed to the caller's sampler. */
  readonly samplesPerClass: number;
}

export const DEFAULT_QAT_OPTIONS: QatOptions = {
  seed: 1, epochs: 3, batchSize: 64, learningRate: 1e-4, teacherWeight: 0.5, rangeMomentum: 0, samplesPerClass: 400,
};

export interface QatEpoch {
  readonly epoch: number;
  readonly loss: number;
}

export interface QatResult {
  /** The fine-tuned float weights: what quantizeWithRanges turns into the int8 network. */
  readonly layers: ModelLayer[];
  /** The activation ranges the network was tuned for (the calibrated ones unless EMA-updated). */
  readonly ranges: RealRange[];
  readonly epochs: readonly QatEpoch[];
}

/** Float64 parameters of the model's layers (TrainableMlp, the trainer's representation). */
function toTrainable(layers: readonly ModelLayer[]): TrainableMlp {
  return {
    sizes: [layers[0].inputs, ...layers.map((layer) => layer.outputs)],
    weights: layers.map((layer) => Float64Array.from(layer.weights)),
    biases: layers.map((layer) => Float64Array.from(layer.bias)),
  };
}

/** Adam (no weight decay: a short fine-tune) over every parameter array, in the trainer's order: weights, then biases. */
class Adam {
  private readonly m: Float64Array[];
  private readonly v: Float64Array[];
  private step = 0;

  constructor(parameters: readonly Float64Array[]) {
    this.m = parameters.map((p) => new Float64Array(p.length));
    this.v = parameters.map((p) => new Float64Array(p.length));
  }

  update(parameters: readonly Float64Array[], gradients: readonly Float64Array[], scale: number, learningRate: number): void {
    const [beta1, beta2, epsilon] = [0.9, 0.999, 1e-8];
    this.step++;
    const c1 = 1 - beta1 ** this.step;
    const c2 = 1 - beta2 ** this.step;
    parameters.forEach((values, p) => {
      const m = this.m[p];
      const v = this.v[p];
      for (let i = 0; i < values.length; i++) {
        const g = gradients[p][i] * scale;
        m[i] = beta1 * m[i] + (1 - beta1) * g;
        v[i] = beta2 * v[i] + (1 - beta2) * g * g;
        values[i] -= (learningRate * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + epsilon);
      }
    });
  }
}

/** The fake-quantized copy of the weights the forward pass uses: per-channel (or per-tensor) symmetric int8. */
function fakeQuantizedWeights(mlp: TrainableMlp, options: QuantizeOptions): Float64Array[] {
  return mlp.weights.map((weights, l) => {
    const outputs = mlp.sizes[l + 1];
    const inputs = mlp.sizes[l];
    // Clipping is searched once, by the final quantization: here the clip is max |w| (cheap, per step).
    const { weights: q, scales } = quantizeWeights(weights, outputs, { scheme: options.scheme, perChannel: options.perChannel, clipping: 'none' });
    return Float64Array.from(q, (value, i) => value * scales[Math.floor(i / inputs)]);
  });
}

/**
 * Fine-tunes `layers` so that they lose less to quantization with `quant` (scheme, per-channel) and the
 * given activation ranges. Forward: input and every ReLU output fake-quantized exactly as the kernels
 * quantize (quantize → dequantize), weights fake-quantized per step. Backward: straight-through, i.e. the
 * fake-quant is the identity inside its representable range and passes no gradient where it clips;
 * weight gradients computed at the quantized weights update the float shadow weights.
 * Deterministic for a seed: `drawSamples` gets a generator forked from it each epoch.
 */
export function quantizationAwareTraining(
  layers: readonly ModelLayer[], initialRanges: readonly RealRange[], quant: QuantizeOptions,
  drawSamples: (random: SeededRandom, perClass: number) => LabelledSamples, options: QatOptions = DEFAULT_QAT_OPTIONS,
): QatResult {
  const mlp = cloneMlp(toTrainable(layers));
  const depth = mlp.weights.length;
  const ranges = initialRanges.map((range) => ({ ...range }));
  const random = new SeededRandom(options.seed);
  const adam = new Adam([...mlp.weights, ...mlp.biases]);
  const gradients = [...mlp.weights, ...mlp.biases].map((p) => new Float64Array(p.length));
  const activations = mlp.sizes.map((size) => new Float64Array(size));
  const preActivations = mlp.sizes.map((size) => new Float64Array(size));
  const deltas = mlp.sizes.map((size) => new Float64Array(size));
  const history: QatEpoch[] = [];
  const drawn = Array.from({ length: options.epochs }, () => drawSamples(random.fork(), options.samplesPerClass));
  const totalSteps = drawn.reduce((sum, d) => sum + Math.ceil(d.inputs.length / options.batchSize), 0);
  let step = 0;

  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const { inputs, targets } = drawn[epoch];
    const teacher = floatActivations(layers, inputs)[depth];
    const order = random.shuffle(inputs.map((_, i) => i));
    let lossSum = 0;
    for (let start = 0; start < order.length; start += options.batchSize) {
      const batch = order.slice(start, start + options.batchSize);
      const params = ranges.map((range, l) => activationParams(quant.scheme, range, l === 0 ? 'signed' : 'non-negative'));
      const quantizedWeights = fakeQuantizedWeights(mlp, quant);
      const observed = ranges.map(() => ({ min: Infinity, max: -Infinity }));
      gradients.forEach((g) => g.fill(0));
      for (const index of batch) {
        const outputs = mlp.sizes[depth];
        const target = new Float64Array(outputs);
        target.set(teacher.subarray(index * outputs, (index + 1) * outputs));
        softmaxInPlace(target);
        for (let o = 0; o < outputs; o++) target[o] = options.teacherWeight * target[o] + (1 - options.teacherWeight) * (o === targets[index] ? 1 : 0);
        forward(mlp, quantizedWeights, params, inputs[index], activations, preActivations, observed);
        lossSum += backward(mlp, quantizedWeights, params, target, activations, preActivations, deltas, gradients);
      }
      const progress = step / Math.max(1, totalSteps - 1);
      const learningRate = options.learningRate * (0.05 + 0.95 * 0.5 * (1 + Math.cos(Math.PI * progress)));
      adam.update([...mlp.weights, ...mlp.biases], gradients, 1 / batch.length, learningRate);
      step++;
      if (options.rangeMomentum > 0) {
        ranges.forEach((range, l) => {
          const m = options.rangeMomentum;
          ranges[l] = { min: m * range.min + (1 - m) * Math.min(0, observed[l].min), max: m * range.max + (1 - m) * observed[l].max };
        });
      }
    }
    history.push({ epoch: epoch + 1, loss: lossSum / Math.max(1, inputs.length) });
  }
  return { layers: mlpToLayers(mlp), ranges, epochs: history };
}

/**
 * One sample forward. activations[l] holds layer l's fake-quantized input, preActivations[l] the value
 * before fake quantization (the input itself, or the ReLU output), for the straight-through mask.
 */
function forward(
  mlp: TrainableMlp, weights: readonly Float64Array[], params: readonly QuantizationParams[], input: ArrayLike<number>,
  activations: Float64Array[], preActivations: Float64Array[], observed: { min: number; max: number }[],
): void {
  const depth = mlp.weights.length;
  for (let i = 0; i < mlp.sizes[0]; i++) preActivations[0][i] = input[i];
  for (let l = 0; l <= depth; l++) {
    const size = mlp.sizes[l];
    if (l > 0) {
      const inputs = mlp.sizes[l - 1];
      for (let o = 0; o < size; o++) {
        let sum = mlp.biases[l - 1][o];
        for (let i = 0; i < inputs; i++) sum += weights[l - 1][o * inputs + i] * activations[l - 1][i];
        preActivations[l][o] = l < depth ? Math.max(0, sum) : sum;
      }
    }
    if (l === depth) {
      activations[l].set(preActivations[l]);
      continue;
    }
    for (let i = 0; i < size; i++) {
      const x = preActivations[l][i];
      observed[l].min = Math.min(observed[l].min, x);
      observed[l].max = Math.max(observed[l].max, x);
      activations[l][i] = fakeQuantize(x, params[l]);
    }
  }
}

/** Softmax cross-entropy against `target`, gradients accumulated; returns the loss. */
function backward(
  mlp: TrainableMlp, weights: readonly Float64Array[], params: readonly QuantizationParams[], target: Float64Array,
  activations: Float64Array[], preActivations: Float64Array[], deltas: Float64Array[], gradients: Float64Array[],
): number {
  const depth = mlp.weights.length;
  const probabilities = Float64Array.from(activations[depth]);
  softmaxInPlace(probabilities);
  let loss = 0;
  for (let o = 0; o < probabilities.length; o++) {
    if (target[o] > 0) loss -= target[o] * Math.log(Math.max(probabilities[o], 1e-12));
    deltas[depth][o] = probabilities[o] - target[o];
  }
  for (let l = depth - 1; l >= 0; l--) {
    const inputs = mlp.sizes[l];
    const gradW = gradients[l];
    const gradB = gradients[depth + l];
    const back = deltas[l];
    back.fill(0);
    for (let o = 0; o < mlp.sizes[l + 1]; o++) {
      const d = deltas[l + 1][o];
      if (d === 0) continue;
      gradB[o] += d;
      for (let i = 0; i < inputs; i++) {
        gradW[o * inputs + i] += d * activations[l][i];
        back[i] += d * weights[l][o * inputs + i];
      }
    }
    if (l === 0) break;
    // Straight-through: the gradient passes the fake quantizer where it did not clip, and ReLU where active.
    const { min, max } = representableRange(params[l]);
    for (let i = 0; i < inputs; i++) {
      const x = preActivations[l][i];
      if (x <= 0 || x < min || x > max) back[i] = 0;
    }
  }
  return loss;
}
