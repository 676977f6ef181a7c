// The bench page: runs src/bench in Chromium on inputs the harness serves, with onnxruntime-web's WASM from this origin.
import * as ort from 'onnxruntime-web/wasm';
import { fetchKernelBytes } from '../../kernels/loader';
import { runBench } from '../../bench/engine-bench';
import { formatReport, type BenchReport } from '../../bench/report';
import { BENCH_INPUTS_PATH, parseBenchInputs } from '../../bench/transport';

/**
 * Vite serves node_modules from this origin in dev; pointing ORT at its .wasm keeps it off any CDN and within the
 * page's CSP (connect-src 'self', script-src 'wasm-unsafe-eval'). The bundled build has its JS glue inlined.
 */
const ORT_WASM_URL = '/node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.wasm';

export interface BenchPageApi {
  /** `runtime` names the browser in the report (the harness knows its exact version; the user agent hides it). */
  run(runtime?: string): Promise<BenchReport>;
}

/** "chromium 150.0.7871.100" from the user agent (HeadlessChrome/… or Chrome/…). */
function runtimeName(): string {
  const match = /(?:HeadlessChrome|Chrome|Chromium)\/([\d.]+)/.exec(navigator.userAgent);
  return match ? `chromium ${match[1]}` : navigator.userAgent;
}

const api: BenchPageApi = {
  async run(runtime = runtimeName()) {
    const response = await fetch(BENCH_INPUTS_PATH);
    // The dev server answers unknown paths with the app's HTML: only the harness serves JSON here.
    if (!response.ok || !response.headers.get('content-type')?.includes('json')) {
      throw new Error(`${BENCH_INPUTS_PATH} is not served: open this page through npm run bench -- --where browser`);
    }
    const inputs = parseBenchInputs(await response.text());
    ort.env.wasm.wasmPaths = { wasm: ORT_WASM_URL };
    const report = await runBench(inputs, {
      runtime: `${runtime}${crossOriginIsolated ? ', cross-origin isolated' : ''}`,
      loadKernelBytes: fetchKernelBytes(),
      ort,
      log: (line) => console.log(`bench: ${line}`),
    });
    const output = document.getElementById('report');
    if (output) output.textContent = formatReport(report);
    return report;
  },
};

(window as unknown as { handcastBench: BenchPageApi }).handcastBench = api;
