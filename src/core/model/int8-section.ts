// The optional int8 section of a gesture model file: types, the float-weights digest, and its validating parser.
import { WEIGHT_MAX } from '../../kernels/ref/gemm';
import { assertQuantizedMultiplier, isInt32, quantizeMultiplier } from '../../kernels/ref/fixed-point';
import { assertQuantizedMlp, type QuantizedDenseLayer, type QuantizedMlp } from '../../kernels/ref/mlp';
import { assertQuantizationRange, type QuantizationParams } from '../../kernels/ref/quantize';
import { CALIBRATION_METHODS, isCalibrationMethod, type CalibrationMethod } from '../quant/calibrate';
import { isPowerOfTwo, isQuantScheme, QUANT_SCHEMES, requantizationScale, SCHEMES, type QuantScheme } from '../quant/schemes';
import { WEIGHT_CLIPPINGS, type WeightClipping } from '../quant/weights';
import { decodeBase64 } from './base64';
import {
  fail, quoteValue, readArray, readInteger, readNonEmptyString, readNumber, readNumberArray, readObject, type JsonObject,
} from './json-checks';
import type { ModelLayer } from './gesture-model';

/** The integer network and the real scales it stands for. */
export interface QuantizedGestureMlp {
  readonly scheme: QuantScheme;
  readonly mlp: QuantizedMlp;
  /** Per layer, per output channel: the weight scale s_w (all equal for per-tensor weights). */
  readonly weightScales: readonly Float64Array[];
  /** Per layer: the scale of its output activations; null for the last (int32 logits at s_in · s_w[n]). */
  readonly outputScales: readonly (number | null)[];
}

/** How the section was made; extra keys (percentile, QAT settings…) are kept as they are. */
export interface Int8Calibration {
  readonly method: CalibrationMethod;
  readonly perChannel: boolean;
  readonly weightClipping: WeightClipping;
  /** null, or the quantization-aware fine-tuning that produced the weights (epochs, seed, …). */
  readonly qat: Readonly<Record<string, unknown>> | null;
  /** Where the calibration samples came from: the training part of the data, never the validation blocks. */
  readonly set: { readonly description: string; readonly samples: number };
  readonly [extra: string]: unknown;
}

/** Float vs int8 on the held-out data; extra keys (per-layer SQNR, per-class tallies…) are kept. */
export interface Int8Validation {
  readonly method: string;
  readonly samples: number;
  readonly floatAccuracy: number;
  readonly int8Accuracy: number;
  /** Fraction of samples where int8 and float pick the same label. */
  readonly agreement: number;
  /** SQNR of the dequantized logits against the float logits, in dB. */
  readonly logitSqnrDb: number;
  readonly [extra: string]: unknown;
}

export interface Int8Section extends QuantizedGestureMlp {
  readonly calibration: Int8Calibration;
  /** floatLayersDigest of the float layers the section was derived from: a stale section is rejected. */
  readonly sourceDigest: string;
  readonly validation: Int8Validation;
}

/** The scale of each int32 logit: s_in(last layer) · s_w[n]. */
export function logitScales(quantized: QuantizedGestureMlp): Float64Array {
  const last = quantized.weightScales.length - 1;
  const inputScale = last === 0 ? quantized.mlp.input.scale : quantized.outputScales[last - 1];
  if (inputScale === null) throw new RangeError(`layer ${last - 1} has no output scale`);
  return quantized.weightScales[last].map((scale) => inputScale * scale);
}

/**
 * FNV-1a (32 bits) of the float layers as stored (6 significant digits, see serialize-model.ts): enough
 * to notice an int8 section left behind when the float weights change, not a security check.
 */
export function floatLayersDigest(layers: readonly ModelLayer[]): string {
  const round = (value: number) => {
    const rounded = Number(value.toPrecision(6));
    return rounded === 0 ? 0 : rounded;
  };
  const text = JSON.stringify(layers.map((layer) => [layer.inputs, layer.outputs, layer.weights.map(round), layer.bias.map(round)]));
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return `fnv1a32:${(hash >>> 0).toString(16).padStart(8, '0')}`;
}

