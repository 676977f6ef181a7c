// The quantizer end to end: every scheme yields a network the kernels accept, equal to the integer reference,
// and the default INT8 classifier agrees with the float one on real held-out hands.
import { KERNEL_FAMILIES } from '../../src/kernels/kernels.ts';
import { layerInputRange, runQuantizedMlpReference } from '../../src/kernels/ref/mlp.ts';
import { isWithin } from '../../src/kernels/ref/quantize.ts';
import { FloatMlpClassifier } from '../../src/core/mlp/float-mlp.ts';
import { integerActivations, sqnrDb, floatActivations } from '../../src/core/quant/activations.ts';
import { CALIBRATION_METHODS } from '../../src/core/quant/calibrate.ts';
import { compareWithFloat } from '../../src/core/quant/compare-float.ts';
import { INT8_TS_ENGINE_NAME, Int8MlpClassifier } from '../../src/core/quant/int8-classifier.ts';
import { calibrationRun, DEFAULT_QUANT_CONFIG, runQuantConfig } from '../../src/core/train/shared/quant-pipeline.ts';
import { quantizeGestureModel, type QuantizeOptions } from '../../src/core/quant/quantize-model.ts';
import { isPowerOfTwo, QUANT_SCHEMES, SCHEMES } from '../../src/core/quant/schemes.ts';
import { calibrationFeatures } from '../../src/core/train/builtin/training-samples.ts';
import { MIN_DEFAULT_AGREEMENT, randomFeatures, realSplit, shippedModel, TINY_LABELS, tinyFloatModel } from './quant-fixtures.ts';
import { sharedSourcesMissing } from './shared-data.ts';

const dataMissing = sharedSourcesMissing('quant-model');

const model = tinyFloatModel();
const calibration = randomFeatures(300, 1);
const test = randomFeatures(100, 2);

function quantize(options: Partial<QuantizeOptions>) {
  return quantizeGestureModel(model, calibration, {
    scheme: 'sym-int8', calibration: 'minmax', perChannel: true, weightClipping: 'none', ...options,
  }).quantized;
}

describe('quantizeGestureModel on a small model', () => {
  it.each(QUANT_SCHEMES)('%s: every calibration gives a valid network equal to the reference forward pass', (scheme) => {
    for (const method of CALIBRATION_METHODS) {
      const quantized = quantize({ scheme, calibration: method });
      expect(quantized.mlp.activationType).toBe(SCHEMES[scheme].activationType);
      const flat = new Float32Array(test.length * 42);
      test.forEach((features, i) => flat.set(features, i * 42));
      const expected = runQuantizedMlpReference(quantized.mlp, flat, test.length);
      expect(integerActivations(quantized, test).logits).toEqual(expected);
      // The dequantized logits follow the float ones (8 bits: tens of dB).
      const floatLogits = floatActivations(model.layers, test)[2];
      expect(sqnrDb(floatLogits, integerActivations(quantized, test).tensors[2])).toBeGreaterThan(scheme === 'u7' ? 18 : 20);
    }
  });

  it('pot-int8: every scale is a power of two and every requantization a pure shift (M0 = 2^30)', () => {
    const quantized = quantize({ scheme: 'pot-int8' });
    expect(isPowerOfTwo(quantized.mlp.input.scale)).toBe(true);
    expect(quantized.weightScales.every((scales) => scales.every(isPowerOfTwo))).toBe(true);
    expect(quantized.outputScales.filter((s) => s !== null).every((s) => isPowerOfTwo(s!))).toBe(true);
    expect(Array.from(quantized.mlp.layers[0].requantization!.multiplier).every((m) => m === 2 ** 30)).toBe(true);
  });

  it('u7: every layer reads [0, 127], so the relaxed-SIMD kernel accepts each one', () => {
    const quantized = quantize({ scheme: 'u7' });
    const accepted = KERNEL_FAMILIES['wasmrelaxedsimd-1x16c4'].inputRange!;
    quantized.mlp.layers.forEach((_, i) => expect(isWithin(layerInputRange(quantized.mlp, i), accepted)).toBe(true));
  });

  it('zero points: 0 for symmetric schemes, the lowest code for an asymmetric ReLU output (the fused ReLU)', () => {
    expect(quantize({ scheme: 'sym-int8' }).mlp.layers[0].requantization).toMatchObject({ zeroPoint: 0, min: 0, max: 127 });
    expect(quantize({ scheme: 'asym-int8' }).mlp.layers[0].requantization).toMatchObject({ zeroPoint: -128, min: -128, max: 127 });
    expect(quantize({ scheme: 'asym-uint8' }).mlp.input.zeroPoint).toBeGreaterThan(0);
  });

  it('per-channel scales differ where the channels differ; per-tensor ones are all equal', () => {
    const perChannel = quantize({ perChannel: true }).weightScales[0];
    expect(new Set(perChannel).size).toBe(perChannel.length);
    const perTensor = quantize({ perChannel: false }).weightScales[0];
    expect(new Set(perTensor).size).toBe(1);
    expect(perTensor[0]).toBe(Math.max(...perChannel));
  });

  it('is deterministic: the same model, features and options give the same integers', () => {
    const options = { scheme: 'u7', calibration: 'kl' } as const;
    expect(quantize(options)).toEqual(quantize(options));
  });

  it('rejects an empty calibration set', () => {
    expect(() => quantizeGestureModel(model, [], { ...DEFAULT_QUANT_CONFIG })).toThrow(/calibration set is empty/);
  });
});

