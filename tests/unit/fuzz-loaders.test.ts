// Hostile input: 1,500 seeded mutated inputs per target (model, dataset, profile, overlay message) under the hang watchdog, the fuzzer's own checks, and the bugs it found.
import { parseCsvLine } from '../../src/core/dataset/landmark-rows-csv.ts';
import { parseLandmarkRows } from '../../src/core/dataset/landmark-rows.ts';
import { exportJsonl, importCsv, importJsonl } from '../../src/core/dataset/index.ts';
import { formatFailure, reasonKind } from '../../src/core/fuzz/campaign.ts';
import { mutate } from '../../src/core/fuzz/mutate.ts';
import {
  describeInvalidImport, describeInvalidModel, describeInvalidOverlayMessage, describeInvalidProfile,
} from '../../src/core/fuzz/oracles.ts';
import { MAX_FLOAT_PARAMETER, parseGestureModel, parseGestureModelText } from '../../src/core/model/gesture-model.ts';
import { serializeGestureModel } from '../../src/core/model/serialize-model.ts';
import { DEFAULT_QUANT_CONFIG } from '../../src/core/train/shared/quant-pipeline.ts';
import { SeededRandom } from '../../src/util/seeded-random.ts';
import { checkEffectMessage } from '../../src/core/overlay/effect-message.ts';
import { loadFuzzSeeds } from '../../tools/fuzz-subjects.ts';
import { runFuzzWatched } from '../../tools/fuzz-watchdog.ts';
import { MAX_EVENT_DATA_DEPTH } from '../../src/actions/gesture-mappings.ts';
import { parseProfile } from '../../src/session/stream-profile.ts';
import { makeSamples } from './dataset-fixtures.ts';
import { shippedModel, tinyFloatModel, tinyQuantizedModel } from './quant-fixtures.ts';
import { KINIVI_OPEN_ROW } from './shared-data.ts';

/** Inputs per target in `npm test`; `npm run fuzz` runs 10,000 (README has the figures). */
const RUNS_IN_TESTS = 1_500;

/** Kinds of problem a slice must name at least: the overlay's check has fewer things to say than a model loader. */
const MIN_REASON_KINDS = { model: 20, dataset: 20, profile: 20, overlay: 10 } as const;

describe.each(['model', 'dataset', 'profile', 'overlay'] as const)('fuzzing the %s loaders', (target) => {
  it(`${RUNS_IN_TESTS} mutated inputs: no crash or hang, nothing invalid accepted, every problem named`, async () => {
    const report = await runFuzzWatched({ target, runs: RUNS_IN_TESTS, seed: 2024 });
    expect(report.failures.map(formatFailure)).toEqual([]);
    expect(report.runs).toBe(RUNS_IN_TESTS);
    // The mutations must really reach both sides of the loader: a fuzzer whose every input is refused tests nothing.
    expect(report.rejected + report.partlyAccepted).toBeGreaterThan(RUNS_IN_TESTS / 2);
    expect(report.accepted).toBeGreaterThan(RUNS_IN_TESTS / 20);
    expect(report.reasons.size).toBeGreaterThan(MIN_REASON_KINDS[target]);
  }, 240_000);
});

