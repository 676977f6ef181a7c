// "On stream": the OBS connection, the camera source followed in OBS, gesture → action mappings, dry run and arming, the last events, profile export/import.
import type { GestureMapping, StreamAction } from '../../actions/stream-action';
import { exportProfile, importProfileFile } from '../../session/stream-profile';
import { useHandcastStore } from '../../store';
import { downloadText } from '../download';
import { FileButton } from '../FileButton/FileButton';
import { CameraSourcePicker } from './CameraSourcePicker';
import { MappingForm } from './MappingForm';
import { ObsConnection } from './ObsConnection';
import { MappingScenes } from './SceneLimit';

function describeAction(action: StreamAction): string {
  switch (action.kind) {
    case 'overlay-effect': return `overlay ${action.effect}${action.emoji ? ` ${action.emoji}` : ''}${action.text ? ` "${action.text}"` : ''}`;
    case 'switch-scene': return `switch to scene "${action.sceneName}"`;
    case 'scene-item': return `${action.visible === 'toggle' ? 'toggle' : action.visible === 'on' ? 'show' : 'hide'} "${action.sourceName}" in "${action.sceneName}"`;
    case 'input-mute': return `${action.muted === 'toggle' ? 'toggle mute of' : action.muted === 'on' ? 'mute' : 'unmute'} "${action.inputName}"`;
    case 'filter': return `${action.enabled === 'toggle' ? 'toggle' : action.enabled === 'on' ? 'enable' : 'disable'} filter "${action.filterName}" on "${action.sourceName}"`;
    case 'hotkey': return `hotkey ${action.hotkeyName}`;
    case 'custom-event': return 'broadcast a custom event';
  }
}

function describeMapping(mapping: GestureMapping): string {
  return `${mapping.gesture}${mapping.hand === 'any' ? '' : ` (${mapping.hand})`} → ${describeAction(mapping.action)}`;
}

export function StreamPanel() {
  const stream = useHandcastStore((s) => s.stream);
  const log = useHandcastStore((s) => s.streamLog);
  const updateStream = useHandcastStore((s) => s.updateStream);

  return (
    <section className="panel" aria-label="On stream">
      <h2>On stream</h2>
      <ObsConnection />
      <CameraSourcePicker />
      <h3>Mappings</h3>
      {stream.mappings.length === 0
        ? <p className="muted">Nothing is mapped: gestures do nothing on stream until you add a mapping.</p>
        : (
          <ul className="mappings">
            {stream.mappings.map((mapping) => (
              <li key={mapping.id} data-testid="mapping">
                <span>{describeMapping(mapping)} <MappingScenes mapping={mapping} /></span>
                <button type="button" aria-label={`Remove ${describeMapping(mapping)}`} onClick={() => updateStream({ mappings: stream.mappings.filter((m) => m.id !== mapping.id) })}>Remove</button>
              </li>
            ))}
          </ul>
        )}
      <MappingForm />
      <div className="recorder-row">
        <label className="check"><input type="checkbox" checked={stream.dryRun} onChange={(e) => updateStream({ dryRun: e.target.checked })} /> Dry run (show what would fire, send nothing to OBS)</label>
        <label className="check"><input type="checkbox" checked={stream.armingRequired} onChange={(e) => updateStream({ armingRequired: e.target.checked })} /> Arm first (hold victory 1 s; armed for 30 s)</label>
      </div>
      <div className="recorder-row">
        <button type="button" onClick={() => downloadText('handcast-profile.json', exportProfile())}>Export profile</button>
        <FileButton label="Import profile…" accept=".json,application/json" testId="profile-file" onFile={(file) => void importProfileFile(file)} />
      </div>
      <h3>Last events</h3>
      {log.length === 0
        ? <p className="muted">No gesture event yet.</p>
        : (
          <ol className="stream-log" data-testid="stream-log">
            {log.map((entry) => (
              <li key={entry.id} data-testid="stream-event" data-gesture={entry.gesture}>
                <strong>{entry.gesture}</strong> <span className="muted">{entry.handedness}</span>
                <ul>{entry.outcomes.map((line, i) => <li key={i}>{line}</li>)}</ul>
              </li>
            ))}
          </ol>
        )}
    </section>
  );
}
