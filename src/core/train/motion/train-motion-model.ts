// Trains the motion classifier (fingertip paths → swipes, circles, none) on kinivi + synthetic paths, then quantizes it.
import { MOTION_FEATURE_SPEC, motionFeatures, type PathPoint } from '../../gestures/motion-features';
import { MOTION_LABELS, parseMotionModelText, type MotionLabel } from '../../gestures/motion-model';
import { FloatMlpClassifier } from '../../mlp/float-mlp';
import { GESTURE_MODEL_FORMAT, GESTURE_MODEL_VERSION, type GestureModel } from '../../model/gesture-model';
import { roundModelWeights, serializeGestureModel } from '../../model/serialize-model';
import { Int8MlpClassifier } from '../../quant/int8-classifier';
import { referenceRun } from '../../quant/compare-float';
import { calibrationRun, DEFAULT_QUANT_CONFIG, int8Section, runQuantConfig } from '../shared/quant-pipeline';
import type { ValidationSample } from '../shared/splits';
import { evaluateClassifier, type Evaluation } from '../shared/evaluate';
import { createMlp, MlpTrainer, mlpToLayers } from '../shared/mlp-trainer';
import { NONE_LABEL } from '../../labels';
import { KINIVI_POINT_HISTORY, MOTION_SPLIT, splitKiniviRuns, type KiniviMotionData, type MotionRow } from './motion-data';
import { randomStyle, synthesizeMotion } from './motion-synthesis';
import { SeededRandom } from '../../../util/seeded-random';

export interface MotionTrainOptions {
  readonly seed: number;
  readonly epochs: number;
  readonly hiddenSizes: readonly number[];
  readonly learningRate: number;
  readonly weightDecay: number;
  readonly batchSize: number;
  readonly samplesPerClass: number;
  /** Share of a class's epoch samples drawn from real rows (augmented), when the class has real rows. */
  readonly realShare: number;
  /** Synthetic recordings (each its own MotionStyle) for training and for the held-out synthetic figures. */
  readonly trainRecordings: number;
  readonly validationRecordings: number;
  /** Paths per class per synthetic recording. */
  readonly pathsPerRecording: number;
}

export const DEFAULT_MOTION_TRAIN_OPTIONS: MotionTrainOptions = {
  seed: 1, epochs: 40, hiddenSizes: [32, 32], learningRate: 0.003, weightDecay: 1e-4, batchSize: 32,
  samplesPerClass: 600, realShare: 0.5, trainRecordings: 60, validationRecordings: 20, pathsPerRecording: 10,
};

export const REAL_SUBSET_PREFIX = 'kinivi:';
export const SYNTHETIC_SUBSET_PREFIX = 'synthetic:';

const VALIDATION_METHOD = 'held-out tail (last 20%, after a 5% gap of at least 16 rows) of each kinivi class recording, '
  + 'and synthetic paths from separate held-out synthetic recordings (own frame rate, jitter, tempo); '
  + 'real and synthetic figures reported apart; Move rows carry direction labels derived by a rule (motion-data.ts moveLabel)';

/** The label a path has after mirroring left-right and/or playing it backwards. */
function transformedLabel(label: MotionLabel, mirror: boolean, reverse: boolean): MotionLabel {
  let result = label;
  const swap = (a: MotionLabel, b: MotionLabel) => { result = result === a ? b : result === b ? a : result; };
  if (mirror) { swap('swipe_left', 'swipe_right'); swap('circle_cw', 'circle_ccw'); }
  if (reverse) { swap('swipe_left', 'swipe_right'); swap('swipe_up', 'swipe_down'); swap('circle_cw', 'circle_ccw'); }
  return result;
}

interface RealVariant {
  readonly row: MotionRow;
  readonly mirror: boolean;
  readonly reverse: boolean;
}

/** Per label, every (real row, mirror, reverse) giving that label: mirrored clockwise circles train the other way round too. */
function realVariants(rows: readonly MotionRow[]): Map<MotionLabel, RealVariant[]> {
  const variants = new Map<MotionLabel, RealVariant[]>(MOTION_LABELS.map((label) => [label, []]));
  for (const row of rows) {
    for (const mirror of [false, true]) {
      for (const reverse of [false, true]) variants.get(transformedLabel(row.label, mirror, reverse))!.push({ row, mirror, reverse });
    }
  }
  return variants;
}

