// Gesture events through the action layer into a real, headless OBS; OBS's state is read back afterwards.
// Runs inside tools/obs/private-network.sh (npm run test:obs): OBS and this client share a network namespace of their own.
import { randomBytes } from 'node:crypto';
import { ObsClient } from '../../src/actions/obs/obs-client';
import { handleGestureEvent } from '../../src/actions/obs/obs-actions';
import { readSceneNames } from '../../src/actions/obs/obs-scenes';
import { describeMissingScenes } from '../../src/actions/scene-gate';
import { ObsEventSubscription } from '../../src/actions/obs/protocol';
import type { GestureEvent } from '../../src/core/gestures/gesture-event';
import type { GestureMapping } from '../../src/actions/stream-action';
import { HeadlessObs } from '../../tools/obs/headless-obs';
import { FIXTURE, createFixtureScene, requireOk, waitForState } from '../../tools/obs/obs-fixtures';
import { ManualTimers } from '../unit/obs/fakes';
import { SKIP_REAL_OBS, requireRealObs } from './obs-availability';

const MAPPINGS: GestureMapping[] = [
  { id: 'brb', gesture: 'thumb_up', hand: 'Right', action: { kind: 'switch-scene', sceneName: FIXTURE.brbScene } },
  { id: 'live', gesture: 'thumb_up', hand: 'Left', action: { kind: 'switch-scene', sceneName: FIXTURE.liveScene } },
  { id: 'card', gesture: 'open_palm', hand: 'any', action: { kind: 'scene-item', sceneName: FIXTURE.liveScene, sourceName: FIXTURE.card, visible: 'toggle' } },
  { id: 'mute', gesture: 'fist', hand: 'any', action: { kind: 'input-mute', inputName: FIXTURE.media, muted: 'toggle' } },
  { id: 'tint', gesture: 'peace', hand: 'any', action: { kind: 'filter', sourceName: FIXTURE.card, filterName: FIXTURE.tint, enabled: 'toggle' } },
  { id: 'heart', gesture: 'two_hand_heart', hand: 'both', action: { kind: 'custom-event', eventData: { cue: 'heart', intensity: 3 } } },
  { id: 'confetti', gesture: 'swipe_up', hand: 'any', action: { kind: 'overlay-effect', effect: 'confetti' } },
];

let clock = 0;
function gesture(name: string, handedness: GestureEvent['handedness'] = 'Right'): GestureEvent {
  clock += 500;
  return { kind: 'pose', gesture: name, hand: handedness === 'both' ? -1 : 0, handedness, position: { x: 0.4, y: 0.6 }, confidence: 0.9, timeMs: clock };
}

