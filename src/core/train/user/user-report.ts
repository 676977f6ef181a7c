// What a user-model training run reports: float vs INT8 accuracy per class, confusion, rejection figures, the split.
import { NONE_LABEL } from '../../labels';
import type { GestureClassifier } from '../../classifier';
import type { ClassTally, GestureModel } from '../../model/gesture-model';
import { evaluateClassifier, type Evaluation } from '../shared/evaluate';
import { applyRejection } from '../../model/rejection';
import {
  chooseRejectionThreshold, DEFAULT_KEEP_FRACTION, rejectionFigures, type RejectionFigures, type ScoredSample,
} from '../shared/rejection-threshold';
import type { LabelSplit } from './take-split';
import type { UserData } from './user-data';

export const USER_VALIDATION_METHOD = 'take hold-out: per label about 25% of the recording takes (at least one when a label has two '
  + 'or more), chosen with the seed; a single-take label validates on the last 20% of its take after a 5% gap; '
  + 'plus synthetic none hands (embedded real fingers in patterns the gestures do not use) at any rotation';

export const REJECTION_METHOD = 'highest top-probability threshold (INT8 network) keeping 95% of the correctly classified '
  + 'held-out known-gesture samples';

export interface UserTrainReport {
  readonly labels: readonly string[];
  readonly perClass: Readonly<Record<string, { readonly float: ClassTally; readonly int8: ClassTally }>>;
  readonly floatAccuracy: number;
  readonly int8Accuracy: number;
  /** INT8 argmax, confusion[actual][predicted] in label order. */
  readonly confusion: readonly (readonly number[])[];
  /** The same after applyRejection at the threshold (what the page shows). */
  readonly confusionWithRejection: readonly (readonly number[])[];
  readonly rejection: RejectionFigures & { readonly keepFraction: number; readonly method: string };
  readonly trainSamples: number;
  readonly validationSamples: number;
  /** Per label: how many takes, which trained and which validated. */
  readonly takes: readonly LabelSplit[];
  readonly epochsRun: number;
  readonly bestEpoch: number;
  readonly qat: boolean;
  readonly syntheticNone: UserData['synthesis'];
  readonly notes: readonly string[];
}

export interface RunFacts {
  readonly epochsRun: number;
  readonly bestEpoch: number;
  readonly qat: boolean;
}

/** Scores the float and INT8 networks on the held-out set and chooses the rejection threshold on the INT8 one. */
export function buildUserReport(
  data: UserData, floatEvaluation: Evaluation, int8Classifier: GestureClassifier, facts: RunFacts,
): UserTrainReport {
  const labels = data.labels;
  const int8Evaluation = evaluateClassifier(int8Classifier, data.validation);
  const predictions = data.validation.map((sample) => int8Classifier.classify(sample.features));
  const scored: ScoredSample[] = predictions.map((p, i) => ({ actual: labels[data.validation[i].target], predicted: p.label, score: p.score }));
  const threshold = chooseRejectionThreshold(scored);
  const confusionWithRejection = labels.map(() => labels.map(() => 0));
  predictions.forEach((prediction, i) => {
    const label = applyRejection(prediction, threshold).label;
    // Without a none label, a rejected sample has no column: it is counted nowhere (the figures still say how many).
    const column = labels.indexOf(label);
    if (column >= 0) confusionWithRejection[data.validation[i].target][column]++;
  });
  const perClass: Record<string, { float: ClassTally; int8: ClassTally }> = {};
  for (const label of labels) perClass[label] = { float: floatEvaluation.perClass[label], int8: int8Evaluation.perClass[label] };
  return {
    labels,
    perClass,
    floatAccuracy: floatEvaluation.accuracy,
    int8Accuracy: int8Evaluation.accuracy,
    confusion: int8Evaluation.confusion,
    confusionWithRejection,
    rejection: { ...rejectionFigures(scored, threshold), keepFraction: DEFAULT_KEEP_FRACTION, method: REJECTION_METHOD },
    trainSamples: data.splits.reduce((sum, s) => sum + s.trainSamples, 0),
    validationSamples: data.validation.length,
    takes: data.splits,
    epochsRun: facts.epochsRun,
    bestEpoch: facts.bestEpoch,
    qat: facts.qat,
    syntheticNone: data.synthesis,
    notes: data.notes,
  };
}

