// Record your own gestures: pick or type a name, hold the button (a countdown, then samples while held); review, delete, import, export.
import { useMemo, useState } from 'react';
import { countByLabel } from '../../core/dataset';
import { NONE_LABEL } from '../../core/labels';
import { addBuiltinSamples, deleteGesture, exportDataset, finishTake, importDatasetFile, startTake } from '../../session/recording-session';
import { GESTURE_LABELS as BUILTIN_MODEL_LABELS } from '../../core/model/builtin-gestures';
import { SampleThumbnails } from './SampleThumbnails';
import { downloadText } from '../download';
import { FileButton } from '../FileButton/FileButton';
import { useHandcastStore } from '../../store';

export function GestureRecorder() {
  const samples = useHandcastStore((s) => s.dataset.samples);
  const progress = useHandcastStore((s) => s.takeProgress);
  const builtIn = useHandcastStore((s) => s.recognizer?.labels);
  const running = useHandcastStore((s) => s.cameraStatus === 'running');
  const [label, setLabel] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [reviewing, setReviewing] = useState<string | null>(null);
  const [extendLabel, setExtendLabel] = useState('');
  const extendable = useMemo(() => BUILTIN_MODEL_LABELS.filter((name) => name !== NONE_LABEL), []);
  const counts = useMemo(() => [...countByLabel(samples)], [samples]);

  const begin = () => {
    const message = startTake(label);
    setProblem(message);
  };
  const end = () => {
    if (progress) finishTake();
  };

  return (
    <section className="panel" aria-label="Record gestures">
      <h2>Your gestures</h2>
      <div className="recorder-row">
        <label>
          Gesture
          <input list="gesture-names" value={label} maxLength={40} placeholder="e.g. call_me, heart, none" onChange={(e) => setLabel(e.target.value)} />
        </label>
        <datalist id="gesture-names">
          {[...new Set([...(builtIn ?? []), ...counts.map(([name]) => name)])].map((name) => <option key={name} value={name} />)}
        </datalist>
        <button
          type="button"
          className="primary"
          disabled={!running || label.trim() === ''}
          onPointerDown={begin}
          onPointerUp={end}
          onPointerLeave={end}
          onKeyDown={(e) => { if ((e.key === ' ' || e.key === 'Enter') && !e.repeat) begin(); }}
          onKeyUp={(e) => { if (e.key === ' ' || e.key === 'Enter') end(); }}
        >
          Hold to record
        </button>
      </div>
      <p className="muted" role="status" data-testid="take-progress">
        {progress
          ? progress.phase === 'countdown'
            ? `Get ready: ${Math.ceil(progress.secondsLeft)}…`
            : `Recording ${progress.label}: ${progress.captured} samples`
          : running ? 'Show the gesture with one or both hands, hold the button, move a little.' : 'Start the camera to record.'}
      </p>
      {problem && <p className="warning">{problem}</p>}
      {counts.length > 0 && (
        <ul className="gesture-counts">
          {counts.map(([name, count]) => (
            <li key={name} data-testid="gesture-count" data-label={name}>
              <div className="gesture-count-row">
                <span>{name}</span> <span className="muted">{count} samples</span>
                <span className="row-actions">
                  <button type="button" aria-label={`Review ${name}`} onClick={() => setReviewing(reviewing === name ? null : name)}>
                    {reviewing === name ? 'Close' : 'Review'}
                  </button>
                  <button type="button" aria-label={`Delete ${name}`} onClick={() => deleteGesture(name)}>Delete</button>
                </span>
              </div>
              {reviewing === name && <SampleThumbnails samples={samples.filter((x) => x.label === name)} />}
            </li>
          ))}
        </ul>
      )}
      {extendable.length > 0 && (
        <div className="recorder-row">
          <label>
            Extend a built-in gesture
            <select value={extendLabel} onChange={(e) => setExtendLabel(e.target.value)} aria-label="Built-in gesture to extend">
              <option value="">choose…</option>
              {extendable.map((name) => <option key={name} value={name}>{name}</option>)}
            </select>
          </label>
          <button type="button" disabled={extendLabel === ''} onClick={() => void addBuiltinSamples(extendLabel)}>Add its samples</button>
        </div>
      )}
      <div className="recorder-row">
        <FileButton label="Import…" accept=".jsonl,.json,.csv,text/csv" testId="dataset-file" onFile={(file) => void importDatasetFile(file)} />
        <button type="button" disabled={samples.length === 0} onClick={() => downloadText('handcast-gestures.jsonl', exportDataset('jsonl'))}>Export JSONL</button>
        <button type="button" disabled={samples.length === 0} onClick={() => downloadText('handcast-gestures.csv', exportDataset('xyz63'))}>Export CSV</button>
      </div>
    </section>
  );
}
