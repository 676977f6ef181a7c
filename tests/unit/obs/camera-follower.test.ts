// The camera follower against a stand-in OBS: reads on connect, follows moves from events alone, reads again on scene changes (again after a read that events overtook), drops stale reads, follows renames.
import { CAMERA_FOLLOW_EVENTS, CameraFollower, type CameraFollowState } from '../../../src/actions/obs/camera-follower';
import { ObsClient } from '../../../src/actions/obs/obs-client';
import { ObsEventSubscription } from '../../../src/actions/obs/protocol';
import { overlayPlacement, placeHandOnOverlay } from '../../../src/core/overlay/camera-placement';
import { FakeServerSockets } from './fakes';
import { FakeObsScenes, sceneItemTransform } from './fake-obs-scenes';

const CAMERA = 'Webcam';
const CORNER = { sourceWidth: 1280, sourceHeight: 720, scaleX: 0.25, scaleY: 0.25, positionX: 1500, positionY: 800 };

function setup() {
  const obs = new FakeObsScenes().addScene('Game').addScene('BRB');
  obs.inputs = [
    { inputName: 'Screen', inputKind: 'xshm_input', unversionedInputKind: 'xshm_input' },
    { inputName: CAMERA, inputKind: 'v4l2_input', unversionedInputKind: 'v4l2_input' },
  ];
  const camera = obs.addItem('Game', CAMERA, CORNER);
  const follower = new CameraFollower(obs, CAMERA);
  const states: CameraFollowState[] = [];
  follower.onChange((state) => states.push(state));
  return { obs, camera, follower, states };
}

/** Where the follower puts a hand at this point of the camera picture, in canvas pixels; or why it does not. */
function canvasPoint(follower: CameraFollower, x: number, y: number) {
  const hand = placeHandOnOverlay(overlayPlacement(follower.state.location, false), { x, y });
  return hand.notShown ?? { x: Math.round(hand.position.x * 1920 * 1000) / 1000, y: Math.round(hand.position.y * 1080 * 1000) / 1000 };
}

