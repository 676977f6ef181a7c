// Gestures per scene: the gate (fires only while one of its scenes is on program), reading OBS's scenes, missing scenes, and checking imported scene lists.
import { WebSocket } from 'undici';
import { checkMappings } from '../../../src/actions/gesture-mappings';
import { handleGestureEvent, type ObsRequester } from '../../../src/actions/obs/obs-actions';
import { ObsClient, type WebSocketLike } from '../../../src/actions/obs/obs-client';
import { readProgramScene, readSceneNames } from '../../../src/actions/obs/obs-scenes';
import { describeMissingScenes, missingScenes, sceneGateRefusal } from '../../../src/actions/scene-gate';
import type { GestureMapping } from '../../../src/actions/stream-action';
import type { GestureEvent } from '../../../src/core/gestures/gesture-event';
import { waitForState } from '../../../tools/obs/obs-fixtures';
import { startMockObs, type MockObs } from '../../../tools/obs/mock-obs';
import { ScriptedObs } from './fakes';

const EVENT: GestureEvent = {
  kind: 'pose', gesture: 'thumb_up', hand: 0, handedness: 'Right', position: { x: 0.5, y: 0.4 }, confidence: 0.9, timeMs: 1000,
};
const CONFETTI: GestureMapping = {
  id: 'confetti', gesture: 'thumb_up', hand: 'any', scenes: ['Just chatting'], action: { kind: 'custom-event', eventData: { cue: 'confetti' } },
};
const EVERYWHERE: GestureMapping = { id: 'mute', gesture: 'thumb_up', hand: 'any', action: { kind: 'input-mute', inputName: 'Mic', muted: 'toggle' } };
const TWO_SCENES: GestureMapping = { ...CONFETTI, id: 'hello', scenes: ['Starting soon', 'Just chatting'], action: { kind: 'hotkey', hotkeyName: 'OBSBasic.Screenshot' } };

const onProgram = (sceneName: string) => new ScriptedObs({ GetCurrentProgramScene: { sceneName, currentProgramSceneName: sceneName } });
const requestTypes = (obs: ScriptedObs) => obs.sent.map((r) => r.requestType);

describe('sceneGateRefusal', () => {
  it('lets a mapping without scenes fire whatever is on program, or unknown', () => {
    expect(sceneGateRefusal(EVERYWHERE, { sceneName: 'Game' })).toBeNull();
    expect(sceneGateRefusal(EVERYWHERE, { problem: 'OBS is not connected' })).toBeNull();
    expect(sceneGateRefusal(EVERYWHERE, null)).toBeNull();
  });

  it('lets a scene-limited mapping fire only while one of its scenes is on program', () => {
    expect(sceneGateRefusal(TWO_SCENES, { sceneName: 'Just chatting' })).toBeNull();
    expect(sceneGateRefusal(TWO_SCENES, { sceneName: 'Starting soon' })).toBeNull();
    expect(sceneGateRefusal(TWO_SCENES, { sceneName: 'Game' })).toBe('fires only in "Starting soon", "Just chatting"; "Game" is on program');
    expect(sceneGateRefusal(CONFETTI, { sceneName: 'just chatting' })).toBe('fires only in "Just chatting"; "just chatting" is on program');
  });

  it('holds a scene-limited mapping when the program scene is unknown', () => {
    expect(sceneGateRefusal(CONFETTI, { problem: 'OBS is not connected' })).toBe('fires only in "Just chatting", and OBS\'s program scene is unknown (OBS is not connected)');
    expect(sceneGateRefusal(CONFETTI, null)).toBe('fires only in "Just chatting", and OBS\'s program scene was not read');
  });
});

