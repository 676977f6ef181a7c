// The int8 section of the model file: round trip, base64, and one test per corruption class with its named message.
import { decodeBase64, encodeBase64 } from '../../src/core/model/base64.ts';
import { parseGestureModel, parseGestureModelText } from '../../src/core/model/gesture-model.ts';
import { floatLayersDigest } from '../../src/core/model/int8-section.ts';
import { serializeGestureModel } from '../../src/core/model/serialize-model.ts';
import { Int8MlpClassifier } from '../../src/core/quant/int8-classifier.ts';
import { DEFAULT_QUANT_CONFIG } from '../../src/core/train/shared/quant-pipeline.ts';
import { randomFeatures, tinyQuantizedModel } from './quant-fixtures.ts';

const u7Model = tinyQuantizedModel(DEFAULT_QUANT_CONFIG);
const potModel = tinyQuantizedModel({ ...DEFAULT_QUANT_CONFIG, scheme: 'pot-int8', perChannel: false, calibration: 'minmax' });
const symModel = tinyQuantizedModel({ ...DEFAULT_QUANT_CONFIG, scheme: 'sym-int8' });

/** The parsed JSON of a model file, loose enough to break on purpose. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LooseJson = Record<string, any>;

function edited(model: typeof u7Model, change: (json: LooseJson) => void): unknown {
  const json = JSON.parse(serializeGestureModel(model));
  change(json);
  return json;
}

/** base64 of the given signed bytes. */
const bytes64 = (values: number[]) => encodeBase64(Uint8Array.from(values, (v) => v & 255));

describe('the int8 section round trip', () => {
  it.each([['u7', u7Model], ['pot-int8 per-tensor', potModel], ['sym-int8', symModel]] as const)('%s: serialises, parses back equal, same bytes again', (_, model) => {
    const text = serializeGestureModel(model);
    const parsed = parseGestureModelText(text);
    expect(parsed.int8).toEqual(model.int8);
    expect(serializeGestureModel(parsed)).toBe(text);
    // The parsed section runs, and gives the same labels as the section it was written from.
    const features = randomFeatures(20, 9);
    const before = Int8MlpClassifier.fromModel(model);
    const after = Int8MlpClassifier.fromModel(parsed);
    for (const sample of features) expect(after.classify(sample)).toEqual(before.classify(sample));
  });

  it('stores weights as base64 of the int8 bytes and records how the section was made', () => {
    const json = JSON.parse(serializeGestureModel(u7Model));
    expect(typeof json.int8.layers[0].weights).toBe('string');
    expect(decodeBase64(json.int8.layers[0].weights, 'w').length).toBe(42 * 8);
    expect(json.int8).toMatchObject({ scheme: 'u7', activationType: 'uint8', calibration: { method: 'percentile', perChannel: true, qat: null } });
    expect(json.int8.sourceDigest).toBe(floatLayersDigest(u7Model.layers));
    expect(json.int8.layers[1].output).toBeNull();
  });

  it('a model without an int8 section still round-trips unchanged (version 1 files stay readable)', () => {
    const { int8: _int8, ...floatOnly } = u7Model;
    const text = serializeGestureModel(floatOnly);
    expect(text).not.toContain('"int8"');
    expect(parseGestureModelText(text)).toEqual(floatOnly);
  });
});

describe('base64', () => {
  it('round-trips every remainder length and rejects what is not canonical padded base64', () => {
    for (const length of [0, 1, 2, 3, 4, 5]) {
      const data = Uint8Array.from({ length }, (_, i) => (i * 97 + 200) & 255);
      expect(decodeBase64(encodeBase64(data), 'x')).toEqual(data);
    }
    expect(encodeBase64(Uint8Array.from([0xfb, 0xff]))).toBe('+/8=');
    expect(() => decodeBase64('AAA', 'w')).toThrow(/^w is not base64: its length 3 is not a multiple of 4 \(truncated\?\)/);
    expect(() => decodeBase64('AA*A', 'w')).toThrow(/^w is not base64: "\*" at character 2/);
    expect(() => decodeBase64('A=AA', 'w')).toThrow(/^w is not base64: "=" at character 1/);
    expect(() => decodeBase64('AB==', 'w')).toThrow(/^w is not canonical base64/);
  });
});

