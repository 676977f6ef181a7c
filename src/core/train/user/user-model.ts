// Trains a model on the user's own gestures: take-held-out validation, early stopping, KL-calibrated INT8, a rejection threshold.
import type { GestureSample } from '../../dataset/types';
import { FEATURE_SPEC } from '../../landmarks/features';
import { FloatMlpClassifier } from '../../mlp/float-mlp';
import { GESTURE_MODEL_FORMAT, GESTURE_MODEL_VERSION, parseGestureModelText, type GestureModel } from '../../model/gesture-model';
import { roundModelWeights, serializeGestureModel } from '../../model/serialize-model';
import { Int8MlpClassifier } from '../../quant/int8-classifier';
import { evaluateClassifier } from '../shared/evaluate';
import { cloneMlp, createMlp, evaluateMlp, MlpTrainer, mlpToLayers } from '../shared/mlp-trainer';
import { SeededRandom } from '../../../util/seeded-random';
import { DEFAULT_TAKE_SPLIT, type TakeSplitOptions } from './take-split';
import { DEFAULT_USER_AUGMENT, type UserAugmentOptions } from './user-augment';
import { drawUserEpoch, prepareUserData } from './user-data';
import { quantizeUserModel } from './user-quantize';
import { buildUserReport, describeUserTraining, USER_VALIDATION_METHOD, type UserTrainReport } from './user-report';

export type { UserTrainReport } from './user-report';

/** Every option left out takes its DEFAULT_USER_TRAIN_OPTIONS value, so the page sends only what the user chose. */
export interface UserTrainOptions {
  readonly seed?: number;
  /** Upper bound; early stopping usually ends sooner. */
  readonly maxEpochs?: number;
  /** Stop after this many epochs without a lower validation loss (the best epoch's weights are kept); 0: never. */
  readonly patience?: number;
  readonly hiddenSizes?: readonly number[];
  /** Fine-tune with quantization-aware training before the final INT8 conversion. */
  readonly qat?: boolean;
  /** Mix in synthetic none hands built from embedded real fingers (default true). */
  readonly includeBuiltinNone?: boolean;
  /** Augmented draws per label per epoch (default 250). */
  readonly samplesPerClass?: number;
  readonly batchSize?: number;
  readonly learningRate?: number;
  readonly split?: TakeSplitOptions;
  readonly augment?: UserAugmentOptions;
}

/** Small and quick: a few user gestures need far less capacity than the default model's [128, 64]. */
export const DEFAULT_USER_TRAIN_OPTIONS = {
  seed: 1, maxEpochs: 40, patience: 6, hiddenSizes: [64, 32], qat: false, includeBuiltinNone: true,
  samplesPerClass: 250, batchSize: 32, learningRate: 0.003, split: DEFAULT_TAKE_SPLIT, augment: DEFAULT_USER_AUGMENT,
} as const satisfies Required<UserTrainOptions>;

export type UserTrainPhase = 'train' | 'calibrate' | 'quantize' | 'qat';

export interface UserTrainProgress {
  readonly phase: UserTrainPhase;
  /** 1-based epoch within the phase (0 when the phase has no epochs). */
  readonly epoch: number;
  readonly epochs: number;
  /** Mean training loss of the epoch (NaN outside 'train'). */
  readonly loss: number;
  /** Validation accuracy of the float network after the epoch (NaN outside 'train'). */
  readonly validationAccuracy: number;
}

export interface UserTrainResult {
  /** The model as stored: float layers rounded, int8 section, rejection threshold. */
  readonly model: GestureModel;
  readonly report: UserTrainReport;
}

/**
 * Training was stopped: thrown when shouldStop() asked for it (nothing is returned then), and the rejection of a
 * pending run the page aborted. Named 'AbortError', as the platform names a cancelled operation.
 */
export class TrainingAbortedError extends Error {
  constructor(epoch?: number) {
    super(epoch === undefined ? 'Training was stopped.' : `Training was stopped before epoch ${epoch}.`);
    this.name = 'AbortError';
  }
}

const QAT_EPOCHS = 3;

/**
 * Trains, quantizes and calibrates rejection for the user's samples. Deterministic for a seed (same
 * samples and options → same model, bit for bit). `shouldStop` is polled between epochs and before
 * quantization; when it returns true a TrainingAbortedError is thrown.
 */
export function trainUserGestureModel(
  samples: readonly GestureSample[], options: UserTrainOptions,
  onProgress?: (progress: UserTrainProgress) => void, shouldStop?: () => boolean,
): UserTrainResult {
  const steps = userTrainingSteps(samples, options, onProgress);
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    if (shouldStop?.()) throw new TrainingAbortedError(step.value);
  }
}

/** A macrotask break: lets a worker receive an abort message, or the page paint, between epochs. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The same training, awaiting `pause` between epochs so the thread running it stays responsive (the
 * worker reads abort messages, the page fallback keeps painting). Same result as the synchronous call.
 */
export async function trainUserGestureModelAsync(
  samples: readonly GestureSample[], options: UserTrainOptions,
  onProgress?: (progress: UserTrainProgress) => void, shouldStop?: () => boolean, pause: () => Promise<void> = nextTask,
): Promise<UserTrainResult> {
  const steps = userTrainingSteps(samples, options, onProgress);
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    await pause();
    if (shouldStop?.()) throw new TrainingAbortedError(step.value);
  }
}

