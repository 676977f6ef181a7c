// Writes a gesture model as compact, deterministic JSON text (rounded weights, fixed key order).
import type { GestureModel, ModelLayer } from './gesture-model';

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
  };
  let text = JSON.stringify(ordered, null, 2);
  rounded.layers.forEach((layer, i) => {
    const layerText = `{"inputs": ${layer.inputs}, "outputs": ${layer.outputs}, "activation": "${layer.activation}",\n`
      + `      "weights": ${JSON.stringify(layer.weights)},\n      "bias": ${JSON.stringify(layer.bias)}}`;
    text = text.replace(`"@@layer${i}@@"`, layerText);
  });
  return `${text}\n`;
}
