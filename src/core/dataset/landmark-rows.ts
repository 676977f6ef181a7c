// Reads landmark files (kinivi42, xy42, xyz63, jsonl) from text into hands, with a named error for each bad row.
import { describeHandDegeneracy } from '../landmarks/canonical-hand';
import { extractFeatures } from '../landmarks/features';
import type { HandLandmarks } from '../landmarks/types';
import { parseCsvLine } from './landmark-rows-csv';
import { parseJsonLine } from './landmark-rows-jsonl';

/**
 * kinivi42: label, then 21 × (x, y) already wrist-relative and pixel-proportional (kinivi's preprocessing).
 * xy42: label, then 21 × (x, y) raw normalised image coordinates. xyz63: label, then 21 × (x, y, z) raw.
 * jsonl: one JSON object per line, `{"landmarks": [[x, y, z] × 21], "label"?: string}`.
 * The CSV label column may be left out (42 or 63 values only) for unlabelled data.
 */
export type LandmarkFormat = 'kinivi42' | 'xy42' | 'xyz63' | 'jsonl';

export const LANDMARK_FORMATS: readonly LandmarkFormat[] = ['kinivi42', 'xy42', 'xyz63', 'jsonl'];

export function isLandmarkFormat(name: string): name is LandmarkFormat {
  return (LANDMARK_FORMATS as readonly string[]).includes(name);
}

/** One usable hand from a file. */
export interface LandmarkRow {
  readonly ok: true;
  /** 1-based line number in the file. */
  readonly line: number;
  /** The label column as written (an index like "2" or "2.0e+00", or a name), or undefined if absent. */
  readonly label: string | undefined;
  readonly landmarks: HandLandmarks;
  /** Image width / height the landmarks are normalised to (1 for kinivi42, which is already pixel-proportional). */
  readonly aspect: number;
}

/** A line that could not be read, and why. */
export interface RowError {
  readonly ok: false;
  readonly line: number;
  readonly error: string;
}

export type ParsedRow = LandmarkRow | RowError;

export interface ParseOptions {
  /** Image width / height for xy42, xyz63 and jsonl (ignored by kinivi42). */
  readonly aspect: number;
}

/** What a per-format line parser returns before the shared hand checks. */
export type LineResult = { label: string | undefined; landmarks: HandLandmarks } | { error: string };

/**
 * Parses every non-blank line of `text` in order. A UTF-8 BOM and CRLF line ends are accepted.
 * Bad rows come back as RowError (with the reason) in their place, so callers can go on.
 */
export function parseLandmarkRows(text: string, format: LandmarkFormat, options: ParseOptions): ParsedRow[] {
  const aspect = format === 'kinivi42' ? 1 : options.aspect;
  if (!Number.isFinite(aspect) || aspect <= 0) throw new Error(`aspect must be a positive finite number, got ${aspect}`);
  const rows: ParsedRow[] = [];
  for (const { line, content } of nonBlankLines(text)) {
    const result = format === 'jsonl' ? parseJsonLine(content) : parseCsvLine(content, format);
    if ('error' in result) {
      rows.push({ ok: false, line, error: result.error });
      continue;
    }
    const problem = describeHandDegeneracy(result.landmarks, aspect);
    if (problem !== null) {
      rows.push({ ok: false, line, error: problem });
      continue;
    }
    rows.push({ ok: true, line, label: result.label, landmarks: result.landmarks, aspect });
  }
  return rows;
}

/** Only the usable rows (for training tools that report errors separately). */
export function usableRows(rows: readonly ParsedRow[]): LandmarkRow[] {
  return rows.filter((row): row is LandmarkRow => row.ok);
}

/** Classifier features of a parsed row, using the row's own aspect. */
export function featuresOfRow(row: LandmarkRow): Float32Array {
  return extractFeatures(row.landmarks, row.aspect);
}

/** One non-blank line of a text file: its 1-based number and its content without surrounding white space. */
export interface TextLine {
  readonly line: number;
  readonly content: string;
}

/** The non-blank lines of `text` after a leading UTF-8 BOM, trimmed (so CRLF line ends read as LF). */
export function nonBlankLines(text: string): TextLine[] {
  const lines: TextLine[] = [];
  stripBom(text).split('\n').forEach((rawLine, index) => {
    const content = rawLine.trim();
    if (content !== '') lines.push({ line: index + 1, content });
  });
  return lines;
}

/** Removes a leading UTF-8 byte-order mark, which some tools (and kinivi's label file) write. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
