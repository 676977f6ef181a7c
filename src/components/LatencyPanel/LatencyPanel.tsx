// Per-stage latency (last, p50, p95 in ms), frames per second, the hand search and its power setting, and what runs: landmarker, delegate, classifier and kernel.
import { PIPELINE_STAGES } from '../../core/stats/latency';
import type { PowerMode } from '../../core/tracking/hand-search-schedule';
import { setPowerMode } from '../../session/live-session';
import { useHandcastStore } from '../../store';

/** Milliseconds with two decimals below 10 ms (features and classifier take tenths of a millisecond), else one. */
const ms = (value: number) => value.toFixed(value < 10 ? 2 : 1);
const formatMicros = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} µs`;

export function LatencyPanel() {
  const latency = useHandcastStore((s) => s.latency);
  const recognizer = useHandcastStore((s) => s.recognizer);
  const frameErrors = useHandcastStore((s) => s.frameErrors);
  const lastFrameError = useHandcastStore((s) => s.lastFrameError);
  const detection = useHandcastStore((s) => s.detection);
  const powerMode = useHandcastStore((s) => s.settings.powerMode);
  const schedule = useHandcastStore((s) => s.settings.detectionSchedule);
  return (
    <section className="panel" aria-label="Latency">
      <h2>Latency</h2>
      <table className="latency">
        <thead>
          <tr><th>stage</th><th>last</th><th>p50</th><th>p95</th></tr>
        </thead>
        <tbody>
          {PIPELINE_STAGES.map((stage) => {
            const s = latency?.stages[stage];
            return (
              <tr key={stage} data-testid={`latency-${stage}`}>
                <td>{stage}</td>
                <td>{s ? ms(s.last) : '–'}</td>
                <td>{s ? ms(s.p50) : '–'}</td>
                <td>{s ? ms(s.p95) : '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p data-testid="fps">{latency ? `${latency.fps.toFixed(1)} frames/s` : '– frames/s'} <span className="muted">(ms over the last {latency?.frames ?? 0} frames)</span></p>
      <p data-testid="detection">
        {detection
          ? `palm detector ${detection.searchesPerSecond.toFixed(1)}/s · ${detection.handsTracked} hand${detection.handsTracked === 1 ? '' : 's'} followed`
          : 'palm detector –/s'}
        <span className="muted"> ({schedule === 'adaptive' ? 'looks for new hands a few times a second' : 'on every frame'})</span>
      </p>
      <label title="Smooth looks for hands often; saver looks less often, and much less after a few seconds without a hand">
        Power{' '}
        <select value={powerMode} onChange={(e) => setPowerMode(e.target.value as PowerMode)}>
          <option value="smooth">smooth</option>
          <option value="saver">saver</option>
        </select>
      </label>
      {recognizer && (
        <>
          <p className="muted" data-testid="engine">
            landmarker {recognizer.landmarkerModel} on {recognizer.delegate} · classifier {recognizer.classifierEngine}, {formatMicros(recognizer.classifierMicros)} per inference
          </p>
          {recognizer.kernel && (
            <p className="muted" data-testid="kernel" title={`${recognizer.kernel.reason}\n${recognizer.kernel.layerKernels.join('\n')}`}>
              kernel {recognizer.kernel.isa}
            </p>
          )}
        </>
      )}
      {frameErrors > 0 && <p className="warning">{frameErrors} frame{frameErrors === 1 ? '' : 's'} failed: {lastFrameError}</p>}
    </section>
  );
}
