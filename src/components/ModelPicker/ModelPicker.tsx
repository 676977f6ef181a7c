// Which gesture model runs: the bundled one, or a model file the user picks (validated before it replaces anything).
import { FileButton } from '../FileButton/FileButton';
import { importModelFile } from '../../session/model-library';
import { switchToBundledGestureModel } from '../../session/live-session';
import { useHandcastStore } from '../../store';

export function ModelPicker() {
  const modelName = useHandcastStore((s) => s.modelName);
  const loading = useHandcastStore((s) => s.recognizerStatus === 'loading');
  return (
    <span className="model-picker">
      Gesture model: <strong data-testid="model-name">{modelName ?? 'bundled'}</strong>
      <FileButton label="Load file…" accept=".json,application/json" testId="model-file" disabled={loading} onFile={(file) => void importModelFile(file)} />
      {modelName && <button type="button" disabled={loading} onClick={() => void switchToBundledGestureModel()}>Use bundled</button>}
    </span>
  );
}
