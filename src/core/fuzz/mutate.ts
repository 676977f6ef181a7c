// Seeded mutations of a valid file's text (bytes, lines, fields, numbers, JSON structure) for the loader fuzzer.
import { NONE_LABEL } from '../labels';
import type { SeededRandom } from '../../util/seeded-random';

/** A mutated input and the steps that made it, so a failure can be explained as well as replayed. */
export interface MutatedText {
  readonly text: string;
  readonly steps: readonly string[];
}

/** Upper bound on a mutated input's length: keeps each input's work bounded however the steps combine. */
export const MAX_MUTATED_CHARS = 2_000_000;

/** Length of the "extremely long" line and field mutations: long enough that quadratic work shows. */
const LONG_RUN_CHARS = 100_000;

/** Depth of the nested-array mutation: beyond what a recursive walker or JSON.stringify survives. */
const DEEP_NESTING = 20_000;

/**
 * Values swapped in for a number: non-finite spellings, values JSON parses to Infinity or -0, past float32,
 * int8/int32/safe-integer edges, and things that are not numbers at all.
 */
const HOSTILE_NUMBERS = [
  'NaN', 'Infinity', '-Infinity', 'inf', '1e309', '-1e309', '1e-400', '-0', '0', '1e38', '3.5e38', '-3.5e38', '1e300',
  '127', '-128', '128', '255', '256', '2147483647', '2147483648', '-2147483649', '9007199254740993', '1.5', '0.5', '-1',
  '0x1F', '1e', '.', '--1', '1.2.3', '"1"', 'null', 'true', '[]', '{}', '',
];

/** Labels no loader should let through to the page, plus a few harmless ones a mutation may swap in. */
export const HOSTILE_LABELS = [
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '&amp;', '"quoted"', "it's", 'a,b', 'line\\nbreak', '\u202eevil',
  'zero\u200bwidth', '\u0000', ' padded ', '', 'x'.repeat(41), 'é'.repeat(40), '__proto__', 'constructor', 'fist', NONE_LABEL, '42',
];

/** Characters a byte flip or insertion writes: structure, controls, non-ASCII, a BOM, a lone surrogate. */
const NOISE_CHARACTERS = [
  '"', '\'', '{', '}', '[', ']', ',', ':', '\\', '\n', '\r', '\t', ' ', '\u0000', '\u0007', '-', '+', '.', 'e', 'E', '0', '9', 'a', 'Z',
  '<', '>', '&', '\u00e9', '\u202e', '\ufeff', '\ud800', '\u{1F44D}',
];

type Mutation = (text: string, random: SeededRandom) => MutatedText | null;

