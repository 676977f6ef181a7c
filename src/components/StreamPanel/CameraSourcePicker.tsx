// Which OBS source shows this camera (cameras listed first), where Handcast follows it, and its flip: read from OBS once picked, else the "flipped" checkbox.
import type { ObsInput } from '../../core/overlay/obs-scene-replies';
import { pickCameraSource, refreshCameraFollow } from '../../session/camera-follow';
import { useHandcastStore } from '../../store';

function InputOptions({ label, inputs }: { label: string; inputs: readonly ObsInput[] }) {
  if (inputs.length === 0) return null;
  return (
    <optgroup label={label}>
      {inputs.map((input) => <option key={input.name} value={input.name}>{input.name}</option>)}
    </optgroup>
  );
}

export function CameraSourcePicker() {
  const source = useHandcastStore((s) => s.stream.obsCameraSource);
  const mirrored = useHandcastStore((s) => s.stream.obsCameraMirrored);
  const { summary, inputs, inputsProblem } = useHandcastStore((s) => s.cameraFollow);
  const connected = useHandcastStore((s) => s.obsStatus.state === 'connected');
  const updateStream = useHandcastStore((s) => s.updateStream);
  const listed = inputs ?? [];
  const missing = source !== '' && !listed.some((input) => input.name === source);

  return (
    <div className="camera-source">
      <div className="recorder-row">
        <label>
          Camera source in OBS
          <select aria-label="Camera source in OBS" value={source} onChange={(e) => pickCameraSource(e.target.value)}>
            <option value="">none: effects use the whole canvas</option>
            <InputOptions label="Cameras" inputs={listed.filter((input) => input.isCamera)} />
            <InputOptions label="Other sources" inputs={listed.filter((input) => !input.isCamera)} />
            {missing && <option value={source}>{source} {inputs === null ? '(saved)' : '(not in OBS)'}</option>}
          </select>
        </label>
        <button type="button" disabled={!connected} onClick={refreshCameraFollow}>Refresh</button>
      </div>
      <p className="camera-follow" role="status" data-testid="camera-follow" data-state={summary.state}>{summary.message}</p>
      {summary.canvas && (
        <p className="muted">Give the overlay Browser source the canvas size, {summary.canvas.width}×{summary.canvas.height}, and let it cover the whole canvas.</p>
      )}
      {inputsProblem && <p className="warning">Cannot list OBS's sources: {inputsProblem}</p>}
      {source === ''
        ? (
          <label className="check">
            <input type="checkbox" checked={mirrored} onChange={(e) => updateStream({ obsCameraMirrored: e.target.checked })} /> My camera source is flipped in OBS (effects follow)
          </label>
        )
        : <p className="muted" data-testid="camera-flip">Flip read from OBS: {summary.mirrored === null ? `not known yet (last seen: ${mirrored ? 'mirrored' : 'not mirrored'})` : summary.mirrored ? 'mirrored' : 'not mirrored'}.</p>}
    </div>
  );
}