/** Checks the int8 section of a document against the float layers it must mirror, and returns it typed. */
export function parseInt8Section(value: unknown, floatLayers: readonly ModelLayer[]): Int8Section {
  const root = readObject(value, 'int8');
  if (!isQuantScheme(root.scheme)) fail('int8.scheme', `must be one of ${QUANT_SCHEMES.join(', ')}, got ${quoteValue(root.scheme)}`);
  const scheme = root.scheme;
  const spec = SCHEMES[scheme];
  if (root.activationType !== spec.activationType) {
    fail('int8.activationType', `must be "${spec.activationType}" for scheme ${scheme}, got ${quoteValue(root.activationType)}`);
  }
  const calibration = readCalibration(root.calibration);
  const sourceDigest = readNonEmptyString(root.sourceDigest, 'int8.sourceDigest');
  const expectedDigest = floatLayersDigest(floatLayers);
  if (sourceDigest !== expectedDigest) {
    fail('int8.sourceDigest', `is ${sourceDigest} but the float layers give ${expectedDigest}: the int8 section is stale (re-run npm run quantize)`);
  }
  const input = readActivationParams(root.input, 'int8.input', scheme, 'signed');
  const array = readArray(root.layers, 'int8.layers');
  if (array.length !== floatLayers.length) fail('int8.layers', `has ${array.length} layers, expected ${floatLayers.length} (one per float layer)`);
  const weightScales: Float64Array[] = [];
  const outputScales: (number | null)[] = [];
  const layers: QuantizedDenseLayer[] = array.map((item, i) => {
    const inputScale = i === 0 ? input.scale : outputScales[i - 1]!;
    const layer = readLayer(item, i, floatLayers[i], i === floatLayers.length - 1, scheme, calibration.perChannel, inputScale);
    weightScales.push(layer.weightScales);
    outputScales.push(layer.outputScale);
    return layer.layer;
  });
  const mlp: QuantizedMlp = { activationType: spec.activationType, input: paramsOnly(input), layers };
  try {
    assertQuantizedMlp(mlp);
  } catch (error) {
    fail('int8', `is not a valid integer network: ${(error as Error).message}`);
  }
  return { scheme, mlp, weightScales, outputScales, calibration, sourceDigest, validation: readValidation(root.validation) };
}

function paramsOnly({ scale, zeroPoint, min, max }: QuantizationParams): QuantizationParams {
  return { scale, zeroPoint, min, max };
}

function readBoolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') fail(path, `must be true or false, got ${quoteValue(value)}`);
  return value;
}

function readFraction(value: unknown, path: string): number {
  const number = readNumber(value, path);
  if (number < 0 || number > 1) fail(path, `must be in [0, 1], got ${number}`);
  return number;
}

function readCalibration(value: unknown): Int8Calibration {
  const calibration = readObject(value, 'int8.calibration');
  if (!isCalibrationMethod(calibration.method)) {
    fail('int8.calibration.method', `must be one of ${CALIBRATION_METHODS.join(', ')}, got ${quoteValue(calibration.method)}`);
  }
  const clipping = calibration.weightClipping;
  if (!WEIGHT_CLIPPINGS.includes(clipping as WeightClipping)) {
    fail('int8.calibration.weightClipping', `must be one of ${WEIGHT_CLIPPINGS.join(', ')}, got ${quoteValue(clipping)}`);
  }
  const qat = calibration.qat === null ? null : readObject(calibration.qat, 'int8.calibration.qat');
  const set = readObject(calibration.set, 'int8.calibration.set');
  return {
    ...calibration,
    method: calibration.method,
    perChannel: readBoolean(calibration.perChannel, 'int8.calibration.perChannel'),
    weightClipping: clipping as WeightClipping,
    qat,
    set: {
      ...set,
      description: readNonEmptyString(set.description, 'int8.calibration.set.description'),
      samples: readInteger(set.samples, 'int8.calibration.set.samples', 1),
    },
  };
}

function readValidation(value: unknown): Int8Validation {
  const validation: JsonObject = readObject(value, 'int8.validation');
  return {
    ...validation,
    method: readNonEmptyString(validation.method, 'int8.validation.method'),
    samples: readInteger(validation.samples, 'int8.validation.samples', 0),
    floatAccuracy: readFraction(validation.floatAccuracy, 'int8.validation.floatAccuracy'),
    int8Accuracy: readFraction(validation.int8Accuracy, 'int8.validation.int8Accuracy'),
    agreement: readFraction(validation.agreement, 'int8.validation.agreement'),
    logitSqnrDb: readNumber(validation.logitSqnrDb, 'int8.validation.logitSqnrDb'),
  };
}

function readPositiveScale(value: unknown, path: string, scheme: QuantScheme): number {
  const scale = readNumber(value, path);
  if (!(scale > 0) || !(Math.fround(scale) > 0) || !Number.isFinite(Math.fround(scale))) {
    fail(path, `must be a positive finite float32, got ${scale}`);
  }
  if (SCHEMES[scheme].powerOfTwo && !isPowerOfTwo(scale)) fail(path, `must be a power of two for scheme ${scheme}, got ${scale}`);
  return scale;
}

/**
 * Scale, zero point and clamp of an activation tensor, checked against the scheme: integers of the
 * activation type, within the scheme's codes, zero point 0 when symmetric, and for a ReLU output the
 * clamp starting at the zero point (the fused ReLU).
 */
