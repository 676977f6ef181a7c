// Finding the camera in the program scene (directly, in a group or nested scene, too deep, absent, hidden), following OBS events, and where effects go on the overlay.
import { obsSceneItemReader } from '../../src/actions/obs/camera-follower';
import {
  MAX_LISTS_PER_SEARCH, followObsEvent, isEffectDrawn, locateCamera, overlayPlacement, placeHandOnOverlay, summariseCameraFollow,
  type CameraLocation,
} from '../../src/core/overlay/camera-placement';
import { checkCameraSourceName, checkInputList, checkSceneItemList } from '../../src/core/overlay/obs-scene-replies';
import { OBS_ALIGN_BOTTOM, OBS_ALIGN_RIGHT } from '../../src/core/overlay/scene-item-transform';
import { FakeObsScenes, sceneItemTransform } from './obs/fake-obs-scenes';

const CAMERA = 'Webcam';
/** A 1280×720 facecam at a quarter size (320×180), top-left corner at (1500, 800) of the 1920×1080 canvas. */
const CORNER = { sourceWidth: 1280, sourceHeight: 720, scaleX: 0.25, scaleY: 0.25, positionX: 1500, positionY: 800 };

function gameScene(): FakeObsScenes {
  const obs = new FakeObsScenes().addScene('Game');
  obs.addItem('Game', 'Gameplay');
  obs.connect();
  return obs;
}

function found(location: CameraLocation): Extract<CameraLocation, { kind: 'found' }> {
  if (location.kind !== 'found') throw new Error(`expected the camera to be found, got ${JSON.stringify(location)}`);
  return location;
}

/** Where the overlay puts a hand at this point of the camera picture (normalised), or the reason it does not. */
function overlayPoint(location: CameraLocation | null, x: number, y: number, wholeCanvasMirrored = false) {
  const hand = placeHandOnOverlay(overlayPlacement(location, wholeCanvasMirrored), { x, y });
  return hand.notShown === null ? hand.position : hand.notShown;
}

