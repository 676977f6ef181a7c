// A stand-in OBS for the camera follow: scenes, groups and inputs answered as obs-websocket 5 answers them, events sent on demand, answers held back when a test needs a read in flight.
import type { ObsEventConnection } from '../../../src/actions/obs/camera-follower';
import type { ObsConnectionStatus, ObsEventListener, ObsRequestResult } from '../../../src/actions/obs/obs-client';
import { OBS_ALIGN_LEFT, OBS_ALIGN_TOP, type SceneItemTransform } from '../../../src/core/overlay/scene-item-transform';

/** A scene item transform as OBS creates an item (top-left aligned, scale 1, no bounds, no crop), `overrides` on top. */
export function sceneItemTransform(overrides: Partial<SceneItemTransform>): SceneItemTransform {
  const base: SceneItemTransform = {
    positionX: 0, positionY: 0, rotation: 0, scaleX: 1, scaleY: 1, width: 0, height: 0,
    sourceWidth: 1920, sourceHeight: 1080, alignment: OBS_ALIGN_TOP | OBS_ALIGN_LEFT,
    boundsType: 'OBS_BOUNDS_NONE', boundsAlignment: 0, boundsWidth: 0, boundsHeight: 0,
    cropLeft: 0, cropRight: 0, cropTop: 0, cropBottom: 0,
  };
  const merged = { ...base, ...overrides };
  return { ...merged, width: merged.scaleX * merged.sourceWidth, height: merged.scaleY * merged.sourceHeight };
}

export interface FakeItem {
  sceneItemId: number;
  sourceName: string;
  enabled: boolean;
  transform: SceneItemTransform;
}

interface FakeScene {
  readonly isGroup: boolean;
  readonly items: FakeItem[];
}

const CONNECTED: ObsConnectionStatus = { state: 'connected', message: 'Connected to OBS at ws://fake.', retryInMs: null };
const DISCONNECTED: ObsConnectionStatus = { state: 'disconnected', message: 'Lost the connection to OBS.', retryInMs: null };
/** obs-websocket's status codes for the refusals the fake makes. */
const RESOURCE_NOT_FOUND = 600;
const INVALID_RESOURCE_TYPE = 602;

export class FakeObsScenes implements ObsEventConnection {
  canvas = { width: 1920, height: 1080 };
  obsVersion = '30.2.3';
  programScene = '';
  inputs: { inputName: string; inputKind: string; unversionedInputKind: string }[] = [];
  /** Send each list without its items' transforms (then the follower asks GetSceneItemTransform). */
  listsWithoutTransforms = false;
  readonly requests: { requestType: string; requestData: Readonly<Record<string, unknown>> }[] = [];
  readonly #scenes = new Map<string, FakeScene>();
  #connected = false;
  #nextItemId = 1;
  #held: (() => void)[] | null = null;
  readonly #eventListeners = new Set<ObsEventListener>();
  readonly #statusListeners = new Set<(status: ObsConnectionStatus) => void>();

  get connected(): boolean {
    return this.#connected;
  }

  addScene(name: string, { isGroup = false } = {}): this {
    this.#scenes.set(name, { isGroup, items: [] });
    if (this.programScene === '' && !isGroup) this.programScene = name;
    return this;
  }

