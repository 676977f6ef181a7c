// Scores a classifier on held-out samples: per class, per source subset, and a confusion matrix.
import type { GestureClassifier } from '../../classifier';
import type { ClassTally } from '../../model/gesture-model';
import type { ValidationSample } from './splits';

export interface Evaluation {
  readonly perClass: Record<string, ClassTally>;
  readonly perSubset: Record<string, ClassTally>;
  /** confusion[actual][predicted], both in label order. */
  readonly confusion: number[][];
  /** Fraction of all samples correct. */
  readonly accuracy: number;
  /** Mean of the per-class accuracies (classes with samples only): not dominated by the big classes. */
  readonly balancedAccuracy: number;
}

function tally(tallies: Record<string, ClassTally>, key: string, correct: boolean): void {
  const previous = tallies[key] ?? { correct: 0, total: 0 };
  tallies[key] = { correct: previous.correct + (correct ? 1 : 0), total: previous.total + 1 };
}

export function evaluateClassifier(classifier: GestureClassifier, samples: readonly ValidationSample[]): Evaluation {
  const labels = classifier.labels;
  const perClass: Record<string, ClassTally> = {};
  for (const label of labels) perClass[label] = { correct: 0, total: 0 };
  const perSubset: Record<string, ClassTally> = {};
  const confusion = labels.map(() => labels.map(() => 0));
  let correct = 0;
  for (const sample of samples) {
    const predicted = labels.indexOf(classifier.classify(sample.features).label);
    const isCorrect = predicted === sample.target;
    if (isCorrect) correct++;
    confusion[sample.target][predicted]++;
    tally(perClass, labels[sample.target], isCorrect);
    tally(perSubset, sample.subset, isCorrect);
  }
  const classAccuracies = Object.values(perClass).filter((t) => t.total > 0).map((t) => t.correct / t.total);
  const balancedAccuracy = classAccuracies.reduce((sum, value) => sum + value, 0) / Math.max(1, classAccuracies.length);
  return {
    perClass,
    perSubset,
    confusion,
    accuracy: samples.length === 0 ? 0 : correct / samples.length,
    balancedAccuracy,
  };
}

/** A fixed-width text table of per-class (or per-subset) accuracy, for the training tool's output. */
export function formatTallyTable(tallies: Record<string, ClassTally>, heading: string): string {
  const width = Math.max(heading.length, ...Object.keys(tallies).map((name) => name.length));
  const lines = [`${heading.padEnd(width)}  correct/total  accuracy`];
  for (const [name, { correct, total }] of Object.entries(tallies)) {
    const accuracy = total === 0 ? '     -' : `${((100 * correct) / total).toFixed(1).padStart(5)}%`;
    lines.push(`${name.padEnd(width)}  ${`${correct}/${total}`.padStart(13)}  ${accuracy}`);
  }
  return lines.join('\n');
}