describe('the fuzzer itself', () => {
  const seeds = loadFuzzSeeds();

  it('starts from seeds every loader accepts whole', () => {
    for (const seed of seeds.model) expect(describeInvalidModel(parseGestureModelText(seed.text), seeds.probes)).toBeNull();
    const jsonl = seeds.dataset.find((seed) => seed.loader === 'import-jsonl')!;
    const result = importJsonl(jsonl.text, { now: 0 });
    expect(result.errors).toEqual([]);
    expect(describeInvalidImport(result, jsonl.text)).toBeNull();
    for (const seed of seeds.profile) {
      const outcome = parseProfile(seed.text);
      expect(outcome.problems).toEqual([]);
      expect(describeInvalidProfile(outcome, seed.text)).toBeNull();
    }
    expect(seeds.profile.map((seed) => parseProfile(seed.text).settings?.mappings?.length)).toEqual([0, 9, 2]);
    for (const seed of seeds.overlay) {
      const sent: unknown = JSON.parse(seed.text);
      const check = checkEffectMessage(sent);
      expect(check).toMatchObject({ ok: true });
      if (check.ok) expect(describeInvalidOverlayMessage(check.message, sent)).toBeNull();
    }
  });

  it('replays an input exactly from its seed and index, and different indices differ', () => {
    const make = (index: number) => mutate(seeds.dataset[0].text, new SeededRandom(index), []);
    expect(make(7)).toEqual(make(7));
    expect(make(7).text).not.toBe(make(8).text);
  });

  it('the model oracle catches what a lax parser would let through', () => {
    const model = tinyFloatModel();
    expect(describeInvalidModel({ ...model, labels: ['a', '<b>', 'c'] }, seeds.probes)).toMatch(/label "<b>"/);
    const huge = { ...model.layers[0], weights: model.layers[0].weights.map(() => 3.5e38) };
    expect(describeInvalidModel({ ...model, layers: [huge, model.layers[1]] }, seeds.probes)).toMatch(/non-finite or unnormalised/);
  });

  it('the dataset oracle catches a lost line and a non-finite sample', () => {
    const text = exportJsonl(makeSamples());
    const result = importJsonl(text, { now: 0 });
    expect(describeInvalidImport({ ...result, samples: result.samples.slice(1) }, text)).toMatch(/a line was lost/);
    const broken = { ...result.samples[0], landmarks: result.samples[0].landmarks.map(() => [Number.NaN, 0, 0] as const) };
    expect(describeInvalidImport({ ...result, samples: [broken, ...result.samples.slice(1)] }, text)).toMatch(/non-finite/);
  });

  it('the profile oracle catches a lost mapping, an unknown field, a changed value and settings JSON cannot write', () => {
    const text = seeds.profile[1].text;
    const outcome = parseProfile(text);
    const mappings = outcome.settings!.mappings!;
    const judge = (changed: readonly unknown[]) => describeInvalidProfile({ ...outcome, settings: { ...outcome.settings, mappings: changed } }, text);
    expect(judge(mappings.slice(1))).toMatch(/one was lost or counted twice/);
    expect(judge([{ ...mappings[0], note: 'x' }, ...mappings.slice(1)])).toMatch(/^kept mapping 0 carries the fields/);
    expect(judge([{ ...mappings[0], hand: 'Left' }, ...mappings.slice(1)])).toMatch(/^kept mapping 0 \(the file's mapping 1\) hand differs/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const custom = mappings.findIndex((mapping) => mapping.action.kind === 'custom-event');
    expect(judge(mappings.map((mapping, i) => (i === custom ? { ...mapping, action: { kind: 'custom-event', eventData: cyclic } } : mapping))))
      .toMatch(/cannot be saved or exported as JSON/);
    expect(describeInvalidProfile({ settings: null, problems: [] }, text)).toBe('refused without naming a problem');
  });

  it('the overlay oracle catches an unclamped position, a control character and a field passed through', () => {
    const sent = JSON.parse(seeds.overlay[2].text) as Record<string, unknown>;
    const check = checkEffectMessage(sent);
    if (!check.ok) throw new Error(check.reason);
    expect(describeInvalidOverlayMessage({ ...check.message, x: 1.5 }, { ...sent, x: 1.5 })).toMatch(/^x is not the sent position clamped/);
    expect(describeInvalidOverlayMessage({ ...check.message, text: 'two\nlines' }, { ...sent, text: 'two\nlines' })).toMatch(/^text is blank/);
    expect(describeInvalidOverlayMessage({ ...check.message, extra: 1 } as typeof check.message, sent)).toMatch(/carries the field extra/);
    expect(describeInvalidOverlayMessage(sent as unknown as typeof check.message, sent)).toMatch(/not a fresh object/);
  });

  it('folds numbers, indices and quoted text so equal problems count together', () => {
    expect(reasonKind('layers[1].weights has 2047 values, expected 2048')).toBe('layers[i].weights has N values, expected N');
    expect(reasonKind('int8.input: zero point 54.5 is not a uint8')).toBe('int8.input: zero point N is not a uint8');
  });
});

/** A JSON value nested deeper than JSON.stringify (or any recursive walk) survives. */
const DEEP = `${'['.repeat(20_000)}1${']'.repeat(20_000)}`;

describe('bugs the fuzzer found, fixed in the loaders', () => {
  it('a CSV column of a million digits is refused at once (the number pattern backtracked quadratically: a hang)', () => {
    const columns = KINIVI_OPEN_ROW.split(',');
    columns[5] = `${'7'.repeat(1_000_000)}x`;
    const result = parseCsvLine(columns.join(','), 'kinivi42');
    expect(result).toEqual({ error: expect.stringMatching(/^column 6 is not a number: "7{40}…"$/) });
  });

  it('a JSONL coordinate, aspect or time nested 20,000 deep is a named bad line, not a RangeError', () => {
    const line = JSON.parse(exportJsonl(makeSamples().slice(0, 1))) as Record<string, unknown>;
    const withDeep = (key: string, value: string) => JSON.stringify({ ...line, [key]: '@' }).replace('"@"', value);
    const landmarks = `[[${DEEP},0,0],${JSON.stringify((line.landmarks as unknown[]).slice(1)).slice(1)}`;
    const text = [withDeep('landmarks', landmarks), withDeep('aspect', DEEP), withDeep('capturedAt', DEEP)].join('\n');
    expect(importJsonl(text, { now: 0 }).errors.map((error) => error.reason)).toEqual([
      'landmarks[0] has a non-numeric coordinate: an array',
      '"aspect" must be a positive number, got an array',
      'capturedAt must be a time in milliseconds, got an array',
    ]);
    expect(parseLandmarkRows(text.split('\n')[0], 'jsonl', { aspect: 1 })[0]).toMatchObject({ ok: false, error: /^landmarks\[0\]/ });
  });

  it('an empty JSONL label is refused like an empty CSV label column', () => {
    const line = exportJsonl(makeSamples().slice(0, 1)).replace('"label":"fist"', '"label":" "');
    expect(parseLandmarkRows(line, 'jsonl', { aspect: 4 / 3 })[0]).toMatchObject({ ok: false, error: '"label" is empty' });
  });

  it('a coordinate of 1e300 is a degenerate hand (its float32 features would be Infinity), in every reader', () => {
    const columns = KINIVI_OPEN_ROW.split(',');
    columns[9] = '1e300';
    const row = columns.join(',');
    expect(parseLandmarkRows(row, 'kinivi42', { aspect: 1 })[0]).toMatchObject({ ok: false, error: /^degenerate hand: landmark 4 is .* palm sizes from the wrist/ });
    const csv = importCsv(`fist,${columns.slice(1).join(',')}`, 'xy42', { now: 0 });
    expect(csv.errors[0].reason).toMatch(/^degenerate hand: landmark 4/);
  });

  it('a model with a BOM loads; one whose format is nested 20,000 deep or a megabyte long gets a short, named error', () => {
    const text = serializeGestureModel(tinyFloatModel());
    expect(parseGestureModelText(`\ufeff${text}`).labels).toEqual(['a', 'b', 'c']);
    const deep = text.replace('"handcast-gesture-model"', DEEP);
    expect(() => parseGestureModelText(deep)).toThrow(/^format must be "handcast-gesture-model", got an array$/);
    const long = text.replace('"handcast-canonical-2d"', `"${'7'.repeat(1_000_000)}"`);
    const error = (() => { try { parseGestureModelText(long); } catch (caught) { return caught as Error; } return null; })();
    expect(error?.constructor).toBe(Error);
    expect(error?.message).toMatch(/^featureSpec is 7+…$/);
    expect(error!.message.length).toBeLessThanOrEqual(300);
  });

  it('a float weight past ±1e6 is refused: float32 turns 3.5e38 into Infinity and the probabilities into NaN', () => {
    const model = JSON.parse(serializeGestureModel(tinyFloatModel()));
    model.layers[1].weights[4] = 3.5e38;
    expect(() => parseGestureModel(model)).toThrow(`layers[1].weights[4] is 3.5e+38: float parameters must be within ±${MAX_FLOAT_PARAMETER}`);
    model.layers[1].weights[4] = -MAX_FLOAT_PARAMETER;
    expect(parseGestureModel(model).layers[1].weights[4]).toBe(-MAX_FLOAT_PARAMETER);
  });

  it('a count past 2^53 is refused: it no longer is the number written', () => {
    const model = JSON.parse(serializeGestureModel(tinyFloatModel()));
    model.validation.perClass = { a: { correct: 1, total: 2 ** 53 + 2 } };
    expect(() => parseGestureModel(model)).toThrow('validation.perClass.a.total must be at most 2^53 - 1, got 9007199254740994');
  });

  it('int8 scales too far apart to requantize, or a fractional zero point, are named plain Errors, not RangeErrors', () => {
    const model = JSON.parse(serializeGestureModel(tinyQuantizedModel(DEFAULT_QUANT_CONFIG)));
    const caught = (json: unknown) => { try { parseGestureModel(json); } catch (error) { return error as Error; } return null; };
    const scaled = structuredClone(model);
    scaled.int8.layers[0].weightScales = scaled.int8.layers[0].weightScales.map(() => 2 ** 120);
    const scaleError = caught(scaled);
    expect(scaleError?.constructor).toBe(Error);
    expect(scaleError?.message).toMatch(/^int8\.layers\[0\]\.output\[0\] has scales whose ratio .* cannot be requantized/);
    const shifted = structuredClone(model);
    shifted.int8.input.zeroPoint = 0.5;
    const zeroPointError = caught(shifted);
    expect(zeroPointError?.constructor).toBe(Error);
    expect(zeroPointError?.message).toMatch(/^int8\.input: zero point 0\.5 is not a/);
  });
});

describe('the stream profile importer', () => {
  const profileWith = (action: string, extra = '') => `{"format":"handcast-profile","version":1,"mappings":[`
    + `{"id":"ok","gesture":"fist","hand":"any","action":{"kind":"hotkey","hotkeyName":"OBSBasic.Screenshot"}},`
    + `{"id":"deep","gesture":"fist","hand":"any","action":${action}}${extra}]}`;

  it('a hotkeyName nested 20,000 deep is a named problem, not a RangeError, and the valid mapping is kept', () => {
    const { settings, problems } = parseProfile(profileWith(`{"kind":"hotkey","hotkeyName":${DEEP}}`));
    expect(problems).toEqual(['mapping 2 ("deep"): action.hotkeyName (hotkey) must be a non-empty name, got an array']);
    expect(settings?.mappings?.map((mapping) => mapping.id)).toEqual(['ok']);
  });

  it('custom event data nested past the limit is refused: saving or sending it as JSON would overflow the stack', () => {
    const deepData = `{"kind":"custom-event","eventData":{"a":${DEEP}}}`;
    expect(parseProfile(profileWith(deepData)).problems).toEqual([
      `mapping 2 ("deep"): action.eventData (custom-event) nests deeper than ${MAX_EVENT_DATA_DEPTH} levels`,
    ]);
    const nested = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
    const atLimit = parseProfile(profileWith(`{"kind":"custom-event","eventData":${nested(MAX_EVENT_DATA_DEPTH - 1)}}`));
    expect(atLimit.problems).toEqual([]);
    expect(JSON.parse(JSON.stringify(atLimit.settings)).mappings).toHaveLength(2);
  });

  it('a kept mapping carries only its known fields, so a deep extra field cannot reach storage or the export', () => {
    const action = `{"kind":"overlay-effect","effect":"confetti","extra":${DEEP}}`;
    const { settings, problems } = parseProfile(profileWith(action).replace('"id":"deep"', `"id":"deep","extra":${DEEP}`));
    expect(problems).toEqual([]);
    expect(settings?.mappings?.[1]).toEqual({ id: 'deep', gesture: 'fist', hand: 'any', action: { kind: 'overlay-effect', effect: 'confetti' } });
  });
});

describe('labels cannot carry markup into the page', () => {
  it.each([
    ['<img src=x onerror=alert(1)>', /^labels\[1\] is not allowed: label contains "<"/],
    ['\u202eevil', /^labels\[1\] is not allowed: label contains the invisible character U\+202E/],
    ['x'.repeat(41), /^labels\[1\] is not allowed: label is 41 characters long, at most 40/],
    [' b', /^labels\[1\] is not allowed: label "b" has spaces at the start or end/],
  ])('a model label %j is refused by name', (label, message) => {
    const model = JSON.parse(serializeGestureModel(tinyFloatModel()));
    model.labels[1] = label;
    expect(() => parseGestureModel(model)).toThrow(message);
  });

  it('the shipped model and names with spaces, digits, "_", "-" and other scripts stay valid', () => {
    expect(shippedModel().labels).toContain('thumb_up');
    const model = JSON.parse(serializeGestureModel(tinyFloatModel()));
    model.labels = ['thumbs up 2', 'peace-sign', 'пять'];
    expect(parseGestureModel(model).labels).toEqual(['thumbs up 2', 'peace-sign', 'пять']);
  });
});
