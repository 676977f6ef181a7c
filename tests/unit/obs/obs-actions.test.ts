// Stream actions → obs-websocket requests: the plans, toggles that read before they set, dry runs, failures, mapping lookup and checks.
import type { GestureEvent } from '../../../src/core/gestures/gesture-event';
import { checkMappings, mappingsForEvent } from '../../../src/actions/gesture-mappings';
import { handleGestureEvent, planAction, runAction, type ObsRequester } from '../../../src/actions/obs/obs-actions';
import { ObsClient } from '../../../src/actions/obs/obs-client';
import type { GestureMapping, StreamAction } from '../../../src/actions/stream-action';
import { FakeServerSockets, ManualTimers, ScriptedObs } from './fakes';

const EVENT: GestureEvent = {
  kind: 'pose', gesture: 'thumb_up', hand: 0, handedness: 'Right', position: { x: 0.25, y: 0.75 }, confidence: 0.93, timeMs: 12_345,
};

const nothingMayBeSent: ObsRequester = {
  request: () => {
    throw new Error('a dry run sent a request');
  },
};

describe('planAction', () => {
  it.each<[StreamAction, string, { requestType: string; requestData: object }[]]>([
    [{ kind: 'switch-scene', sceneName: 'BRB' }, 'Switch to scene "BRB"', [{ requestType: 'SetCurrentProgramScene', requestData: { sceneName: 'BRB' } }]],
    [{ kind: 'input-mute', inputName: 'Mic', muted: 'on' }, 'Mute "Mic"', [{ requestType: 'SetInputMute', requestData: { inputName: 'Mic', inputMuted: true } }]],
    [{ kind: 'input-mute', inputName: 'Mic', muted: 'off' }, 'Unmute "Mic"', [{ requestType: 'SetInputMute', requestData: { inputName: 'Mic', inputMuted: false } }]],
    [{ kind: 'input-mute', inputName: 'Mic', muted: 'toggle' }, 'Toggle mute of "Mic"', [{ requestType: 'ToggleInputMute', requestData: { inputName: 'Mic' } }]],
    [{ kind: 'filter', sourceName: 'Cam', filterName: 'Blur', enabled: 'off' }, 'Disable filter "Blur" on "Cam"',
      [{ requestType: 'SetSourceFilterEnabled', requestData: { sourceName: 'Cam', filterName: 'Blur', filterEnabled: false } }]],
    [{ kind: 'hotkey', hotkeyName: 'OBSBasic.Screenshot' }, 'Press OBS hotkey "OBSBasic.Screenshot"',
      [{ requestType: 'TriggerHotkeyByName', requestData: { hotkeyName: 'OBSBasic.Screenshot' } }]],
    [{ kind: 'custom-event', eventData: { cue: 'laugh' } }, 'Send a custom event to every OBS WebSocket client',
      [{ requestType: 'BroadcastCustomEvent', requestData: { eventData: { cue: 'laugh' } } }]],
  ])('%j → %s', (action, summary, requests) => {
    expect(planAction(action, EVENT)).toEqual({ summary, requests });
  });

  it('sends an overlay effect through obs-browser emit_event with the message as an object, at the gesture position', () => {
    const plan = planAction({ kind: 'overlay-effect', effect: 'emoji-burst', emoji: '🎉' }, EVENT);
    expect(plan.requests).toEqual([{
      requestType: 'CallVendorRequest',
      requestData: {
        vendorName: 'obs-browser', requestType: 'emit_event',
        requestData: {
          event_name: 'handcast-effect',
          event_data: { type: 'handcast-effect', effect: 'emoji-burst', emoji: '🎉', x: 0.25, y: 0.75, gesture: 'thumb_up', timeMs: 12_345 },
        },
      },
    }]);
  });
});

