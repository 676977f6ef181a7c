// Which mappings a gesture event fires, and checking imported mappings: every problem named, the valid mappings kept.
import { describeLabelProblem } from '../core/dataset/names';
import type { GestureEvent } from '../core/gestures/gesture-event';
import { OVERLAY_EFFECT_KINDS } from '../core/overlay/effect-message';
import { quoteValue } from '../core/model/json-checks';
import type { GestureMapping, StreamAction, Toggle } from './stream-action';

/** The mappings whose gesture is the event's and whose hand is the event's hand (or 'any'), in the given order. */
export function mappingsForEvent(event: GestureEvent, mappings: readonly GestureMapping[]): GestureMapping[] {
  return mappings.filter((mapping) => mapping.gesture === event.gesture && (mapping.hand === 'any' || mapping.hand === event.handedness));
}

export const STREAM_ACTION_KINDS = [
  'switch-scene', 'scene-item', 'input-mute', 'filter', 'hotkey', 'custom-event', 'overlay-effect',
] as const satisfies readonly StreamAction['kind'][];

const TOGGLES: readonly Toggle[] = ['on', 'off', 'toggle'];
const HANDS: readonly GestureMapping['hand'][] = ['Left', 'Right', 'both', 'any'];

/** Field name → what it must be, for each action kind. */
const ACTION_FIELDS: Record<StreamAction['kind'], Record<string, 'name' | 'toggle' | 'object' | 'effect' | 'optional-text'>> = {
  'switch-scene': { sceneName: 'name' },
  'scene-item': { sceneName: 'name', sourceName: 'name', visible: 'toggle' },
  'input-mute': { inputName: 'name', muted: 'toggle' },
  filter: { sourceName: 'name', filterName: 'name', enabled: 'toggle' },
  hotkey: { hotkeyName: 'name' },
  'custom-event': { eventData: 'object' },
  'overlay-effect': { effect: 'effect', emoji: 'optional-text', text: 'optional-text' },
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deepest nesting of a custom event's data: it is saved and sent to OBS as JSON, and JSON.stringify recurses once per level. */
export const MAX_EVENT_DATA_DEPTH = 32;

/** How deeply `value` nests arrays and objects, counted without recursion (a 20,000-deep value is a valid JSON.parse result) and stopping past `limit`. */
function nestingDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) break;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return deepest;
}

function actionProblems(action: unknown): string[] {
  if (!isRecord(action)) return [`action must be an object, got ${quoteValue(action)}`];
  const kind = action.kind;
  if (typeof kind !== 'string' || !(STREAM_ACTION_KINDS as readonly string[]).includes(kind)) {
    return [`action.kind ${quoteValue(kind)} is not one of ${STREAM_ACTION_KINDS.join(', ')}`];
  }
  const problems: string[] = [];
  for (const [field, rule] of Object.entries(ACTION_FIELDS[kind as StreamAction['kind']])) {
    const value = action[field];
    const where = `action.${field} (${kind})`;
    if (rule === 'name' && (typeof value !== 'string' || value.trim() === '')) {
      problems.push(`${where} must be a non-empty name, got ${quoteValue(value)}`);
    } else if (rule === 'toggle' && !TOGGLES.includes(value as Toggle)) {
      problems.push(`${where} must be one of ${TOGGLES.join(', ')}, got ${quoteValue(value)}`);
    } else if (rule === 'object' && !isRecord(value)) {
      problems.push(`${where} must be an object (OBS sends it to every client as is), got ${quoteValue(value)}`);
    } else if (rule === 'object' && nestingDepth(value, MAX_EVENT_DATA_DEPTH) > MAX_EVENT_DATA_DEPTH) {
      problems.push(`${where} nests deeper than ${MAX_EVENT_DATA_DEPTH} levels`);
    } else if (rule === 'effect' && !(OVERLAY_EFFECT_KINDS as readonly unknown[]).includes(value)) {
      problems.push(`${where} must be one of ${OVERLAY_EFFECT_KINDS.join(', ')}, got ${quoteValue(value)}`);
    } else if (rule === 'optional-text' && value !== undefined && typeof value !== 'string') {
      problems.push(`${where} must be text when given, got ${quoteValue(value)}`);
    }
  }
  return problems;
}