describe('Int8MlpClassifier', () => {
  const quantized = quantize({ scheme: 'u7', calibration: 'percentile' });
  const classifier = new Int8MlpClassifier(TINY_LABELS, quantized);

  it('reports int8-ts, a softmax over dequantized logits, and the argmax label', () => {
    expect(classifier.engine).toBe(INT8_TS_ENGINE_NAME);
    const prediction = classifier.classify(test[0]);
    expect(prediction.probabilities.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 6);
    expect(prediction.score).toBe(Math.max(...prediction.probabilities));
    expect(TINY_LABELS).toContain(prediction.label);
    expect(() => classifier.classify(new Float32Array(41))).toThrow(/expected 42 features, got 41/);
  });

  it('dequantizes each logit with its own channel scale s_in · s_w[n]', () => {
    const logits = classifier.logits(test[1]);
    const expected = integerActivations(quantized, [test[1]]).tensors[2];
    logits.forEach((value, n) => expect(value).toBeCloseTo(expected[n], 5));
  });

  it('fromModel needs an int8 section', () => {
    expect(() => Int8MlpClassifier.fromModel(model)).toThrow(/no int8 section: run npm run quantize/);
  });
});

describe.skipIf(dataMissing)('the default scheme on real held-out hands', () => {

  it('agrees with the float classifier on ≥ 98.5% of the held-out samples and stays within 0.5 points of its accuracy', () => {
    const shipped = shippedModel();
    const { groups, reference } = realSplit(shipped, 0);
    const run = runQuantConfig(shipped.layers, calibrationRun(shipped.layers, calibrationFeatures(groups, 1)), reference, DEFAULT_QUANT_CONFIG);
    const float = new FloatMlpClassifier(shipped);
    const int8 = new Int8MlpClassifier(shipped.labels, run.result.quantized);
    let agree = 0;
    reference.features.forEach((features, i) => {
      const label = int8.classify(features).label;
      if (label === float.classify(features).label) agree++;
      // The classifier and the batch comparison run the same integers.
      expect(label).toBe(shipped.labels[run.comparison.int8Predictions[i]]);
    });
    expect(agree / reference.features.length).toBeGreaterThanOrEqual(MIN_DEFAULT_AGREEMENT);
    expect(run.comparison.agreement).toBe(agree / reference.features.length);
    expect(run.comparison.int8Accuracy).toBeGreaterThanOrEqual(run.comparison.floatAccuracy - 0.005);
    expect(compareWithFloat(reference, run.result.quantized).int8Accuracy).toBe(run.comparison.int8Accuracy);
  });
});
