// Follows the streamer's camera in OBS on an obs-websocket connection of its own (the action client subscribes to nothing, and stays as fast): the inputs to pick from, and where the picked camera sits, kept current from events.
import {
  followObsEvent, locateCamera, type CameraLocation, type SceneItemReader,
} from '../../core/overlay/camera-placement';
import {
  checkCanvasSize, checkInputList, checkProgramScene, checkSceneItemList, checkSceneItemTransform, type Checked, type ObsInput,
} from '../../core/overlay/obs-scene-replies';
import { libobsRulesFor } from '../../core/overlay/scene-item-transform';
import type { ObsRequester } from './obs-actions';
import type { ObsConnectionStatus, ObsEventListener } from './obs-client';
import { ObsEventSubscription } from './protocol';

/**
 * The events the follower needs: program scene changes and scene renames (Scenes), inputs coming, going and renamed
 * (Inputs), items added, removed, shown and hidden (SceneItems), and item moves (a high-volume category of its own).
 */
export const CAMERA_FOLLOW_EVENTS = ObsEventSubscription.Scenes | ObsEventSubscription.Inputs
  | ObsEventSubscription.SceneItems | ObsEventSubscription.SceneItemTransformChanged;

/** The part of ObsClient the follower uses; create the client with eventSubscriptions: CAMERA_FOLLOW_EVENTS. */
export interface ObsEventConnection extends ObsRequester {
  readonly connected: boolean;
  onEvent(listener: ObsEventListener): () => void;
  onStatus(listener: (status: ObsConnectionStatus) => void): () => void;
  connect(): void;
  disconnect(): void;
}

function valueOf<T>(checked: Checked<T>): T {
  if (!checked.ok) throw new Error(checked.problem);
  return checked.value;
}

/** locateCamera's reads as obs-websocket requests; a refused request or a malformed answer throws with the reason. */
export function obsSceneItemReader(obs: ObsRequester): SceneItemReader {
  const ask = async (requestType: string, requestData?: Record<string, unknown>) => {
    const result = await obs.request(requestType, requestData);
    if (!result.ok) throw new Error(result.message);
    return result.responseData;
  };
  return {
    libobsRules: async () => libobsRulesFor(String((await ask('GetVersion')).obsVersion ?? '')),
    canvasSize: async () => valueOf(checkCanvasSize(await ask('GetVideoSettings'))),
    programScene: async () => valueOf(checkProgramScene(await ask('GetCurrentProgramScene'))),
    sceneItems: async (sceneName, group) => valueOf(checkSceneItemList(await ask(group ? 'GetGroupSceneItemList' : 'GetSceneItemList', { sceneName }))),
    itemTransform: async (sceneName, sceneItemId) =>
      valueOf(checkSceneItemTransform((await ask('GetSceneItemTransform', { sceneName, sceneItemId })).sceneItemTransform)),
  };
}

export interface CameraFollowState {
  /** The picked camera source; null: none picked. */
  readonly cameraName: string | null;
  readonly connected: boolean;
  /** OBS's inputs, cameras first; null until read (or while not connected). */
  readonly inputs: readonly ObsInput[] | null;
  /** Why the input list could not be read, or null. */
  readonly inputsProblem: string | null;
  /** Where the camera is; null while not known (nothing picked, not connected, or the first read is running). */
  readonly location: CameraLocation | null;
}

/** Runs one asynchronous job at a time; a request while it runs makes it run once more afterwards. */
class CoalescedJob {
  #current: Promise<void> | null = null;
  #again = false;
  constructor(private readonly job: () => Promise<void>) {}

  get running(): boolean {
    return this.#current !== null;
  }

  /** The run in progress, or null. */
  get current(): Promise<void> | null {
    return this.#current;
  }

  run(): Promise<void> {
    if (this.#current) {
      this.#again = true;
      return this.#current;
    }
    this.#current = (async () => {
      try {
        do {
          this.#again = false;
          await this.job();
        } while (this.#again);
      } finally {
        this.#current = null;
      }
    })();
    return this.#current;
  }
}