/**
 * What is wrong with a mapping's scene limit, or nothing: absent, or a list of at least one non-blank scene name
 * without repeats. Names are not matched against OBS here (a profile may come from another scene collection): the
 * panel says which scenes OBS no longer has. Stops at the first bad name, so a huge list gives one line.
 */
function scenesProblems(scenes: unknown): string[] {
  if (scenes === undefined) return [];
  if (!Array.isArray(scenes)) return [`scenes must be a list of OBS scene names when given, got ${quoteValue(scenes)}`];
  if (scenes.length === 0) return ['scenes must name at least one OBS scene when given (leave it out to fire in every scene)'];
  const seen = new Set<string>();
  for (const [index, name] of scenes.entries()) {
    if (typeof name !== 'string' || name.trim() === '') return [`scenes[${index}] must be a non-empty scene name, got ${quoteValue(name)}`];
    if (seen.has(name)) return [`scenes[${index}] ${quoteValue(name)} repeats an earlier scene`];
    seen.add(name);
  }
  return [];
}

/** A fresh action with only its kind's fields (an already checked one): nothing else the file carried is kept or saved. */
function copyAction(action: Record<string, unknown>): StreamAction {
  const kind = action.kind as StreamAction['kind'];
  const copy: Record<string, unknown> = { kind };
  for (const field of Object.keys(ACTION_FIELDS[kind])) {
    if (action[field] !== undefined) copy[field] = action[field];
  }
  return copy as unknown as StreamAction;
}

export interface MappingCheck {
  readonly mappings: GestureMapping[];
  /** One line per problem, naming the mapping (index and id) and the field. */
  readonly problems: string[];
}

/** Check mappings from a file or storage (already JSON-parsed): the valid ones are kept, each invalid one named. */
export function checkMappings(input: unknown): MappingCheck {
  if (!Array.isArray(input)) return { mappings: [], problems: [`mappings must be a list, got ${quoteValue(input)}`] };
  const mappings: GestureMapping[] = [];
  const problems: string[] = [];
  const seenIds = new Set<string>();
  input.forEach((entry, index) => {
    const label = isRecord(entry) && typeof entry.id === 'string' ? `mapping ${index + 1} (${quoteValue(entry.id)})` : `mapping ${index + 1}`;
    if (!isRecord(entry)) {
      problems.push(`${label}: must be an object, got ${quoteValue(entry)}`);
      return;
    }
    const own: string[] = [];
    if (typeof entry.id !== 'string' || entry.id === '') own.push(`id must be a non-empty text, got ${quoteValue(entry.id)}`);
    else if (seenIds.has(entry.id)) own.push('id is used by an earlier mapping');
    // The same allow-list as every gesture label: no markup or control characters can ride in on a profile.
    const gestureProblem = describeLabelProblem(entry.gesture);
    if (gestureProblem !== null) own.push(`gesture: ${gestureProblem}`);
    if (!HANDS.includes(entry.hand as GestureMapping['hand'])) own.push(`hand must be one of ${HANDS.join(', ')}, got ${quoteValue(entry.hand)}`);
    own.push(...actionProblems(entry.action));
    own.push(...scenesProblems(entry.scenes));
    if (own.length > 0) {
      problems.push(...own.map((problem) => `${label}: ${problem}`));
      return;
    }
    const id = entry.id as string;
    seenIds.add(id);
    mappings.push({
      id, gesture: entry.gesture as string, hand: entry.hand as GestureMapping['hand'], action: copyAction(entry.action as Record<string, unknown>),
      ...(entry.scenes === undefined ? {} : { scenes: [...entry.scenes as string[]] }),
    });
  });
  return { mappings, problems };
}
