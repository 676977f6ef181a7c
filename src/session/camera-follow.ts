// The page's camera follow: a CameraFollower on its own OBS connection while OBS is connected, its placement kept here (read per gesture event), a summary in the store only when it changes.
import { CAMERA_FOLLOW_EVENTS, CameraFollower, type CameraFollowState } from '../actions/obs/camera-follower';
import { ObsClient } from '../actions/obs/obs-client';
import { overlayPlacement, summariseCameraFollow, type OverlayPlacement } from '../core/overlay/camera-placement';
import { handcastStore } from '../store';
import type { CameraFollowView } from '../store/stream-slice';

let follower: CameraFollower | null = null;
let followed: CameraFollowState | null = null;

/** Start following on a second connection to OBS (events on; the action connection keeps none, and its speed). */
export function startCameraFollow(url: string, password: string): void {
  stopCameraFollow();
  const connection = new ObsClient({ url, password, eventSubscriptions: CAMERA_FOLLOW_EVENTS });
  follower = new CameraFollower(connection, handcastStore.getState().stream.obsCameraSource || null);
  follower.onChange(publish);
  // OBS renamed the input: the saved name follows, so the next session still finds it.
  follower.onCameraRenamed((obsCameraSource) => handcastStore.getState().updateStream({ obsCameraSource }));
  follower.start();
}

export function stopCameraFollow(): void {
  follower?.stop();
  follower = null;
  followed = null;
  publish(null);
}

/** The streamer picked a camera source ('' for none): saved with the stream settings, followed at once. */
export function pickCameraSource(name: string): void {
  handcastStore.getState().updateStream({ obsCameraSource: name });
  follower?.setCamera(name === '' ? null : name);
  if (!follower) publish(null);
}

/** Read the inputs and the camera's place again (the panel's Refresh button). */
export function refreshCameraFollow(): void {
  follower?.refresh();
}

/** Where effects go now: on the followed camera, or the whole canvas when nothing is followed. */
export function currentOverlayPlacement(): OverlayPlacement {
  const { stream } = handcastStore.getState();
  if (stream.obsCameraSource === '' || followed === null) return { kind: 'whole-canvas', mirrored: stream.obsCameraMirrored };
  return overlayPlacement(followed.location, stream.obsCameraMirrored);
}

function publish(state: CameraFollowState | null): void {
  followed = state;
  const store = handcastStore.getState();
  const source = store.stream.obsCameraSource;
  const summary = summariseCameraFollow(source === '' ? null : source, state?.location ?? null, state?.connected ?? false);
  // The flip OBS reports replaces the "flipped" checkbox, and stays saved for when OBS is not connected.
  if (summary.mirrored !== null && summary.mirrored !== store.stream.obsCameraMirrored) store.updateStream({ obsCameraMirrored: summary.mirrored });
  const view: CameraFollowView = { summary, inputs: state?.inputs ?? null, inputsProblem: state?.inputsProblem ?? null };
  // A drag in OBS changes the placement per mouse move; the panel re-renders only when what it shows changes.
  if (!sameView(view, store.cameraFollow)) store.setCameraFollow(view);
}

function sameView(a: CameraFollowView, b: CameraFollowView): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