  /** Adds an item on top of the scene; returns it (change it, then emit the event OBS would). */
  addItem(sceneName: string, sourceName: string, transform: Partial<SceneItemTransform> = {}, enabled = true): FakeItem {
    const item: FakeItem = { sceneItemId: this.#nextItemId++, sourceName, enabled, transform: sceneItemTransform(transform) };
    this.#scene(sceneName).items.push(item);
    return item;
  }

  requestsOf(requestType: string): number {
    return this.requests.filter((request) => request.requestType === requestType).length;
  }

  /** From now on answers wait (each made when its request arrives) until answerHeld() or release(). */
  hold(): void {
    this.#held ??= [];
  }

  /** Sends the answers waiting now; later requests keep waiting. */
  answerHeld(): void {
    const held = this.#held ?? [];
    if (this.#held) this.#held = [];
    for (const answer of held) answer();
  }

  /** Stops holding and sends every waiting answer. */
  release(): void {
    this.answerHeld();
    this.#held = null;
  }

  emit(eventType: string, eventData: Record<string, unknown>): void {
    for (const listener of this.#eventListeners) listener(eventType, eventData);
  }

  /** OBS going away, as the client reports it. */
  drop(): void {
    this.#connected = false;
    for (const listener of this.#statusListeners) listener(DISCONNECTED);
  }

  connect(): void {
    this.#connected = true;
    for (const listener of this.#statusListeners) listener(CONNECTED);
  }

  disconnect(): void {
    this.#connected = false;
  }

  onEvent(listener: ObsEventListener): () => void {
    this.#eventListeners.add(listener);
    return () => this.#eventListeners.delete(listener);
  }

  onStatus(listener: (status: ObsConnectionStatus) => void): () => void {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  request(requestType: string, requestData: Readonly<Record<string, unknown>> = {}): Promise<ObsRequestResult> {
    this.requests.push({ requestType, requestData });
    const result = this.#answer(requestType, requestData);
    if (!this.#held) return Promise.resolve(result);
    return new Promise((resolve) => this.#held!.push(() => resolve(result)));
  }

  #scene(name: string): FakeScene {
    const scene = this.#scenes.get(name);
    if (!scene) throw new Error(`the fake has no scene "${name}"`);
    return scene;
  }

  #answer(requestType: string, data: Readonly<Record<string, unknown>>): ObsRequestResult {
    const ok = (responseData: Record<string, unknown>): ObsRequestResult => ({ ok: true, requestType, responseData });
    const refuse = (code: number, comment: string): ObsRequestResult => ({
      ok: false, requestType, reason: 'obs-error', code, message: `OBS refused ${requestType}: ${comment} (code ${code}).`,
    });
    if (!this.#connected) return { ok: false, requestType, reason: 'not-connected', message: `${requestType} not sent: not connected.` };
    const scene = typeof data.sceneName === 'string' ? this.#scenes.get(data.sceneName) : undefined;
    switch (requestType) {
      case 'GetVersion':
        return ok({ obsVersion: this.obsVersion, obsWebSocketVersion: '5.5.2', rpcVersion: 1 });
      case 'GetVideoSettings':
        return ok({ baseWidth: this.canvas.width, baseHeight: this.canvas.height, outputWidth: 1280, outputHeight: 720, fpsNumerator: 30, fpsDenominator: 1 });
      case 'GetCurrentProgramScene':
        return ok({ currentProgramSceneName: this.programScene });
      case 'GetInputList':
        return ok({ inputs: this.inputs });
      case 'GetSceneItemList':
      case 'GetGroupSceneItemList': {
        if (!scene) return refuse(RESOURCE_NOT_FOUND, 'No source was found by the name of `sceneName`.');
        if (scene.isGroup !== (requestType === 'GetGroupSceneItemList')) return refuse(INVALID_RESOURCE_TYPE, 'The specified source is not the right kind of scene.');
        return ok({
          sceneItems: scene.items.map((item, index) => {
            const inner = this.#scenes.get(item.sourceName);
            return {
              sceneItemId: item.sceneItemId, sceneItemIndex: index, sourceName: item.sourceName, sceneItemEnabled: item.enabled,
              isGroup: inner ? inner.isGroup : null, sourceType: inner ? 'OBS_SOURCE_TYPE_SCENE' : 'OBS_SOURCE_TYPE_INPUT',
              inputKind: inner ? null : 'v4l2_input',
              ...(this.listsWithoutTransforms ? {} : { sceneItemTransform: item.transform }),
            };
          }),
        });
      }
      case 'GetSceneItemTransform': {
        const item = scene?.items.find((candidate) => candidate.sceneItemId === data.sceneItemId);
        return item ? ok({ sceneItemTransform: item.transform }) : refuse(RESOURCE_NOT_FOUND, 'No scene items were found.');
      }
      default:
        return refuse(204, `the fake does not answer ${requestType}`);
    }
  }
}