/** Mirrored / reversed, rotated (any angle for circles and none, ±10° for swipes), rescaled and jittered. */
function augment(variant: RealVariant, label: MotionLabel, random: SeededRandom): PathPoint[] {
  const points = variant.reverse ? [...variant.row.points].reverse() : [...variant.row.points];
  const free = label === NONE_LABEL || label.startsWith('circle');
  const angle = free ? random.uniform(0, 2 * Math.PI) : random.uniform(-10, 10) * (Math.PI / 180);
  const scale = Math.exp(random.uniform(-0.4, 0.4));
  const [c, s] = [Math.cos(angle) * scale, Math.sin(angle) * scale];
  return points.map((p) => {
    const x = variant.mirror ? -p.x : p.x;
    return { x: c * x - s * p.y + 0.002 * random.normal(), y: s * x + c * p.y + 0.002 * random.normal() };
  });
}

interface SyntheticSet {
  readonly features: Float32Array[];
  readonly targets: number[];
}

function synthesize(recordings: number, perRecording: number, random: SeededRandom): SyntheticSet {
  const features: Float32Array[] = [];
  const targets: number[] = [];
  for (let r = 0; r < recordings; r++) {
    const style = randomStyle(random);
    MOTION_LABELS.forEach((label, target) => {
      for (let i = 0; i < perRecording; i++) {
        features.push(motionFeatures(synthesizeMotion(label, style, random)));
        targets.push(target);
      }
    });
  }
  return { features, targets };
}

export interface MotionTrainResult {
  /** The model as stored: rounded float layers, validation figures, int8 section. */
  readonly model: GestureModel;
  readonly float: Evaluation;
  readonly int8: Evaluation;
  /** Accuracy on held-out real rows of kinivi's own classes (Stop, Clockwise, Counter Clockwise), float and INT8. */
  readonly realAccuracy: { readonly float: number; readonly int8: number; readonly samples: number };
  readonly epochLosses: readonly number[];
}

/** The held-out samples: kinivi tails, then the held-out synthetic recordings. */
export function motionValidationSamples(data: KiniviMotionData, options: MotionTrainOptions = DEFAULT_MOTION_TRAIN_OPTIONS): ValidationSample[] {
  const { validation } = splitKiniviRuns(data, MOTION_SPLIT);
  const real = validation.map((row): ValidationSample => ({
    features: motionFeatures(row.points), target: MOTION_LABELS.indexOf(row.label), subset: row.subset,
  }));
  const synthetic = synthesize(options.validationRecordings, options.pathsPerRecording, syntheticValidationRandom(options.seed));
  return [...real, ...synthetic.features.map((features, i): ValidationSample => ({
    features, target: synthetic.targets[i], subset: `${SYNTHETIC_SUBSET_PREFIX}${MOTION_LABELS[synthetic.targets[i]]}`,
  }))];
}

/** Held-out synthetic recordings come from their own stream, never from the training one. */
function syntheticValidationRandom(seed: number): SeededRandom {
  return new SeededRandom(seed ^ 0x5eed_0b5e);
}

/** Share correct among samples whose subset is one of kinivi's own labelled classes (not the rule-labelled Move rows). */
export function realClassAccuracy(evaluation: Evaluation): { accuracy: number; samples: number } {
  let correct = 0;
  let total = 0;
  for (const [subset, tally] of Object.entries(evaluation.perSubset)) {
    if (!subset.startsWith(REAL_SUBSET_PREFIX) || subset.includes('Move')) continue;
    correct += tally.correct;
    total += tally.total;
  }
  return { accuracy: total === 0 ? 0 : correct / total, samples: total };
}

const round4 = (value: number) => Number(value.toFixed(4));

