// Writes a gesture model as compact, deterministic JSON text (rounded weights, fixed key order).
import { encodeBase64 } from './base64';
import type { GestureModel, ModelLayer } from './gesture-model';
import type { Int8Section } from './int8-section';

/** Significant digits kept for weights: float32 has ~7, and 6 keeps the file small with no accuracy change. */
export const WEIGHT_SIGNIFICANT_DIGITS = 6;

/** A number rounded to `digits` significant digits; -0 becomes 0 so the text is stable. */
export function roundSignificant(value: number, digits = WEIGHT_SIGNIFICANT_DIGITS): number {
  const rounded = Number(value.toPrecision(digits));
  return rounded === 0 ? 0 : rounded;
}

/** The model with every weight and bias rounded as it will be stored. */
export function roundModelWeights(model: GestureModel): GestureModel {
  const layers: ModelLayer[] = model.layers.map((layer) => ({
    inputs: layer.inputs,
    outputs: layer.outputs,
    activation: layer.activation,
    weights: layer.weights.map((weight) => roundSignificant(weight)),
    bias: layer.bias.map((bias) => roundSignificant(bias)),
  }));
  return { ...model, layers };
}

/**
 * JSON text of the model: metadata indented for people, each weight array on one line so the file
 * stays small and diffs stay readable. Same model in, same bytes out.
 */
export function serializeGestureModel(model: GestureModel): string {
  const rounded = roundModelWeights(model);
  const ordered = {
    format: rounded.format,
    version: rounded.version,
    labels: rounded.labels,
    featureSpec: rounded.featureSpec,
    ...(rounded.createdAt === undefined ? {} : { createdAt: rounded.createdAt }),
    training: rounded.training,
    provenance: rounded.provenance,
    validation: rounded.validation,
    layers: rounded.layers.map((_, i) => `@@layer${i}@@`),
    ...(rounded.rejection === undefined ? {} : { rejection: rounded.rejection }),
    ...(rounded.int8 === undefined ? {} : { int8: int8Outline(rounded.int8) }),
  };
  let text = JSON.stringify(ordered, null, 2);
  rounded.layers.forEach((layer, i) => {
    const layerText = `{"inputs": ${layer.inputs}, "outputs": ${layer.outputs}, "activation": "${layer.activation}",\n`
      + `      "weights": ${JSON.stringify(layer.weights)},\n      "bias": ${JSON.stringify(layer.bias)}}`;
    text = text.replace(`"@@layer${i}@@"`, layerText);
  });
  rounded.int8?.mlp.layers.forEach((_, i) => {
    text = text.replace(`"@@int8layer${i}@@"`, int8LayerText(rounded.int8!, i));
  });
  return `${text}\n`;
}

/**
 * The int8 section in a fixed key order, its layers as placeholders. Scales are written exactly (JSON's
 * shortest round-trip form): the multipliers are checked against them on load.
 */
function int8Outline(section: Int8Section): Record<string, unknown> {
  const { scale, zeroPoint, min, max } = section.mlp.input;
  return {
    scheme: section.scheme,
    activationType: section.mlp.activationType,
    calibration: section.calibration,
    sourceDigest: section.sourceDigest,
    validation: section.validation,
    input: { scale, zeroPoint, min, max },
    layers: section.mlp.layers.map((_, i) => `@@int8layer${i}@@`),
  };
}

/** One int8 layer: weights as base64 of the int8 bytes (row-major), bias and per-channel values as arrays. */
function int8LayerText(section: Int8Section, index: number): string {
  const layer = section.mlp.layers[index];
  const bytes = new Uint8Array(layer.weights.buffer, layer.weights.byteOffset, layer.weights.length);
  const requantization = layer.requantization;
  const output = requantization === null ? 'null' : JSON.stringify({
    scale: section.outputScales[index],
    zeroPoint: requantization.zeroPoint,
    min: requantization.min,
    max: requantization.max,
    multiplier: Array.from(requantization.multiplier),
    shift: Array.from(requantization.shift),
  });
  return `{"inputs": ${layer.inputs}, "outputs": ${layer.outputs},\n`
    + `      "weightScales": ${JSON.stringify(Array.from(section.weightScales[index]))},\n`
    + `      "weights": "${encodeBase64(bytes)}",\n`
    + `      "bias": ${JSON.stringify(Array.from(layer.bias))},\n`
    + `      "output": ${output}}`;
}
