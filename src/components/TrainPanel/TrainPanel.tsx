// Train on the recorded gestures: a progress bar, a live loss/accuracy chart, then float vs INT8 accuracy and the confusion matrix.
import { useState } from 'react';
import { stopTraining, trainRecordedGestures } from '../../session/training-session';
import { useHandcastStore } from '../../store';
import { TrainingChart } from './TrainingChart';

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

export function TrainPanel() {
  const training = useHandcastStore((s) => s.training);
  const report = useHandcastStore((s) => s.trainReport);
  const labels = useHandcastStore((s) => new Set(s.dataset.samples.map((x) => x.label)).size);
  const [qat, setQat] = useState(false);
  const { latest } = training;
  const fraction = latest ? (latest.phase === 'train' ? latest.epoch / Math.max(1, latest.epochs) : 1) : 0;
  return (
    <section className="panel" aria-label="Train">
      <h2>Train</h2>
      <div className="recorder-row">
        {training.running ? (
          <button type="button" onClick={stopTraining}>Stop training</button>
        ) : (
          <button type="button" className="primary" disabled={labels < 2} onClick={() => void trainRecordedGestures({ qat })}>Train</button>
        )}
        <label className="check">
          <input type="checkbox" checked={qat} disabled={training.running} onChange={(e) => setQat(e.target.checked)} /> fine-tune for INT8 (QAT)
        </label>
      </div>
      {(training.running || training.history.length > 0) && (
        <>
          <progress max={1} value={fraction} aria-label="Training progress" />
          <p className="muted" data-testid="training-status">
            {training.running
              ? latest ? `${latest.phase} ${latest.epoch}/${latest.epochs}` : 'starting…'
              : 'done'}
            {latest && Number.isFinite(latest.validationAccuracy) ? ` · validation ${percent(latest.validationAccuracy)}` : ''}
          </p>
          <TrainingChart history={training.history} />
        </>
      )}
      {report && !training.running && (
        <div data-testid="train-report">
          <p>
            Validation (held-out takes): float {percent(report.floatAccuracy)}, INT8 {percent(report.int8Accuracy)}.{' '}
            Unknown poses: {percent(report.rejection.noneMisclassifiedRate)} of <code>none</code> misread as a gesture;
            threshold {report.rejection.threshold.toFixed(2)} turns {percent(report.rejection.knownRejectedRate)} of known gestures into <code>none</code>.
          </p>
          <ConfusionMatrix labels={report.labels} matrix={report.confusion} />
        </div>
      )}
    </section>
  );
}

function ConfusionMatrix({ labels, matrix }: { labels: readonly string[]; matrix: readonly (readonly number[])[] }) {
  return (
    <table className="confusion" aria-label="Confusion matrix (rows: actual, columns: predicted)">
      <thead>
        <tr><th>actual \ predicted</th>{labels.map((l) => <th key={l}>{l}</th>)}</tr>
      </thead>
      <tbody>
        {matrix.map((row, i) => (
          <tr key={labels[i]}>
            <th>{labels[i]}</th>
            {row.map((n, j) => <td key={labels[j]} className={i === j ? 'diagonal' : n > 0 ? 'miss' : ''}>{n}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