describe('scenes OBS no longer has', () => {
  it('names the missing ones, in the mapping\'s order, and what is left', () => {
    expect(missingScenes(TWO_SCENES, ['Game', 'Just chatting'])).toEqual(['Starting soon']);
    expect(describeMissingScenes(TWO_SCENES, ['Game', 'Just chatting'])).toBe('OBS has no scene "Starting soon" any more: this mapping fires only in "Just chatting".');
    expect(describeMissingScenes(TWO_SCENES, ['Game'])).toBe(
      'OBS has none of the scenes "Starting soon", "Just chatting" any more: this mapping never fires. Rename the scene back in OBS, or remove the mapping and add it again.',
    );
  });

  it('has nothing to say when every scene exists, or the mapping fires everywhere', () => {
    expect(describeMissingScenes(TWO_SCENES, ['Just chatting', 'Game', 'Starting soon'])).toBeNull();
    expect(describeMissingScenes(EVERYWHERE, [])).toBeNull();
  });
});

describe('reading OBS\'s scenes', () => {
  it('reads the program scene from sceneName, or from currentProgramSceneName on obs-websocket before 5.5', async () => {
    expect(await readProgramScene(onProgram('Game'))).toEqual({ sceneName: 'Game' });
    expect(await readProgramScene(new ScriptedObs({ GetCurrentProgramScene: { currentProgramSceneName: 'Game' } }))).toEqual({ sceneName: 'Game' });
    expect(await readProgramScene(new ScriptedObs({ GetCurrentProgramScene: { sceneName: 7 } }))).toEqual({ problem: 'OBS\'s answer to GetCurrentProgramScene named no scene' });
    expect(await readProgramScene(new ScriptedObs({ GetCurrentProgramScene: { fail: 'busy', code: 207 } }))).toEqual({ problem: 'OBS refused GetCurrentProgramScene: busy (code 207).' });
    const notConnected: ObsRequester = { request: async (requestType) => ({ ok: false, requestType, reason: 'not-connected', message: 'x' }) };
    expect(await readProgramScene(notConnected)).toEqual({ problem: 'OBS is not connected' });
  });

  it('lists scenes top to bottom as the Scenes dock does (OBS answers bottom first with sceneIndex), skipping entries without a name', async () => {
    const obs = new ScriptedObs({
      GetSceneList: {
        currentProgramSceneName: 'Game',
        scenes: [{ sceneName: 'BRB', sceneIndex: 0 }, { sceneIndex: 1 }, { sceneName: 'Game', sceneIndex: 2 }, null, { sceneName: 'Just chatting', sceneIndex: 3 }],
      },
    });
    expect(await readSceneNames(obs)).toEqual({ scenes: ['Just chatting', 'Game', 'BRB'] });
    expect(await readSceneNames(new ScriptedObs({ GetSceneList: { scenes: 'many' } }))).toEqual({ problem: 'OBS\'s answer to GetSceneList had no scene list' });
  });
});

describe('handleGestureEvent with scene-limited mappings', () => {
  it('asks for the program scene once, then runs the mapping in its scene', async () => {
    const obs = onProgram('Just chatting');
    const outcomes = await handleGestureEvent(EVENT, [CONFETTI, TWO_SCENES], obs);
    expect(outcomes.map((o) => [o.mappingId, o.status])).toEqual([['confetti', 'done'], ['hello', 'done']]);
    expect(requestTypes(obs)).toEqual(['GetCurrentProgramScene', 'BroadcastCustomEvent', 'TriggerHotkeyByName']);
  });

  it('holds it in another scene, sending nothing but the read, while mappings for every scene still fire', async () => {
    const obs = onProgram('Game');
    const outcomes = await handleGestureEvent(EVENT, [CONFETTI, EVERYWHERE], obs);
    expect(outcomes.map((o) => [o.mappingId, o.status])).toEqual([['confetti', 'held'], ['mute', 'done']]);
    expect(outcomes[0]).toMatchObject({
      sent: [], plan: [], message: 'Not sent: Send a custom event to every OBS WebSocket client fires only in "Just chatting"; "Game" is on program.',
    });
    expect(requestTypes(obs)).toEqual(['GetCurrentProgramScene', 'ToggleInputMute']);
  });

  it('asks nothing more when no matched mapping is scene-limited', async () => {
    const obs = onProgram('Game');
    await handleGestureEvent(EVENT, [EVERYWHERE, { ...CONFETTI, gesture: 'fist' }], obs);
    expect(requestTypes(obs)).toEqual(['ToggleInputMute']);
  });

  it('holds it when the program scene cannot be read, and a dry run reads the scene but sends no action', async () => {
    const refused = new ScriptedObs({ GetCurrentProgramScene: { fail: 'busy', code: 207 } });
    const [held] = await handleGestureEvent(EVENT, [CONFETTI], refused);
    expect(held.status).toBe('held');
    expect(requestTypes(refused)).toEqual(['GetCurrentProgramScene']);
    const obs = onProgram('Just chatting');
    const outcomes = await handleGestureEvent(EVENT, [CONFETTI, { ...TWO_SCENES, scenes: ['Game'] }], obs, { dryRun: true });
    expect(outcomes.map((o) => o.status)).toEqual(['dry-run', 'held']);
    expect(requestTypes(obs)).toEqual(['GetCurrentProgramScene']);
  });
});