describe('locating the camera in the program scene', () => {
  it('finds it as an item of the scene, with its transform from the list, and maps the hand into its corner', async () => {
    const obs = gameScene();
    const camera = obs.addItem('Game', CAMERA, CORNER);
    const location = found(await locateCamera(obsSceneItemReader(obs), CAMERA));
    expect(location.programScene).toBe('Game');
    expect(location.canvas).toEqual({ width: 1920, height: 1080 });
    expect(location.links).toEqual([{ sceneName: 'Game', holderIsGroup: false, sceneItemId: camera.sceneItemId, sourceName: CAMERA, enabled: true, transform: camera.transform }]);
    expect(obs.requestsOf('GetSceneItemTransform')).toBe(0);
    // (0.5, 0.25) → camera pixel (640, 180) → ·0.25 = (160, 45) → canvas (1660, 845) → overlay (1660/1920, 845/1080).
    const point = overlayPoint(location, 0.5, 0.25);
    expect(point).toEqual({ x: expect.closeTo(1660 / 1920, 9), y: expect.closeTo(845 / 1080, 9) });
  });

  it('asks GetSceneItemTransform when the list carries no transforms', async () => {
    const obs = gameScene();
    obs.listsWithoutTransforms = true;
    const camera = obs.addItem('Game', CAMERA, CORNER);
    expect(found(await locateCamera(obsSceneItemReader(obs), CAMERA)).links[0].transform).toEqual(camera.transform);
    expect(obs.requests.filter((r) => r.requestType === 'GetSceneItemTransform').map((r) => r.requestData)).toEqual([{ sceneName: 'Game', sceneItemId: camera.sceneItemId }]);
  });

  it('looks one level into a group (GetGroupSceneItemList) and composes the group item over the camera item', async () => {
    const obs = gameScene().addScene('Facecam group', { isGroup: true });
    // The camera at (0, 0) of the group at scale 0.5 (640×360 in the group); the group item puts the group at (1200, 600), halved again.
    const camera = obs.addItem('Facecam group', CAMERA, { sourceWidth: 1280, sourceHeight: 720, scaleX: 0.5, scaleY: 0.5 });
    const group = obs.addItem('Game', 'Facecam group', { sourceWidth: 640, sourceHeight: 360, scaleX: 0.5, scaleY: 0.5, positionX: 1200, positionY: 600 });
    const location = found(await locateCamera(obsSceneItemReader(obs), CAMERA));
    expect(location.links.map((link) => [link.sceneName, link.sceneItemId, link.holderIsGroup])).toEqual([
      ['Facecam group', camera.sceneItemId, true], ['Game', group.sceneItemId, false],
    ]);
    expect(obs.requests.filter((r) => r.requestType === 'GetGroupSceneItemList').map((r) => r.requestData)).toEqual([{ sceneName: 'Facecam group' }]);
    // (1, 1) → camera (1280, 720) → group (640, 360) → canvas 1200 + 320, 600 + 180.
    expect(overlayPoint(location, 1, 1)).toEqual({ x: expect.closeTo(1520 / 1920, 9), y: expect.closeTo(780 / 1080, 9) });
  });

  it('looks one level into a nested scene (GetSceneItemList), whose pixels are the canvas\'s', async () => {
    const obs = gameScene().addScene('Cam scene');
    obs.addItem('Cam scene', CAMERA, { sourceWidth: 1920, sourceHeight: 1080 });
    obs.addItem('Game', 'Cam scene', { scaleX: 0.25, scaleY: 0.25, positionX: 1440, positionY: 810 });
    const location = found(await locateCamera(obsSceneItemReader(obs), CAMERA));
    expect(location.links.map((link) => link.sceneName)).toEqual(['Cam scene', 'Game']);
    expect(location.links[0].holderIsGroup).toBe(false);
    expect(overlayPoint(location, 0.5, 0.5)).toEqual({ x: expect.closeTo((1440 + 240) / 1920, 9), y: expect.closeTo((810 + 135) / 1080, 9) });
  });

  it('says "too deep" for a camera two levels down, naming the path, and draws no hand effect there', async () => {
    const obs = gameScene().addScene('Outer').addScene('Inner');
    obs.addItem('Inner', CAMERA);
    obs.addItem('Outer', 'Inner');
    obs.addItem('Game', 'Outer');
    const location = await locateCamera(obsSceneItemReader(obs), CAMERA);
    expect(location).toMatchObject({ kind: 'too-deep', path: ['Game', 'Outer', 'Inner', CAMERA] });
    expect(overlayPoint(location, 0.5, 0.5)).toBe('the camera is nested too deep to follow');
    expect(summariseCameraFollow(CAMERA, location, true)).toMatchObject({
      state: 'too-deep', message: expect.stringContaining('Game → Outer → Inner → Webcam): Handcast cannot follow it there'),
    });
  });

  it('reports a scene without the camera as absent: hand effects are not drawn, full-stage ones go to the middle', async () => {
    const obs = gameScene();
    const location = await locateCamera(obsSceneItemReader(obs), CAMERA);
    expect(location).toEqual({ kind: 'absent', canvas: { width: 1920, height: 1080 }, programScene: 'Game' });
    const hand = placeHandOnOverlay(overlayPlacement(location, false), { x: 0.2, y: 0.3 });
    expect(hand).toEqual({ position: { x: 0.5, y: 0.5 }, notShown: 'the camera is not in scene "Game"' });
    expect(isEffectDrawn('confetti', hand)).toBe(false);
    expect(isEffectDrawn('emoji-burst', hand)).toBe(false);
    expect(isEffectDrawn('lower-third', hand)).toBe(true);
    expect(summariseCameraFollow(CAMERA, location, true)).toMatchObject({ state: 'hidden', message: 'Scene "Game" has no "Webcam": hand effects are not drawn (full-stage effects still play).' });
  });

  it('prefers a visible copy of the camera to a hidden one, and reports a hidden-only camera as hidden', async () => {
    const obs = gameScene().addScene('Cam scene');
    obs.addItem('Game', CAMERA, CORNER, false);
    const visible = obs.addItem('Cam scene', CAMERA);
    obs.addItem('Game', 'Cam scene');
    expect(found(await locateCamera(obsSceneItemReader(obs), CAMERA)).links[0].sceneItemId).toBe(visible.sceneItemId);
    visible.enabled = false;
    const hiddenOnly = await locateCamera(obsSceneItemReader(obs), CAMERA);
    expect(found(hiddenOnly).links).toHaveLength(1); // the scene's own copy comes first
    expect(overlayPoint(hiddenOnly, 0.5, 0.5)).toBe('the camera is hidden in scene "Game"');
    expect(summariseCameraFollow(CAMERA, hiddenOnly, true).message).toBe('"Webcam" is hidden in scene "Game": hand effects are not drawn (full-stage effects still play).');
  });

  it('reads a bounded number of scene lists however many nested scenes there are', async () => {
    const obs = gameScene();
    for (let i = 0; i < 40; i++) obs.addScene(`Nested ${i}`).addItem('Game', `Nested ${i}`);
    expect((await locateCamera(obsSceneItemReader(obs), CAMERA)).kind).toBe('absent');
    expect(obs.requestsOf('GetSceneItemList')).toBe(MAX_LISTS_PER_SEARCH);
  });

  it('turns a refused request or a malformed answer into "failed" with the reason; the overlay then uses the whole canvas', async () => {
    const obs = gameScene();
    obs.programScene = 'Deleted scene';
    const refused = await locateCamera(obsSceneItemReader(obs), CAMERA);
    expect(refused).toEqual({ kind: 'failed', message: expect.stringContaining('OBS refused GetSceneItemList') });
    expect(overlayPoint(refused, 0.25, 0.5)).toEqual({ x: 0.25, y: 0.5 });
    expect(summariseCameraFollow(CAMERA, refused, true).state).toBe('failed');
    const malformed = checkSceneItemList({ sceneItems: [{ sceneItemId: 1, sourceName: CAMERA, sceneItemTransform: { ...sceneItemTransform({}), scaleX: 'big' } }] });
    expect(malformed).toEqual({ ok: false, problem: 'scene item "Webcam": sceneItemTransform.scaleX must be a finite number, got "big"' });
  });
});

