// The ONNX exports (tools/onnx) run in onnxruntime-web and compute our network: float outputs equal, INT8 top-1 agrees on real rows.
import * as ort from 'onnxruntime-web';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { benchQuantizationOf, labelIndexOfAccumulators, quantizeForBench, type BenchQuantization } from '../../src/bench/bench-quantization';
import { configureOrtSingleThread, openOrtClassifier, type OrtClassifier } from '../../src/bench/ort-runner';
import { featuresOfRow, parseLandmarkRows, usableRows } from '../../src/core/dataset/landmark-rows';
import { FloatMlpClassifier } from '../../src/core/mlp/float-mlp';
import { parseGestureModelText, type GestureModel } from '../../src/core/model/gesture-model';
import { TsInt8Mlp } from '../../src/kernels/ref/mlp';
import { exportFloatMlp, exportInt8MlpMatMulInteger, exportInt8MlpQLinear, ONNX_INPUT, ONNX_OUTPUT } from '../../tools/onnx/export-mlp';
import { ProtoWriter } from '../../tools/onnx/protobuf';
import { KINIVI_OPEN_ROW, loadSharedSources, repoRoot, sharedSourcesMissing } from './shared-data';

const dataMissing = sharedSourcesMissing('onnx-export');

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');

describe('protobuf writer', () => {
  it('encodes varints little-endian in 7-bit groups, negatives as ten-byte two\'s complement', () => {
    expect(hex(new ProtoWriter().int(1, 0).finish())).toBe('08 00');
    expect(hex(new ProtoWriter().int(1, 300).finish())).toBe('08 ac 02');
    expect(hex(new ProtoWriter().int(2, -1).finish())).toBe('10 ff ff ff ff ff ff ff ff ff 01');
    expect(hex(new ProtoWriter().int(16, 2 ** 35).finish())).toBe('80 01 80 80 80 80 80 01');
  });

  it('length-prefixes strings, packed integers and nested messages; floats are fixed32', () => {
    expect(hex(new ProtoWriter().string(1, 'Gemm').finish())).toBe('0a 04 47 65 6d 6d');
    expect(hex(new ProtoWriter().packedInts(1, [1, 42, 300]).finish())).toBe('0a 04 01 2a ac 02');
    expect(hex(new ProtoWriter().message(7, (m) => m.int(1, 5)).finish())).toBe('3a 02 08 05');
    expect(hex(new ProtoWriter().float(2, 1).finish())).toBe('15 00 00 80 3f');
  });

  it('refuses field numbers and integers it cannot encode', () => {
    expect(() => new ProtoWriter().int(0, 1)).toThrow(/field number 0/);
    expect(() => new ProtoWriter().int(1, 2 ** 60)).toThrow(/not a safe integer/);
  });
});

/** Every ROW_STRIDE-th real row is checked; every CALIBRATION_STRIDE-th calibrates (the bench's choice). */
const ROW_STRIDE = 5;
const CALIBRATION_STRIDE = 8;

/** The INT8 networks exported: the bench's own quantization, and the model file's int8 section when it has one. */
interface Variant {
  readonly name: string;
  readonly quant: BenchQuantization;
  readonly sessions: { readonly qlinear: OrtClassifier; readonly matmulinteger: OrtClassifier };
}

