// The kept models: use, rename, export or delete each; the bundled model is always there to go back to.
import { useEffect } from 'react';
import { deleteKeptModel, keptModelText, refreshModelLibrary, renameKeptModel, runKeptModel } from '../../session/model-library';
import { switchToBundledGestureModel } from '../../session/live-session';
import { useHandcastStore } from '../../store';
import { downloadText } from '../download';

export function ModelLibrary() {
  const models = useHandcastStore((s) => s.modelLibrary);
  const inUse = useHandcastStore((s) => s.modelName);
  useEffect(() => {
    void refreshModelLibrary();
  }, []);
  return (
    <section className="panel" aria-label="Models">
      <h2>Models</h2>
      <ul className="gesture-counts">
        <li data-testid="kept-model" data-name="bundled">
          <div className="gesture-count-row">
            <span>bundled</span> <span className="muted">built in</span>
            <span className="row-actions">
              <button type="button" disabled={inUse === null} onClick={() => void switchToBundledGestureModel()}>{inUse === null ? 'In use' : 'Use'}</button>
            </span>
          </div>
        </li>
        {models.map((model) => (
          <li key={model.id} data-testid="kept-model" data-name={model.name}>
            <div className="gesture-count-row">
              <span>{model.name}</span> <span className="muted">{model.labels.length} gestures · {(model.size / 1024).toFixed(0)} KiB</span>
              <span className="row-actions">
                <button type="button" disabled={inUse === model.name} onClick={() => void runKeptModel(model)}>{inUse === model.name ? 'In use' : 'Use'}</button>
                <button
                  type="button"
                  aria-label={`Rename ${model.name}`}
                  onClick={() => {
                    const name = window.prompt('New name', model.name);
                    if (name && name !== model.name) void renameKeptModel(model, name);
                  }}
                >Rename</button>
                <button
                  type="button"
                  aria-label={`Export ${model.name}`}
                  onClick={() => void keptModelText(model).then((text) => text && downloadText(`${model.name}.json`, text))}
                >Export</button>
                <button type="button" aria-label={`Delete ${model.name}`} onClick={() => void deleteKeptModel(model)}>Delete</button>
              </span>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
