// Which gesture model runs: the bundled one, or a model file the user picks (validated before it replaces anything).
import { useRef } from 'react';
import { importModelFile } from '../../session/model-library';
import { switchToBundledGestureModel } from '../../session/recognition-session';
import { useHandcastStore } from '../../store';

export function ModelPicker() {
  const modelName = useHandcastStore((s) => s.modelName);
  const loading = useHandcastStore((s) => s.recognizerStatus === 'loading');
  const input = useRef<HTMLInputElement>(null);
  return (
    <span className="model-picker">
      Gesture model: <strong data-testid="model-name">{modelName ?? 'bundled'}</strong>
      <button type="button" disabled={loading} onClick={() => input.current?.click()}>Load file…</button>
      {modelName && <button type="button" disabled={loading} onClick={() => void switchToBundledGestureModel()}>Use bundled</button>}
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="model-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void importModelFile(file);
        }}
      />
    </span>
  );
}
