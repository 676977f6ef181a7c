// Builds the gesture classifier a user asked for: INT8 on our WebAssembly kernels (the default) or float TypeScript.
import type { GestureClassifier } from '../core/classifier';
import { FloatMlpClassifier } from '../core/mlp/float-mlp';
import type { GestureModel } from '../core/model/gesture-model';
import { Int8MlpClassifier } from '../core/quant/int8-classifier';
import { withModelRejection } from '../core/model/rejection';
import type { KernelSelection } from '../kernels/loader';

export const ENGINE_CHOICES = ['int8', 'float'] as const;
export type EngineChoice = (typeof ENGINE_CHOICES)[number];

export function isEngineChoice(value: unknown): value is EngineChoice {
  return (ENGINE_CHOICES as readonly unknown[]).includes(value);
}

export interface KernelInfo {
  /** The build in use: relaxed-simd, simd128 or scalar. */
  readonly isa: string;
  /** Why this build (and why the better ones were passed over). */
  readonly reason: string;
  /** The kernel each layer runs on (XNNPACK-style names). */
  readonly layerKernels: readonly string[];
}

export interface BuiltClassifier {
  readonly classifier: GestureClassifier;
  readonly kernel: KernelInfo | null;
  /** Set when the engine asked for could not be used and another stands in; say it to the user. */
  readonly fallbackNote: string | null;
}

/**
 * INT8 runs the model's int8 section on the best kernel build that passes its self-test. A model without an int8
 * section runs float; kernels that cannot load leave the exact TypeScript integer engine (int8-ts) in their place.
 * `selectKernels` gives the kernel build (loadKernels, or a selection made once and shared by several models).
 */
export async function buildGestureClassifier(
  model: GestureModel, choice: EngineChoice, selectKernels: () => Promise<KernelSelection>,
): Promise<BuiltClassifier> {
  const built = await buildEngine(model, choice, selectKernels);
  return { ...built, classifier: withModelRejection(built.classifier, model) };
}

async function buildEngine(model: GestureModel, choice: EngineChoice, selectKernels: () => Promise<KernelSelection>): Promise<BuiltClassifier> {
  if (choice === 'float') return { classifier: new FloatMlpClassifier(model), kernel: null, fallbackNote: null };
  if (model.int8 === undefined) {
    return {
      classifier: new FloatMlpClassifier(model),
      kernel: null,
      fallbackNote: 'This gesture model has no INT8 section, so it runs in float. Quantize it (npm run quantize) for the INT8 engine.',
    };
  }
  try {
    const selection = await selectKernels();
    const mlp = selection.module.createMlp(model.int8.mlp);
    return {
      classifier: Int8MlpClassifier.fromModel(model, mlp),
      kernel: { isa: selection.isa, reason: selection.reason, layerKernels: mlp.layerKernels },
      fallbackNote: null,
    };
  } catch (error) {
    return {
      classifier: Int8MlpClassifier.fromModel(model),
      kernel: null,
      fallbackNote: `The INT8 WebAssembly kernels could not run (${(error as Error).message}); the TypeScript integer engine gives the same labels, slower.`,
    };
  }
}

/**
 * Median microseconds per classification, over `rounds` rounds of `perRound` calls on real-shaped input, so the
 * latency panel can show a figure finer than the browser's timer (5 µs when cross-origin isolated, else 100 µs).
 */
export function measureMicrosPerInference(classifier: GestureClassifier, perRound = 200, rounds = 9): number {
  const features = new Float32Array(classifier.featureLength);
  for (let i = 0; i < features.length; i++) features[i] = Math.sin(i * 1.7) * 0.8;
  for (let i = 0; i < perRound; i++) classifier.classify(features);
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    for (let i = 0; i < perRound; i++) classifier.classify(features);
    times.push(((performance.now() - start) * 1000) / perRound);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(rounds / 2)];
}