describe('CameraFollower', () => {
  it('subscribes to scene, input and item events and to item moves, which the default "All" leaves out', () => {
    expect(CAMERA_FOLLOW_EVENTS & ObsEventSubscription.SceneItemTransformChanged).not.toBe(0);
    expect(ObsEventSubscription.All & ObsEventSubscription.SceneItemTransformChanged).toBe(0);
    for (const category of ['Scenes', 'Inputs', 'SceneItems'] as const) expect(CAMERA_FOLLOW_EVENTS & ObsEventSubscription[category]).not.toBe(0);
  });

  it('identifies its own connection with those subscriptions (the action client keeps none)', async () => {
    const server = new FakeServerSockets();
    const client = new ObsClient({ url: 'ws://127.0.0.1:4455', createWebSocket: server.create, eventSubscriptions: CAMERA_FOLLOW_EVENTS });
    new CameraFollower(client, CAMERA).start();
    server.last.serverOpen();
    server.last.serverSend({ op: 0, d: { obsWebSocketVersion: '5.1.0', rpcVersion: 1 } });
    await vi.waitFor(() => expect(server.last.sent).toHaveLength(1));
    expect(server.last.sent[0]).toEqual({ op: 1, d: { rpcVersion: 1, eventSubscriptions: CAMERA_FOLLOW_EVENTS } });
  });

  it('reads the inputs (cameras first) and the camera\'s place once connected', async () => {
    const { follower } = setup();
    expect(follower.state.location).toBeNull();
    follower.start();
    await follower.idle();
    expect(follower.state.inputs?.map((input) => input.name)).toEqual([CAMERA, 'Screen']);
    expect(follower.state.location?.kind).toBe('found');
    expect(canvasPoint(follower, 0.5, 0.25)).toEqual({ x: 1660, y: 845 });
  });

  it('follows a drag from the events alone: no request per move', async () => {
    const { obs, camera, follower } = setup();
    follower.start();
    await follower.idle();
    const requestsBefore = obs.requests.length;
    for (let x = 1500; x >= 1000; x -= 100) {
      obs.emit('SceneItemTransformChanged', { sceneName: 'Game', sceneItemId: camera.sceneItemId, sceneItemTransform: sceneItemTransform({ ...CORNER, positionX: x }) });
      expect(canvasPoint(follower, 0, 0)).toEqual({ x, y: 800 });
    }
    expect(obs.requests.length).toBe(requestsBefore);
  });

  it('reads again when the program scene changes: a scene without the camera hides hand effects', async () => {
    const { obs, follower, states } = setup();
    follower.start();
    await follower.idle();
    obs.programScene = 'BRB';
    obs.emit('CurrentProgramSceneChanged', { sceneName: 'BRB' });
    await follower.idle();
    expect(follower.state.location).toMatchObject({ kind: 'absent', programScene: 'BRB' });
    expect(canvasPoint(follower, 0.5, 0.5)).toBe('the camera is not in scene "BRB"');
    expect(states.at(-1)?.location?.kind).toBe('absent');
  });

  it('reads once more when an event lands while a read is in flight, and ends on OBS\'s latest state', async () => {
    const { obs, camera, follower } = setup();
    follower.start();
    await follower.idle();
    obs.hold();
    obs.programScene = 'BRB';
    obs.emit('CurrentProgramSceneChanged', { sceneName: 'BRB' });
    // Let that read get as far as asking for BRB's items (answered now: no camera there).
    for (const request of ['GetVideoSettings', 'GetCurrentProgramScene', 'GetSceneItemList']) {
      const before = obs.requestsOf(request);
      obs.answerHeld();
      await vi.waitFor(() => expect(obs.requestsOf(request)).toBe(before + 1));
    }
    // While it waits for that answer, the streamer switches back and moves the camera.
    obs.programScene = 'Game';
    camera.transform = sceneItemTransform({ ...CORNER, positionX: 100 });
    obs.emit('CurrentProgramSceneChanged', { sceneName: 'Game' });
    obs.release();
    await follower.idle();
    expect(canvasPoint(follower, 0, 0)).toEqual({ x: 100, y: 800 });
  });

  it('drops a read for a source no longer picked, and follows the new one', async () => {
    const { obs, follower, states } = setup();
    obs.addItem('BRB', 'Other cam', { positionX: 5, positionY: 6, sourceWidth: 640, sourceHeight: 360 });
    obs.programScene = 'BRB';
    follower.start();
    await follower.idle();
    expect(follower.state.location?.kind).toBe('absent');
    obs.hold();
    follower.setCamera('Other cam');
    expect(follower.state.location).toBeNull();
    follower.setCamera(CAMERA); // back, while the read for "Other cam" is in flight: its answer must not land
    obs.release();
    await follower.idle();
    expect(states.filter((state) => state.cameraName === CAMERA).map((state) => state.location?.kind ?? null)).not.toContain('found');
    expect(follower.state.location?.kind).toBe('absent');
    follower.setCamera('Other cam');
    await follower.idle();
    expect(canvasPoint(follower, 0, 0)).toEqual({ x: 5, y: 6 });
    follower.setCamera(null);
    expect(follower.state).toMatchObject({ cameraName: null, location: null });
  });

  it('forgets what it read when the connection drops, and reads it all again on the next one', async () => {
    const { obs, follower } = setup();
    follower.start();
    await follower.idle();
    obs.drop();
    expect(follower.state).toMatchObject({ connected: false, location: null, inputs: null });
    obs.connect();
    await follower.idle();
    expect(follower.state.location?.kind).toBe('found');
    expect(obs.requestsOf('GetInputList')).toBe(2);
  });

  it('follows a rename of the camera input and tells the page, so the saved name follows too', async () => {
    const { obs, follower } = setup();
    const renamed: string[] = [];
    follower.onCameraRenamed((name) => renamed.push(name));
    follower.start();
    await follower.idle();
    obs.inputs[1].inputName = 'Facecam';
    obs.emit('InputNameChanged', { oldInputName: CAMERA, inputName: 'Facecam' });
    await follower.idle();
    expect(renamed).toEqual(['Facecam']);
    expect(follower.state.cameraName).toBe('Facecam');
    expect(follower.state.inputs?.map((input) => input.name)).toEqual(['Facecam', 'Screen']);
  });
});