function readActivationParams(value: unknown, path: string, scheme: QuantScheme, sign: 'signed' | 'relu'): QuantizationParams & JsonObject {
  const params = readObject(value, path);
  const scale = readPositiveScale(params.scale, `${path}.scale`, scheme);
  const zeroPoint = readNumber(params.zeroPoint, `${path}.zeroPoint`);
  const min = readNumber(params.min, `${path}.min`);
  const max = readNumber(params.max, `${path}.max`);
  const spec = SCHEMES[scheme];
  try {
    assertQuantizationRange(spec.activationType, { zeroPoint, min, max }, path);
  } catch (error) {
    // "<path>: zero point … is not a uint8" and the like, as the plain Error every other check throws.
    throw new Error((error as Error).message);
  }
  if (min < spec.codes.min || max > spec.codes.max) fail(path, `range [${min}, ${max}] leaves scheme ${scheme}'s codes [${spec.codes.min}, ${spec.codes.max}]`);
  if (spec.symmetric && zeroPoint !== 0) fail(`${path}.zeroPoint`, `must be 0 for the symmetric scheme ${scheme}, got ${zeroPoint}`);
  if (sign === 'relu' && min !== zeroPoint) fail(`${path}.min`, `must equal the zero point ${zeroPoint} (a ReLU output), got ${min}`);
  return { ...params, scale, zeroPoint, min, max };
}

interface ParsedLayer {
  readonly layer: QuantizedDenseLayer;
  readonly weightScales: Float64Array;
  readonly outputScale: number | null;
}

function readLayer(
  value: unknown, index: number, float: ModelLayer, isLast: boolean, scheme: QuantScheme, perChannel: boolean, inputScale: number,
): ParsedLayer {
  const path = `int8.layers[${index}]`;
  const layer = readObject(value, path);
  const inputs = readInteger(layer.inputs, `${path}.inputs`, 1);
  const outputs = readInteger(layer.outputs, `${path}.outputs`, 1);
  if (inputs !== float.inputs || outputs !== float.outputs) {
    fail(path, `is ${inputs} → ${outputs} but float layers[${index}] is ${float.inputs} → ${float.outputs}`);
  }
  const bytes = decodeBase64(readNonEmptyString(layer.weights, `${path}.weights`), `${path}.weights`);
  if (bytes.length !== inputs * outputs) fail(`${path}.weights`, `has ${bytes.length} bytes, expected ${inputs * outputs} (outputs × inputs)`);
  const weights = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  const below = weights.findIndex((w) => w < -WEIGHT_MAX);
  if (below >= 0) fail(`${path}.weights[${below}]`, `is ${weights[below]}: weights are in [-127, 127]`);
  const biasValues = readNumberArray(layer.bias, `${path}.bias`, outputs);
  const badBias = biasValues.findIndex((b) => !isInt32(b));
  if (badBias >= 0) fail(`${path}.bias[${badBias}]`, `must be an int32, got ${biasValues[badBias]}`);
  const scaleValues = readNumberArray(layer.weightScales, `${path}.weightScales`, outputs);
  const weightScales = Float64Array.from(scaleValues, (scale, n) => readPositiveScale(scale, `${path}.weightScales[${n}]`, scheme));
  if (!perChannel && weightScales.some((scale) => scale !== weightScales[0])) {
    fail(`${path}.weightScales`, 'must all be equal: calibration.perChannel is false');
  }
  if (isLast) {
    if (layer.output !== null) fail(`${path}.output`, 'must be null: the last layer outputs int32 logits');
    return { layer: { inputs, outputs, weights, bias: Int32Array.from(biasValues), requantization: null }, weightScales, outputScale: null };
  }
  const output = readActivationParams(layer.output, `${path}.output`, scheme, 'relu');
  const multiplier = Int32Array.from(readNumberArray(output.multiplier, `${path}.output.multiplier`, outputs));
  const shift = Int32Array.from(readNumberArray(output.shift, `${path}.output.shift`, outputs));
  for (let n = 0; n < outputs; n++) {
    const [m, s] = [(output.multiplier as number[])[n], (output.shift as number[])[n]];
    try {
      assertQuantizedMultiplier(m, s);
    } catch (error) {
      fail(`${path}.output[${n}]`, (error as Error).message);
    }
    // The multipliers must be the scales' own: anything else would dequantize to other activations.
    const scale = requantizationScale(inputScale, weightScales[n], output.scale);
    let expected: ReturnType<typeof quantizeMultiplier>;
    try {
      expected = quantizeMultiplier(scale);
    } catch (error) {
      // Scales far from any calibration (a corrupt weightScales entry) give a ratio no multiplier can hold.
      fail(`${path}.output[${n}]`, `has scales whose ratio s_in · s_w / s_out = ${scale} cannot be requantized: ${(error as Error).message}`);
    }
    if (expected.multiplier !== m || expected.shift !== s) {
      fail(`${path}.output[${n}]`, `has multiplier ${m}, shift ${s}, but s_in · s_w / s_out gives ${expected.multiplier}, ${expected.shift}`);
    }
  }
  const requantization = { multiplier, shift, zeroPoint: output.zeroPoint, min: output.min, max: output.max };
  return { layer: { inputs, outputs, weights, bias: Int32Array.from(biasValues), requantization }, weightScales, outputScale: output.scale };
}
