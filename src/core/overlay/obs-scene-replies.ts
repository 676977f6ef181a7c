// obs-websocket 5 replies Handcast reads to place the camera (canvas size, inputs, scene items, transforms), checked field by field.
import { quoteValue } from '../model/json-checks';
import type { ObsBoundsType, SceneItemTransform } from './scene-item-transform';

/** The OBS canvas ("base") size in pixels: what the overlay Browser source covers. */
export interface CanvasSize {
  readonly width: number;
  readonly height: number;
}

/** One OBS input as the camera-source picker lists it. */
export interface ObsInput {
  readonly name: string;
  /** The kind without its version suffix (av_capture_input_v2 → av_capture_input) when OBS says it. */
  readonly kind: string;
  /** A webcam or capture-card kind: listed first. */
  readonly isCamera: boolean;
}

/** One scene item as GetSceneItemList / GetGroupSceneItemList list it: the fields the camera search uses. */
export interface ListedSceneItem {
  readonly sceneItemId: number;
  readonly sourceName: string;
  readonly enabled: boolean;
  /** The item shows a group (its items: GetGroupSceneItemList) or a nested scene (GetSceneItemList); null for an input. */
  readonly container: 'group' | 'scene' | null;
  /** obs-websocket 5 lists carry each item's transform; null when this one did not (then GetSceneItemTransform asks). */
  readonly transform: SceneItemTransform | null;
}

/** Input kinds that are cameras or capture cards, per platform (OBS's own plugin ids). */
export const CAMERA_INPUT_KINDS: ReadonlySet<string> = new Set([
  'v4l2_input', // Linux: Video Capture Device (V4L2)
  'dshow_input', // Windows: Video Capture Device
  'av_capture_input', // macOS: Video Capture Device (before OBS 30)
  'macos-avcapture', // macOS: Video Capture Device (OBS 30+)
  'macos-avcapture-fast', // macOS: Capture Card Device
  'decklink-input', // Blackmagic capture cards
]);

/** Audio-only input kinds: they draw nothing, so they are never offered as the camera. */
const AUDIO_INPUT_KINDS: ReadonlySet<string> = new Set([
  'pulse_input_capture', 'pulse_output_capture', 'alsa_input_capture', 'jack_output_capture',
  'wasapi_input_capture', 'wasapi_output_capture', 'wasapi_process_output_capture',
  'coreaudio_input_capture', 'coreaudio_output_capture', 'sck_audio_capture',
]);

const BOUNDS_TYPES: readonly ObsBoundsType[] = [
  'OBS_BOUNDS_NONE', 'OBS_BOUNDS_STRETCH', 'OBS_BOUNDS_SCALE_INNER', 'OBS_BOUNDS_SCALE_OUTER',
  'OBS_BOUNDS_SCALE_TO_WIDTH', 'OBS_BOUNDS_SCALE_TO_HEIGHT', 'OBS_BOUNDS_MAX_ONLY',
];

const TRANSFORM_NUMBERS = [
  'positionX', 'positionY', 'rotation', 'scaleX', 'scaleY', 'width', 'height', 'sourceWidth', 'sourceHeight',
  'alignment', 'boundsAlignment', 'boundsWidth', 'boundsHeight', 'cropLeft', 'cropRight', 'cropTop', 'cropBottom',
] as const satisfies readonly (keyof SceneItemTransform)[];

/** A checked value, or the one-line reason it was refused. */
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