/**
 * The training as resumable steps: yields the number of the next epoch (or phase) after each epoch and
 * before quantizing, and returns the result. Drivers decide what happens between steps.
 */
export function* userTrainingSteps(
  samples: readonly GestureSample[], options: UserTrainOptions, onProgress?: (progress: UserTrainProgress) => void,
): Generator<number, UserTrainResult, void> {
  const o = { ...DEFAULT_USER_TRAIN_OPTIONS, ...options };
  const data = prepareUserData(samples, {
    seed: o.seed, includeBuiltinNone: o.includeBuiltinNone, syntheticNoneTrain: 400, syntheticNoneValidation: 200,
    split: o.split, augment: o.augment,
  });
  const random = new SeededRandom(o.seed);
  const mlp = createMlp([FEATURE_SPEC.length, ...o.hiddenSizes, data.labels.length], random.fork());
  const trainer = new MlpTrainer(mlp, { learningRate: o.learningRate, weightDecay: 1e-4 });
  const validationInputs = data.validation.map((s) => s.features);
  const validationTargets = data.validation.map((s) => s.target);

  let best = { loss: Infinity, epoch: 0, mlp: cloneMlp(mlp) };
  let epochsRun = 0;
  for (let epoch = 1; epoch <= o.maxEpochs; epoch++) {
    if (epoch > 1) yield epoch;
    const { inputs, targets } = drawUserEpoch(data, o.samplesPerClass, o.augment, random.fork());
    const progress = (epoch - 1) / Math.max(1, o.maxEpochs - 1);
    const learningRate = o.learningRate * (0.05 + 0.95 * 0.5 * (1 + Math.cos(Math.PI * progress)));
    let lossSum = 0;
    let batches = 0;
    for (let start = 0; start < inputs.length; start += o.batchSize) {
      lossSum += trainer.trainBatch(inputs.slice(start, start + o.batchSize), targets.slice(start, start + o.batchSize), learningRate);
      batches++;
    }
    epochsRun = epoch;
    const scored = evaluateMlp(mlp, validationInputs, validationTargets);
    const validationAccuracy = validationInputs.length === 0 ? NaN : scored.correct / validationInputs.length;
    onProgress?.({ phase: 'train', epoch, epochs: o.maxEpochs, loss: lossSum / Math.max(1, batches), validationAccuracy });
    // Without validation samples there is nothing to stop on: keep the last weights.
    const loss = validationInputs.length === 0 ? -epoch : scored.loss;
    if (loss < best.loss) best = { loss, epoch, mlp: cloneMlp(mlp) };
    else if (o.patience > 0 && epoch - best.epoch >= o.patience) break;
  }

  yield epochsRun + 1;
  onProgress?.({ phase: o.qat ? 'qat' : 'calibrate', epoch: 0, epochs: o.qat ? QAT_EPOCHS : 0, loss: NaN, validationAccuracy: NaN });
  const draft = roundModelWeights({
    format: GESTURE_MODEL_FORMAT,
    version: GESTURE_MODEL_VERSION,
    labels: [...data.labels],
    featureSpec: { ...FEATURE_SPEC },
    layers: mlpToLayers(best.mlp),
    training: describeUserTraining(o, epochsRun, best.epoch, data),
    provenance: { sources: [{ path: 'user dataset', license: 'the user\'s own recordings', rows: samples.length, labelsUsed: [...data.labels] }] },
    validation: { method: USER_VALIDATION_METHOD, perClass: {}, accuracy: 0 },
  });
  const floatEvaluation = evaluateClassifier(new FloatMlpClassifier(draft), data.validation);
  const quantization = quantizeUserModel(draft, data, o.augment, o.seed, o.qat ? QAT_EPOCHS : 0, USER_VALIDATION_METHOD);
  onProgress?.({ phase: 'quantize', epoch: 0, epochs: 0, loss: NaN, validationAccuracy: NaN });
  const int8Classifier = new Int8MlpClassifier(draft.labels, quantization.section);
  const report = buildUserReport(data, floatEvaluation, int8Classifier, { epochsRun, bestEpoch: best.epoch, qat: o.qat });
  // Through the stored text and its parser: the returned model is exactly what a saved file loads as.
  const model = parseGestureModelText(serializeGestureModel({
    ...draft,
    validation: {
      method: USER_VALIDATION_METHOD,
      perClass: floatEvaluation.perClass,
      accuracy: round4(floatEvaluation.accuracy),
      balancedAccuracy: round4(floatEvaluation.balancedAccuracy),
      perSubset: floatEvaluation.perSubset,
      confusion: { rows: 'actual label', columns: 'predicted label', matrix: floatEvaluation.confusion },
    },
    rejection: {
      threshold: report.rejection.threshold,
      keepFraction: report.rejection.keepFraction,
      method: report.rejection.method,
      noneMisclassifiedRate: round4(report.rejection.noneMisclassifiedRate),
      knownRejectedRate: round4(report.rejection.knownRejectedRate),
    },
    int8: quantization.section,
  }));
  return { model, report };
}

function round4(value: number): number {
  return Number(value.toFixed(4));
}