describe.skipIf(SKIP_REAL_OBS)('actions against a real OBS', () => {
  const password = randomBytes(12).toString('base64url');
  let obs: HeadlessObs;
  let client: ObsClient;
  const otherClients: ObsClient[] = [];

  /** Another client, as a second program (or the overlay) connected to the same OBS would be. */
  async function connectAnother(options: Partial<ConstructorParameters<typeof ObsClient>[0]> = {}): Promise<ObsClient> {
    const other = new ObsClient({ url: obs.url, password, reconnect: false, ...options });
    otherClients.push(other);
    other.connect();
    await waitForState(other, 'connected');
    return other;
  }

  async function fire(event: GestureEvent) {
    const outcomes = await handleGestureEvent(event, MAPPINGS, client);
    expect(outcomes.length).toBeGreaterThan(0);
    return outcomes;
  }

  beforeAll(async () => {
    requireRealObs();
    obs = await HeadlessObs.start({ password });
    client = new ObsClient({ url: obs.url, password, requestTimeoutMs: 2000, reconnect: { initialDelayMs: 200, factor: 2, maxDelayMs: 1000 } });
    client.connect();
    await waitForState(client, 'connected');
    await createFixtureScene(client);
  });

  afterAll(async () => {
    client?.disconnect();
    for (const other of otherClients) other.disconnect();
    if (!obs) return;
    const pids = obs.pids;
    await obs.stop();
    const alive = pids.filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });
    expect(alive, 'OBS or Xvfb still running after stop()').toEqual([]);
  });

  it('a right thumbs-up switches the program scene', async () => {
    expect((await requireOk(client, 'GetCurrentProgramScene')).currentProgramSceneName).toBe(FIXTURE.liveScene);
    const [outcome] = await fire(gesture('thumb_up', 'Right'));
    expect(outcome.status, outcome.message).toBe('done');
    expect((await requireOk(client, 'GetCurrentProgramScene')).currentProgramSceneName).toBe(FIXTURE.brbScene);
  });

  it('an open palm flips the card\'s visibility, and again', async () => {
    const { sceneItemId } = await requireOk(client, 'GetSceneItemId', { sceneName: FIXTURE.liveScene, sourceName: FIXTURE.card });
    const visible = async () => (await requireOk(client, 'GetSceneItemEnabled', { sceneName: FIXTURE.liveScene, sceneItemId })).sceneItemEnabled;
    expect(await visible()).toBe(true);
    await fire(gesture('open_palm'));
    expect(await visible()).toBe(false);
    await fire(gesture('open_palm', 'Left'));
    expect(await visible()).toBe(true);
  });

  it('a fist toggles the media input\'s mute', async () => {
    const muted = async () => (await requireOk(client, 'GetInputMute', { inputName: FIXTURE.media })).inputMuted;
    const before = await muted();
    const [outcome] = await fire(gesture('fist'));
    expect(outcome.status, outcome.message).toBe('done');
    expect(await muted()).toBe(!before);
  });

  it('a peace sign toggles the card\'s colour filter', async () => {
    const enabled = async () => (await requireOk(client, 'GetSourceFilter', { sourceName: FIXTURE.card, filterName: FIXTURE.tint })).filterEnabled;
    expect(await enabled()).toBe(true);
    await fire(gesture('peace'));
    expect(await enabled()).toBe(false);
  });

  it('a two-hand heart reaches another WebSocket client as a CustomEvent', async () => {
    const listener = await connectAnother({ eventSubscriptions: ObsEventSubscription.General });
    const received = new Promise<unknown>((resolve) => listener.onEvent((type, data) => type === 'CustomEvent' && resolve(data)));
    const [outcome] = await fire(gesture('two_hand_heart', 'both'));
    expect(outcome.status, outcome.message).toBe('done');
    expect(await received).toEqual({ cue: 'heart', intensity: 3 });
  });

  it('an overlay effect goes to obs-browser, and says so plainly when this OBS has no obs-browser (Debian\'s has none)', async () => {
    const [outcome] = await fire(gesture('swipe_up'));
    expect(outcome.sent[0].requestType).toBe('CallVendorRequest');
    if (outcome.status === 'failed') expect(outcome.message).toContain('no obs-browser plugin');
    else expect(outcome.status).toBe('done');
  });

  it('a dry run leaves OBS as it was', async () => {
    const [outcome] = await handleGestureEvent(gesture('thumb_up', 'Left'), MAPPINGS, client, { dryRun: true });
    expect(outcome.status).toBe('dry-run');
    expect((await requireOk(client, 'GetCurrentProgramScene')).currentProgramSceneName).toBe(FIXTURE.brbScene);
  });

  describe('gestures per scene', () => {
    const chatting = 'Handcast Just Chatting';
    const game = 'Handcast Game';
    const PER_SCENE: GestureMapping[] = [
      { id: 'to-chatting', gesture: 'thumb_up', hand: 'Left', action: { kind: 'switch-scene', sceneName: chatting } },
      { id: 'to-game', gesture: 'thumb_up', hand: 'Right', action: { kind: 'switch-scene', sceneName: game } },
      { id: 'chatting-only', gesture: 'ok_sign', hand: 'any', scenes: [chatting], action: { kind: 'input-mute', inputName: FIXTURE.media, muted: 'toggle' } },
    ];
    const muted = async () => (await requireOk(client, 'GetInputMute', { inputName: FIXTURE.media })).inputMuted;
    const program = async () => (await requireOk(client, 'GetCurrentProgramScene')).currentProgramSceneName;

    beforeAll(async () => {
      for (const sceneName of [chatting, game]) await requireOk(client, 'CreateScene', { sceneName }, { allowExisting: true });
    });

    it('a mapping limited to one scene acts while that scene is on program, and is held after a gesture switches to the other', async () => {
      await handleGestureEvent(gesture('thumb_up', 'Left'), PER_SCENE, client);
      expect(await program()).toBe(chatting);
      const before = await muted();
      const [fired] = await handleGestureEvent(gesture('ok_sign'), PER_SCENE, client);
      expect(fired.status, fired.message).toBe('done');
      expect(await muted()).toBe(!before);

      await handleGestureEvent(gesture('thumb_up', 'Right'), PER_SCENE, client);
      expect(await program()).toBe(game);
      const [held] = await handleGestureEvent(gesture('ok_sign'), PER_SCENE, client);
      expect(held).toMatchObject({ status: 'held', sent: [] });
      expect(held.message).toBe(`Not sent: Toggle mute of "${FIXTURE.media}" fires only in "${chatting}"; "${game}" is on program.`);
      expect(await muted()).toBe(!before);

      await requireOk(client, 'SetCurrentProgramScene', { sceneName: chatting }); // switched in OBS itself, not by a gesture
      await handleGestureEvent(gesture('ok_sign'), PER_SCENE, client);
      expect(await muted()).toBe(before);
    });

    it('reads the scene list as the Scenes dock orders it, and names a mapping\'s scene once OBS has removed it', async () => {
      const gone = 'Handcast Old Game';
      await requireOk(client, 'CreateScene', { sceneName: gone }, { allowExisting: true });
      const listed = await readSceneNames(client);
      if ('problem' in listed) throw new Error(listed.problem);
      // New scenes go to the bottom of the dock: ours appear in the order they were created.
      expect(listed.scenes.filter((scene) => [chatting, game, gone].includes(scene))).toEqual([chatting, game, gone]);
      const mapping = { ...PER_SCENE[2], scenes: [chatting, gone] };
      expect(describeMissingScenes(mapping, listed.scenes)).toBeNull();
      await requireOk(client, 'RemoveScene', { sceneName: gone });
      // OBS answers RemoveScene before its Scenes dock drops the scene (the frontend does that on its own thread).
      const sceneNames = async () => {
        const list = await readSceneNames(client);
        if ('problem' in list) throw new Error(list.problem);
        return list.scenes;
      };
      await expect.poll(sceneNames).not.toContain(gone);
      expect(describeMissingScenes(mapping, await sceneNames())).toBe(`OBS has no scene "${gone}" any more: this mapping fires only in "${chatting}".`);
    });
  });

  it('a wrong password ends in auth-failed with the documented message and no retry scheduled', async () => {
    const timers = new ManualTimers();
    const wrong = new ObsClient({ url: obs.url, password: `${password}-wrong`, timers });
    otherClients.push(wrong);
    wrong.connect();
    await waitForState(wrong, 'auth-failed');
    expect(wrong.status.message).toBe(`Wrong OBS WebSocket password: OBS at ${obs.url} refused it. Copy the password from OBS (Tools → WebSocket Server Settings → Show Connect Info) and connect again.`);
    expect(timers.pendingDelays()).toEqual([]);
  });

  it('after OBS is killed and started again the client reconnects by itself; events while down are dropped, the next one lands', async () => {
    await obs.kill();
    await waitForState(client, 'disconnected');
    const [whileDown] = await fire(gesture('thumb_up', 'Left'));
    expect(whileDown.status).toBe('failed');
    expect(whileDown.message).toContain('not sent');
    await obs.startObs();
    await waitForState(client, 'connected');
    await createFixtureScene(client); // OBS may not have saved the collection before the kill; sets Live on program
    await fire(gesture('thumb_up', 'Right'));
    expect((await requireOk(client, 'GetCurrentProgramScene')).currentProgramSceneName).toBe(FIXTURE.brbScene);
  });
});
