// Camera and recognizer settings: device (and which one is in use), resolution, mirror, start/stop, landmarker model, GPU, classifier engine, handedness flip.
import { isObsVirtualCameraLabel } from '../../core/camera/obs-virtual-camera';
import type { EngineChoice } from '../../engines/gesture-engines';
import { useHandcastStore } from '../../store';
import { ModelPicker } from '../ModelPicker/ModelPicker';
import { RESOLUTIONS, type CameraDevice } from '../../vision/camera';
import { applyClassifierEngine, reloadRecognizer, setFlipHandedness, startSession, stopSession } from '../../session/live-session';

export function CameraControls() {
  const settings = useHandcastStore((s) => s.settings);
  const update = useHandcastStore((s) => s.updateSettings);
  const cameras = useHandcastStore((s) => s.cameras);
  const status = useHandcastStore((s) => s.cameraStatus);
  const recognizerStatus = useHandcastStore((s) => s.recognizerStatus);
  // While reconnecting the button is Stop: it gives up waiting for the camera.
  const running = status === 'running' || status === 'starting' || status === 'reconnecting';
  return (
    <section className="panel controls" aria-label="Camera">
      <button type="button" className="primary" onClick={() => (running ? stopSession() : void startSession())} disabled={status === 'starting'}>
        {running ? 'Stop' : 'Start'}
      </button>
      <label>
        Camera
        <select value={settings.deviceId} disabled={running} onChange={(e) => update({ deviceId: e.target.value })}>
          <option value="">Default camera</option>
          {cameras.map((c) => <option key={c.deviceId} value={c.deviceId}>{c.label}</option>)}
        </select>
      </label>
      <ActiveCamera />
      <label>
        Resolution
        <select value={settings.resolutionIndex} disabled={running} onChange={(e) => update({ resolutionIndex: Number(e.target.value) })}>
          {RESOLUTIONS.map((r, i) => <option key={i} value={i}>{r.width}×{r.height}</option>)}
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={settings.mirrored} onChange={(e) => update({ mirrored: e.target.checked })} /> Mirror
      </label>
      <label>
        Hand model
        <select
          value={settings.landmarkerModel}
          disabled={recognizerStatus === 'loading'}
          onChange={(e) => { update({ landmarkerModel: e.target.value as 'full' | 'lite' }); void reloadRecognizer(); }}
        >
          <option value="full">full (more accurate)</option>
          <option value="lite">lite (faster)</option>
        </select>
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={settings.preferGpu}
          disabled={recognizerStatus === 'loading'}
          onChange={(e) => { update({ preferGpu: e.target.checked }); void reloadRecognizer(); }}
        /> GPU (falls back to CPU)
      </label>
      <label>
        Classifier
        <select
          value={settings.classifierEngine}
          disabled={recognizerStatus === 'loading'}
          onChange={(e) => { update({ classifierEngine: e.target.value as EngineChoice }); void applyClassifierEngine(); }}
        >
          <option value="int8">INT8 WebAssembly</option>
          <option value="float">float (for comparison)</option>
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={settings.flipHandedness} onChange={(e) => setFlipHandedness(e.target.checked)} /> Swap left/right
      </label>
      <ModelPicker />
      <span className="muted status" data-testid="recognizer-status">recognizer: {recognizerStatus}</span>
    </section>
  );
}

/** The open camera's name: its track's label, else the listed device with its id (browsers may hide labels). */
function activeCameraName(active: CameraDevice, cameras: readonly CameraDevice[]): string {
  return active.label || cameras.find((c) => c.deviceId === active.deviceId)?.label || 'the default camera';
}

/** Which camera the session reads; for OBS's Virtual Camera, a tag and what its output must be. */
function ActiveCamera() {
  const active = useHandcastStore((s) => s.activeCamera);
  const cameras = useHandcastStore((s) => s.cameras);
  if (!active) return null;
  const name = activeCameraName(active, cameras);
  const obs = isObsVirtualCameraLabel(name);
  return (
    <span className="muted active-camera" data-testid="active-camera">
      using: {name}
      {obs && <> <span className="tag" data-testid="obs-virtual-camera-tag">OBS Virtual Camera</span></>}
      {obs && (
        // Program output would carry Handcast's own effects back into the camera it recognises.
        <span data-testid="obs-virtual-camera-hint"> · set its output to your webcam source, not Program</span>
      )}
    </span>
  );
}
