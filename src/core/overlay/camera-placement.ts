// Where the streamer's camera sits on the OBS canvas: found in the program scene (one group or nested scene deep), kept current from obs-websocket events, and used to put each effect on the hand.
//
// No I/O here: locateCamera reads through a SceneItemReader it is given, followObsEvent takes one event and says
// what changed and whether to read again. src/actions/obs/camera-follower.ts runs both against the event connection.
import { HAND_ANCHORED_EFFECTS, type OverlayEffectKind } from './effect-message';
import type { CanvasSize, ListedSceneItem } from './obs-scene-replies';
import { checkSceneItemTransform } from './obs-scene-replies';
import {
  mapNormalisedPoint, placeSceneItemChain, type LibobsRules, type Point, type SceneItemChainPlacement, type SceneItemTransform,
} from './scene-item-transform';

/** What locateCamera asks OBS; each method throws an Error whose message says what went wrong. */
export interface SceneItemReader {
  /** How this OBS lays out flipped items in bounds boxes (it changed in OBS 30). */
  libobsRules(): Promise<LibobsRules>;
  canvasSize(): Promise<CanvasSize>;
  programScene(): Promise<string>;
  /** The items of a scene, or of a group when `group` is true (bottom of the scene first). */
  sceneItems(sceneName: string, group: boolean): Promise<ListedSceneItem[]>;
  itemTransform(sceneName: string, sceneItemId: number): Promise<SceneItemTransform>;
}

/** One scene item on the way from the camera to the canvas. */
export interface CameraLink {
  /** The scene or group holding the item (events name it so). */
  readonly sceneName: string;
  /** The holder is a group: moving anything in it changes the group's box, so the whole chain is read again. */
  readonly holderIsGroup: boolean;
  readonly sceneItemId: number;
  readonly sourceName: string;
  readonly enabled: boolean;
  readonly transform: SceneItemTransform;
}

export type CameraLocation =
  /** `links`: the camera's own item first, then the group or nested scene holding it, if any. */
  | {
    readonly kind: 'found'; readonly canvas: CanvasSize; readonly programScene: string; readonly links: readonly CameraLink[];
    readonly rules: LibobsRules;
  }
  | { readonly kind: 'absent'; readonly canvas: CanvasSize; readonly programScene: string }
  /** The camera is there, but more than one group or nested scene down; `path` runs from the program scene to it. */
  | { readonly kind: 'too-deep'; readonly canvas: CanvasSize; readonly programScene: string; readonly path: readonly string[] }
  | { readonly kind: 'failed'; readonly message: string };

/** Scene and group lists one search may read: a scene with dozens of nested scenes is searched this far, no further. */
export const MAX_LISTS_PER_SEARCH = 24;

/** The camera's item among `items`: a visible one before a hidden one, the topmost (drawn last) of each. */
function pickCameraItem(items: readonly ListedSceneItem[], cameraName: string): ListedSceneItem | null {
  const matches = items.filter((item) => item.sourceName === cameraName);
  return matches.findLast((item) => item.enabled) ?? matches.at(-1) ?? null;
}

/** Groups and nested scenes in `items`, visible ones first, topmost first. */
function containersOf(items: readonly ListedSceneItem[]): ListedSceneItem[] {
  const containers = items.filter((item) => item.container !== null).reverse();
  return [...containers.filter((item) => item.enabled), ...containers.filter((item) => !item.enabled)];
}

async function linkOf(reader: SceneItemReader, sceneName: string, holderIsGroup: boolean, item: ListedSceneItem): Promise<CameraLink> {
  const transform = item.transform ?? await reader.itemTransform(sceneName, item.sceneItemId);
  return { sceneName, holderIsGroup, sceneItemId: item.sceneItemId, sourceName: item.sourceName, enabled: item.enabled, transform };
}

/**
 * Find the camera in the program scene: as one of its items, else inside one of its groups or nested scenes. A camera
 * two levels down is reported as too deep (the panel says so); a visible item is preferred to a hidden one.
 */
