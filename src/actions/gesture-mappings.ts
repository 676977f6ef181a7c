// Which mappings a gesture event fires, and checking imported mappings: every problem named, the valid mappings kept.
import { describeLabelProblem } from '../core/dataset/names';
import type { GestureEvent } from '../core/gestures/gesture-event';
import { OVERLAY_EFFECT_KINDS } from '../core/overlay/effect-message';
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

function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'string') return `"${value}"`;
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return `${typeof value === 'object' ? 'an' : 'a'} ${typeof value} (${JSON.stringify(value)})`;
}

function actionProblems(action: unknown): string[] {
  if (!isRecord(action)) return [`action must be an object, got ${describeValue(action)}`];
  const kind = action.kind;
  if (typeof kind !== 'string' || !(STREAM_ACTION_KINDS as readonly string[]).includes(kind)) {
    return [`action.kind ${describeValue(kind)} is not one of ${STREAM_ACTION_KINDS.join(', ')}`];
  }
  const problems: string[] = [];
  for (const [field, rule] of Object.entries(ACTION_FIELDS[kind as StreamAction['kind']])) {
    const value = action[field];
    const where = `action.${field} (${kind})`;
    if (rule === 'name' && (typeof value !== 'string' || value.trim() === '')) {
      problems.push(`${where} must be a non-empty name, got ${describeValue(value)}`);
    } else if (rule === 'toggle' && !TOGGLES.includes(value as Toggle)) {
      problems.push(`${where} must be one of ${TOGGLES.join(', ')}, got ${describeValue(value)}`);
    } else if (rule === 'object' && !isRecord(value)) {
      problems.push(`${where} must be an object (OBS sends it to every client as is), got ${describeValue(value)}`);
    } else if (rule === 'effect' && !(OVERLAY_EFFECT_KINDS as readonly unknown[]).includes(value)) {
      problems.push(`${where} must be one of ${OVERLAY_EFFECT_KINDS.join(', ')}, got ${describeValue(value)}`);
    } else if (rule === 'optional-text' && value !== undefined && typeof value !== 'string') {
      problems.push(`${where} must be text when given, got ${describeValue(value)}`);
    }
  }
  return problems;
}

export interface MappingCheck {
  readonly mappings: GestureMapping[];
  /** One line per problem, naming the mapping (index and id) and the field. */
  readonly problems: string[];
}

/** Check mappings from a file or storage (already JSON-parsed): the valid ones are kept, each invalid one named. */
export function checkMappings(input: unknown): MappingCheck {
  if (!Array.isArray(input)) return { mappings: [], problems: [`mappings must be a list, got ${describeValue(input)}`] };
  const mappings: GestureMapping[] = [];
  const problems: string[] = [];
  const seenIds = new Set<string>();
  input.forEach((entry, index) => {
    const label = isRecord(entry) && typeof entry.id === 'string' ? `mapping ${index + 1} ("${entry.id}")` : `mapping ${index + 1}`;
    if (!isRecord(entry)) {
      problems.push(`${label}: must be an object, got ${describeValue(entry)}`);
      return;
    }
    const own: string[] = [];
    if (typeof entry.id !== 'string' || entry.id === '') own.push(`id must be a non-empty text, got ${describeValue(entry.id)}`);
    else if (seenIds.has(entry.id)) own.push('id is used by an earlier mapping');
    // The same allow-list as every gesture label: no markup or control characters can ride in on a profile.
    const gestureProblem = describeLabelProblem(entry.gesture);
    if (gestureProblem !== null) own.push(`gesture: ${gestureProblem}`);
    if (!HANDS.includes(entry.hand as GestureMapping['hand'])) own.push(`hand must be one of ${HANDS.join(', ')}, got ${describeValue(entry.hand)}`);
    own.push(...actionProblems(entry.action));
    if (own.length > 0) {
      problems.push(...own.map((problem) => `${label}: ${problem}`));
      return;
    }
    seenIds.add(entry.id as string);
    mappings.push(entry as unknown as GestureMapping);
  });
  return { mappings, problems };
}
