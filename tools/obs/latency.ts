// `npm run obs:latency -- [--events N]`: gesture event → OBS's RequestResponse, through the action layer into a headless OBS; median and p95 per action.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { CAMERA_FOLLOW_EVENTS, CameraFollower } from '../../src/actions/obs/camera-follower';
import { handleGestureEvent } from '../../src/actions/obs/obs-actions';
import { ObsClient } from '../../src/actions/obs/obs-client';
import { ObsEventSubscription } from '../../src/actions/obs/protocol';
import type { GestureMapping } from '../../src/actions/stream-action';
import type { GestureEvent } from '../../src/core/gestures/gesture-event';
import { quantileOfSorted } from '../../src/core/stats/latency';
import { HeadlessObs } from './headless-obs';
import { FIXTURE, createFixtureScene, waitForFollow, waitForState } from './obs-fixtures';

if (typeof globalThis.WebSocket !== 'function') {
  // Node 20 keeps WebSocket behind a flag: run again with it (Node 22 and later have it by default).
  const rerun = spawnSync(process.execPath, ['--experimental-websocket', ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(rerun.status ?? 1);
}

const MAPPINGS: GestureMapping[] = [
  { id: 'to-brb', gesture: 'thumb_up', hand: 'Right', action: { kind: 'switch-scene', sceneName: FIXTURE.brbScene } },
  { id: 'to-live', gesture: 'thumb_up', hand: 'Left', action: { kind: 'switch-scene', sceneName: FIXTURE.liveScene } },
  { id: 'card', gesture: 'open_palm', hand: 'any', action: { kind: 'scene-item', sceneName: FIXTURE.liveScene, sourceName: FIXTURE.card, visible: 'toggle' } },
  { id: 'mute', gesture: 'fist', hand: 'any', action: { kind: 'input-mute', inputName: FIXTURE.media, muted: 'toggle' } },
  { id: 'cue', gesture: 'two_hand_heart', hand: 'both', action: { kind: 'custom-event', eventData: { cue: 'heart' } } },
  // Limited to both scenes, so it always fires: what asking GetCurrentProgramScene before the action costs.
  {
    id: 'cue-per-scene', gesture: 'victory', hand: 'any', scenes: [FIXTURE.liveScene, FIXTURE.brbScene],
    action: { kind: 'custom-event', eventData: { cue: 'victory' } },
  },
];

/** Each measured case: a row label and the event for round i (switch-scene alternates so every event changes the scene). */
const CASES: { label: string; requests: number; event: (i: number) => Pick<GestureEvent, 'gesture' | 'handedness'> }[] = [
  { label: 'switch-scene', requests: 1, event: (i) => ({ gesture: 'thumb_up', handedness: i % 2 ? 'Left' : 'Right' }) },
  { label: 'scene-item toggle', requests: 3, event: () => ({ gesture: 'open_palm', handedness: 'Right' }) },
  { label: 'input-mute toggle', requests: 1, event: () => ({ gesture: 'fist', handedness: 'Right' }) },
  { label: 'custom-event', requests: 1, event: () => ({ gesture: 'two_hand_heart', handedness: 'both' }) },
  { label: 'custom-event, 2 scenes', requests: 2, event: () => ({ gesture: 'victory', handedness: 'Right' }) },
];

let eventClockMs = 0;

/** The page's camera follower on its own connection, following the fixture's card as if it were the camera. */
async function followCard(url: string, password: string): Promise<CameraFollower> {
  const follower = new CameraFollower(new ObsClient({ url, password, eventSubscriptions: CAMERA_FOLLOW_EVENTS }), FIXTURE.card);
  follower.start();
  await waitForFollow(follower, (state) => state.location?.kind === 'found');
  return follower;
}

/** Milliseconds from handing each event to the action layer until OBS's RequestResponse for its last request, sorted. */
async function measure(client: ObsClient, testCase: (typeof CASES)[number], events: number): Promise<number[]> {
  const elapsed: number[] = [];
  for (let i = -10; i < events; i++) { // ten warm-up rounds first
    const { gesture, handedness } = testCase.event(i);
    const event: GestureEvent = {
      kind: 'pose', gesture, handedness, hand: 0, position: { x: 0.5, y: 0.5 }, confidence: 0.9, timeMs: (eventClockMs += 33),
    };
    const start = performance.now();
    const [outcome] = await handleGestureEvent(event, MAPPINGS, client);
    const took = performance.now() - start;
    if (outcome.status !== 'done') throw new Error(outcome.message);
    if (i >= 0) elapsed.push(took);
  }
  return elapsed.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { events: { type: 'string', default: '200' } } });
  const events = Number(values.events);
  if (!Number.isInteger(events) || events < 1) throw new Error(`--events must be a positive whole number, got "${values.events}"`);
  const password = randomBytes(12).toString('base64url');
  const obs = await HeadlessObs.start({ password });
  const clients: ObsClient[] = [];
  try {
    const rows = [];
    // Side by side: the action client as built (no events); the same while the page's camera follower listens on a
    // connection of its own (every switch-scene makes it read the new scene); and one client subscribed to all events.
    const setups = [
      ['none', ObsEventSubscription.None, false], ['none, follower on', ObsEventSubscription.None, true], ['all', ObsEventSubscription.All, false],
    ] as const;
    for (const [subscribed, eventSubscriptions, withFollower] of setups) {
      const client = new ObsClient({ url: obs.url, password, eventSubscriptions });
      clients.push(client);
      client.connect();
      await waitForState(client, 'connected');
      await createFixtureScene(client);
      const follower = withFollower ? await followCard(obs.url, password) : null;
      for (const testCase of CASES) {
        const elapsed = await measure(client, testCase, events);
        rows.push({
          action: testCase.label, subscribed, requests: testCase.requests, events,
          medianMs: quantileOfSorted(elapsed, 0.5), p95Ms: quantileOfSorted(elapsed, 0.95), maxMs: elapsed.at(-1)!,
        });
      }
      follower?.stop();
      client.disconnect();
    }
    const cell = (ms: number) => ms.toFixed(2).padStart(8);
    console.log(`gesture event → OBS RequestResponse, ${events} events per action, headless OBS (software GL), loopback WebSocket`);
    console.log(`${'action'.padEnd(24)}${'events subscribed'.padStart(20)}${'requests'.padStart(9)}${'median'.padStart(9)}${'p95'.padStart(9)}${'max'.padStart(9)}  (ms)`);
    for (const row of rows) {
      console.log(`${row.action.padEnd(24)}${row.subscribed.padStart(20)}${String(row.requests).padStart(9)} ${cell(row.medianMs)} ${cell(row.p95Ms)} ${cell(row.maxMs)}`);
    }
    console.log(JSON.stringify({ obsLatency: rows }));
  } finally {
    for (const client of clients) client.disconnect();
    await obs.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
