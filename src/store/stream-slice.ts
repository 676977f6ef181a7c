// Going live: the OBS connection's settings and status, the gesture → action mappings, dry run, and a short log of what fired.
import type { StateCreator } from 'zustand';
import type { HandcastState } from './index';
import type { ObsConnectionStatus } from '../actions/obs/obs-client';
import type { GestureMapping } from '../actions/stream-action';
import { checkMappings } from '../actions/gesture-mappings';
import type { CameraFollowSummary } from '../core/overlay/camera-placement';
import { checkCameraSourceName, type ObsInput } from '../core/overlay/obs-scene-replies';

export interface StreamSettings {
  /** obs-websocket address; loopback only (the page's CSP allows no other websocket). */
  readonly obsUrl: string;
  /** Nothing is mapped by default. */
  readonly mappings: readonly GestureMapping[];
  /** Show what would fire, send nothing to OBS (overlay effects still show in the preview). */
  readonly dryRun: boolean;
  /** Hold victory for a second to arm gestures for 30 s (core/gestures DEFAULT_ARMING); off: always armed. */
  readonly armingRequired: boolean;
  /**
   * The camera is mirrored in OBS too. OBS shows a camera unmirrored unless the streamer flips it, while this page
   * mirrors its preview like a selfie view: effects are placed where the hand is in OBS's picture. While a camera
   * source is followed, the flip OBS reports is written here, so it still holds when OBS is not connected.
   */
  readonly obsCameraMirrored: boolean;
  /** The OBS input that shows this camera ('' for none): effects are placed where its scene item puts the hand. */
  readonly obsCameraSource: string;
}

/** The camera follow as the panel shows it (src/session/camera-follow.ts publishes it when it changes, not per move). */
export interface CameraFollowView {
  readonly summary: CameraFollowSummary;
  /** OBS's inputs, cameras first; null while not read. */
  readonly inputs: readonly ObsInput[] | null;
  readonly inputsProblem: string | null;
}

export interface StreamLogEntry {
  readonly id: number;
  readonly timeMs: number;
  readonly gesture: string;
  readonly handedness: string;
  /** One line per mapping that fired (or "no mapping"). */
  readonly outcomes: readonly string[];
}

export interface StreamSlice {
  stream: StreamSettings;
  obsStatus: ObsConnectionStatus;
  /** OBS's scene names, top to bottom, as last read while connected; null while not connected or not read yet. */
  obsScenes: readonly string[] | null;
  streamLog: readonly StreamLogEntry[];
  cameraFollow: CameraFollowView;
  updateStream(patch: Partial<StreamSettings>): void;
  setObsStatus(status: ObsConnectionStatus): void;
  setObsScenes(scenes: readonly string[] | null): void;
  setCameraFollow(view: CameraFollowView): void;
  logStreamEvent(entry: Omit<StreamLogEntry, 'id'>): number;
  amendStreamLog(id: number, outcomes: readonly string[]): void;
}

export const DEFAULT_OBS_URL = 'ws://127.0.0.1:4455';
export const DEFAULT_STREAM_SETTINGS: StreamSettings = {
  obsUrl: DEFAULT_OBS_URL, mappings: [], dryRun: false, armingRequired: false, obsCameraMirrored: false, obsCameraSource: '',
};
export const NOT_FOLLOWING: CameraFollowView = {
  summary: { state: 'none', message: 'No camera source picked.', mirrored: null, canvas: null }, inputs: null, inputsProblem: null,
};
export const DISCONNECTED: ObsConnectionStatus = { state: 'disconnected', message: 'Not connected to OBS.', retryInMs: null };
const LOG_LENGTH = 20;
const STORAGE_KEY = 'handcast.stream.v1';

/** Saved stream settings; a malformed value falls back to its default, invalid mappings are dropped (the rest kept). */
export function loadStreamSettings(storage: Pick<Storage, 'getItem'> | undefined): StreamSettings {
  let saved: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(STORAGE_KEY) ?? '{}');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) saved = parsed as Record<string, unknown>;
  } catch {
    // Corrupt settings: defaults (nothing mapped) are the safe answer.
  }
  const cameraSource = checkCameraSourceName(saved.obsCameraSource ?? '');
  return {
    obsUrl: typeof saved.obsUrl === 'string' ? saved.obsUrl : DEFAULT_OBS_URL,
    mappings: saved.mappings === undefined ? [] : checkMappings(saved.mappings).mappings,
    dryRun: typeof saved.dryRun === 'boolean' ? saved.dryRun : false,
    armingRequired: typeof saved.armingRequired === 'boolean' ? saved.armingRequired : false,
    obsCameraMirrored: typeof saved.obsCameraMirrored === 'boolean' ? saved.obsCameraMirrored : false,
    obsCameraSource: cameraSource.ok ? cameraSource.value : '',
  };
}

function saveStreamSettings(settings: StreamSettings): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(settings));
  } catch {
    // Storage full or blocked: the settings still apply for this session.
  }
}

let nextLogId = 1;

export const createStreamSlice: StateCreator<HandcastState, [], [], StreamSlice> = (set, get) => ({
  stream: loadStreamSettings(globalThis.localStorage),
  obsStatus: DISCONNECTED,
  obsScenes: null,
  streamLog: [],
  cameraFollow: NOT_FOLLOWING,
  updateStream(patch) {
    set({ stream: { ...get().stream, ...patch } });
    saveStreamSettings(get().stream);
  },
  setObsStatus: (obsStatus) => set({ obsStatus }),
  setObsScenes: (obsScenes) => set({ obsScenes }),
  setCameraFollow: (cameraFollow) => set({ cameraFollow }),
  logStreamEvent(entry) {
    const id = nextLogId++;
    set({ streamLog: [{ ...entry, id }, ...get().streamLog].slice(0, LOG_LENGTH) });
    return id;
  },
  amendStreamLog(id, outcomes) {
    set({ streamLog: get().streamLog.map((entry) => (entry.id === id ? { ...entry, outcomes } : entry)) });
  },
});
