// Adds one gesture → action mapping: the gesture (pose, motion or two-hand), which hand, what it does, and in which OBS scenes.
import { useState, type FormEvent } from 'react';
import type { GestureMapping, StreamAction, Toggle } from '../../actions/stream-action';
import { MOTION_LABELS, TWO_HAND_GESTURES } from '../../core/gestures';
import { NONE_LABEL } from '../../core/labels';
import { OVERLAY_EFFECT_KINDS, type OverlayEffectKind } from '../../core/overlay/effect-message';
import { useHandcastStore } from '../../store';
import { SceneLimitPicker } from './SceneLimit';

const NO_LABELS: readonly string[] = [];
const ACTION_NAMES: Record<StreamAction['kind'], string> = {
  'overlay-effect': 'Overlay effect',
  'switch-scene': 'Switch scene',
  'scene-item': 'Show/hide a source',
  'input-mute': 'Mute/unmute an input',
  filter: 'Enable/disable a filter',
  hotkey: 'Trigger a hotkey',
  'custom-event': 'Broadcast a custom event',
};

interface Draft {
  gesture: string;
  hand: GestureMapping['hand'];
  kind: StreamAction['kind'];
  scene: string;
  source: string;
  name: string;
  toggle: Toggle;
  effect: OverlayEffectKind;
  text: string;
  /** None: every scene. */
  scenes: string[];
}

const EMPTY: Draft = { gesture: '', hand: 'any', kind: 'overlay-effect', scene: '', source: '', name: '', toggle: 'toggle', effect: 'confetti', text: '', scenes: [] };

/** The action a draft describes, or why it is not complete. */
function actionOf(d: Draft): StreamAction | string {
  const need = (value: string, what: string) => (value.trim() === '' ? `Type the ${what}.` : null);
  switch (d.kind) {
    case 'overlay-effect': return { kind: 'overlay-effect', effect: d.effect, ...(d.text.trim() ? (d.effect === 'lower-third' ? { text: d.text.trim() } : { emoji: d.text.trim() }) : {}) };
    case 'switch-scene': return need(d.scene, 'scene name') ?? { kind: 'switch-scene', sceneName: d.scene.trim() };
    case 'scene-item': return need(d.scene, 'scene name') ?? need(d.source, 'source name') ?? { kind: 'scene-item', sceneName: d.scene.trim(), sourceName: d.source.trim(), visible: d.toggle };
    case 'input-mute': return need(d.name, 'input name') ?? { kind: 'input-mute', inputName: d.name.trim(), muted: d.toggle };
    case 'filter': return need(d.source, 'source name') ?? need(d.name, 'filter name') ?? { kind: 'filter', sourceName: d.source.trim(), filterName: d.name.trim(), enabled: d.toggle };
    case 'hotkey': return need(d.name, 'hotkey name') ?? { kind: 'hotkey', hotkeyName: d.name.trim() };
    case 'custom-event': return { kind: 'custom-event', eventData: { source: 'handcast', message: d.text.trim() || 'gesture' } };
  }
}

export function MappingForm() {
  const poseLabels = useHandcastStore((s) => s.recognizer?.labels) ?? NO_LABELS;
  const mappings = useHandcastStore((s) => s.stream.mappings);
  const updateStream = useHandcastStore((s) => s.updateStream);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [problem, setProblem] = useState<string | null>(null);
  const gestures = [...poseLabels, ...MOTION_LABELS, ...TWO_HAND_GESTURES].filter((label) => label !== NONE_LABEL);
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });

  const add = (e: FormEvent) => {
    e.preventDefault();
    const action = actionOf(draft);
    if (draft.gesture === '') return setProblem('Pick a gesture.');
    if (typeof action === 'string') return setProblem(action);
    setProblem(null);
    const mapping: GestureMapping = {
      id: `m${Date.now().toString(36)}${mappings.length}`, gesture: draft.gesture, hand: draft.hand, action,
      ...(draft.scenes.length > 0 ? { scenes: draft.scenes } : {}),
    };
    updateStream({ mappings: [...mappings, mapping] });
  };

  const k = draft.kind;
  return (
    <form className="mapping-form" aria-label="Add a mapping" onSubmit={add}>
      <div className="recorder-row">
        <label>When
          <select aria-label="Mapped gesture" value={draft.gesture} onChange={(e) => set({ gesture: e.target.value })}>
            <option value="">gesture…</option>
            {gestures.map((g) => <option key={g} value={g}>{g}</option>)}
          </select>
        </label>
        <label>Hand
          <select aria-label="Mapped hand" value={draft.hand} onChange={(e) => set({ hand: e.target.value as GestureMapping['hand'] })}>
            {['any', 'Left', 'Right', 'both'].map((h) => <option key={h} value={h}>{h}</option>)}
          </select>
        </label>
        <label>Do
          <select aria-label="Mapped action" value={k} onChange={(e) => set({ kind: e.target.value as StreamAction['kind'] })}>
            {Object.entries(ACTION_NAMES).map(([kind, name]) => <option key={kind} value={kind}>{name}</option>)}
          </select>
        </label>
      </div>
      <div className="recorder-row">
        {k === 'overlay-effect' && (
          <label>Effect
            <select aria-label="Effect" value={draft.effect} onChange={(e) => set({ effect: e.target.value as OverlayEffectKind })}>
              {OVERLAY_EFFECT_KINDS.map((effect) => <option key={effect} value={effect}>{effect}</option>)}
            </select>
          </label>
        )}
        {(k === 'switch-scene' || k === 'scene-item') && <label>Scene<input aria-label="Scene name" value={draft.scene} onChange={(e) => set({ scene: e.target.value })} /></label>}
        {(k === 'scene-item' || k === 'filter') && <label>Source<input aria-label="Source name" value={draft.source} onChange={(e) => set({ source: e.target.value })} /></label>}
        {(k === 'input-mute' || k === 'filter' || k === 'hotkey') && (
          <label>{k === 'input-mute' ? 'Input' : k === 'filter' ? 'Filter' : 'Hotkey'}
            <input aria-label={k === 'input-mute' ? 'Input name' : k === 'filter' ? 'Filter name' : 'Hotkey name'} value={draft.name} onChange={(e) => set({ name: e.target.value })} />
          </label>
        )}
        {(k === 'scene-item' || k === 'input-mute' || k === 'filter') && (
          <label>Set
            <select aria-label="Set to" value={draft.toggle} onChange={(e) => set({ toggle: e.target.value as Toggle })}>
              <option value="toggle">toggle</option><option value="on">{k === 'input-mute' ? 'mute' : k === 'filter' ? 'enable' : 'show'}</option>
              <option value="off">{k === 'input-mute' ? 'unmute' : k === 'filter' ? 'disable' : 'hide'}</option>
            </select>
          </label>
        )}
        {(k === 'overlay-effect' || k === 'custom-event') && (
          <label>{k === 'custom-event' ? 'Message' : draft.effect === 'lower-third' ? 'Text' : 'Emoji'}
            <input aria-label={k === 'custom-event' ? 'Event message' : 'Effect text'} maxLength={80} value={draft.text} onChange={(e) => set({ text: e.target.value })} />
          </label>
        )}
        <button type="submit">Add mapping</button>
      </div>
      <SceneLimitPicker selected={draft.scenes} onChange={(scenes) => set({ scenes })} />
      {problem && <p className="warning">{problem}</p>}
    </form>
  );
}