describe('following OBS events', () => {
  async function followedCorner() {
    const obs = gameScene();
    const camera = obs.addItem('Game', CAMERA, CORNER);
    const location = found(await locateCamera(obsSceneItemReader(obs), CAMERA));
    return { obs, camera, location };
  }

  it('moves with SceneItemTransformChanged of the camera item, without reading again', async () => {
    const { camera, location } = await followedCorner();
    const moved = sceneItemTransform({ ...CORNER, positionX: 20, positionY: 40 });
    const effect = followObsEvent(location, CAMERA, 'SceneItemTransformChanged', { sceneName: 'Game', sceneItemId: camera.sceneItemId, sceneItemTransform: moved });
    expect(effect.reread).toBe(false);
    expect(overlayPoint(effect.location, 0, 0)).toEqual({ x: 20 / 1920, y: 40 / 1080 });
  });

  it('ignores moves of other items in a scene, and reads again for any move inside the camera\'s group', async () => {
    const { location } = await followedCorner();
    const other = followObsEvent(location, CAMERA, 'SceneItemTransformChanged', { sceneName: 'Game', sceneItemId: 99, sceneItemTransform: sceneItemTransform({}) });
    expect(other).toEqual({ location, reread: false, inputsChanged: false, cameraRenamedTo: null });

    const obs = gameScene().addScene('Group', { isGroup: true });
    const camera = obs.addItem('Group', CAMERA);
    const neighbour = obs.addItem('Group', 'Frame');
    obs.addItem('Game', 'Group');
    const inGroup = found(await locateCamera(obsSceneItemReader(obs), CAMERA));
    expect(followObsEvent(inGroup, CAMERA, 'SceneItemTransformChanged', { sceneName: 'Group', sceneItemId: neighbour.sceneItemId, sceneItemTransform: neighbour.transform }).reread).toBe(true);
    const cameraMoved = followObsEvent(inGroup, CAMERA, 'SceneItemTransformChanged', {
      sceneName: 'Group', sceneItemId: camera.sceneItemId, sceneItemTransform: sceneItemTransform({ positionX: 10 }),
    });
    expect(cameraMoved.reread).toBe(true);
    expect(found(cameraMoved.location!).links[0].transform.positionX).toBe(10);
  });

  it('hides and shows with SceneItemEnableStateChanged of the camera item', async () => {
    const { camera, location } = await followedCorner();
    const hidden = followObsEvent(location, CAMERA, 'SceneItemEnableStateChanged', { sceneName: 'Game', sceneItemId: camera.sceneItemId, sceneItemEnabled: false });
    expect(hidden.reread).toBe(false);
    expect(overlayPoint(hidden.location, 0.5, 0.5)).toBe('the camera is hidden in scene "Game"');
    const shown = followObsEvent(hidden.location, CAMERA, 'SceneItemEnableStateChanged', { sceneName: 'Game', sceneItemId: camera.sceneItemId, sceneItemEnabled: true });
    expect(overlayPoint(shown.location, 0, 0)).toEqual({ x: 1500 / 1920, y: 800 / 1080 });
    // Another item shown in the camera's scene may be a second copy of it: read again.
    expect(followObsEvent(location, CAMERA, 'SceneItemEnableStateChanged', { sceneName: 'Game', sceneItemId: 99, sceneItemEnabled: true }).reread).toBe(true);
    expect(followObsEvent(location, CAMERA, 'SceneItemEnableStateChanged', { sceneName: 'Elsewhere', sceneItemId: 99, sceneItemEnabled: true }).reread).toBe(false);
  });

  it('reads again when the program scene changes or items come and go, and only with a camera picked', async () => {
    const { location } = await followedCorner();
    for (const eventType of ['CurrentProgramSceneChanged', 'SceneItemCreated', 'SceneItemRemoved', 'SceneNameChanged', 'SceneRemoved']) {
      expect(followObsEvent(location, CAMERA, eventType, { sceneName: 'BRB' }).reread, eventType).toBe(true);
    }
    expect(followObsEvent(null, null, 'CurrentProgramSceneChanged', { sceneName: 'BRB' }).reread).toBe(false);
  });

  it('follows a rename of the camera input, and re-lists inputs when they change', async () => {
    const { location } = await followedCorner();
    expect(followObsEvent(location, CAMERA, 'InputNameChanged', { oldInputName: CAMERA, inputName: 'Facecam' }))
      .toEqual({ location, reread: true, inputsChanged: true, cameraRenamedTo: 'Facecam' });
    expect(followObsEvent(location, CAMERA, 'InputNameChanged', { oldInputName: 'Mic', inputName: 'Voice' }))
      .toEqual({ location, reread: false, inputsChanged: true, cameraRenamedTo: null });
    expect(followObsEvent(location, CAMERA, 'InputRemoved', { inputName: CAMERA })).toMatchObject({ reread: true, inputsChanged: true });
  });

  it('reads again instead of trusting an event with a malformed transform', async () => {
    const { camera, location } = await followedCorner();
    const effect = followObsEvent(location, CAMERA, 'SceneItemTransformChanged', { sceneName: 'Game', sceneItemId: camera.sceneItemId, sceneItemTransform: { positionX: 'left' } });
    expect(effect).toMatchObject({ location, reread: true });
  });
});

