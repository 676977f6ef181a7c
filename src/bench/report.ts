// The benchmark's JSON shape, its ratios and target checks, and the readable table printed before the JSON line.

/** The engines of `inference_ns`, in table order. */
export const ENGINE_KEYS = ['wasm_relaxed', 'wasm_simd128', 'wasm_scalar', 'ts_int8_ref', 'float_ts', 'ort_int8', 'ort_float'] as const;
export type EngineKey = (typeof ENGINE_KEYS)[number];
/** Measured alongside, reported apart: the BigInt spec, and ORT on the MatMulInteger form of the INT8 graph. */
export type ExtraKey = 'ts_int8_bigint_ref' | 'ort_int8_matmulinteger';

export interface GemmRow {
  readonly m: number;
  readonly k: number;
  readonly n: number;
  readonly kernel: string;
  readonly gmacs: number;
  readonly peak_pct: number;
}

export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  /** null: not measurable in this run (an engine could not run). */
  readonly met: boolean | null;
}

export interface BenchReport {
  /** Median ns per single inference; null = cannot run here (notes[key] says why). */
  readonly inference_ns: Readonly<Record<EngineKey, number | null>>;
  readonly gemm: readonly GemmRow[];
  readonly model: string;
  readonly runtime: string;
  readonly extra_inference_ns: Readonly<Record<ExtraKey, number | null>>;
  /** a_over_b = a's time / b's time: how many times faster b is. */
  readonly ratios: Readonly<Record<string, number | null>>;
  readonly targets: readonly TargetCheck[];
  /** Top-1 agreement on the timed rows, "agreeing/total". */
  readonly agreement: Readonly<Record<string, string>>;
  readonly notes: Readonly<Record<string, string>>;
}

const ratio = (slow: number | null, fast: number | null): number | null => (slow !== null && fast !== null && fast > 0 ? slow / fast : null);

export function buildRatios(ns: Readonly<Record<EngineKey, number | null>>, ortMatMulInteger: number | null): Record<string, number | null> {
  return {
    ort_int8_over_wasm_relaxed: ratio(ns.ort_int8, ns.wasm_relaxed),
    ort_int8_over_wasm_simd128: ratio(ns.ort_int8, ns.wasm_simd128),
    ort_int8_over_wasm_scalar: ratio(ns.ort_int8, ns.wasm_scalar),
    ort_int8_matmulinteger_over_wasm_simd128: ratio(ortMatMulInteger, ns.wasm_simd128),
    ort_float_over_float_ts: ratio(ns.ort_float, ns.float_ts),
    float_ts_over_wasm_simd128: ratio(ns.float_ts, ns.wasm_simd128),
    ts_int8_ref_over_wasm_simd128: ratio(ns.ts_int8_ref, ns.wasm_simd128),
    wasm_scalar_over_wasm_simd128: ratio(ns.wasm_scalar, ns.wasm_simd128),
    wasm_simd128_over_wasm_relaxed: ratio(ns.wasm_simd128, ns.wasm_relaxed),
  };
}

