// onnxruntime-web sessions as the benchmark runs them: WASM backend, one thread, one row of features in, label index out.
import type * as Ort from 'onnxruntime-web';

/** The onnxruntime-web module, passed in: node and the page import it differently (and the page sets wasmPaths). */
export type OrtModule = typeof Ort;

export interface OrtClassifier {
  /** Index of the highest output for one row of features. */
  labelIndex(features: Float32Array): Promise<number>;
  /** The output row (probabilities) for one row of features. */
  outputs(features: Float32Array): Promise<Float32Array>;
}

/** Single-threaded WASM: set before the first session (the backend reads it once when it initialises). */
export function configureOrtSingleThread(ort: OrtModule): void {
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
}

/** A session on `onnxBytes` with every graph optimisation on, on the WASM execution provider. */
export async function openOrtClassifier(ort: OrtModule, onnxBytes: Uint8Array, inputName: string, outputName: string): Promise<OrtClassifier> {
  if (ort.env.wasm.numThreads !== 1) throw new Error('call configureOrtSingleThread first: the benchmark compares single-threaded engines');
  const session = await ort.InferenceSession.create(onnxBytes, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
  const outputs = async (features: Float32Array): Promise<Float32Array> => {
    const result = await session.run({ [inputName]: new ort.Tensor('float32', features, [1, features.length]) });
    return result[outputName].data as Float32Array;
  };
  return {
    outputs,
    async labelIndex(features) {
      const values = await outputs(features);
      let best = 0;
      for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
      return best;
    },
  };
}
