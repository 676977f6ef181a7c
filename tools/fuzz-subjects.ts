// What the fuzzer runs on: every seed (the shipped model, profiles from the stream panel's exporter, the page's overlay messages) and the profile importer.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { effectMessageFor, testEffectMessage } from '../src/actions/overlay-channel.ts';
import type { GestureMapping } from '../src/actions/stream-action.ts';
import type { ProfileParser } from '../src/core/fuzz/campaign.ts';
import { buildFuzzSeeds, type FuzzSeeds, type SeedFile } from '../src/core/fuzz/seeds.ts';
import type { GestureEvent } from '../src/core/gestures/gesture-event.ts';
import { formatProfile, parseProfile } from '../src/session/stream-profile.ts';
import { DEFAULT_STREAM_SETTINGS } from '../src/store/stream-slice.ts';

const SHIPPED_MODEL = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'public', 'models', 'gesture_model.json');

/** A streamer's mappings: every action kind once, every hand, an effect with and without its optional text, some limited to scenes. */
const STREAMER_MAPPINGS: readonly GestureMapping[] = [
  { id: 'brb', gesture: 'open_palm', hand: 'any', action: { kind: 'switch-scene', sceneName: 'Be Right Back' } },
  { id: 'cam', gesture: 'fist', hand: 'Right', action: { kind: 'scene-item', sceneName: 'Main', sourceName: 'Webcam', visible: 'toggle' } },
  { id: 'mute', gesture: 'thumb_down', hand: 'Left', action: { kind: 'input-mute', inputName: 'Mic/Aux', muted: 'on' } },
  { id: 'blur', gesture: 'victory', hand: 'any', action: { kind: 'filter', sourceName: 'Webcam', filterName: 'Blur', enabled: 'off' } },
  { id: 'shot', gesture: 'swipe_up', hand: 'any', action: { kind: 'hotkey', hotkeyName: 'OBSBasic.Screenshot' } },
  { id: 'chat', gesture: 'circle_cw', hand: 'any', action: { kind: 'custom-event', eventData: { type: 'wave', count: 2, tags: ['hi', 'chat'] } } },
  { id: 'likes', gesture: 'thumb_up', hand: 'Right', scenes: ['Just chatting'], action: { kind: 'overlay-effect', effect: 'emoji-burst', emoji: '👍' } },
  { id: 'party', gesture: 'two_hand_heart', hand: 'both', scenes: ['Just chatting', 'Starting soon 🎬', 'Main'], action: { kind: 'overlay-effect', effect: 'confetti' } },
  { id: 'hello', gesture: 'both_open_palms', hand: 'both', action: { kind: 'overlay-effect', effect: 'lower-third', text: 'Welcome to the stream!' } },
];

/** Profiles as the stream panel exports them: the defaults, a full streamer's, and a small one with options changed. */
function profileSeeds(): SeedFile[] {
  return [
    { name: 'profile (defaults, nothing mapped)', loader: 'profile', text: formatProfile(DEFAULT_STREAM_SETTINGS) },
    { name: 'profile (every action kind)', loader: 'profile', text: formatProfile({ ...DEFAULT_STREAM_SETTINGS, mappings: STREAMER_MAPPINGS }) },
    {
      name: 'profile (two mappings, options on)', loader: 'profile',
      text: formatProfile({
        obsUrl: 'ws://localhost:4456', dryRun: true, armingRequired: true, obsCameraMirrored: true, obsCameraSource: 'Webcam',
        mappings: STREAMER_MAPPINGS.slice(5, 7),
      }),
    },
  ];
}

/** Overlay messages as the main page builds them: one per effect from gesture events, and the "Test effect" ones. */
function overlaySeeds(): SeedFile[] {
  const event = (gesture: string, x: number, y: number, timeMs: number): GestureEvent => ({
    kind: 'pose', gesture, hand: 0, handedness: 'Right', position: { x, y }, confidence: 0.93, timeMs,
  });
  const messages = [
    effectMessageFor(event('thumb_up', 0.62, 0.41, 12_345.6), { kind: 'overlay-effect', effect: 'emoji-burst', emoji: '👍' }),
    effectMessageFor(event('two_hand_heart', 0.5, 0.55, 98_001), { kind: 'overlay-effect', effect: 'confetti' }),
    effectMessageFor(event('open_palm', 0.02, 0.97, 4_000.25), { kind: 'overlay-effect', effect: 'lower-third', text: 'Welcome to the stream!' }),
    testEffectMessage('lower-third', 1_700_000_000_000),
    testEffectMessage('emoji-burst', 250),
  ];
  return messages.map((message, i) => ({ name: `overlay message ${i + 1} (${message.effect})`, loader: 'overlay-message', text: JSON.stringify(message) }));
}

/** Every target's seeds (reads public/models/gesture_model.json). */
export function loadFuzzSeeds(): FuzzSeeds {
  return buildFuzzSeeds(readFileSync(SHIPPED_MODEL, 'utf8'), { profile: profileSeeds(), overlay: overlaySeeds() });
}

/** The profile importer, handed to the campaign (core does not import the session). */
export const profileParser: ProfileParser = parseProfile;