/** One mutation, picked by name, applied to `text`; null when it does not apply (e.g. no number to swap). */
const TEXT_MUTATIONS: Readonly<Record<string, Mutation>> = {
  truncate: (text, random) => {
    const at = random.int(text.length + 1);
    return { text: text.slice(0, at), steps: [`truncate at ${at}`] };
  },
  flipChar: (text, random) => {
    if (text.length === 0) return null;
    const at = random.int(text.length);
    const char = random.pick(NOISE_CHARACTERS);
    return { text: text.slice(0, at) + char + text.slice(at + 1), steps: [`replace char ${at} with ${JSON.stringify(char)}`] };
  },
  flipBit: (text, random) => {
    if (text.length === 0) return null;
    const at = random.int(text.length);
    const code = text.charCodeAt(at) ^ (1 << random.int(8));
    return { text: text.slice(0, at) + String.fromCharCode(code) + text.slice(at + 1), steps: [`flip a bit of char ${at}`] };
  },
  insertChars: (text, random) => {
    const at = random.int(text.length + 1);
    const inserted = Array.from({ length: 1 + random.int(8) }, () => random.pick(NOISE_CHARACTERS)).join('');
    return { text: text.slice(0, at) + inserted + text.slice(at), steps: [`insert ${JSON.stringify(inserted)} at ${at}`] };
  },
  deleteRange: (text, random) => {
    if (text.length === 0) return null;
    const at = random.int(text.length);
    const length = 1 + random.int(random.next() < 0.8 ? 8 : 2000);
    return { text: text.slice(0, at) + text.slice(at + length), steps: [`delete ${length} chars at ${at}`] };
  },
  duplicateLine: (text, random) => editLines(text, random, 'duplicate line', (lines, i) => lines.splice(i, 0, lines[i])),
  dropLine: (text, random) => editLines(text, random, 'drop line', (lines, i) => lines.splice(i, 1)),
  swapLines: (text, random) => editLines(text, random, 'swap with the next line', (lines, i) => {
    if (i + 1 < lines.length) [lines[i], lines[i + 1]] = [lines[i + 1], lines[i]];
  }),
  duplicateField: (text, random) => editField(text, random, 'duplicate field', (fields, i) => fields.splice(i, 0, fields[i])),
  dropField: (text, random) => editField(text, random, 'drop field', (fields, i) => fields.splice(i, 1)),
  swapNumber: (text, random) => {
    const numbers = [...text.matchAll(/-?\d+(\.\d+)?([eE][+-]?\d+)?/g)];
    if (numbers.length === 0) return null;
    const match = random.pick(numbers);
    const replacement = random.pick(HOSTILE_NUMBERS);
    const at = match.index;
    return {
      text: text.slice(0, at) + replacement + text.slice(at + match[0].length),
      steps: [`number ${match[0]} at ${at} → ${JSON.stringify(replacement)}`],
    };
  },
  breakStructure: (text, random) => {
    const structural = [...text.matchAll(/[{}[\]":,]/g)];
    if (structural.length === 0) return null;
    const match = random.pick(structural);
    const at = match.index;
    return { text: text.slice(0, at) + text.slice(at + 1), steps: [`remove ${JSON.stringify(match[0])} at ${at}`] };
  },
  addBom: (text) => ({ text: `\ufeff${text}`, steps: ['prepend a BOM'] }),
  crlf: (text) => ({ text: text.replace(/\n/g, '\r\n'), steps: ['CRLF line ends'] }),
  bareCr: (text) => ({ text: text.replace(/\n/g, '\r'), steps: ['CR-only line ends'] }),
  longLine: (text, random) => {
    const lines = text.split('\n');
    const at = random.int(lines.length + 1);
    const unit = random.pick(['1', '0,', 'a', ' ', '[', '{"a":', '9.9e9,']);
    lines.splice(at, 0, unit.repeat(Math.ceil(LONG_RUN_CHARS / unit.length)));
    return { text: lines.join('\n'), steps: [`insert a ${LONG_RUN_CHARS}-char line of ${JSON.stringify(unit)} before line ${at + 1}`] };
  },
  longNumber: (text, random) => {
    const numbers = [...text.matchAll(/\d+/g)];
    if (numbers.length === 0) return null;
    const match = random.pick(numbers);
    const tail = random.pick(['', 'x', '.5e', 'e+', '.']);
    const digits = '7'.repeat(LONG_RUN_CHARS) + tail;
    return { text: text.slice(0, match.index) + digits + text.slice(match.index + match[0].length), steps: [`a number at ${match.index} → ${LONG_RUN_CHARS} digits + ${JSON.stringify(tail)}`] };
  },
};

/** Changes one line (chosen at random) of a multi-line text. */
function editLines(text: string, random: SeededRandom, name: string, edit: (lines: string[], index: number) => void): MutatedText | null {
  const lines = text.split('\n');
  if (lines.length < 2) return null;
  const index = random.int(lines.length);
  edit(lines, index);
  return { text: lines.join('\n'), steps: [`${name} ${index + 1}`] };
}

/** Changes one comma-separated field of one line. */
function editField(text: string, random: SeededRandom, name: string, edit: (fields: string[], index: number) => void): MutatedText | null {
  const lines = text.split('\n');
  const candidates = lines.map((_, i) => i).filter((i) => lines[i].includes(','));
  if (candidates.length === 0) return null;
  const line = random.pick(candidates);
  const fields = lines[line].split(',');
  const index = random.int(fields.length);
  edit(fields, index);
  lines[line] = fields.join(',');
  return { text: lines.join('\n'), steps: [`${name} ${index + 1} of line ${line + 1}`] };
}

/** A JSON value somewhere in a document, and how to replace it. */
interface JsonSlot {
  readonly path: string;
  readonly value: unknown;
  readonly set: (value: unknown) => void;
  /** Deletes the key, for a value inside an object. */
  readonly remove?: () => void;
}

/** Deepest value a structure-aware mutation picks: an earlier deep-nesting step must not overflow the walk. */
const MAX_WALK_DEPTH = 32;

/** Every value in a parsed document with a setter (bounded: big weight arrays are sampled, not walked whole). */
function collectSlots(root: unknown, random: SeededRandom): JsonSlot[] {
  const slots: JsonSlot[] = [];
  const visit = (value: unknown, path: string, set: (value: unknown) => void, remove?: () => void, depth = 0): void => {
    slots.push({ path, value, set, remove });
    if (depth >= MAX_WALK_DEPTH) return;
    if (Array.isArray(value)) {
      // A few elements of a long array stand for all of them: walking 10,000 weights per input is wasted work.
      const indices = value.length <= 16 ? value.map((_, i) => i) : Array.from({ length: 8 }, () => random.int(value.length));
      for (const i of indices) visit(value[i], `${path}[${i}]`, (next) => { value[i] = next; }, undefined, depth + 1);
    } else if (typeof value === 'object' && value !== null) {
      const object = value as Record<string, unknown>;
      for (const key of Object.keys(object)) {
        visit(object[key], `${path}.${key}`, (next) => { object[key] = next; }, () => { delete object[key]; }, depth + 1);
      }
    }
  };
  visit(root, '$', () => undefined);
  return slots;
}

/** A value of the wrong kind or at an edge, for a structure-aware mutation. */
function hostileValue(random: SeededRandom, current: unknown): { value: unknown; description: string } {
  const choice = random.int(12);
  switch (choice) {
    case 0: return { value: null, description: 'null' };
    case 1: return { value: random.pick(HOSTILE_LABELS), description: 'a hostile string' };
    case 2: return { value: random.pick([1e300, -1e300, 3.5e38, 1e38, -0, 0, 0.5, -1, 127, -128, 128, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2]), description: 'an edge number' };
    case 3: return { value: [], description: 'an empty array' };
    case 4: return { value: {}, description: 'an empty object' };
    case 5: return { value: true, description: 'true' };
    case 6: return { value: 'x'.repeat(LONG_RUN_CHARS), description: 'a very long string' };
    case 7: return { value: Array.isArray(current) ? [...current, ...current] : [current], description: 'the value doubled / wrapped' };
    case 8: return { value: Array.isArray(current) ? current.slice(0, random.int(current.length + 1)) : String(current), description: 'the value cut / stringified' };
    case 9: return { value: typeof current === 'number' ? current + random.pick([1, -1, 1e-7, 0.5]) : 0, description: 'the number nudged' };
    case 10: return { value: { nested: current }, description: 'the value wrapped in an object' };
    default: return { value: current, description: 'a deep nesting (spliced in as text)' };
  }
}

/** JSON text of a document, or null after an earlier deep-nesting step (JSON.stringify overflows the stack on it). */
function stringifyOrNull(root: unknown): string | null {
  try {
    return JSON.stringify(root) ?? null;
  } catch {
    return null;
  }
}

/** Deep nesting is spliced in as text: building it as an object would make JSON.stringify itself overflow. */
const DEEP_MARKER = '"@@deep@@"';

/**
 * Parses `text` as JSON (one document, or one line of a JSON-lines file), changes one value and writes it
 * back. Null when the text is not JSON.
 */
function mutateJsonDocument(text: string, random: SeededRandom, where: string): MutatedText | null {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return null;
  }
  const slots = collectSlots(root, random);
  const slot = random.pick(slots);
  const action = random.int(4);
  let description: string;
  if (action === 0 && slot.remove !== undefined) {
    slot.remove();
    description = `delete ${slot.path}`;
  } else if (action === 1 && Array.isArray(slot.value) && slot.value.length > 0) {
    const array = slot.value;
    const i = random.int(array.length);
    if (random.next() < 0.5) array.splice(i, 1);
    else array.splice(i, 0, array[i]);
    description = `change the length of ${slot.path}`;
  } else {
    const { value, description: what } = hostileValue(random, slot.value);
    if (what.startsWith('a deep nesting')) {
      if (slot.path === '$') return null;
      slot.set('@@deep@@');
    } else {
      slot.set(value);
    }
    description = `${slot.path} → ${what}`;
  }
  let mutated = stringifyOrNull(root);
  if (mutated === null) return null;
  if (mutated.includes(DEEP_MARKER)) mutated = mutated.replace(DEEP_MARKER, `${'['.repeat(DEEP_NESTING)}1${']'.repeat(DEEP_NESTING)}`);
  return { text: mutated, steps: [`${where}${description}`] };
}

/** The structure-aware mutation for a whole JSON document (the model file). */
export function mutateJson(text: string, random: SeededRandom): MutatedText | null {
  return mutateJsonDocument(text, random, '');
}

/** The structure-aware mutation for one record of a JSON-lines file. */
export function mutateJsonLine(text: string, random: SeededRandom): MutatedText | null {
  const lines = text.split('\n');
  const candidates = lines.map((_, i) => i).filter((i) => lines[i].trim() !== '');
  if (candidates.length === 0) return null;
  const index = random.pick(candidates);
  const mutated = mutateJsonDocument(lines[index], random, `line ${index + 1}: `);
  if (mutated === null) return null;
  lines[index] = mutated.text;
  return { text: lines.join('\n'), steps: mutated.steps };
}

/** Replaces one of a model's labels (and its validation tally, if any) with a hostile or wrong one. */
export function mutateModelLabel(text: string, random: SeededRandom): MutatedText | null {
  let root: { labels?: unknown; validation?: { perClass?: Record<string, unknown> } };
  try {
    root = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof root !== 'object' || root === null || !Array.isArray(root.labels) || root.labels.length === 0) return null;
  const index = random.int(root.labels.length);
  const old = root.labels[index];
  const label = random.pick(HOSTILE_LABELS);
  root.labels[index] = label;
  const perClass = root.validation?.perClass;
  if (typeof old === 'string' && typeof perClass === 'object' && perClass !== null && old in perClass) {
    perClass[label] = perClass[old];
    delete perClass[old];
  }
  const mutated = stringifyOrNull(root);
  return mutated === null ? null : { text: mutated, steps: [`labels[${index}] → ${JSON.stringify(label)}`] };
}

/** Replaces the label (first CSV column, or a JSON "label") of one line with a hostile or wrong one. */
export function mutateLabel(text: string, random: SeededRandom): MutatedText | null {
  const lines = text.split('\n');
  const candidates = lines.map((_, i) => i).filter((i) => lines[i].trim() !== '');
  if (candidates.length === 0) return null;
  const index = random.pick(candidates);
  const label = random.pick(HOSTILE_LABELS);
  const line = lines[index];
  lines[index] = line.startsWith('{')
    ? line.replace(/"label":("(?:[^"\\]|\\.)*"|[^,}]*)/, `"label":${JSON.stringify(label)}`)
    : label + line.slice(line.indexOf(','));
  return { text: lines.join('\n'), steps: [`label of line ${index + 1} → ${JSON.stringify(label)}`] };
}

export type StructuredMutation = (text: string, random: SeededRandom) => MutatedText | null;

/**
 * Applies 1 to 3 mutations (text-level ones and the given structure-aware ones, equally likely) to a valid
 * seed. Every input differs from the seed unless all picked mutations happened not to apply.
 */
export function mutate(seed: string, random: SeededRandom, structured: readonly StructuredMutation[]): MutatedText {
  const textMutations = Object.values(TEXT_MUTATIONS);
  let text = seed;
  const steps: string[] = [];
  const count = 1 + random.int(3);
  for (let n = 0; n < count; n++) {
    const useStructured = structured.length > 0 && random.next() < 0.5;
    const mutation = useStructured ? random.pick(structured) : random.pick(textMutations);
    const result = mutation(text, random);
    if (result === null || result.text.length > MAX_MUTATED_CHARS) continue;
    text = result.text;
    steps.push(...result.steps);
  }
  return { text, steps };
}