describe('runAction', () => {
  it('toggles a scene item: looks up its id, reads its visibility, sets the opposite', async () => {
    const obs = new ScriptedObs({ GetSceneItemId: { sceneItemId: 7 }, GetSceneItemEnabled: { sceneItemEnabled: true } });
    const outcome = await runAction({ kind: 'scene-item', sceneName: 'Main', sourceName: 'Cam', visible: 'toggle' }, EVENT, obs);
    expect(outcome.status).toBe('done');
    expect(obs.sent).toEqual([
      { requestType: 'GetSceneItemId', requestData: { sceneName: 'Main', sourceName: 'Cam' } },
      { requestType: 'GetSceneItemEnabled', requestData: { sceneName: 'Main', sceneItemId: 7 } },
      { requestType: 'SetSceneItemEnabled', requestData: { sceneName: 'Main', sceneItemId: 7, sceneItemEnabled: false } },
    ]);
  });

  it('shows a scene item without reading its state first', async () => {
    const obs = new ScriptedObs({ GetSceneItemId: { sceneItemId: 3 } });
    await runAction({ kind: 'scene-item', sceneName: 'Main', sourceName: 'Cam', visible: 'on' }, EVENT, obs);
    expect(obs.sent.map((r) => r.requestType)).toEqual(['GetSceneItemId', 'SetSceneItemEnabled']);
    expect(obs.sent[1].requestData).toEqual({ sceneName: 'Main', sceneItemId: 3, sceneItemEnabled: true });
  });

  it('toggles a filter from its current enabled flag', async () => {
    const obs = new ScriptedObs({ GetSourceFilter: { filterEnabled: false, filterKind: 'color_filter_v2' } });
    await runAction({ kind: 'filter', sourceName: 'Cam', filterName: 'Tint', enabled: 'toggle' }, EVENT, obs);
    expect(obs.sent.at(-1)).toEqual({ requestType: 'SetSourceFilterEnabled', requestData: { sourceName: 'Cam', filterName: 'Tint', filterEnabled: true } });
  });

  it('stops at the first refusal and reports OBS\'s reason', async () => {
    const obs = new ScriptedObs({ GetSceneItemId: { fail: 'No source was found by the name of `Cam`.', code: 600 } });
    const outcome = await runAction({ kind: 'scene-item', sceneName: 'Main', sourceName: 'Cam', visible: 'toggle' }, EVENT, obs);
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toBe('Toggle visibility of "Cam" in scene "Main" failed: OBS refused GetSceneItemId: No source was found by the name of `Cam`. (code 600).');
    expect(obs.sent).toHaveLength(1);
  });

  it('explains a missing obs-browser plugin for overlay effects', async () => {
    const obs = new ScriptedObs({ CallVendorRequest: { fail: 'No vendor was found by that name.', code: 600 } });
    const outcome = await runAction({ kind: 'overlay-effect', effect: 'confetti' }, EVENT, obs);
    expect(outcome.message).toContain('no obs-browser plugin');
  });

  it('a dry run sends nothing and says what would be sent', async () => {
    const outcome = await runAction({ kind: 'scene-item', sceneName: 'Main', sourceName: 'Cam', visible: 'toggle' }, EVENT, nothingMayBeSent, { dryRun: true });
    expect(outcome).toMatchObject({ status: 'dry-run', sent: [] });
    expect(outcome.message).toBe('Dry run: would toggle visibility of "Cam" in scene "Main" (GetSceneItemId → GetSceneItemEnabled → SetSceneItemEnabled).');
    expect(outcome.plan[2].requestData.sceneItemEnabled).toEqual({ fromAnswer: 1, field: 'sceneItemEnabled', negate: true });
  });

  it('while OBS is disconnected the action fails with the client\'s reason', async () => {
    const client = new ObsClient({ url: 'ws://127.0.0.1:4455', createWebSocket: new FakeServerSockets().create, timers: new ManualTimers() });
    const outcome = await runAction({ kind: 'switch-scene', sceneName: 'BRB' }, EVENT, client);
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toBe('Switch to scene "BRB" failed: SetCurrentProgramScene not sent: Not connected to OBS.');
  });
});

