// Trains the default gesture model from loaded sources: balanced seeded sampling, augmentation, AdamW, early stopping.
import { NONE_LABEL } from '../../labels';
import { FEATURE_SPEC } from '../../landmarks/features';
import { FloatMlpClassifier } from '../../mlp/float-mlp';
import { GESTURE_MODEL_FORMAT, GESTURE_MODEL_VERSION, parseGestureModel, type GestureModel, type ModelLayer, type RejectionInfo } from '../../model/gesture-model';
import { withModelRejection } from '../../model/rejection';
import { choosePerClassThresholds, MAX_REJECTION_THRESHOLD } from '../shared/rejection-threshold';
import { roundModelWeights } from '../../model/serialize-model';
import { prepareData, type LoadedSource, type PoseGroup, type PreparedData } from './dataset';
import { evaluateClassifier, type Evaluation } from '../shared/evaluate';
import { BUILTIN_CLASSES, gestureIndex, type ClassSet } from './gesture-recipes';
import { DEFAULT_SPLIT, type SplitOptions } from '../shared/splits';
import { cloneMlp, createMlp, evaluateMlp, MlpTrainer, mlpToLayers } from '../shared/mlp-trainer';
import { augmentedFeatures, DEFAULT_AUGMENT, type AugmentOptions } from '../shared/poses';
import { SeededRandom } from '../../../util/seeded-random';
import { canSynthesize, NONE_FINGER_PATTERNS, resolvePattern, synthesizeHand, type Donors } from '../shared/synthesize-none';

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
  /** Weight of synthesised hands among none's kinds (each real kind weighs 1, see groupWeights); 0 turns synthesis off. */
  readonly noneSynthesisWeight: number;
  /** none draws samplesPerClass × this per epoch: it covers every shape of no class, so it may need more than one class's share. */
  readonly noneSampleFactor: number;
  /**
   * Total weight of the recorded none of no fixed finger pattern (the people's none rows, '-----': an "L", the "I love
   * you" hand, letters…), shared equally by those recordings (see groupWeights).
   */
  readonly recordedNoneWeight: number;
  /** Finger patterns synthesised as none (see NONE_FINGER_PATTERNS). */
  readonly noneSynthesisPatterns: readonly string[];
  /** Where synthetic none takes its fingers (see PrepareOptions): 1 every recording, 0 open hands and fists. */
  readonly donorsFromEveryClass: number;
  /** 1: the people's training rows whose finger pattern contradicts their label are left out (ClassRecipe.check). */
  readonly checkFingerPatterns: number;
  /**
   * Per-class rejection: each class's threshold keeps this fraction of its correctly classified fresh training draws
   * (builtinRejection); 0 ships no rejection section.
   */
  readonly rejectionKeep: number;
  /**
   * Added to none's output bias (its logit) once training is done: below 0 a hand about as much a known sign as none is
   * called the sign. A one-number calibration of the trade between unknown shapes called none and known signs lost to
   * it, chosen on the open-set evaluation (docs/features.md); 0 leaves the trained model as it is.
   */
  readonly noneBias: number;
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
  noneSampleFactor: 2,
  recordedNoneWeight: 1,
  noneSynthesisPatterns: NONE_FINGER_PATTERNS,
  donorsFromEveryClass: 1,
  checkFingerPatterns: 1,
  rejectionKeep: 0,
  noneBias: 0,
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
 * How often each of a class's groups is drawn: every kind of hand weighs 1, shared equally by its groups (one per
 * person). A recipe that says what the hand does (finger pattern and pose policy) is one kind however many people
 * recorded it, so pointing down or sideways and thumbs sideways stay one kind of none each. Recordings whose digits
 * are all kept as recorded ('-----', the people's none: an "L" here, the "I love you" hand there) share
 * `recordedNoneWeight` between them: each of the 10 people's none recordings weighing 1, as at first, left pointing
 * down or sideways one share of 15 of none's draws and its held-out rows fell from 99 to 19 of 103.
 */
export function groupWeights(classGroups: readonly PoseGroup[], recordedNoneWeight = DEFAULT_TRAIN_OPTIONS.recordedNoneWeight): number[] {
  const asRecorded = (group: PoseGroup) => /^-+$/.test(group.recipe.fingers);
  const kind = (group: PoseGroup) => (asRecorded(group) ? '-----' : `${group.recipe.fingers} ${JSON.stringify(group.recipe.pose)}`);
  const perKind = new Map<string, number>();
  for (const group of classGroups) perKind.set(kind(group), (perKind.get(kind(group)) ?? 0) + 1);
  return classGroups.map((group) => (asRecorded(group) ? recordedNoneWeight : 1) / perKind.get(kind(group))!);
}

/**
 * One epoch of balanced samples: each class gets samplesPerClass draws over its groups (by groupWeights), each
 * augmented and re-articulated under its recipe, plus synthetic "none" hands (as one more kind of none, weighing
 * noneSynthesisWeight). The trainer's sampler; QAT fine-tunes on the same distribution (builtin/training-samples.ts).
 */
export function drawTrainingEpoch(
  groups: readonly (readonly PoseGroup[])[], donors: Donors, options: TrainOptions, random: SeededRandom,
): { inputs: Float32Array[]; targets: number[] } {
  const samples: { input: Float32Array; target: number }[] = [];
  const none = gestureIndex(NONE_LABEL, options.classes);
  const canSynthesise = options.noneSynthesisWeight > 0 && canSynthesize(donors);
  groups.forEach((classGroups, target) => {
    const synthesisWeight = target === none && canSynthesise ? options.noneSynthesisWeight : 0;
    const cumulative: number[] = [];
    groupWeights(classGroups, options.recordedNoneWeight).reduce((sum, weight) => (cumulative.push(sum + weight), sum + weight), 0);
    const groupWeight = cumulative.length === 0 ? 0 : cumulative[cumulative.length - 1];
    const totalWeight = groupWeight + synthesisWeight;
    if (totalWeight === 0) return;
    const draws = target === none ? Math.round(options.samplesPerClass * options.noneSampleFactor) : options.samplesPerClass;
    for (let k = 0; k < draws; k++) {
      const choice = random.next() * totalWeight;
      if (choice >= groupWeight) {
        const fingers = resolvePattern(random.pick(options.noneSynthesisPatterns), random);
        const pose = { points: synthesizeHand(fingers, donors, random), orientation: 0 };
        const articulation = { fingers, closedThumbs: donors.curled[0] };
        samples.push({ input: augmentedFeatures(pose, { kind: 'any-rotation' }, options.augment, random, articulation), target });
      } else {
        const index = cumulative.findIndex((end) => choice < end);
        const group = classGroups[index < 0 ? classGroups.length - 1 : index];
        const articulation = { fingers: group.recipe.fingers, closedThumbs: donors.curled[0], minDigitLength: group.recipe.minDigitLength };
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
    layers: withNoneBias(mlpToLayers(best.mlp), gestureIndex(NONE_LABEL, options.classes), options.noneBias),
    training: describeTraining(options, epochs.length, best.epoch),
    provenance: { sources: [...data.provenance] },
    validation: { method: VALIDATION_METHOD, perClass: {}, accuracy: 0 },
  };
  // Score the rounded weights, the ones that ship, with the rejection they ship with.
  const rounded = roundModelWeights(draft);
  const stored: GestureModel = options.rejectionKeep > 0 ? { ...rounded, rejection: builtinRejection(rounded, data, options) } : rounded;
  const evaluation = evaluateClassifier(withModelRejection(new FloatMlpClassifier(stored), stored), data.validation);
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

/** The layers with `shift` added to output `none`'s bias in the last layer (TrainOptions.noneBias). */
export function withNoneBias(layers: readonly ModelLayer[], none: number, shift: number): readonly ModelLayer[] {
  if (shift === 0 || none < 0) return layers;
  const last = layers[layers.length - 1];
  const bias = last.bias.map((value, output) => (output === none ? value + shift : value));
  return [...layers.slice(0, -1), { ...last, bias }];
}

/** Fresh training draws per class that the per-class rejection thresholds are chosen on. */
const REJECTION_DRAWS_PER_CLASS = 500;

/**
 * Per-class rejection thresholds for `model`: one more epoch of the trainer's own sampler (augmented training poses and
 * synthetic none, never the held-out blocks, so their figures stay honest), scored by the float model; each class
 * keeps options.rejectionKeep of its correctly classified draws (choosePerClassThresholds, capped like a user model's).
 */
export function builtinRejection(model: GestureModel, data: PreparedData, options: TrainOptions): RejectionInfo {
  const draws = drawTrainingEpoch(data.groups, data.trainDonors, { ...options, samplesPerClass: REJECTION_DRAWS_PER_CLASS },
    new SeededRandom(options.seed ^ 0x2e1ec7));
  const classifier = new FloatMlpClassifier(model);
  const samples = draws.inputs.map((features, i) => {
    const prediction = classifier.classify(features);
    return { actual: model.labels[draws.targets[i]], predicted: prediction.label, score: prediction.score };
  });
  const perClass = choosePerClassThresholds(samples, model.labels, options.rejectionKeep);
  return {
    threshold: 0,
    perClass: Object.fromEntries(Object.entries(perClass).map(([label, threshold]) => [label, roundTo(threshold, 4)])),
    keepFraction: options.rejectionKeep,
    method: `per predicted class: the top probability that keeps ${options.rejectionKeep} of that class's correctly classified `
      + `draws of the trainer's sampler (${REJECTION_DRAWS_PER_CLASS} a class, augmented training blocks and synthetic none), `
      + `at most ${MAX_REJECTION_THRESHOLD}; none is never rejected`,
  };
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
      method: options.donorsFromEveryClass
        ? 'finger chains of real hands of every class (each digit from hands whose recipe says it is extended or curled) recombined into thumb-index-middle-ring-pinky patterns of no class'
        : 'finger chains of real open hands / fists recombined into thumb-index-middle-ring-pinky patterns of no class',
      noneDrawsPerEpoch: `samplesPerClass × ${options.noneSampleFactor}`,
      recordedNoneWeight: options.recordedNoneWeight,
    },
    ...(options.noneBias !== 0 ? { noneBias: `${options.noneBias} added to none's output bias after training (open-set calibration)` } : {}),
    peopleRowsChecked: options.checkFingerPatterns
      ? 'training rows of the people whose finger pattern contradicts their label are left out (people README test)'
      : 'no',
  };
}
