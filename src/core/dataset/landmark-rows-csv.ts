// Parses one CSV line of the kinivi42, xy42 or xyz63 formats into a label and 21 landmarks.
import { LANDMARK_COUNT, type Landmark } from '../landmarks/types';
import { quoteValue } from '../model/json-checks';
import type { LineResult } from './landmark-rows';

type CsvFormat = 'kinivi42' | 'xy42' | 'xyz63';

/** Coordinates per landmark in each CSV format. */
const VALUES_PER_LANDMARK: Record<CsvFormat, 2 | 3> = { kinivi42: 2, xy42: 2, xyz63: 3 };

// Plain decimal or exponent notation only: Number() would also accept "", "0x1f" and " ". Each digit
// can match one way only: `\d+\.?\d*` backtracked quadratically on a long run of digits that then failed.
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(nan|inf|infinity)$/i;

/** Parses one non-blank CSV line; the label column is optional (the value count tells). */
export function parseCsvLine(line: string, format: CsvFormat): LineResult {
  const perLandmark = VALUES_PER_LANDMARK[format];
  const valueCount = LANDMARK_COUNT * perLandmark;
  const columns = line.split(',').map((column) => column.trim());
  if (columns.length !== valueCount && columns.length !== valueCount + 1) {
    return {
      error: `wrong column count: ${columns.length} columns, expected ${valueCount + 1} (label + ${valueCount} values) or ${valueCount}`,
    };
  }
  const hasLabel = columns.length === valueCount + 1;
  const label = hasLabel ? columns[0] : undefined;
  if (label === '') return { error: 'column 1 (label) is empty' };

  const values: number[] = [];
  const first = hasLabel ? 1 : 0;
  for (let c = first; c < columns.length; c++) {
    const text = columns[c];
    if (NON_FINITE.test(text)) return { error: `column ${c + 1} is not finite: ${quoteValue(text)}` };
    if (!DECIMAL.test(text)) return { error: `column ${c + 1} is not a number: ${quoteValue(text)}` };
    const value = Number(text);
    if (!Number.isFinite(value)) return { error: `column ${c + 1} is not finite: ${quoteValue(text)}` };
    values.push(value);
  }

  const landmarks: Landmark[] = [];
  for (let i = 0; i < LANDMARK_COUNT; i++) {
    const base = i * perLandmark;
    landmarks.push({ x: values[base], y: values[base + 1], z: perLandmark === 3 ? values[base + 2] : 0 });
  }
  return { label, landmarks };
}