describe('against the mock OBS, through the real client', () => {
  let obs: MockObs | null = null;
  afterEach(async () => {
    await obs?.close();
    obs = null;
  });

  it('a scene switch by gesture turns the scene-limited mapping off, and the scene read is paid only by events that need it', async () => {
    obs = await startMockObs({ scenes: ['Just chatting', 'Game'] });
    const client = new ObsClient({
      url: obs.url, createWebSocket: (url, protocol) => new WebSocket(url, protocol) as unknown as WebSocketLike, reconnect: false,
    });
    client.connect();
    await waitForState(client, 'connected', 5000);
    const mappings: GestureMapping[] = [CONFETTI, { id: 'to-game', gesture: 'open_palm', hand: 'any', action: { kind: 'switch-scene', sceneName: 'Game' } }];
    expect((await handleGestureEvent(EVENT, mappings, client)).map((o) => o.status)).toEqual(['done']);
    await handleGestureEvent({ ...EVENT, gesture: 'open_palm' }, mappings, client);
    const [held] = await handleGestureEvent(EVENT, mappings, client);
    expect(held.message).toContain('"Game" is on program');
    expect(obs.requestCounts()).toEqual({ GetCurrentProgramScene: 2, BroadcastCustomEvent: 1, SetCurrentProgramScene: 1 });
    expect(await readSceneNames(client)).toEqual({ scenes: ['Just chatting', 'Game'] });
    client.disconnect();
  });
});

describe('checkMappings with scenes', () => {
  const mapping = (id: string, scenes: unknown) => ({ ...EVERYWHERE, id, scenes });

  it('keeps a scene list as a fresh copy, and a mapping without one as for every scene', () => {
    const given = mapping('a', ['Just chatting', 'Game']);
    const { mappings, problems } = checkMappings([given, EVERYWHERE]);
    expect(problems).toEqual([]);
    expect(mappings).toEqual([given, EVERYWHERE]);
    expect(mappings[0].scenes).not.toBe(given.scenes);
    expect('scenes' in mappings[1]).toBe(false);
  });

  it('names a scene list that is not a list, empty, with a blank or repeated name', () => {
    const check = checkMappings([
      mapping('a', 'Just chatting'), mapping('b', []), mapping('c', ['Game', '  ']), mapping('d', ['Game', 'Game']),
      mapping('e', [{ sceneName: 'Game' }]), mapping('f', ['Game', ...Array.from({ length: 5000 }, () => 7)]),
    ]);
    expect(check.mappings).toEqual([]);
    expect(check.problems).toEqual([
      'mapping 1 ("a"): scenes must be a list of OBS scene names when given, got "Just chatting"',
      'mapping 2 ("b"): scenes must name at least one OBS scene when given (leave it out to fire in every scene)',
      'mapping 3 ("c"): scenes[1] must be a non-empty scene name, got "  "',
      'mapping 4 ("d"): scenes[1] "Game" repeats an earlier scene',
      'mapping 5 ("e"): scenes[0] must be a non-empty scene name, got an object',
      'mapping 6 ("f"): scenes[1] must be a non-empty scene name, got 7',
    ]);
  });
});