export async function locateCamera(reader: SceneItemReader, cameraName: string): Promise<CameraLocation> {
  try {
    const rules = await reader.libobsRules();
    const canvas = await reader.canvasSize();
    const programScene = await reader.programScene();
    const top = await reader.sceneItems(programScene, false);
    let listsRead = 1;
    const direct = pickCameraItem(top, cameraName);
    let hiddenChain: (() => Promise<CameraLink[]>) | null = null;
    if (direct) {
      const chain = async () => [await linkOf(reader, programScene, false, direct)];
      if (direct.enabled) return { kind: 'found', canvas, programScene, rules, links: await chain() };
      hiddenChain = chain;
    }
    const deeper: { path: string[]; item: ListedSceneItem }[] = [];
    const seen = new Set<string>([programScene]);
    for (const container of containersOf(top)) {
      if (seen.has(container.sourceName) || listsRead >= MAX_LISTS_PER_SEARCH) continue;
      seen.add(container.sourceName);
      const isGroup = container.container === 'group';
      const inner = await reader.sceneItems(container.sourceName, isGroup);
      listsRead += 1;
      const camera = pickCameraItem(inner, cameraName);
      if (camera) {
        const chain = async () => [await linkOf(reader, container.sourceName, isGroup, camera), await linkOf(reader, programScene, false, container)];
        if (camera.enabled && container.enabled) return { kind: 'found', canvas, programScene, rules, links: await chain() };
        hiddenChain ??= chain;
      }
      for (const item of containersOf(inner)) deeper.push({ path: [container.sourceName, item.sourceName], item });
    }
    if (hiddenChain) return { kind: 'found', canvas, programScene, rules, links: await hiddenChain() };
    for (const { path, item } of deeper) {
      if (listsRead >= MAX_LISTS_PER_SEARCH) break;
      if (seen.has(item.sourceName)) continue;
      seen.add(item.sourceName);
      const inner = await reader.sceneItems(item.sourceName, item.container === 'group');
      listsRead += 1;
      if (inner.some((innerItem) => innerItem.sourceName === cameraName)) {
        return { kind: 'too-deep', canvas, programScene, path: [programScene, ...path, cameraName] };
      }
    }
    return { kind: 'absent', canvas, programScene };
  } catch (error) {
    return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
}

/** What one OBS event changes. */
export interface ObsEventEffect {
  readonly location: CameraLocation | null;
  /** Read the location again: the program scene changed, items came, went or were renamed, a group's content moved. */
  readonly reread: boolean;
  /** Read the input list again: inputs came, went or were renamed. */
  readonly inputsChanged: boolean;
  /** The camera input was renamed in OBS: its new name. */
  readonly cameraRenamedTo: string | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * Follow one obs-websocket event (type and data as received). A move or a show/hide of an item on the camera's
 * chain is applied at once; anything that can change which item is the camera asks for a new read.
 */
export function followObsEvent(
  location: CameraLocation | null, cameraName: string | null, eventType: string, data: Readonly<Record<string, unknown>>,
): ObsEventEffect {
  const unchanged: ObsEventEffect = { location, reread: false, inputsChanged: false, cameraRenamedTo: null };
  const reread: ObsEventEffect = { ...unchanged, reread: cameraName !== null };
  switch (eventType) {
    case 'InputCreated':
    case 'InputRemoved':
      return { ...unchanged, inputsChanged: true, reread: cameraName !== null && data.inputName === cameraName };
    case 'InputNameChanged': {
      const renamed = cameraName !== null && data.oldInputName === cameraName ? text(data.inputName) : null;
      return { ...unchanged, inputsChanged: true, reread: renamed !== null, cameraRenamedTo: renamed };
    }
    case 'CurrentProgramSceneChanged':
    case 'SceneItemCreated':
    case 'SceneItemRemoved':
    case 'SceneNameChanged':
    case 'SceneRemoved':
      return reread;
    case 'SceneItemTransformChanged':
    case 'SceneItemEnableStateChanged':
      break;
    default:
      return unchanged;
  }
  if (location?.kind !== 'found') return unchanged;
  const sceneName = text(data.sceneName);
  const index = location.links.findIndex((link) => link.sceneName === sceneName && link.sceneItemId === data.sceneItemId);
  const inGroupOfChain = location.links.some((link) => link.holderIsGroup && link.sceneName === sceneName);
  if (eventType === 'SceneItemEnableStateChanged') {
    if (index < 0) {
      // Another item in a scene on the chain was shown or hidden: it may be another copy of the camera.
      const onChain = sceneName === location.programScene || location.links.some((link) => link.sceneName === sceneName);
      return onChain ? reread : unchanged;
    }
    if (typeof data.sceneItemEnabled !== 'boolean') return reread;
    return { ...unchanged, location: replaceLink(location, index, { enabled: data.sceneItemEnabled }) };
  }
  // A group's box is the bounding box of its items: any move inside it changes the group item, so read it all again.
  if (index < 0) return inGroupOfChain ? reread : unchanged;
  const transform = checkSceneItemTransform(data.sceneItemTransform);
  if (!transform.ok) return reread;
  return { ...unchanged, location: replaceLink(location, index, { transform: transform.value }), reread: inGroupOfChain && cameraName !== null };
}

function replaceLink(
  location: Extract<CameraLocation, { kind: 'found' }>, index: number, patch: Partial<Pick<CameraLink, 'enabled' | 'transform'>>,
): CameraLocation {
  return { ...location, links: location.links.map((link, i) => (i === index ? { ...link, ...patch } : link)) };
}

/** Where effects go on the overlay (which covers the OBS canvas). */
export type OverlayPlacement =
  /** No camera followed: the camera picture fills the overlay, mirrored when the streamer says OBS flips it. */
  | { readonly kind: 'whole-canvas'; readonly mirrored: boolean }
  | { readonly kind: 'mapped'; readonly canvas: CanvasSize; readonly chain: SceneItemChainPlacement }
  /** The camera is not in the picture: `reason` finishes "not drawn: …". */
  | { readonly kind: 'hidden'; readonly reason: string };

/**
 * The placement for a location: mapped when the camera shows, hidden when it does not (or cannot be followed), the
 * whole canvas when nothing is followed (no location, or reading it failed: today's behaviour).
 */
export function overlayPlacement(location: CameraLocation | null, wholeCanvasMirrored: boolean): OverlayPlacement {
  if (location === null || location.kind === 'failed') return { kind: 'whole-canvas', mirrored: wholeCanvasMirrored };
  if (location.kind === 'absent') return { kind: 'hidden', reason: `the camera is not in scene "${location.programScene}"` };
  if (location.kind === 'too-deep') return { kind: 'hidden', reason: 'the camera is nested too deep to follow' };
  if (location.links.some((link) => !link.enabled)) return { kind: 'hidden', reason: `the camera is hidden in scene "${location.programScene}"` };
  const chain = placeSceneItemChain(location.links.map((link) => link.transform), location.rules);
  if (!chain) return { kind: 'hidden', reason: 'the camera shows nothing in OBS (no picture, zero size or cropped away)' };
  return { kind: 'mapped', canvas: location.canvas, chain };
}

/**
 * A hand's position normalised on the overlay, from its position normalised in the camera's own (unmirrored)
 * picture; null when the camera does not show it (hidden, or cropped away in OBS).
 */
export function handOnOverlay(placement: OverlayPlacement, cameraPoint: Point): Point | null {
  switch (placement.kind) {
    case 'whole-canvas':
      return placement.mirrored ? { x: 1 - cameraPoint.x, y: cameraPoint.y } : cameraPoint;
    case 'hidden':
      return null;
    case 'mapped': {
      const canvasPixel = mapNormalisedPoint(placement.chain, cameraPoint);
      return canvasPixel && { x: canvasPixel.x / placement.canvas.width, y: canvasPixel.y / placement.canvas.height };
    }
  }
}

/** A gesture event's place on the overlay. */
export interface HandOnOverlay {
  /** Normalised on the overlay: the hand, or the middle of the stage when the hand is not in the picture. */
  readonly position: Point;
  /** Why the hand is not in OBS's picture (finishes "not drawn: …"); null when it is. */
  readonly notShown: string | null;
}

const STAGE_MIDDLE: Point = { x: 0.5, y: 0.5 };

/** Where a gesture event goes on the overlay, from the hand's position normalised in the camera's own picture. */
export function placeHandOnOverlay(placement: OverlayPlacement, cameraPoint: Point): HandOnOverlay {
  const hand = handOnOverlay(placement, cameraPoint);
  if (hand) return { position: hand, notShown: null };
  return { position: STAGE_MIDDLE, notShown: placement.kind === 'hidden' ? placement.reason : 'the hand is where OBS crops the camera' };
}

/** Whether an effect is drawn for a hand placed so: full-stage effects always are, hand-anchored ones only on a shown hand. */
export function isEffectDrawn(kind: OverlayEffectKind, hand: HandOnOverlay): boolean {
  return hand.notShown === null || !HAND_ANCHORED_EFFECTS.has(kind);
}

/** The camera follow as the On stream panel shows it. */
export interface CameraFollowSummary {
  /** none: no source picked; waiting: not connected or still reading; following: effects land on the hand. */
  readonly state: 'none' | 'waiting' | 'following' | 'hidden' | 'too-deep' | 'failed';
  readonly message: string;
  /** The flip read from OBS: the camera shows mirrored on the canvas. Null while not known. */
  readonly mirrored: boolean | null;
  readonly canvas: CanvasSize | null;
}

const HIDDEN_TAIL = 'hand effects are not drawn (full-stage effects still play).';

/** One sentence on what Handcast follows and where effects go. */
export function summariseCameraFollow(cameraName: string | null, location: CameraLocation | null, connected: boolean): CameraFollowSummary {
  const none = { mirrored: null, canvas: null };
  if (cameraName === null) {
    return { ...none, state: 'none', message: 'No camera source picked: effects are placed as if the camera filled the OBS canvas.' };
  }
  const name = JSON.stringify(cameraName);
  if (!connected) return { ...none, state: 'waiting', message: `Connect to OBS to follow ${name}; until then effects are placed as if it filled the canvas.` };
  if (location === null) return { ...none, state: 'waiting', message: `Looking for ${name} in OBS…` };
  if (location.kind === 'failed') {
    return { ...none, state: 'failed', message: `Cannot read where ${name} is in OBS (${location.message}); effects are placed as if it filled the canvas.` };
  }
  const scene = JSON.stringify(location.programScene);
  const canvas = location.canvas;
  if (location.kind === 'absent') return { ...none, canvas, state: 'hidden', message: `Scene ${scene} has no ${name}: ${HIDDEN_TAIL}` };
  if (location.kind === 'too-deep') {
    return {
      ...none, canvas, state: 'too-deep',
      message: `${name} sits more than one group or nested scene deep (${location.path.join(' → ')}): Handcast cannot follow it there, so ${HIDDEN_TAIL} Move it into the scene, or into a group or nested scene of it.`,
    };
  }
  const placement = overlayPlacement(location, false);
  const holder = location.links.length > 1 ? ` (inside ${JSON.stringify(location.links[1].sourceName)})` : '';
  if (placement.kind === 'hidden') {
    const why = location.links.some((link) => !link.enabled) ? 'is hidden' : 'shows nothing (no picture yet, zero size or cropped away)';
    return { ...none, canvas, state: 'hidden', message: `${name} ${why} in scene ${scene}${holder}: ${HIDDEN_TAIL}` };
  }
  const mirrored = placement.kind === 'mapped' && placement.chain.mirrored;
  return {
    canvas, mirrored, state: 'following',
    message: `Following ${name} in scene ${scene}${holder}, canvas ${canvas.width}×${canvas.height}: effects land on your hand.`,
  };
}
