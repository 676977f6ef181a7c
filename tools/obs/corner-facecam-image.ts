// `npm run docs:corner-facecam`: docs/images/corner-facecam.png, a real headless OBS's program picture (a game scene with a small, turned facecam in a corner) with Handcast's overlay drawn by Chromium on top, the effects at the hand Handcast mapped through OBS's transform; composited with ffmpeg.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CAMERA_FOLLOW_EVENTS, CameraFollower } from '../../src/actions/obs/camera-follower';
import { ObsClient } from '../../src/actions/obs/obs-client';
import { OBS_EFFECT_EVENT, effectMessageFor } from '../../src/actions/overlay-channel';
import { overlayPlacement, placeHandOnOverlay } from '../../src/core/overlay/camera-placement';
import type { GestureEvent } from '../../src/core/gestures/gesture-event';
import { OBS_ALIGN_BOTTOM, OBS_ALIGN_RIGHT } from '../../src/core/overlay/scene-item-transform';
import { REPO_ROOT, startAppServer } from '../browser/app-server';
import { launchChromium } from '../browser/chromium';
import { OverlayPage } from '../browser/overlay-page';
import { HeadlessObs } from './headless-obs';
import { requireOk, waitForFollow, waitForState } from './obs-fixtures';
import { SHARED_HAND_PHOTO, ffmpeg, makeMarkedHandImage } from './stand-in-camera';

