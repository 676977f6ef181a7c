// Effects land on the hand wherever the camera sits, against a real headless OBS: a stand-in camera (a hand photo with a
// magenta marker) placed small, cropped and rotated in a corner of a 1920×1080 canvas; Handcast maps the marker's point;
// OBS's own screenshot of the program scene must show the marker within 3 canvas pixels of it. Then OBS moves, flips,
// hides and nests the camera, and the follower (on its own event connection) keeps up.
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CAMERA_FOLLOW_EVENTS, CameraFollower, type CameraFollowState, type ObsEventConnection } from '../../src/actions/obs/camera-follower';
import { ObsClient } from '../../src/actions/obs/obs-client';
import { overlayPlacement, placeHandOnOverlay, summariseCameraFollow } from '../../src/core/overlay/camera-placement';
import {
  OBS_ALIGN_BOTTOM, OBS_ALIGN_CENTER, OBS_ALIGN_LEFT, OBS_ALIGN_RIGHT, OBS_ALIGN_TOP, type Point, type SceneItemTransform,
} from '../../src/core/overlay/scene-item-transform';
import { HeadlessObs } from '../../tools/obs/headless-obs';
import { requireOk, waitForFollow, waitForState } from '../../tools/obs/obs-fixtures';
import { decodePngDataUrl, findMarker, makeMarkedHandImage, type MarkedHandImage } from '../../tools/obs/stand-in-camera';
import { sharedDataMissing, sharedPath } from '../support/shared-data';
import { SKIP_REAL_OBS, requireRealObs } from './obs-availability';

const HAND_PHOTO = 'fixtures/photos/hagrid-v1/palm.jpg';
const SKIP = SKIP_REAL_OBS || sharedDataMissing('The real-OBS camera placement test', HAND_PHOTO) !== null;
const CANVAS = { width: 1920, height: 1080 };
const GAME = 'Handcast Game';
const BRB = 'Handcast BRB';
const NESTED_GAME = 'Handcast Game (nested facecam)';
const FACECAM_SCENE = 'Handcast Facecam';
const DEEP_GAME = 'Handcast Game (deep facecam)';
const CAMERA = 'Handcast Stand-in Camera';
/** Groups cannot be made through obs-websocket: OBS loads this one from the scene collection it starts with. */
const GROUP_GAME = 'Handcast Game (grouped facecam)';
const FACECAM_GROUP = 'Handcast Facecam Group';
/** Canvas pixels between where Handcast puts the marker and where OBS draws it: the bar. */
const TOLERANCE_PX = 3;

/** The follower's connection, logging the requests it sends and the events it gets: a move followed from events alone sends none. */
function loggingConnection(client: ObsClient): { connection: ObsEventConnection; log: string[] } {
  const log: string[] = [];
  const connection: ObsEventConnection = {
    get connected() {
      return client.connected;
    },
    request: (requestType, requestData) => {
      log.push(`request ${requestType}`);
      return client.request(requestType, requestData);
    },
    onEvent: (listener) => client.onEvent((eventType, eventData) => {
      log.push(`event ${eventType} ${JSON.stringify(eventData).slice(0, 80)}`);
      listener(eventType, eventData);
    }),
    onStatus: (listener) => client.onStatus(listener),
    connect: () => client.connect(),
    disconnect: () => client.disconnect(),
  };
  return { connection, log };
}

/** A scene item as OBS saves it in a scene collection. */
function savedItem(id: number, name: string, place: { x: number; y: number; scale: number; rot: number }) {
  return {
    id, name, visible: true, locked: false, align: OBS_ALIGN_TOP | OBS_ALIGN_LEFT, rot: place.rot,
    pos: { x: place.x, y: place.y }, scale: { x: place.scale, y: place.scale },
    bounds_type: 0, bounds_align: 0, bounds: { x: 0, y: 0 }, crop_left: 0, crop_top: 0, crop_right: 0, crop_bottom: 0,
  };
}

/** The stand-in camera input, a group holding it, and a scene showing the group shrunk and turned in a corner. */
function collectionWithGroup(image: MarkedHandImage) {
  return {
    current_scene: GROUP_GAME, current_program_scene: GROUP_GAME, current_transition: 'Cut', transition_duration: 300,
    scene_order: [{ name: GROUP_GAME }],
    sources: [
      { id: 'image_source', versioned_id: 'image_source', name: CAMERA, settings: { file: image.file } },
      {
        id: 'scene', versioned_id: 'scene', name: GROUP_GAME,
        settings: { id_counter: 1, items: [savedItem(1, FACECAM_GROUP, { x: 1250, y: 620, scale: 0.8, rot: 12 })] },
      },
    ],
    groups: [{
      id: 'group', versioned_id: 'group', name: FACECAM_GROUP,
      settings: {
        custom_size: true, cx: image.width, cy: image.height, id_counter: 1,
        items: [savedItem(1, CAMERA, { x: 0, y: 0, scale: 1, rot: 0 })],
      },
    }],
  };
}

