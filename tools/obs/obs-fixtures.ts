// What the OBS test and the latency tool set up through the WebSocket itself: scenes, inputs, a filter; and waiting on a client.
import type { CameraFollower, CameraFollowState } from '../../src/actions/obs/camera-follower';
import type { ObsClient, ObsConnectionState } from '../../src/actions/obs/obs-client';

export const FIXTURE = {
  liveScene: 'Handcast Live',
  brbScene: 'Handcast BRB',
  /** A colour card: a video source whose visibility and filter we flip. */
  card: 'Handcast Card',
  /** A media source with no file: the audio-capable input Debian's OBS has without a sound server, so it can be muted. */
  media: 'Handcast Media',
  tint: 'Handcast Tint',
} as const;

const RESOURCE_ALREADY_EXISTS = 601;

/** Send a request that must succeed; throws with OBS's reason otherwise. */
export async function requireOk(
  client: ObsClient, requestType: string, requestData?: Record<string, unknown>, { allowExisting = false } = {},
): Promise<Readonly<Record<string, unknown>>> {
  const result = await client.request(requestType, requestData);
  if (result.ok) return result.responseData;
  if (allowExisting && result.code === RESOURCE_ALREADY_EXISTS) return {};
  throw new Error(result.message);
}

/** Resolves once the client reaches the state; rejects with its last status message after timeoutMs. */
export function waitForState(client: ObsClient, state: ObsConnectionState, timeoutMs = 15_000): Promise<void> {
  if (client.status.state === state) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`OBS client did not become ${state} within ${timeoutMs} ms; last status: ${client.status.state}: ${client.status.message}`));
    }, timeoutMs);
    const unsubscribe = client.onStatus((status) => {
      if (status.state !== state) return;
      clearTimeout(timer);
      unsubscribe();
      resolve();
    });
  });
}

/** Resolves with the follower's state once `accept` takes it; rejects with the last state after timeoutMs. */
export function waitForFollow(
  follower: CameraFollower, accept: (state: CameraFollowState) => boolean, timeoutMs = 15_000,
): Promise<CameraFollowState> {
  if (accept(follower.state)) return Promise.resolve(follower.state);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`The camera follower did not reach the expected state within ${timeoutMs} ms; last: ${JSON.stringify(follower.state.location)}`));
    }, timeoutMs);
    const unsubscribe = follower.onChange((state) => {
      if (!accept(state)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(state);
    });
  });
}

/** Two scenes, a card and a media input in the live one, a colour filter on the card; the live scene on program. Safe to repeat. */
export async function createFixtureScene(client: ObsClient): Promise<void> {
  const existing = { allowExisting: true };
  await requireOk(client, 'CreateScene', { sceneName: FIXTURE.liveScene }, existing);
  await requireOk(client, 'CreateScene', { sceneName: FIXTURE.brbScene }, existing);
  await requireOk(client, 'CreateInput', {
    sceneName: FIXTURE.liveScene, inputName: FIXTURE.card, inputKind: 'color_source_v3', inputSettings: { width: 160, height: 90 },
  }, existing);
  await requireOk(client, 'CreateInput', {
    sceneName: FIXTURE.liveScene, inputName: FIXTURE.media, inputKind: 'ffmpeg_source', inputSettings: {},
  }, existing);
  await requireOk(client, 'CreateSourceFilter', {
    sourceName: FIXTURE.card, filterName: FIXTURE.tint, filterKind: 'color_filter_v2', filterSettings: {},
  }, existing);
  await requireOk(client, 'SetCurrentProgramScene', { sceneName: FIXTURE.liveScene });
}
