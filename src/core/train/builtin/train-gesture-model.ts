// Trains the default gesture model from loaded sources: balanced seeded sampling, augmentation, AdamW, early stopping.
import { NONE_LABEL } from '../../labels';
import { FEATURE_SPEC } from '../../landmarks/features';
import { FloatMlpClassifier } from '../../mlp/float-mlp';
import { GESTURE_MODEL_FORMAT, GESTURE_MODEL_VERSION, parseGestureModel, type GestureModel } from '../../model/gesture-model';
import { roundModelWeights } from '../../model/serialize-model';
import { prepareData, type LoadedSource, type PoseGroup, type PreparedData } from './dataset';
import { evaluateClassifier, type Evaluation } from '../shared/evaluate';
import { BUILTIN_CLASSES, gestureIndex, type ClassSet } from './gesture-recipes';
import { DEFAULT_SPLIT, type SplitOptions } from '../shared/splits';
import { cloneMlp, createMlp, evaluateMlp, MlpTrainer, mlpToLayers } from '../shared/mlp-trainer';
import { augmentedFeatures, DEFAULT_AUGMENT, type AugmentOptions } from '../shared/poses';
import { SeededRandom } from '../../../util/seeded-random';
import { NONE_FINGER_PATTERNS, resolvePattern, synthesizeHand, type Donors } from '../shared/synthesize-none';

export interface TrainOptions {
  readonly seed: number;
  /** Maximum epochs; early stopping may end sooner. */
  readonly epochs: number;
  readonly hiddenSizes: readonly number[];
  readonly batchSize: number;
  /** Peak learning rate; it follows a cosine decay to 5% over `epochs`. */
  readonly learningRate: number;
  readonly weightDecay: number;
  /** Freshly augmented samples drawn per class per epoch (classes are balanced by construction). */
  readonly samplesPerClass: number;
  /**
   * Early stopping: after `patience` epochs without a lower validation loss, stop and keep the best
   * epoch's weights. 0 turns it off: all epochs run and the final weights are kept.
   */
  readonly patience: number;
  /** Weight of synthesised hands among none's groups (each real group weighs 1); 0 turns synthesis off. */
  readonly noneSynthesisWeight: number;
  /** Finger patterns synthesised as none (see NONE_FINGER_PATTERNS). */
  readonly noneSynthesisPatterns: readonly string[];
  readonly syntheticValidationCount: number;
  readonly split: SplitOptions;
  readonly augment: AugmentOptions;
  /** The labels learnt and the recipes feeding them: BUILTIN_CLASSES, or fewer (the open-set evaluation leaves one out). */
  readonly classes: ClassSet;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  seed: 1,
  epochs: 60,
  hiddenSizes: [128, 64],
  batchSize: 64,
  learningRate: 0.003,
  weightDecay: 1e-4,
  samplesPerClass: 800,
  patience: 0,
  noneSynthesisWeight: 1,
  noneSynthesisPatterns: NONE_FINGER_PATTERNS,
  syntheticValidationCount: 400,
  split: DEFAULT_SPLIT,
  augment: DEFAULT_AUGMENT,
  classes: BUILTIN_CLASSES,
};

export interface EpochReport {
  readonly epoch: number;
  readonly trainLoss: number;
  readonly validationLoss: number;
  readonly validationAccuracy: number;
}

export interface TrainResult {
  /** The model as it will be stored (weights rounded); its validation section scores exactly these weights. */
  readonly model: GestureModel;
  readonly epochs: readonly EpochReport[];
  readonly bestEpoch: number;
  readonly evaluation: Evaluation;
  /** The split it was trained and scored on (training groups, donors, held-out samples). */
  readonly data: PreparedData;
}

export const VALIDATION_METHOD = 'contiguous hold-out: the last 20% of each (source, label) run of consecutive frames, '
  + 'with the 5% before it dropped as a gap; orientation classes from kinivi Pointer / victorexpounder ThumbsUp use held-out rows '
  + 'whose recorded finger direction lies in the class window ("recorded") and/or held-out rows rotated into it ("rotated"; '
  + 'thumb_down and thumb-sideways none exist only so); '
  + 'synthetic none re-articulated from held-out open hands and fists only; victorexpounder read at aspect 4:3';

