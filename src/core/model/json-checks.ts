// Small readers for untrusted JSON values that throw an Error naming the offending path.

export type JsonObject = Record<string, unknown>;

/** Longest error message: a hostile file must not be echoed back a megabyte at a time. */
export const MAX_PROBLEM_CHARS = 300;

export function fail(path: string, problem: string): never {
  const message = `${path} ${problem}`;
  throw new Error(message.length > MAX_PROBLEM_CHARS ? `${message.slice(0, MAX_PROBLEM_CHARS - 1)}…` : message);
}

/** Longest quoted text or number in a message; the rest is cut with "…". */
const MAX_QUOTED_CHARS = 40;

const cut = (text: string) => (text.length > MAX_QUOTED_CHARS ? `${text.slice(0, MAX_QUOTED_CHARS)}…` : text);

/**
 * An untrusted value for a message, the one describer every validator uses (model, dataset, profile, overlay
 * message, gesture options): as JSON writes it when it is short and plain (strings quoted and escaped, cut at 40
 * characters), arrays, objects and functions only named, undefined as "nothing". Nothing here walks into the
 * value: JSON.stringify of a deeply nested value throws RangeError, and of a big one floods the message.
 */
export function quoteValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(cut(value));
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  if (typeof value === 'function') return 'a function';
  // A structured-clone message can carry a BigInt of any length.
  return cut(String(value));
}

export function readObject(value: unknown, path: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, `must be an object, got ${quoteValue(value)}`);
  return value as JsonObject;
}

export function readString(value: unknown, path: string): string {
  if (typeof value !== 'string') fail(path, `must be a string, got ${quoteValue(value)}`);
  return value;
}

export function readNonEmptyString(value: unknown, path: string): string {
  const text = readString(value, path);
  if (text.trim() === '') fail(path, 'must not be empty');
  return text;
}

/** A finite number (JSON cannot hold NaN, but a parsed-then-edited object can). */
export function readNumber(value: unknown, path: string): number {
  if (typeof value !== 'number') fail(path, `must be a number, got ${quoteValue(value)}`);
  if (!Number.isFinite(value)) fail(path, `must be finite, got ${value}`);
  return value;
}

export function readInteger(value: unknown, path: string, minimum: number): number {
  const number = readNumber(value, path);
  if (!Number.isInteger(number)) fail(path, `must be an integer, got ${number}`);
  // Past 2^53 neighbouring integers share one double: a count or seed there is no longer the one written.
  if (!Number.isSafeInteger(number)) fail(path, `must be at most 2^53 - 1, got ${number}`);
  if (number < minimum) fail(path, `must be at least ${minimum}, got ${number}`);
  return number;
}

export function readArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) fail(path, `must be an array, got ${quoteValue(value)}`);
  return value;
}

/** An array of exactly `length` finite numbers; names the first bad index. */
export function readNumberArray(value: unknown, path: string, length: number): number[] {
  const array = readArray(value, path);
  if (array.length !== length) fail(path, `has ${array.length} values, expected ${length}`);
  for (let i = 0; i < array.length; i++) {
    const item = array[i];
    if (typeof item !== 'number') fail(`${path}[${i}]`, `must be a number, got ${quoteValue(item)}`);
    if (!Number.isFinite(item)) fail(`${path}[${i}]`, `must be finite, got ${item}`);
  }
  return array as number[];
}

/** An array of non-empty strings with no repeats. */
export function readUniqueStrings(value: unknown, path: string): string[] {
  const array = readArray(value, path);
  const seen = new Set<string>();
  return array.map((item, i) => {
    const text = readNonEmptyString(item, `${path}[${i}]`);
    if (seen.has(text)) fail(`${path}[${i}]`, `repeats "${text}"`);
    seen.add(text);
    return text;
  });
}