describe('where effects go', () => {
  it('fills the whole canvas with no camera followed, mirrored when the streamer says OBS flips the camera', () => {
    expect(overlayPoint(null, 0.2, 0.7)).toEqual({ x: 0.2, y: 0.7 });
    expect(overlayPoint(null, 0.2, 0.7, true)).toEqual({ x: 0.8, y: 0.7 });
    expect(summariseCameraFollow(null, null, true).state).toBe('none');
    expect(summariseCameraFollow(CAMERA, null, false)).toMatchObject({ state: 'waiting', message: expect.stringContaining('Connect to OBS to follow "Webcam"') });
  });

  it('reads the flip from OBS: a negative scaleX mirrors, and the hand lands on the mirrored side', async () => {
    const obs = gameScene();
    // Flipped, right-aligned at the canvas's right edge: the frame's left edge (x = 0) is drawn at the right.
    obs.addItem('Game', CAMERA, { ...CORNER, scaleX: -0.25, alignment: OBS_ALIGN_RIGHT | OBS_ALIGN_BOTTOM, positionX: 1920, positionY: 1080 });
    const location = await locateCamera(obsSceneItemReader(obs), CAMERA);
    expect(summariseCameraFollow(CAMERA, location, true)).toMatchObject({ state: 'following', mirrored: true });
    const left = overlayPoint(location, 0, 1) as { x: number; y: number };
    const right = overlayPoint(location, 1, 1) as { x: number; y: number };
    expect(left.x).toBeGreaterThan(right.x);
    expect(left.y).toBeCloseTo(1, 9);
  });

  it('draws no hand effect where OBS crops the camera, but still the full-stage ones', async () => {
    const obs = gameScene();
    obs.addItem('Game', CAMERA, { ...CORNER, cropLeft: 320 });
    const hand = placeHandOnOverlay(overlayPlacement(await locateCamera(obsSceneItemReader(obs), CAMERA), false), { x: 0.1, y: 0.5 });
    expect(hand.notShown).toBe('the hand is where OBS crops the camera');
    expect(isEffectDrawn('emoji-burst', hand)).toBe(false);
    expect(isEffectDrawn('lower-third', hand)).toBe(true);
  });
});