/**
 * One epoch of balanced samples: each class gets samplesPerClass draws over its groups (by weight), each
 * augmented and re-articulated under its recipe, plus synthetic "none" hands. The trainer's sampler; QAT
 * fine-tunes on the same distribution (builtin/training-samples.ts).
 */
export function drawTrainingEpoch(
  groups: readonly (readonly PoseGroup[])[], donors: Donors, options: TrainOptions, random: SeededRandom,
): { inputs: Float32Array[]; targets: number[] } {
  const samples: { input: Float32Array; target: number }[] = [];
  const none = gestureIndex(NONE_LABEL, options.classes);
  const canSynthesise = options.noneSynthesisWeight > 0 && donors.extended.length > 0 && donors.curled.length > 0;
  groups.forEach((classGroups, target) => {
    const synthesisWeight = target === none && canSynthesise ? options.noneSynthesisWeight : 0;
    const totalWeight = classGroups.length + synthesisWeight;
    if (totalWeight === 0) return;
    for (let k = 0; k < options.samplesPerClass; k++) {
      const choice = random.next() * totalWeight;
      if (choice >= classGroups.length) {
        const fingers = resolvePattern(random.pick(options.noneSynthesisPatterns), random);
        const pose = { points: synthesizeHand(fingers, donors, random), orientation: 0 };
        const articulation = { fingers, closedThumbs: donors.curled };
        samples.push({ input: augmentedFeatures(pose, { kind: 'any-rotation' }, options.augment, random, articulation), target });
      } else {
        const group = classGroups[Math.floor(choice)];
        const articulation = { fingers: group.recipe.fingers, closedThumbs: donors.curled, minDigitLength: group.recipe.minDigitLength };
        samples.push({ input: augmentedFeatures(random.pick(group.poses), group.recipe.pose, options.augment, random, articulation), target });
      }
    }
  });
  random.shuffle(samples);
  return { inputs: samples.map((s) => s.input), targets: samples.map((s) => s.target) };
}

/**
 * Trains on `sources` (parsed by the caller) and returns the model with honest held-out figures.
 * Deterministic: same sources and options give the same weights, bit for bit.
 */
export function trainGestureModel(
  sources: readonly LoadedSource[], options: TrainOptions = DEFAULT_TRAIN_OPTIONS,
  onEpoch?: (report: EpochReport) => void,
): TrainResult {
  const data = prepareData(sources, options);
  const { labels } = options.classes;
  const emptyClasses = labels.filter((label, i) => data.groups[i].length === 0 && label !== NONE_LABEL);
  if (emptyClasses.length > 0) throw new Error(`no training data for: ${emptyClasses.join(', ')}`);

  const random = new SeededRandom(options.seed);
  const mlp = createMlp([FEATURE_SPEC.length, ...options.hiddenSizes, labels.length], random.fork());
  const trainer = new MlpTrainer(mlp, { learningRate: options.learningRate, weightDecay: options.weightDecay });
  const validationInputs = data.validation.map((s) => s.features);
  const validationTargets = data.validation.map((s) => s.target);

  const epochs: EpochReport[] = [];
  let best = { loss: Infinity, epoch: 0, mlp: cloneMlp(mlp) };
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const { inputs, targets } = drawTrainingEpoch(data.groups, data.trainDonors, options, random.fork());
    const progress = (epoch - 1) / Math.max(1, options.epochs - 1);
    const learningRate = options.learningRate * (0.05 + 0.95 * 0.5 * (1 + Math.cos(Math.PI * progress)));
    let lossSum = 0;
    let batches = 0;
    for (let start = 0; start < inputs.length; start += options.batchSize) {
      const end = start + options.batchSize;
      lossSum += trainer.trainBatch(inputs.slice(start, end), targets.slice(start, end), learningRate);
      batches++;
    }
    const scored = evaluateMlp(mlp, validationInputs, validationTargets);
    const report = {
      epoch,
      trainLoss: lossSum / Math.max(1, batches),
      validationLoss: scored.loss,
      validationAccuracy: validationInputs.length === 0 ? 0 : scored.correct / validationInputs.length,
    };
    epochs.push(report);
    onEpoch?.(report);
    if (options.patience === 0) continue;
    if (report.validationLoss < best.loss) best = { loss: report.validationLoss, epoch, mlp: cloneMlp(mlp) };
    else if (epoch - best.epoch >= options.patience) break;
  }
  if (options.patience === 0) best = { loss: epochs[epochs.length - 1].validationLoss, epoch: epochs.length, mlp };

  const draft: GestureModel = {
    format: GESTURE_MODEL_FORMAT,
    version: GESTURE_MODEL_VERSION,
    labels: [...labels],
    featureSpec: { ...FEATURE_SPEC },
    layers: mlpToLayers(best.mlp),
    training: describeTraining(options, epochs.length, best.epoch),
    provenance: { sources: [...data.provenance] },
    validation: { method: VALIDATION_METHOD, perClass: {}, accuracy: 0 },
  };
  // Score the rounded weights, the ones that ship.
  const stored = roundModelWeights(draft);
  const evaluation = evaluateClassifier(new FloatMlpClassifier(stored), data.validation);
  const model = parseGestureModel({
    ...stored,
    validation: {
      method: VALIDATION_METHOD,
      perClass: evaluation.perClass,
      accuracy: roundTo(evaluation.accuracy, 4),
      balancedAccuracy: roundTo(evaluation.balancedAccuracy, 4),
      perSubset: evaluation.perSubset,
      confusion: { rows: 'actual label', columns: 'predicted label', matrix: evaluation.confusion },
    },
  });
  return { model, epochs, bestEpoch: best.epoch, evaluation, data };
}