if (typeof globalThis.WebSocket !== 'function') {
  // Node 20 keeps WebSocket behind a flag: run again with it (Node 22 and later have it by default).
  const rerun = spawnSync(process.execPath, ['--experimental-websocket', ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(rerun.status ?? 1);
}

const CANVAS = { width: 1920, height: 1080 };
const SCENE = 'Game';
const CAMERA = 'Facecam';
const OUTPUT = path.join(REPO_ROOT, 'docs', 'images', 'corner-facecam.png');

/** A "game" for the facecam to sit over: Conway's life on a dark gradient (ffmpeg's lavfi sources), as PNG. */
function makeGamePicture(directory: string): string {
  const file = path.join(directory, 'game.png');
  ffmpeg([
    '-y',
    '-f', 'lavfi', '-i', `gradients=s=${CANVAS.width}x${CANVAS.height}:c0=0x0f2027:c1=0x203a43:c2=0x2c5364:x0=0:y0=0:x1=${CANVAS.width}:y1=${CANVAS.height}:nb_colors=3,format=rgb24`,
    '-f', 'lavfi', '-i', `life=s=192x108:mold=10:r=10:ratio=0.1:death_color=#000000:life_color=#39ff14,scale=${CANVAS.width}:${CANVAS.height}:flags=neighbor,format=rgb24`,
    '-filter_complex', '[1]trim=start_frame=30,setpts=PTS-STARTPTS[life];[0][life]blend=all_mode=screen:all_opacity=0.5',
    '-frames:v', '1', file,
  ]);
  return file;
}

async function main(): Promise<void> {
  const directory = mkdtempSync(path.join(tmpdir(), 'handcast-corner-facecam-'));
  const password = randomBytes(12).toString('base64url');
  let obs: HeadlessObs | null = null;
  const closers: (() => Promise<unknown> | void)[] = [];
  try {
    const game = makeGamePicture(directory);
    const camera = makeMarkedHandImage(SHARED_HAND_PHOTO, directory, { drawMarker: false });
    obs = await HeadlessObs.start({ password });
    const client = new ObsClient({ url: obs.url, password, requestTimeoutMs: 5000 });
    closers.push(() => client.disconnect());
    client.connect();
    await waitForState(client, 'connected');
    await requireOk(client, 'SetVideoSettings', { baseWidth: CANVAS.width, baseHeight: CANVAS.height, outputWidth: CANVAS.width, outputHeight: CANVAS.height });
    await requireOk(client, 'CreateScene', { sceneName: SCENE });
    await requireOk(client, 'CreateInput', { sceneName: SCENE, inputName: 'Gameplay', inputKind: 'image_source', inputSettings: { file: game } });
    const { sceneItemId } = await requireOk(client, 'CreateInput', { sceneName: SCENE, inputName: CAMERA, inputKind: 'image_source', inputSettings: { file: camera.file } });
    // The facecam cropped to the hand, at 1.1 scale, turned a little, its bottom-right corner 40 px in from the canvas's.
    await requireOk(client, 'SetSceneItemTransform', {
      sceneName: SCENE, sceneItemId,
      sceneItemTransform: {
        cropLeft: 130, cropRight: 130, cropTop: 0, cropBottom: 0, scaleX: 1.1, scaleY: 1.1, rotation: -5,
        alignment: OBS_ALIGN_BOTTOM | OBS_ALIGN_RIGHT, positionX: CANVAS.width - 40, positionY: CANVAS.height - 40,
      },
    });
    await requireOk(client, 'SetCurrentSceneTransition', { transitionName: 'Cut' });
    await requireOk(client, 'SetCurrentProgramScene', { sceneName: SCENE });

    const follower = new CameraFollower(new ObsClient({ url: obs.url, password, eventSubscriptions: CAMERA_FOLLOW_EVENTS }), CAMERA);
    closers.push(() => follower.stop());
    follower.start();
    const state = await waitForFollow(follower, (s) => s.location?.kind === 'found' && s.location.links[0].transform.sourceWidth > 0);
    const hand = placeHandOnOverlay(overlayPlacement(state.location, false), camera.marker);
    if (hand.notShown) throw new Error(`Handcast does not see the hand on the canvas: ${hand.notShown}`);

    const shot = await requireOk(client, 'GetSourceScreenshot', { sourceName: SCENE, imageFormat: 'png' });
    const programFile = path.join(directory, 'program.png');
    writeFileSync(programFile, Buffer.from(String(shot.imageData).replace(/^data:image\/png;base64,/, ''), 'base64'));

    const server = await startAppServer();
    closers.push(() => server.close());
    const browser = await launchChromium();
    closers.push(() => browser.close());
    const page = await browser.context.newPage();
    await page.setViewportSize(CANVAS);
    // tsx wraps named inner functions of the page objects' browser-side code in an __name() helper the page lacks.
    await page.addInitScript('window.__name = (fn) => fn;');
    const overlay = await OverlayPage.open(page, server.url, { insideObs: true });
    // The messages a thumbs-up mapped to confetti and to a heart burst send, through obs-browser as inside OBS.
    const event: GestureEvent = { kind: 'pose', gesture: 'thumb_up', hand: 0, handedness: 'Right', position: hand.position, confidence: 0.95, timeMs: 1000 };
    await overlay.emitObsEvent(OBS_EFFECT_EVENT, effectMessageFor(event, { kind: 'overlay-effect', effect: 'confetti' }));
    // ❤ is in DejaVu, Debian's default font; colour emoji need an emoji font this machine may lack.
    await overlay.emitObsEvent(OBS_EFFECT_EVENT, effectMessageFor(event, { kind: 'overlay-effect', effect: 'emoji-burst', emoji: '❤' }));
    while ((await overlay.effectsRendered()) < 2) await overlay.waitDisplayFrames(1);
    await overlay.waitDisplayFrames(10);
    const overlayFile = path.join(directory, 'overlay.png');
    await page.screenshot({ path: overlayFile, omitBackground: true });

    ffmpeg(['-y', '-i', programFile, '-i', overlayFile, '-filter_complex', '[0][1]overlay=0:0,scale=1280:720:flags=lanczos', '-frames:v', '1', OUTPUT]);
    const px = { x: hand.position.x * CANVAS.width, y: hand.position.y * CANVAS.height };
    console.log(`wrote ${path.relative(REPO_ROOT, OUTPUT)}: OBS ${String((await requireOk(client, 'GetVersion')).obsVersion)} program picture + overlay drawn in Chromium, `
      + `effects at canvas (${px.x.toFixed(1)}, ${px.y.toFixed(1)}), scaled to 1280×720`);
  } finally {
    for (const close of closers.reverse()) await close();
    await obs?.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
