// Reads label-name files (one name per line, maybe with a BOM) and turns index labels like "2.0e+00" into names.
import { nonBlankLines } from './landmark-rows';

/** Names, one per non-blank line, in index order. kinivi's label file starts with a UTF-8 BOM. */
export function parseLabelNames(text: string): string[] {
  return nonBlankLines(text).map(({ content }) => content);
}

/**
 * The name of a row label: a numeric label (CSV sources store the class index, sometimes as a float
 * such as "3.000000000000000000e+00") is looked up in `names`; any other text is already a name.
 * Throws for an index outside `names` so a wrong label file is noticed.
 */
export function resolveLabelName(label: string, names: readonly string[]): string {
  const index = Number(label);
  if (label.trim() === '' || !Number.isFinite(index)) return label;
  if (!Number.isInteger(index) || index < 0 || index >= names.length) {
    throw new Error(`label "${label}" is not an index into the ${names.length} label names`);
  }
  return names[index];
}