const refuse = (problem: string): Checked<never> => ({ ok: false, problem });

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A scene item transform (GetSceneItemTransform's sceneItemTransform, a list entry's, an event's), every field checked. */
export function checkSceneItemTransform(value: unknown): Checked<SceneItemTransform> {
  if (!isRecord(value)) return refuse(`sceneItemTransform must be an object, got ${quoteValue(value)}`);
  const transform: Record<string, unknown> = {};
  for (const field of TRANSFORM_NUMBERS) {
    const number = value[field];
    if (typeof number !== 'number' || !Number.isFinite(number)) return refuse(`sceneItemTransform.${field} must be a finite number, got ${quoteValue(number)}`);
    transform[field] = number;
  }
  if (!(BOUNDS_TYPES as readonly unknown[]).includes(value.boundsType)) {
    return refuse(`sceneItemTransform.boundsType ${quoteValue(value.boundsType)} is not one of OBS's bounds types`);
  }
  transform.boundsType = value.boundsType;
  // obs-websocket 5.5+ only; older servers have no crop-to-bounds, which is the same as false.
  if (typeof value.cropToBounds === 'boolean') transform.cropToBounds = value.cropToBounds;
  return { ok: true, value: transform as unknown as SceneItemTransform };
}

/** GetVideoSettings: the canvas is the base size (the output size only scales the stream). */
export function checkCanvasSize(data: Readonly<Record<string, unknown>>): Checked<CanvasSize> {
  const { baseWidth, baseHeight } = data;
  if (!(typeof baseWidth === 'number' && typeof baseHeight === 'number' && baseWidth > 0 && baseHeight > 0 && Number.isFinite(baseWidth * baseHeight))) {
    return refuse(`GetVideoSettings gave no canvas size (baseWidth ${quoteValue(baseWidth)}, baseHeight ${quoteValue(baseHeight)})`);
  }
  return { ok: true, value: { width: baseWidth, height: baseHeight } };
}

/** GetCurrentProgramScene: the program scene's name. */
export function checkProgramScene(data: Readonly<Record<string, unknown>>): Checked<string> {
  const name = data.currentProgramSceneName ?? data.sceneName;
  return typeof name === 'string' ? { ok: true, value: name } : refuse(`GetCurrentProgramScene gave no scene name, got ${quoteValue(name)}`);
}

/** GetSceneItemList / GetGroupSceneItemList, in OBS's order (bottom of the scene first). */
export function checkSceneItemList(data: Readonly<Record<string, unknown>>): Checked<ListedSceneItem[]> {
  const list = data.sceneItems;
  if (!Array.isArray(list)) return refuse(`the scene item list is ${quoteValue(list)}, not a list`);
  const items: ListedSceneItem[] = [];
  for (const [index, entry] of list.entries()) {
    if (!isRecord(entry)) return refuse(`scene item ${index + 1} is ${quoteValue(entry)}, not an object`);
    const { sceneItemId, sourceName } = entry;
    if (typeof sceneItemId !== 'number' || !Number.isInteger(sceneItemId)) return refuse(`scene item ${index + 1} has sceneItemId ${quoteValue(sceneItemId)}`);
    if (typeof sourceName !== 'string') return refuse(`scene item ${index + 1} has sourceName ${quoteValue(sourceName)}`);
    const container = entry.isGroup === true ? 'group' : entry.sourceType === 'OBS_SOURCE_TYPE_SCENE' ? 'scene' : null;
    const transform = entry.sceneItemTransform === undefined ? null : checkSceneItemTransform(entry.sceneItemTransform);
    if (transform && !transform.ok) return refuse(`scene item "${sourceName}": ${transform.problem}`);
    items.push({ sceneItemId, sourceName, enabled: entry.sceneItemEnabled !== false, container, transform: transform?.value ?? null });
  }
  return { ok: true, value: items };
}

/** GetInputList as the picker shows it: cameras first, then every other input that draws, each in OBS's order. */
export function checkInputList(data: Readonly<Record<string, unknown>>): Checked<ObsInput[]> {
  const list = data.inputs;
  if (!Array.isArray(list)) return refuse(`the input list is ${quoteValue(list)}, not a list`);
  const inputs: ObsInput[] = [];
  for (const entry of list) {
    if (!isRecord(entry) || typeof entry.inputName !== 'string') continue; // one odd entry does not hide the others
    const kind = typeof entry.unversionedInputKind === 'string' ? entry.unversionedInputKind : String(entry.inputKind ?? '');
    if (AUDIO_INPUT_KINDS.has(kind)) continue;
    inputs.push({ name: entry.inputName, kind, isCamera: CAMERA_INPUT_KINDS.has(kind) });
  }
  return { ok: true, value: [...inputs.filter((input) => input.isCamera), ...inputs.filter((input) => !input.isCamera)] };
}

/** Longest camera source name kept from a file or storage: OBS names are short; a megabyte of "name" is not one. */
export const MAX_SOURCE_NAME_LENGTH = 256;

/** The camera source name saved with the stream settings: text, '' for none, one line, bounded. */
export function checkCameraSourceName(value: unknown): Checked<string> {
  if (typeof value !== 'string') return refuse(`obsCameraSource must be a source name (text), got ${quoteValue(value)}`);
  if (value.length > MAX_SOURCE_NAME_LENGTH) return refuse(`obsCameraSource is ${value.length} characters long, at most ${MAX_SOURCE_NAME_LENGTH} are allowed`);
  if (/\p{Cc}/u.test(value)) return refuse(`obsCameraSource ${quoteValue(value)} contains a control character`);
  return { ok: true, value };
}