/** The benchmark's targets, checked against what this run measured (the latency ones are set for Chromium). */
export function buildTargets(ns: Readonly<Record<EngineKey, number | null>>, gemm: readonly GemmRow[], runtime: string): TargetCheck[] {
  const where = runtime.startsWith('chromium') ? '' : ' (set for Chromium; this is not Chromium)';
  const latency = (value: number | null, limit: number, name: string): TargetCheck => ({
    target: `${name} ≤ ${limit} ns per inference${where}`,
    measured: value === null ? 'not run' : `${value.toFixed(0)} ns`,
    met: value === null ? null : value <= limit,
  });
  const best = ns.wasm_relaxed ?? ns.wasm_simd128;
  const bestName = ns.wasm_relaxed !== null ? 'wasm_relaxed' : 'wasm_simd128';
  const speedup = ratio(ns.ort_int8, best);
  const k512 = gemm.filter((row) => row.k === 512);
  const top = k512.reduce<GemmRow | null>((a, b) => (a === null || b.peak_pct > a.peak_pct ? b : a), null);
  return [
    latency(ns.wasm_simd128, 1000, 'wasm_simd128'),
    latency(ns.wasm_relaxed, 600, 'wasm_relaxed'),
    {
      target: '≥ 30× faster than onnxruntime-web INT8 (same run)',
      measured: speedup === null ? 'not run' : `${speedup.toFixed(1)}× (${bestName})`,
      met: speedup === null ? null : speedup >= 30,
    },
    {
      target: '≥ 80% of the plain-SIMD peak at K = 512',
      measured: top === null ? 'not run' : `${top.peak_pct.toFixed(1)}% (${top.kernel})`,
      met: top === null ? null : top.peak_pct >= 80,
    },
  ];
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((_, c) => Math.max(header[c].length, ...rows.map((row) => row[c].length)));
  const line = (cells: readonly string[]): string => cells.map((cell, c) => (c === 0 || c === cells.length - 1 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const ENGINE_LABELS: Readonly<Record<EngineKey | ExtraKey, string>> = {
  wasm_relaxed: 'INT8 WASM relaxed SIMD',
  wasm_simd128: 'INT8 WASM SIMD128',
  wasm_scalar: 'INT8 WASM scalar',
  ts_int8_ref: 'INT8 TypeScript (TsInt8Mlp)',
  float_ts: 'float32 TypeScript (FloatMlpClassifier)',
  ort_int8: 'onnxruntime-web INT8 (QLinearMatMul)',
  ort_float: 'onnxruntime-web float32',
  ts_int8_bigint_ref: 'INT8 BigInt spec (runQuantizedMlpReference)',
  ort_int8_matmulinteger: 'onnxruntime-web INT8 (MatMulInteger)',
};

const formatNs = (value: number | null): string => (value === null ? 'null' : value < 100 ? value.toFixed(1) : value.toFixed(0));
const formatRatio = (value: number | null): string => (value === null ? '—' : value >= 100 ? `${value.toFixed(0)}×` : `${value.toFixed(2)}×`);

/** The readable report: inference table with ratios, GEMM table, targets, agreement and notes. */
export function formatReport(report: BenchReport): string {
  const ns: Readonly<Record<EngineKey | ExtraKey, number | null>> = { ...report.inference_ns, ...report.extra_inference_ns };
  const keys: (EngineKey | ExtraKey)[] = [...ENGINE_KEYS, 'ort_int8_matmulinteger', 'ts_int8_bigint_ref'];
  const inference = table(
    ['engine', 'key', 'ns/inference', 'ort_int8 ÷ this', 'this ÷ wasm_simd128'],
    keys.map((key) => [
      ENGINE_LABELS[key], key + (key in report.extra_inference_ns ? ' (extra)' : ''), formatNs(ns[key]),
      formatRatio(ratio(ns.ort_int8, ns[key])), formatRatio(ratio(ns[key], ns.wasm_simd128)),
    ]),
  );
  const gemm = table(
    ['M×K×N', 'kernel', 'GMAC/s', '% of peak'],
    report.gemm.map((row) => [`${row.m}×${row.k}×${row.n}`, row.kernel, row.gmacs.toFixed(2), `${row.peak_pct.toFixed(1)}%`]),
  );
  const targets = table(
    ['target', 'measured', 'met'],
    report.targets.map((t) => [t.target, t.measured, t.met === null ? 'n/a' : t.met ? 'yes' : 'NO']),
  );
  const agreement = Object.entries(report.agreement).map(([key, value]) => `  ${key}: ${value}`).join('\n');
  const notes = Object.entries(report.notes).map(([key, value]) => `  ${key}: ${value}`).join('\n');
  return [
    `Handcast INT8 engine benchmark — ${report.runtime}`,
    `model: ${report.model}`,
    '',
    'One inference = one row of features in → label out (median ns; lower is better)',
    inference,
    '',
    'GEMM throughput, one core',
    gemm,
    '',
    'Targets',
    targets,
    '',
    'Top-1 agreement on the timed rows',
    agreement,
    '',
    'Notes',
    notes,
  ].join('\n');
}
