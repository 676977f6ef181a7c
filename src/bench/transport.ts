// BenchInputs as JSON text (ONNX bytes in base64), for handing them from the node harness to the bench page.
import type { BenchInputs } from './engine-bench';

/** Where the harness serves the inputs on the app's origin (the page's CSP allows only connect-src 'self'). */
export const BENCH_INPUTS_PATH = '/__bench-inputs.json';

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

export function serializeBenchInputs(inputs: BenchInputs): string {
  const { onnx } = inputs;
  return JSON.stringify({
    ...inputs,
    onnx: { ...onnx, float: toBase64(onnx.float), int8QLinear: toBase64(onnx.int8QLinear), int8MatMulInteger: toBase64(onnx.int8MatMulInteger) },
  });
}

export function parseBenchInputs(text: string): BenchInputs {
  const raw = JSON.parse(text) as Omit<BenchInputs, 'onnx'> & { onnx: Record<string, string> };
  const { onnx } = raw;
  return {
    ...raw,
    onnx: {
      inputName: onnx.inputName,
      outputName: onnx.outputName,
      quantizationFingerprint: onnx.quantizationFingerprint,
      float: fromBase64(onnx.float),
      int8QLinear: fromBase64(onnx.int8QLinear),
      int8MatMulInteger: fromBase64(onnx.int8MatMulInteger),
    },
  };
}