function roundTo(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

function describeTraining(options: TrainOptions, epochsRun: number, bestEpoch: number): GestureModel['training'] {
  return {
    seed: options.seed,
    epochs: options.epochs,
    epochsRun,
    bestEpoch,
    hiddenSizes: [...options.hiddenSizes],
    batchSize: options.batchSize,
    optimizer: 'AdamW',
    learningRate: options.learningRate,
    learningRateSchedule: 'cosine to 5%',
    weightDecay: options.weightDecay,
    samplesPerClassPerEpoch: options.samplesPerClass,
    earlyStopping: options.patience === 0 ? 'off (all epochs, final weights)' : `patience ${options.patience} on validation loss`,
    augmentation: {
      xStretch: `log-uniform in [1/${options.augment.maxStretch}, ${options.augment.maxStretch}]`,
      jitterPalmSizes: options.augment.jitter,
      tilt: `3D about a random in-plane axis, cos(angle) in [${options.augment.minTiltSquash}, 1], `
        + `depth guessed from bone lengths × ${options.augment.tiltDepth} (tilt.ts)`,
      articulation: {
        method: 'per sample in the canonical frame, per the recipe\'s finger pattern (articulation.ts); '
          + 'redrawn when an extended finger would look curled, a curled one extended, or an aimed digit too short',
        spreadFactor: [options.augment.minSpreadFactor, options.augment.maxSpreadFactor],
        fingerWobbleDeg: options.augment.fingerWobbleDeg,
        foreshortening: [options.augment.minForeshortening, 1],
        flexDeg: options.augment.flexDeg,
        curledScale: [options.augment.minCurledScale, options.augment.maxCurledScale],
        thumbSwap: options.augment.thumbSwap,
        thumbDeg: options.augment.thumbDeg,
        fingerLengthRange: options.augment.fingerLengthRange,
        palmWidthRange: options.augment.palmWidthRange,
        palmPitch: [options.augment.minPalmPitch, 1],
      },
      rotation: 'any angle for open_palm, fist, victory, ok, rock, middle_finger; finger aimed at target ±25° for pointing/thumb classes',
      mirror: 'random (a no-op for the canonical features)',
    },
    noneSynthesis: {
      weight: options.noneSynthesisWeight,
      patterns: [...options.noneSynthesisPatterns],
      method: 'finger chains of real open hands / fists recombined into thumb-index-middle-ring-pinky patterns of no class',
    },
  };
}
