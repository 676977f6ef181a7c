// Gestures per scene in the panel: ticking OBS scenes for a new mapping, and a listed mapping's scenes, with those OBS no longer has.
import { describeMissingScenes, isSceneLimited, quoteScenes } from '../../actions/scene-gate';
import type { GestureMapping } from '../../actions/stream-action';
import { refreshObsScenes } from '../../session/stream-session';
import { useHandcastStore } from '../../store';

interface SceneLimitPickerProps {
  /** The ticked scenes; none ticked: the mapping fires in every scene. */
  readonly selected: readonly string[];
  readonly onChange: (scenes: string[]) => void;
}

/** OBS's scenes as checkboxes; a ticked scene OBS no longer lists stays visible (and can be unticked) until the mapping is added. */
export function SceneLimitPicker({ selected, onChange }: SceneLimitPickerProps) {
  const obsScenes = useHandcastStore((s) => s.obsScenes);
  const connected = useHandcastStore((s) => s.obsStatus.state === 'connected');
  const listed = obsScenes ?? [];
  const choices = [...listed, ...selected.filter((scene) => !listed.includes(scene))];
  const toggle = (scene: string, ticked: boolean) => {
    onChange(ticked ? choices.filter((s) => s === scene || selected.includes(s)) : selected.filter((s) => s !== scene));
  };

  return (
    <fieldset className="scene-limit" aria-label="Only in scenes">
      <legend>Only in scenes <span className="muted">(none ticked: every scene)</span></legend>
      {obsScenes === null && <span className="muted">Connect to OBS to limit this mapping to some of its scenes. </span>}
      {obsScenes !== null && obsScenes.length === 0 && <span className="muted">OBS listed no scenes. </span>}
      {choices.map((scene) => (
        <label key={scene} className="check">
          <input type="checkbox" checked={selected.includes(scene)} onChange={(e) => toggle(scene, e.target.checked)} />
          {' '}{scene}{!listed.includes(scene) && <>{' '}<span className="warning">(no longer in OBS)</span></>}
        </label>
      ))}
      {connected && <button type="button" onClick={() => void refreshObsScenes()}>Refresh scenes</button>}
    </fieldset>
  );
}

/** "only in …" after a listed mapping, and a warning when OBS (connected, its list read) no longer has some of those scenes. */
export function MappingScenes({ mapping }: { readonly mapping: GestureMapping }) {
  const obsScenes = useHandcastStore((s) => s.obsScenes);
  if (!isSceneLimited(mapping)) return null;
  const missing = obsScenes === null ? null : describeMissingScenes(mapping, obsScenes);
  return (
    <span className="mapping-scenes" data-testid="mapping-scenes">
      only in {quoteScenes(mapping.scenes)}
      {missing && <span className="warning" role="note"> · {missing}</span>}
    </span>
  );
}