export class CameraFollower {
  readonly #connection: ObsEventConnection;
  readonly #reader: SceneItemReader;
  #cameraName: string | null;
  #location: CameraLocation | null = null;
  #inputs: readonly ObsInput[] | null = null;
  #inputsProblem: string | null = null;
  readonly #listeners = new Set<(state: CameraFollowState) => void>();
  readonly #renameListeners = new Set<(newName: string) => void>();
  #unsubscribe: (() => void)[] = [];
  readonly #locating = new CoalescedJob(() => this.#locate());
  readonly #listing = new CoalescedJob(() => this.#listInputs());

  constructor(connection: ObsEventConnection, cameraName: string | null) {
    this.#connection = connection;
    this.#reader = obsSceneItemReader(connection);
    this.#cameraName = cameraName;
  }

  get state(): CameraFollowState {
    return {
      cameraName: this.#cameraName, connected: this.#connection.connected,
      inputs: this.#inputs, inputsProblem: this.#inputsProblem, location: this.#location,
    };
  }

  /** Called after every change (a drag in OBS calls it per move); returns the unsubscribe function. */
  onChange(listener: (state: CameraFollowState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Called when OBS renames the followed input, with its new name (the follower already follows it). */
  onCameraRenamed(listener: (newName: string) => void): () => void {
    this.#renameListeners.add(listener);
    return () => this.#renameListeners.delete(listener);
  }

  /** Listen, connect, and read everything once connected (again after every reconnect). */
  start(): void {
    this.stop();
    this.#unsubscribe = [
      this.#connection.onStatus((status) => {
        if (status.state === 'connected') {
          this.refresh();
        } else {
          // Nothing read on a lost connection is trusted after it: the next connection reads it all again.
          this.#location = null;
          this.#inputs = null;
        }
        this.#emit();
      }),
      this.#connection.onEvent((eventType, eventData) => this.#onEvent(eventType, eventData)),
    ];
    // An already connected client reports no new status: read now.
    if (this.#connection.connected) this.refresh();
    else this.#connection.connect();
  }

  stop(): void {
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#unsubscribe = [];
    this.#connection.disconnect();
    this.#location = null;
    this.#inputs = null;
  }

  /** Follow another source (null: none); its place is read at once. */
  setCamera(cameraName: string | null): void {
    if (cameraName === this.#cameraName) return;
    this.#cameraName = cameraName;
    this.#location = null;
    this.#emit();
    void this.#locating.run();
  }

  /** Read the inputs and the camera's place again. */
  refresh(): void {
    void this.#listing.run();
    void this.#locating.run();
  }

  /** Resolves when no read is running (a test waits on it after a change it made). */
  async idle(): Promise<void> {
    for (let run = this.#locating.current ?? this.#listing.current; run; run = this.#locating.current ?? this.#listing.current) await run;
  }

  #onEvent(eventType: string, eventData: Readonly<Record<string, unknown>>): void {
    const effect = followObsEvent(this.#location, this.#cameraName, eventType, eventData);
    if (effect.cameraRenamedTo !== null) {
      this.#cameraName = effect.cameraRenamedTo;
      for (const listener of this.#renameListeners) listener(effect.cameraRenamedTo);
    }
    const changed = effect.location !== this.#location || effect.cameraRenamedTo !== null;
    this.#location = effect.location;
    if (effect.inputsChanged) void this.#listing.run();
    // A change that lands while a read runs may predate the read's answers: read once more to be sure.
    if (effect.reread || (changed && this.#locating.running)) void this.#locating.run();
    if (changed) this.#emit();
  }

  async #locate(): Promise<void> {
    const cameraName = this.#cameraName;
    if (cameraName === null || !this.#connection.connected) return;
    const location = await locateCamera(this.#reader, cameraName);
    // A read for a source no longer picked, or from a connection since lost, is dropped.
    if (cameraName !== this.#cameraName || !this.#connection.connected) return;
    this.#location = location;
    this.#emit();
  }

  async #listInputs(): Promise<void> {
    if (!this.#connection.connected) return;
    const result = await this.#connection.request('GetInputList');
    if (!this.#connection.connected) return;
    const inputs = result.ok ? checkInputList(result.responseData) : { ok: false as const, problem: result.message };
    this.#inputs = inputs.ok ? inputs.value : null;
    this.#inputsProblem = inputs.ok ? null : inputs.problem;
    this.#emit();
  }

  #emit(): void {
    const state = this.state;
    for (const listener of this.#listeners) listener(state);
  }
}
