// The bundled built-in samples: regenerated exactly from the shared data, importable, and recognised as their labels.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importJsonl } from '../../src/core/dataset/jsonl.ts';
import { toHandLandmarks } from '../../src/core/dataset/sample.ts';
import { extractFeatures } from '../../src/core/landmarks/features.ts';
import { FloatMlpClassifier } from '../../src/core/mlp/float-mlp.ts';
import { DEFAULT_BUILTIN_SAMPLE_OPTIONS } from '../../src/core/train/builtin/builtin-samples.ts';
import { GESTURE_LABELS } from '../../src/core/model/builtin-gestures.ts';
import { BUILTIN_SAMPLES_FILE, builtinSamplesFromSharedData } from '../../tools/builtin-samples.ts';
import { shippedModel } from './quant-fixtures.ts';
import { repoRoot, sharedSourcesMissing } from './shared-data.ts';

const dataMissing = sharedSourcesMissing('builtin-samples');

const text = readFileSync(path.join(repoRoot, 'public', 'data', 'builtin-gestures.jsonl'), 'utf8');
let nextId = 0;
const { samples, errors } = importJsonl(text, { newId: () => `s${nextId++}` });

describe('public/data/builtin-gestures.jsonl', () => {
  it('imports without a bad line and holds every built-in class but none, in takes of consecutive poses', () => {
    expect(errors).toEqual([]);
    expect(new Set(samples.map((s) => s.label))).toEqual(new Set(GESTURE_LABELS.filter((label) => label !== 'none')));
    const perTake = new Map<string, number>();
    for (const sample of samples) perTake.set(sample.take, (perTake.get(sample.take) ?? 0) + 1);
    expect(Math.max(...perTake.values())).toBeLessThanOrEqual(DEFAULT_BUILTIN_SAMPLE_OPTIONS.takeSize);
    for (const sample of samples) expect(sample.take.startsWith('builtin:')).toBe(true);
  });

  it('shows hands the shipped model recognises as their labels (orientation and placement kept)', () => {
    const classifier = new FloatMlpClassifier(shippedModel());
    const wrong = samples.filter((s) => classifier.classify(extractFeatures(toHandLandmarks(s.landmarks), s.aspect)).label !== s.label);
    // Training-block hands of the model itself: nearly all must come out right, or the rendering is wrong.
    expect(wrong.length / samples.length).toBeLessThan(0.05);
  });

  describe.skipIf(dataMissing)('made from the shared data', () => {
    it('is exactly what npm run builtin-samples writes', () => {
      expect(BUILTIN_SAMPLES_FILE).toBe(path.join(repoRoot, 'public', 'data', 'builtin-gestures.jsonl'));
      expect(builtinSamplesFromSharedData() === text).toBe(true);
    });
  });
});