describe('checking what OBS and files give', () => {
  it('lists cameras first, leaves audio inputs out and skips odd entries', () => {
    const listed = checkInputList({
      inputs: [
        { inputName: 'Game capture', inputKind: 'xcomposite_input', unversionedInputKind: 'xcomposite_input' },
        { inputName: 'Mic', inputKind: 'pulse_input_capture', unversionedInputKind: 'pulse_input_capture' },
        { inputName: 'Mac cam', inputKind: 'av_capture_input_v2', unversionedInputKind: 'av_capture_input' },
        { inputKind: 'v4l2_input' },
        { inputName: 'Webcam', inputKind: 'dshow_input', unversionedInputKind: 'dshow_input' },
      ],
    });
    expect(listed).toEqual({
      ok: true,
      value: [
        { name: 'Mac cam', kind: 'av_capture_input', isCamera: true },
        { name: 'Webcam', kind: 'dshow_input', isCamera: true },
        { name: 'Game capture', kind: 'xcomposite_input', isCamera: false },
      ],
    });
  });

  it('keeps a camera source name that is one line of bounded text, and names what is wrong otherwise', () => {
    expect(checkCameraSourceName('Cam (Logitech) ✓')).toEqual({ ok: true, value: 'Cam (Logitech) ✓' });
    expect(checkCameraSourceName('')).toEqual({ ok: true, value: '' });
    expect(checkCameraSourceName(7)).toEqual({ ok: false, problem: 'obsCameraSource must be a source name (text), got 7' });
    expect(checkCameraSourceName('a\nb')).toEqual({ ok: false, problem: 'obsCameraSource "a\\nb" contains a control character' });
    expect(checkCameraSourceName('x'.repeat(300))).toEqual({ ok: false, problem: 'obsCameraSource is 300 characters long, at most 256 are allowed' });
  });
});
