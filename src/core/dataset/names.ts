// What a gesture label, dataset name or model name may contain: an allow-list, so no name can carry markup or control characters.

/** Longest gesture label, in characters (code points). */
export const LABEL_MAX_LENGTH = 40;

/** Longest dataset or model name, in characters (code points). */
export const NAME_MAX_LENGTH = 60;

/**
 * Letters and digits of any script (with their combining marks), space, `_` and `-`. Everything else is
 * refused rather than escaped: `<>&"'` could become markup or a CSV/JSON delimiter somewhere downstream,
 * a comma would split a CSV row, and invisible format characters (bidi overrides, zero-width joiners)
 * would let two different names look the same.
 */
const ALLOWED = /^[\p{L}\p{M}\p{N} _-]+$/u;
const DISALLOWED_CHARACTER = /[^\p{L}\p{M}\p{N} _-]/u;

/** Why `label` is not a valid gesture label, or null when it is. */
export function describeLabelProblem(label: unknown): string | null {
  return describeNameProblem(label, 'label', LABEL_MAX_LENGTH);
}

/** Why `name` is not a valid dataset or model name, or null when it is. */
export function describeDatasetOrModelNameProblem(name: unknown): string | null {
  return describeNameProblem(name, 'name', NAME_MAX_LENGTH);
}

/**
 * Checks one name against the allow-list. The text must already be trimmed: a stored name with
 * hidden spaces at either end would look equal to another and not be.
 */
function describeNameProblem(value: unknown, what: string, maxLength: number): string | null {
  if (typeof value !== 'string') return `${what} must be text`;
  if (value.trim() === '') return `${what} is empty`;
  if (value !== value.trim()) return `${what} "${value.trim()}" has spaces at the start or end`;
  const length = [...value].length;
  if (length > maxLength) return `${what} is ${length} characters long, at most ${maxLength} are allowed`;
  if (!ALLOWED.test(value)) {
    const bad = DISALLOWED_CHARACTER.exec(value)?.[0] ?? '';
    return `${what} contains ${describeCharacter(bad)}: only letters, digits, spaces, "_" and "-" are allowed`;
  }
  return null;
}

/** A refused character, shown so that even an invisible one is recognisable. */
function describeCharacter(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return /[\p{L}\p{N}\p{P}\p{S}]/u.test(character) ? `"${character}" (${hex})` : `the invisible character ${hex}`;
}

/**
 * Cleans what a person typed: trims and collapses runs of whitespace to one space. The result still
 * has to pass the check (this does not remove disallowed characters: the person should see them refused).
 */
export function tidyName(typed: string): string {
  return typed.trim().replace(/\s+/gu, ' ');
}

/**
 * A valid name made from arbitrary text such as a file name ("my model (2).json" → "my model 2"):
 * drops the extension and disallowed characters, tidies and shortens; `fallback` when nothing is left.
 */
export function nameFromText(text: string, fallback: string, maxLength = NAME_MAX_LENGTH): string {
  const withoutExtension = text.replace(/\.[A-Za-z0-9]{1,8}$/u, '');
  const kept = tidyName(withoutExtension.replace(new RegExp(DISALLOWED_CHARACTER, 'gu'), ' '));
  const short = [...kept].slice(0, maxLength).join('').trim();
  return short === '' ? fallback : short;
}
