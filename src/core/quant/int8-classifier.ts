// The INT8 GestureClassifier: an integer engine's int32 logits, dequantized per channel, through softmax.
import { TsInt8Mlp } from '../../kernels/ref/mlp';
import type { GestureClassifier, GesturePrediction } from '../classifier';
import { argmax, softmaxInPlace } from '../mlp/mlp';
import type { GestureModel } from '../model/gesture-model';
import { logitScales, type QuantizedGestureMlp } from '../model/int8-section';

export const INT8_TS_ENGINE_NAME = 'int8-ts';

/** What runs the integer network: TsInt8Mlp here, or a WebAssembly engine (WasmInt8Mlp) with the same call. */
export interface Int8MlpEngine {
  readonly engine: string;
  run(features: ArrayLike<number>, batch?: number): Int32Array;
}

/**
 * Classifies with a quantized network. The last layer's int32 accumulators stand for logits at scale
 * s_in · s_w[n] (per output channel), so they are dequantized before softmax: the argmax of raw
 * accumulators would be wrong whenever the channel scales differ.
 */
export class Int8MlpClassifier implements GestureClassifier {
  readonly engine: string;
  readonly labels: readonly string[];
  readonly featureLength: number;
  private readonly scales: Float64Array;
  private readonly runner: Int8MlpEngine;
  /** Reused by classify(): the per-frame path allocates only the probabilities it returns. */
  private readonly scratch: Float64Array<ArrayBuffer>;

  /** `engine` defaults to the TypeScript integer engine (int8-ts), bit-exact with the reference. */
  constructor(labels: readonly string[], quantized: QuantizedGestureMlp, engine?: Int8MlpEngine) {
    const outputs = quantized.mlp.layers[quantized.mlp.layers.length - 1].outputs;
    if (outputs !== labels.length) throw new Error(`the quantized network has ${outputs} outputs for ${labels.length} labels`);
    this.labels = [...labels];
    this.featureLength = quantized.mlp.layers[0].inputs;
    this.scales = logitScales(quantized);
    this.scratch = new Float64Array(this.scales.length);
    this.runner = engine ?? new TsInt8Mlp(quantized.mlp);
    this.engine = this.runner.engine;
  }

  /** The classifier of a model file's int8 section; throws when the file has none. */
  static fromModel(model: GestureModel, engine?: Int8MlpEngine): Int8MlpClassifier {
    if (model.int8 === undefined) throw new Error('the model has no int8 section: run npm run quantize to add one');
    return new Int8MlpClassifier(model.labels, model.int8, engine);
  }

  /** Dequantized logits s_in · s_w[n] · acc[n] (before softmax), into `out` when given (no allocation per frame). */
  logits(features: Float32Array, out: Float64Array<ArrayBuffer> = new Float64Array(this.scales.length)): Float64Array<ArrayBuffer> {
    if (features.length !== this.featureLength) {
      throw new Error(`expected ${this.featureLength} features, got ${features.length}`);
    }
    const accumulators = this.runner.run(features, 1);
    for (let n = 0; n < this.scales.length; n++) out[n] = this.scales[n] * accumulators[n];
    return out;
  }

  classify(features: Float32Array): GesturePrediction {
    const logits = this.logits(features, this.scratch);
    softmaxInPlace(logits);
    const probabilities = Float32Array.from(logits);
    const best = argmax(logits);
    return { label: this.labels[best], score: probabilities[best], probabilities };
  }
}