const MAPPINGS: GestureMapping[] = [
  { id: 'right-thumb', gesture: 'thumb_up', hand: 'Right', action: { kind: 'switch-scene', sceneName: 'Main' } },
  { id: 'left-thumb', gesture: 'thumb_up', hand: 'Left', action: { kind: 'switch-scene', sceneName: 'BRB' } },
  { id: 'any-thumb', gesture: 'thumb_up', hand: 'any', action: { kind: 'input-mute', inputName: 'Mic', muted: 'toggle' } },
  { id: 'heart', gesture: 'two_hand_heart', hand: 'both', action: { kind: 'overlay-effect', effect: 'confetti' } },
];

describe('mappings', () => {
  it('fire by gesture and hand, any matching either hand, in mapping order', async () => {
    expect(mappingsForEvent(EVENT, MAPPINGS).map((m) => m.id)).toEqual(['right-thumb', 'any-thumb']);
    expect(mappingsForEvent({ ...EVENT, handedness: 'Left' }, MAPPINGS).map((m) => m.id)).toEqual(['left-thumb', 'any-thumb']);
    expect(mappingsForEvent({ ...EVENT, gesture: 'two_hand_heart', handedness: 'both', hand: -1 }, MAPPINGS).map((m) => m.id)).toEqual(['heart']);
    expect(mappingsForEvent({ ...EVENT, gesture: 'open_palm' }, MAPPINGS)).toEqual([]);
    const obs = new ScriptedObs();
    const outcomes = await handleGestureEvent(EVENT, MAPPINGS, obs);
    expect(outcomes.map((o) => [o.mappingId, o.status])).toEqual([['right-thumb', 'done'], ['any-thumb', 'done']]);
    expect(obs.sent.map((r) => r.requestType).sort()).toEqual(['SetCurrentProgramScene', 'ToggleInputMute']);
  });

  it('checkMappings keeps the valid ones and names each problem', () => {
    const check = checkMappings([
      MAPPINGS[0],
      { id: 'a', gesture: 'fist', hand: 'any', action: { kind: 'switch-scen', sceneName: 'X' } },
      { id: 'b', gesture: 'fist', hand: 'any', action: { kind: 'scene-item', sceneName: 'Main', visible: 'yes' } },
      { id: 'c', gesture: '', hand: 'middle', action: { kind: 'custom-event', eventData: '{"a":1}' } },
      { id: 'right-thumb', gesture: 'fist', hand: 'any', action: { kind: 'hotkey', hotkeyName: 'OBSBasic.Screenshot' } },
      'not a mapping',
      { id: 'd', gesture: 'fist', hand: 'Left', action: { kind: 'overlay-effect', effect: 'emoji-burst', emoji: 5 } },
      MAPPINGS[3],
      { id: 'e', gesture: '<img src=x onerror=alert(1)>', hand: 'any', action: { kind: 'hotkey', hotkeyName: 'x' } },
    ]);
    expect(check.mappings.map((m) => m.id)).toEqual(['right-thumb', 'heart']);
    expect(check.problems).toEqual([
      'mapping 2 ("a"): action.kind "switch-scen" is not one of switch-scene, scene-item, input-mute, filter, hotkey, custom-event, overlay-effect',
      'mapping 3 ("b"): action.sourceName (scene-item) must be a non-empty name, got nothing',
      'mapping 3 ("b"): action.visible (scene-item) must be one of on, off, toggle, got "yes"',
      'mapping 4 ("c"): gesture: label is empty',
      'mapping 4 ("c"): hand must be one of Left, Right, both, any, got "middle"',
      'mapping 4 ("c"): action.eventData (custom-event) must be an object (OBS sends it to every client as is), got "{\\"a\\":1}"',
      'mapping 5 ("right-thumb"): id is used by an earlier mapping',
      'mapping 6: must be an object, got "not a mapping"',
      'mapping 7 ("d"): action.emoji (overlay-effect) must be text when given, got 5',
      'mapping 9 ("e"): gesture: label contains "<" (U+003C): only letters, digits, spaces, "_" and "-" are allowed',
    ]);
    expect(checkMappings({ mappings: [] }).problems).toEqual(['mappings must be a list, got an object']);
  });
});