describe.skipIf(dataMissing)('ONNX exports in onnxruntime-web (real rows)', () => {
  let model: GestureModel;
  let rows: Float32Array[];
  let floatSession: OrtClassifier;
  const variants: Variant[] = [];

  beforeAll(async () => {
    model = parseGestureModelText(readFileSync(path.join(repoRoot, 'public/models/gesture_model.json'), 'utf8'));
    const all = loadSharedSources().flatMap((source) => source.rows.map(featuresOfRow));
    const calibration = all.filter((_, i) => i % CALIBRATION_STRIDE === 0);
    rows = all.filter((_, i) => i % ROW_STRIDE === 2);
    configureOrtSingleThread(ort);
    floatSession = await openOrtClassifier(ort, exportFloatMlp(model), ONNX_INPUT, ONNX_OUTPUT);
    const quantizations: [string, BenchQuantization][] = [['bench-local quantization', quantizeForBench(model, calibration)]];
    if (model.int8 !== undefined) quantizations.push(['the model file\'s int8 section', benchQuantizationOf(model, calibration)]);
    for (const [name, quant] of quantizations) {
      variants.push({
        name,
        quant,
        sessions: {
          qlinear: await openOrtClassifier(ort, exportInt8MlpQLinear(quant), ONNX_INPUT, ONNX_OUTPUT),
          matmulinteger: await openOrtClassifier(ort, exportInt8MlpMatMulInteger(quant), ONNX_INPUT, ONNX_OUTPUT),
        },
      });
    }
  }, 60_000);

  it('the float export gives the float TS engine\'s probabilities within 1e-4', async () => {
    const float = new FloatMlpClassifier(model);
    const kinivi = usableRows(parseLandmarkRows(KINIVI_OPEN_ROW, 'kinivi42', { aspect: 1 })).map(featuresOfRow);
    let worst = { difference: 0, row: -1 };
    for (const [index, row] of [...kinivi, ...rows].entries()) {
      const expected = float.classify(row).probabilities;
      const actual = await floatSession.outputs(row);
      expect(actual.length).toBe(expected.length);
      for (let i = 0; i < expected.length; i++) {
        const difference = Math.abs(actual[i] - expected[i]);
        if (difference > worst.difference) worst = { difference, row: index };
      }
    }
    expect(worst.difference, `largest difference ${worst.difference} on row ${worst.row} of ${rows.length + 1}`).toBeLessThanOrEqual(1e-4);
  });

  /** Top-1 of ours (int8-ts, which every WASM build equals bit for bit) against an export, as a fraction of rows. */
  async function agreement(variant: Variant, session: OrtClassifier): Promise<{ fraction: number; message: string }> {
    const ours = new TsInt8Mlp(variant.quant.mlp);
    const disagreements: string[] = [];
    for (const [index, row] of rows.entries()) {
      const expected = labelIndexOfAccumulators(ours.run(row), variant.quant.headScales);
      const actual = await session.labelIndex(row);
      if (actual !== expected) disagreements.push(`row ${index}: ours ${model.labels[expected]}, ONNX ${model.labels[actual]}`);
    }
    const fraction = 1 - disagreements.length / rows.length;
    return { fraction, message: `${variant.name}: ${disagreements.length}/${rows.length} rows differ (${disagreements.slice(0, 5).join('; ')})` };
  }

  it('the MatMulInteger export (our integer arithmetic, float requantization) agrees top-1 with ours on ≥ 99.5% of rows', async () => {
    // Same int32 accumulators; only the requantization rounds differently (float multiply vs gemmlowp fixed point).
    for (const variant of variants) {
      const { fraction, message } = await agreement(variant, variant.sessions.matmulinteger);
      expect(fraction, message).toBeGreaterThanOrEqual(0.995);
    }
  });

  it('the QLinearMatMul export agrees top-1 with ours on ≥ 98% of rows', async () => {
    for (const variant of variants) {
      // One node per layer: NodeProto.op_type is field 4 (tag 0x22), here 13 bytes long.
      const opTypes = new TextDecoder('latin1').decode(exportInt8MlpQLinear(variant.quant)).split('\x22\x0dQLinearMatMul').length - 1;
      expect(opTypes, variant.name).toBe(variant.quant.mlp.layers.length);
      // QLinearMatMul has no bias input: it rounds the pre-bias sum to 8 bits first, an extra rounding ours does not make.
      const { fraction, message } = await agreement(variant, variant.sessions.qlinear);
      expect(fraction, message).toBeGreaterThanOrEqual(0.98);
    }
  });
});
