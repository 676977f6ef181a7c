// Rejection at run time (one threshold, or one per predicted class) and choosing per-class thresholds.
import type { GestureClassifier } from '../../src/core/classifier.ts';
import { parseGestureModel } from '../../src/core/model/gesture-model.ts';
import { rejectionThreshold, withModelRejection, withRejection } from '../../src/core/model/rejection.ts';
import { choosePerClassThresholds, MAX_REJECTION_THRESHOLD } from '../../src/core/train/shared/rejection-threshold.ts';
import { serializeGestureModel } from '../../src/core/model/serialize-model.ts';
import { shippedModel } from './quant-fixtures.ts';

/** Answers the label and score encoded in the features: [label index, score]. */
const stub: GestureClassifier = {
  engine: 'stub', labels: ['fist', 'rock', 'none'], featureLength: 2,
  classify: (features) => ({ label: ['fist', 'rock', 'none'][features[0]], score: features[1], probabilities: new Float32Array(3) }),
};
const labelOf = (classifier: GestureClassifier, label: number, score: number) => classifier.classify(Float32Array.of(label, score)).label;

describe('per-class rejection', () => {
  it('uses the predicted class\'s own threshold, the model\'s one for a class without, and never rejects none', () => {
    const rejection = { threshold: 0.2, perClass: { rock: 0.8 } };
    expect(rejectionThreshold(rejection, 'rock')).toBe(0.8);
    expect(rejectionThreshold(rejection, 'fist')).toBe(0.2);
    const rejecting = withRejection(stub, rejection);
    expect([labelOf(rejecting, 1, 0.79), labelOf(rejecting, 1, 0.8), labelOf(rejecting, 0, 0.3), labelOf(rejecting, 0, 0.1), labelOf(rejecting, 2, 0)])
      .toEqual(['none', 'rock', 'fist', 'none', 'none']);
    expect(withModelRejection(stub, {})).toBe(stub);
  });

  it('keeps the chosen share of each class\'s own correct samples, capped, none left out', () => {
    const samples = [
      ...Array.from({ length: 100 }, (_, i) => ({ actual: 'fist', predicted: 'fist', score: 0.5 + i / 400 })),
      ...Array.from({ length: 50 }, (_, i) => ({ actual: 'rock', predicted: 'rock', score: 0.9 + i / 1000 })),
      { actual: 'rock', predicted: 'fist', score: 0.99 },
      { actual: 'none', predicted: 'none', score: 0.99 },
    ];
    const thresholds = choosePerClassThresholds(samples, ['fist', 'rock', 'none'], 0.9);
    expect(Object.keys(thresholds)).toEqual(['fist', 'rock']);
    // At least 90 of fist's 100 kept (rounding the threshold down to 4 decimals may keep one more), rock's wrong one aside.
    expect(samples.filter((s) => s.actual === 'fist' && s.score >= thresholds.fist).length).toBeGreaterThanOrEqual(90);
    expect(samples.filter((s) => s.actual === 'fist' && s.score >= thresholds.fist).length).toBeLessThanOrEqual(91);
    expect(thresholds.rock).toBe(MAX_REJECTION_THRESHOLD);
  });

  it('round-trips through the model file', () => {
    const model = { ...shippedModel(), rejection: { threshold: 0, perClass: { fist: 0.5, rock: 0.75 }, method: 'test' } };
    expect(parseGestureModel(JSON.parse(serializeGestureModel(model))).rejection).toEqual(model.rejection);
  });
});