describe('parseGestureModel rejects a broken int8 section, naming the problem', () => {
  const cases: [string, (json: LooseJson) => void, RegExp][] = [
    ['an unknown scheme', (j) => { j.int8.scheme = 'int4'; }, /^int8\.scheme must be one of pot-int8, sym-int8, asym-uint8, asym-int8, u7, got "int4"/],
    ['an activation type the scheme does not use', (j) => { j.int8.activationType = 'int8'; }, /^int8\.activationType must be "uint8" for scheme u7/],
    ['an unknown calibration method', (j) => { j.int8.calibration.method = 'guess'; }, /^int8\.calibration\.method must be one of minmax/],
    ['a non-boolean perChannel', (j) => { j.int8.calibration.perChannel = 'yes'; }, /^int8\.calibration\.perChannel must be true or false/],
    ['an unknown weight clipping', (j) => { j.int8.calibration.weightClipping = 'l1'; }, /^int8\.calibration\.weightClipping must be one of none, mse/],
    ['an empty calibration set', (j) => { j.int8.calibration.set.samples = 0; }, /^int8\.calibration\.set\.samples must be at least 1/],
    ['float weights changed after quantizing', (j) => { j.layers[0].weights[3] += 0.5; }, /^int8\.sourceDigest is fnv1a32:[0-9a-f]{8} but the float layers give fnv1a32:[0-9a-f]{8}: the int8 section is stale/],
    ['a non-positive input scale', (j) => { j.int8.input.scale = 0; }, /^int8\.input\.scale must be a positive finite float32, got 0/],
    ['an input zero point outside the type', (j) => { j.int8.input.zeroPoint = 300; }, /^int8\.input: zero point 300 is not a uint8/],
    ['a u7 range past 127', (j) => { j.int8.input.max = 200; }, /^int8\.input range \[0, 200\] leaves scheme u7's codes \[0, 127\]/],
    ['a missing layer', (j) => { j.int8.layers.pop(); }, /^int8\.layers has 1 layers, expected 2/],
    ['a layer shape unlike the float one', (j) => { j.int8.layers[1].inputs = 9; }, /^int8\.layers\[1\] is 9 → 3 but float layers\[1\] is 8 → 3/],
    ['truncated weights', (j) => { j.int8.layers[0].weights = j.int8.layers[0].weights.slice(0, -2); }, /^int8\.layers\[0\]\.weights is not base64: its length \d+ is not a multiple of 4 \(truncated\?\)/],
    ['too few weight bytes', (j) => { j.int8.layers[1].weights = bytes64(new Array(21).fill(1)); }, /^int8\.layers\[1\]\.weights has 21 bytes, expected 24/],
    ['a weight of -128', (j) => { j.int8.layers[1].weights = bytes64([...new Array(5).fill(1), -128, ...new Array(18).fill(1)]); }, /^int8\.layers\[1\]\.weights\[5\] is -128: weights are in \[-127, 127\]/],
    ['a fractional bias', (j) => { j.int8.layers[1].bias[2] = 1.5; }, /^int8\.layers\[1\]\.bias\[2\] must be an int32, got 1\.5/],
    ['a bias beyond int32', (j) => { j.int8.layers[1].bias[0] = 2 ** 31; }, /^int8\.layers\[1\]\.bias\[0\] must be an int32/],
    ['too few weight scales', (j) => { j.int8.layers[0].weightScales.pop(); }, /^int8\.layers\[0\]\.weightScales has 7 values, expected 8/],
    ['a negative weight scale', (j) => { j.int8.layers[1].weightScales[1] = -0.01; }, /^int8\.layers\[1\]\.weightScales\[1\] must be a positive finite float32/],
    ['logits that are requantized', (j) => { j.int8.layers[1].output = j.int8.layers[0].output; }, /^int8\.layers\[1\]\.output must be null: the last layer outputs int32 logits/],
    ['a hidden layer without requantization', (j) => { j.int8.layers[0].output = null; }, /^int8\.layers\[0\]\.output must be an object, got null/],
    ['a multiplier below 2^30', (j) => { j.int8.layers[0].output.multiplier[3] = 12345; }, /^int8\.layers\[0\]\.output\[3\] multiplier must be 0 or in \[2\^30, 2\^31\), got 12345/],
    ['a shift out of range', (j) => { j.int8.layers[0].output.shift[0] = 31; }, /^int8\.layers\[0\]\.output\[0\] shift must be an integer in \[-30, 30\], got 31/],
    ['a multiplier the scales do not give', (j) => { j.int8.layers[0].output.multiplier[1] += 1; }, /^int8\.layers\[0\]\.output\[1\] has multiplier \d+, shift -?\d+, but s_in · s_w \/ s_out gives \d+, -?\d+/],
    ['a ReLU clamp that does not start at the zero point', (j) => { j.int8.layers[0].output.min = 1; }, /^int8\.layers\[0\]\.output\.min must equal the zero point 0 \(a ReLU output\), got 1/],
    ['an accumulator that could overflow', (j) => { j.int8.layers[1].bias[0] = 2 ** 31 - 1; }, /^int8 is not a valid integer network: layers\[1\]: channel 0: .* exceeds int32/],
    ['an agreement above 1', (j) => { j.int8.validation.agreement = 1.5; }, /^int8\.validation\.agreement must be in \[0, 1\], got 1\.5/],
    ['a missing validation method', (j) => { delete j.int8.validation.method; }, /^int8\.validation\.method must be a string/],
  ];

  it.each(cases)('%s', (_, change, message) => {
    expect(() => parseGestureModel(edited(u7Model, change))).toThrow(message);
  });

  it('a symmetric scheme with a zero point, a pot scale that is no power of two, unequal per-tensor scales', () => {
    expect(() => parseGestureModel(edited(symModel, (j) => { j.int8.input.zeroPoint = 3; }))).toThrow(/^int8\.input\.zeroPoint must be 0 for the symmetric scheme sym-int8, got 3/);
    expect(() => parseGestureModel(edited(potModel, (j) => { j.int8.input.scale *= 1.5; }))).toThrow(/^int8\.input\.scale must be a power of two for scheme pot-int8/);
    expect(() => parseGestureModel(edited(potModel, (j) => { j.int8.layers[0].weightScales[2] *= 2; }))).toThrow(/^int8\.layers\[0\]\.weightScales must all be equal: calibration\.perChannel is false/);
  });
});