const followsCamera = (state: CameraFollowState) => summariseCameraFollow(CAMERA, state.location, state.connected).state === 'following';

describe.skipIf(SKIP)('effects land on the camera in a real OBS', () => {
  const password = randomBytes(12).toString('base64url');
  const errors: { case: string; mappedPx: Point; seenPx: Point; errorPx: number; markerPixels: number }[] = [];
  let obs: HeadlessObs;
  let client: ObsClient;
  let follower: CameraFollower;
  let followerLog: string[];
  let workDirectory: string;
  let image: MarkedHandImage;
  let cameraItemId: number;

  async function createScene(sceneName: string): Promise<void> {
    await requireOk(client, 'CreateScene', { sceneName });
  }

  /** Adds `sourceName` to `sceneName` with `transform`; returns the new item's id. */
  async function addItem(sceneName: string, sourceName: string, transform: Partial<SceneItemTransform>): Promise<number> {
    const { sceneItemId } = await requireOk(client, 'CreateSceneItem', { sceneName, sourceName });
    if (Object.keys(transform).length > 0) await requireOk(client, 'SetSceneItemTransform', { sceneName, sceneItemId, sceneItemTransform: transform });
    return sceneItemId as number;
  }

  /** Where Handcast puts the marker now (canvas pixels), and where OBS's program screenshot shows it. */
  async function markerError(caseName: string): Promise<number> {
    const placement = overlayPlacement(follower.state.location, false);
    expect(placement.kind, JSON.stringify(follower.state.location)).toBe('mapped');
    const hand = placeHandOnOverlay(placement, image.marker);
    expect(hand.notShown).toBeNull();
    const mappedPx = { x: hand.position.x * CANVAS.width, y: hand.position.y * CANVAS.height };
    const programScene = (await requireOk(client, 'GetCurrentProgramScene')).currentProgramSceneName;
    const shot = await requireOk(client, 'GetSourceScreenshot', { sourceName: programScene, imageFormat: 'png' });
    const picture = decodePngDataUrl(String(shot.imageData));
    expect([picture.width, picture.height]).toEqual([CANVAS.width, CANVAS.height]);
    const seen = findMarker(picture);
    expect(seen, 'the marker is not in the program screenshot').not.toBeNull();
    const errorPx = Math.hypot(seen!.centre.x - mappedPx.x, seen!.centre.y - mappedPx.y);
    errors.push({ case: caseName, mappedPx, seenPx: seen!.centre, errorPx, markerPixels: seen!.pixels });
    return errorPx;
  }

  /** Set the camera item's transform through the action client, as the streamer dragging it would. */
  async function moveCamera(sceneItemTransform: Partial<SceneItemTransform>, sceneName = GAME, sceneItemId = cameraItemId): Promise<void> {
    await requireOk(client, 'SetSceneItemTransform', { sceneName, sceneItemId, sceneItemTransform });
  }

  /** The camera's own link, once the follower has taken OBS's answer to `moved`. */
  const cameraLinkIs = (moved: Partial<SceneItemTransform>) => (state: CameraFollowState) => {
    const link = state.location?.kind === 'found' ? state.location.links[0] : null;
    return link !== null && Object.entries(moved).every(([field, value]) => Math.abs(link.transform[field as keyof SceneItemTransform] as number - (value as number)) < 1e-3);
  };

  beforeAll(async () => {
    requireRealObs();
    workDirectory = mkdtempSync(path.join(tmpdir(), 'handcast-placement-'));
    image = makeMarkedHandImage(sharedPath(HAND_PHOTO), workDirectory);
    obs = await HeadlessObs.start({ password, sceneCollection: collectionWithGroup(image) });
    client = new ObsClient({ url: obs.url, password, requestTimeoutMs: 5000 });
    client.connect();
    await waitForState(client, 'connected');
    // A streamer's canvas, not the harness's small default.
    await requireOk(client, 'SetVideoSettings', {
      baseWidth: CANVAS.width, baseHeight: CANVAS.height, outputWidth: CANVAS.width, outputHeight: CANVAS.height,
    });
    await createScene(GAME);
    await requireOk(client, 'CreateInput', {
      sceneName: GAME, inputName: 'Handcast Gameplay', inputKind: 'color_source_v3',
      inputSettings: { width: CANVAS.width, height: CANVAS.height, color: 0xff553322 },
    });
    // Small, cropped and turned a little, centred near the bottom-right corner.
    cameraItemId = await addItem(GAME, CAMERA, {
      cropLeft: 40, cropRight: 80, cropTop: 20, cropBottom: 30, scaleX: 0.6, scaleY: 0.6, rotation: -10,
      alignment: OBS_ALIGN_CENTER, positionX: 1660, positionY: 900,
    });
    await createScene(BRB);
    // Scene switches land at once (a fade would end, and announce itself, 300 ms later).
    await requireOk(client, 'SetCurrentSceneTransition', { transitionName: 'Cut' });
    const followClient = new ObsClient({ url: obs.url, password, requestTimeoutMs: 5000, eventSubscriptions: CAMERA_FOLLOW_EVENTS });
    const logged = loggingConnection(followClient);
    followerLog = logged.log;
    follower = new CameraFollower(logged.connection, CAMERA);
    follower.start();
    await waitForFollow(follower, (state) => state.location !== null);
    // Switch with the follower listening, and let it settle on the switch's event: no late event reads again mid-test.
    await requireOk(client, 'SetCurrentProgramScene', { sceneName: GAME });
    await vi.waitFor(() => expect(followerLog.some((line) => line.startsWith('event CurrentProgramSceneChanged') && line.includes(GAME))).toBe(true), { timeout: 15_000 });
    await follower.idle();
  });

  afterAll(async () => {
    follower?.stop();
    client?.disconnect();
    await obs?.stop();
    if (workDirectory) rmSync(workDirectory, { recursive: true, force: true });
    if (errors.length > 0) {
      console.log(`marker: Handcast's mapped point vs OBS's screenshot (canvas px, tolerance ${TOLERANCE_PX}):`);
      for (const row of errors) {
        console.log(`  ${row.case.padEnd(34)} mapped (${row.mappedPx.x.toFixed(1)}, ${row.mappedPx.y.toFixed(1)})  seen (${row.seenPx.x.toFixed(1)}, ${row.seenPx.y.toFixed(1)})  error ${row.errorPx.toFixed(2)} px  (${row.markerPixels} marker px)`);
      }
    }
  });

  it('finds the camera small, cropped and rotated in a corner; OBS draws the marker within 3 px of where Handcast maps it', async () => {
    const state = await waitForFollow(follower, followsCamera);
    expect(state.inputs?.map((input) => input.name)).toContain(CAMERA);
    expect(state.location).toMatchObject({ kind: 'found', programScene: GAME, canvas: CANVAS });
    expect(await markerError('corner, cropped, rotated -10°')).toBeLessThanOrEqual(TOLERANCE_PX);
  });

  it('follows SetSceneItemTransform from the event connection alone (no request), and the marker follows', async () => {
    await waitForFollow(follower, followsCamera);
    await follower.idle();
    const logFrom = followerLog.length;
    // Dragged to the top-left corner, turned a quarter, cropped otherwise.
    const moved = {
      cropLeft: 0, cropRight: 120, cropTop: 0, cropBottom: 0, scaleX: 0.5, scaleY: 0.5, rotation: 90,
      alignment: OBS_ALIGN_TOP | OBS_ALIGN_LEFT, positionX: 260, positionY: 40,
    };
    await moveCamera(moved);
    await waitForFollow(follower, cameraLinkIs(moved));
    const since = followerLog.slice(logFrom);
    expect(since.filter((line) => line.startsWith('request')), since.join('\n')).toEqual([]);
    expect(await markerError('top-left, rotated 90°')).toBeLessThanOrEqual(TOLERANCE_PX);
  });

  it('reads a horizontal flip from OBS, without and with a bounds box, and still lands on the marker', async () => {
    const flipped = {
      cropLeft: 0, cropRight: 0, cropTop: 0, cropBottom: 0, scaleX: -0.5, scaleY: 0.5, rotation: 0,
      alignment: OBS_ALIGN_TOP | OBS_ALIGN_LEFT, positionX: 900, positionY: 500,
    };
    await moveCamera(flipped);
    const state = await waitForFollow(follower, cameraLinkIs(flipped));
    expect(summariseCameraFollow(CAMERA, state.location, true).mirrored).toBe(true);
    expect(await markerError('flipped, no bounds')).toBeLessThanOrEqual(TOLERANCE_PX);

    const boxed = {
      scaleX: -1, scaleY: 1, rotation: 20, alignment: OBS_ALIGN_BOTTOM | OBS_ALIGN_RIGHT, positionX: 1880, positionY: 1040,
      boundsType: 'OBS_BOUNDS_SCALE_INNER', boundsAlignment: OBS_ALIGN_LEFT, boundsWidth: 420, boundsHeight: 300,
    } as const;
    await moveCamera(boxed);
    const { boundsType: _, ...numbers } = boxed;
    await waitForFollow(follower, (s) => cameraLinkIs(numbers)(s) && s.location?.kind === 'found' && s.location.links[0].transform.boundsType === boxed.boundsType);
    expect(await markerError('flipped in a 420×300 box, 20°')).toBeLessThanOrEqual(TOLERANCE_PX);
    await moveCamera({ boundsType: 'OBS_BOUNDS_NONE', scaleX: 0.6, scaleY: 0.6, rotation: -10, alignment: OBS_ALIGN_CENTER, positionX: 1660, positionY: 900 });
  });

  it('draws no hand effect while the camera is hidden, or on a scene without it', async () => {
    await requireOk(client, 'SetSceneItemEnabled', { sceneName: GAME, sceneItemId: cameraItemId, sceneItemEnabled: false });
    let state = await waitForFollow(follower, (s) => s.location?.kind === 'found' && !s.location.links[0].enabled);
    expect(placeHandOnOverlay(overlayPlacement(state.location, false), image.marker).notShown).toBe(`the camera is hidden in scene "${GAME}"`);
    await requireOk(client, 'SetSceneItemEnabled', { sceneName: GAME, sceneItemId: cameraItemId, sceneItemEnabled: true });
    await waitForFollow(follower, followsCamera);

    await requireOk(client, 'SetCurrentProgramScene', { sceneName: BRB });
    state = await waitForFollow(follower, (s) => s.location?.kind === 'absent');
    expect(summariseCameraFollow(CAMERA, state.location, true).message).toBe(`Scene "${BRB}" has no "${CAMERA}": hand effects are not drawn (full-stage effects still play).`);
    await requireOk(client, 'SetCurrentProgramScene', { sceneName: GAME });
    await waitForFollow(follower, followsCamera);
  });

  it('follows the camera inside a nested scene, one level deep, and names one two levels deep as too deep', async () => {
    // The facecam scene holds the camera as its own item; the game scene shows that scene shrunk and turned.
    await createScene(FACECAM_SCENE);
    await addItem(FACECAM_SCENE, CAMERA, { scaleX: 1.5, scaleY: 1.5, positionX: 200, positionY: 100, rotation: 5 });
    await createScene(NESTED_GAME);
    await addItem(NESTED_GAME, 'Handcast Gameplay', {});
    await addItem(NESTED_GAME, FACECAM_SCENE, { scaleX: 0.4, scaleY: 0.4, positionX: 1150, positionY: 600, rotation: -8 });
    await requireOk(client, 'SetCurrentProgramScene', { sceneName: NESTED_GAME });
    const state = await waitForFollow(follower, (s) => s.location?.kind === 'found' && s.location.programScene === NESTED_GAME);
    expect(state.location?.kind === 'found' && state.location.links.map((link) => link.sceneName)).toEqual([FACECAM_SCENE, NESTED_GAME]);
    expect(await markerError('nested scene, one level')).toBeLessThanOrEqual(TOLERANCE_PX);

    await createScene(DEEP_GAME);
    await addItem(DEEP_GAME, NESTED_GAME, {});
    await requireOk(client, 'SetCurrentProgramScene', { sceneName: DEEP_GAME });
    const deep = await waitForFollow(follower, (s) => s.location?.kind === 'too-deep');
    expect(deep.location).toMatchObject({ path: [DEEP_GAME, NESTED_GAME, FACECAM_SCENE, CAMERA] });
    await requireOk(client, 'SetCurrentProgramScene', { sceneName: GAME });
  });

  it('follows the camera inside a group, one level deep, and a move inside the group', async () => {
    await requireOk(client, 'SetCurrentProgramScene', { sceneName: GROUP_GAME });
    const state = await waitForFollow(follower, (s) => followsCamera(s) && s.location?.kind === 'found' && s.location.programScene === GROUP_GAME);
    const links = state.location?.kind === 'found' ? state.location.links : [];
    expect(links.map((link) => [link.sceneName, link.holderIsGroup])).toEqual([[FACECAM_GROUP, true], [GROUP_GAME, false]]);
    expect(await markerError('group, one level')).toBeLessThanOrEqual(TOLERANCE_PX);
    // Moved and turned inside the group: the group's box changes with it, so the follower reads the chain again.
    const moved = { positionX: 40, positionY: 30, rotation: -20, scaleX: 0.9, scaleY: 0.9 };
    await moveCamera(moved, FACECAM_GROUP, links[0].sceneItemId);
    await waitForFollow(follower, cameraLinkIs(moved));
    await follower.idle();
    expect(await markerError('group, camera moved inside')).toBeLessThanOrEqual(TOLERANCE_PX);
    await requireOk(client, 'SetCurrentProgramScene', { sceneName: GAME });
  });
});