/** The model file's `training` record for a user model. */
export function describeUserTraining(
  options: { seed: number; maxEpochs: number; patience: number; hiddenSizes: readonly number[]; batchSize: number;
    learningRate: number; samplesPerClass: number; qat: boolean; augment: object },
  epochsRun: number, bestEpoch: number, data: UserData,
): GestureModel['training'] {
  return {
    seed: options.seed,
    epochs: options.maxEpochs,
    epochsRun,
    bestEpoch,
    trainer: 'trainUserGestureModel (src/core/train/user/user-model.ts)',
    hiddenSizes: [...options.hiddenSizes],
    batchSize: options.batchSize,
    optimizer: 'AdamW',
    learningRate: options.learningRate,
    learningRateSchedule: 'cosine to 5%',
    weightDecay: 1e-4,
    samplesPerClassPerEpoch: options.samplesPerClass,
    earlyStopping: options.patience === 0 ? 'off' : `patience ${options.patience} on validation loss`,
    augmentation: { ...options.augment, mirror: 'random (a no-op for the canonical features)' },
    qat: options.qat,
    syntheticNone: data.synthesis,
  };
}

const percent = (value: number) => `${(100 * value).toFixed(1)}%`;

/** Pads a tally as "correct/total (accuracy)". */
function formatTally(tally: ClassTally): string {
  return `${tally.correct}/${tally.total}`.padStart(9) + (tally.total === 0 ? '      -' : ` ${percent(tally.correct / tally.total).padStart(6)}`);
}

/** A matrix as text with label headings, rows actual, columns predicted. */
export function formatConfusion(labels: readonly string[], matrix: readonly (readonly number[])[]): string {
  const width = Math.max(18, ...labels.map((l) => l.length));
  const cell = Math.max(...labels.map((l) => l.length + 1), ...matrix.flat().map((n) => String(n).length + 1));
  const head = `${'actual \\ predicted'.padEnd(width)} ${labels.map((l) => l.padStart(cell)).join('')}`;
  return [head, ...matrix.map((row, i) => `${labels[i].padEnd(width)} ${row.map((n) => String(n).padStart(cell)).join('')}`)].join('\n');
}

/** The report as text for the CLI: split, per-class float vs INT8, confusion, rejection, notes. */
export function formatUserReport(report: UserTrainReport): string {
  const lines: string[] = [];
  lines.push(`train ${report.trainSamples} samples, validate ${report.validationSamples} (held-out takes + synthetic none); `
    + `epochs run ${report.epochsRun}, best ${report.bestEpoch}${report.qat ? ', QAT fine-tuned' : ''}`);
  for (const split of report.takes) {
    lines.push(`  ${split.label}: ${split.takes} takes, ${split.trainSamples} train / ${split.validationSamples} validation samples`);
  }
  const width = Math.max(5, ...report.labels.map((l) => l.length));
  lines.push('', `${'label'.padEnd(width)}      float accuracy       int8 accuracy`);
  for (const label of report.labels) {
    const { float, int8 } = report.perClass[label];
    lines.push(`${label.padEnd(width)}  ${formatTally(float)}  ${formatTally(int8)}`);
  }
  lines.push(`${'all'.padEnd(width)}  ${percent(report.floatAccuracy).padStart(16)}  ${percent(report.int8Accuracy).padStart(16)}`);
  lines.push('', 'INT8 confusion (argmax):', formatConfusion(report.labels, report.confusion));
  const r = report.rejection;
  lines.push('', `rejection threshold ${r.threshold} (keeps ${percent(r.keepFraction)} of correct known gestures):`,
    `  none samples still recognised as a gesture: ${percent(r.noneMisclassifiedRate)} of ${r.noneSamples}`,
    `  known gestures turned into ${NONE_LABEL}: ${percent(r.knownRejectedRate)} of ${r.knownSamples}`,
    '', 'INT8 confusion after rejection:', formatConfusion(report.labels, report.confusionWithRejection));
  if (report.syntheticNone) {
    const s = report.syntheticNone;
    lines.push('', `synthetic none: ${s.train} train / ${s.validation} validation hands; finger patterns left out `
      + `(index-middle-ring-pinky) ${s.excludedPatterns.join(' ') || '-'}; ${s.droppedAsTooClose} dropped as too close to a gesture`);
  }
  for (const note of report.notes) lines.push(`note: ${note}`);
  return lines.join('\n');
}