/** Trains, scores the stored float weights, quantizes (the shipped u7 scheme) and scores INT8. Deterministic for a seed. */
export function trainMotionModel(data: KiniviMotionData, options: MotionTrainOptions = DEFAULT_MOTION_TRAIN_OPTIONS, onEpoch?: (epoch: number, loss: number) => void): MotionTrainResult {
  const random = new SeededRandom(options.seed);
  const { train } = splitKiniviRuns(data, MOTION_SPLIT);
  const variants = realVariants(train);
  const syntheticTrain = synthesize(options.trainRecordings, options.pathsPerRecording, random.fork());
  const syntheticByClass = MOTION_LABELS.map((_, target) => syntheticTrain.features.filter((__, i) => syntheticTrain.targets[i] === target));
  const validation = motionValidationSamples(data, options);

  const mlp = createMlp([MOTION_FEATURE_SPEC.length, ...options.hiddenSizes, MOTION_LABELS.length], random.fork());
  const trainer = new MlpTrainer(mlp, { learningRate: options.learningRate, weightDecay: options.weightDecay });
  const epochLosses: number[] = [];
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const epochRandom = random.fork();
    const samples: { features: Float32Array; target: number }[] = [];
    MOTION_LABELS.forEach((label, target) => {
      const real = variants.get(label)!;
      for (let i = 0; i < options.samplesPerClass; i++) {
        const features = real.length > 0 && epochRandom.next() < options.realShare
          ? motionFeatures(augment(epochRandom.pick(real), label, epochRandom))
          : epochRandom.pick(syntheticByClass[target]);
        samples.push({ features, target });
      }
    });
    epochRandom.shuffle(samples);
    const progress = (epoch - 1) / Math.max(1, options.epochs - 1);
    const learningRate = options.learningRate * (0.05 + 0.95 * 0.5 * (1 + Math.cos(Math.PI * progress)));
    let loss = 0;
    let batches = 0;
    for (let start = 0; start < samples.length; start += options.batchSize) {
      const batch = samples.slice(start, start + options.batchSize);
      loss += trainer.trainBatch(batch.map((s) => s.features), batch.map((s) => s.target), learningRate);
      batches++;
    }
    epochLosses.push(loss / batches);
    onEpoch?.(epoch, loss / batches);
  }

  const realTrainRows = train.length;
  const draft = roundModelWeights({
    format: GESTURE_MODEL_FORMAT,
    version: GESTURE_MODEL_VERSION,
    labels: [...MOTION_LABELS],
    featureSpec: { ...MOTION_FEATURE_SPEC },
    layers: mlpToLayers(mlp),
    training: {
      seed: options.seed, epochs: options.epochs, hiddenSizes: [...options.hiddenSizes], batchSize: options.batchSize,
      optimizer: 'AdamW', learningRate: options.learningRate, learningRateSchedule: 'cosine to 5%', weightDecay: options.weightDecay,
      samplesPerClassPerEpoch: options.samplesPerClass, realShare: options.realShare, realTrainingRows: realTrainRows,
      synthetic: {
        trainRecordings: options.trainRecordings, validationRecordings: options.validationRecordings, pathsPerClassPerRecording: options.pathsPerRecording,
        method: 'src/core/train/motion/motion-synthesis.ts: swipes ±20° off axis, 0.15-0.7 image heights, bowed; elliptical loops of 270-420°, '
          + 'radius 0.06-0.3; none = still hands, 60-170° arcs, wanders, waves back and forth, diagonal strokes',
      },
      augmentation: 'real rows mirrored and/or reversed (label mapped), rotated (any angle for circles/none, ±10° swipes), scaled ×e^±0.4, jittered',
    },
    provenance: {
      sources: [{
        path: KINIVI_POINT_HISTORY, license: 'Apache-2.0', rows: [...data.runs.values()].reduce((n, run) => n + run.length, 0),
        labelsUsed: [...data.runs.keys()],
      }],
    },
    validation: { method: VALIDATION_METHOD, perClass: {}, accuracy: 0 },
  });
  const float = evaluateClassifier(new FloatMlpClassifier(draft), validation);
  const realFloat = realClassAccuracy(float);
  const scored: GestureModel = {
    ...draft,
    validation: {
      method: VALIDATION_METHOD, perClass: float.perClass, accuracy: round4(float.accuracy), balancedAccuracy: round4(float.balancedAccuracy),
      realClassAccuracy: round4(realFloat.accuracy), realClassSamples: realFloat.samples,
      perSubset: float.perSubset,
      confusion: { rows: 'actual label', columns: 'predicted label', matrix: float.confusion },
    },
  };

  const calibrationFeatures = [...train.map((row) => motionFeatures(row.points)), ...syntheticTrain.features];
  const reference = referenceRun(scored.layers, validation.map((s) => s.features), validation.map((s) => s.target));
  const run = runQuantConfig(scored.layers, calibrationRun(scored.layers, calibrationFeatures), reference, DEFAULT_QUANT_CONFIG);
  const section = int8Section(scored, run, {
    description: 'training rows of kinivi point_history (no held-out tail) and the training synthetic recordings', samples: calibrationFeatures.length,
    seed: options.seed,
  }, VALIDATION_METHOD);
  const int8 = evaluateClassifier(new Int8MlpClassifier(scored.labels, section), validation);
  const realInt8 = realClassAccuracy(int8);
  // Through the file format and its validating parser: what is returned is what ships.
  const model = parseMotionModelText(serializeGestureModel({
    ...scored,
    int8: { ...section, validation: { ...section.validation, realClassAccuracy: round4(realInt8.accuracy), perSubset: int8.perSubset } },
  }));
  return { model, float, int8, realAccuracy: { float: realFloat.accuracy, int8: realInt8.accuracy, samples: realFloat.samples }, epochLosses };
}
