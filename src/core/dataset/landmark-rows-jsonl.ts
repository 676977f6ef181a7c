// Parses one JSON-lines record `{"landmarks": [[x, y, z] × 21], "label"?: string}` into landmarks.
import { LANDMARK_COUNT, type Landmark } from '../landmarks/types';
import { quoteValue } from '../model/json-checks';
import type { LineResult } from './landmark-rows';

/**
 * Each landmark may be `[x, y]`, `[x, y, z]` or `{x, y, z?}` (the shape MediaPipe's JS API returns),
 * so recordings from the app can be saved without reshaping.
 */
export function parseJsonLine(line: string): LineResult {
  const parsed = parseJsonRecord(line);
  return 'error' in parsed ? parsed : readLandmarkRecord(parsed.record);
}

/** The JSON value on one line, or why the line is not JSON. */
export function parseJsonRecord(line: string): { readonly record: unknown } | { readonly error: string } {
  try {
    return { record: JSON.parse(line) };
  } catch (error) {
    return { error: `not valid JSON: ${(error as Error).message}` };
  }
}

/**
 * The label and landmarks of one already-parsed record, with the same checks as parseJsonLine;
 * for readers whose records carry more fields (jsonl.ts parses each dataset line once).
 */
export function readLandmarkRecord(record: unknown): LineResult {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return { error: 'expected a JSON object with a "landmarks" array' };
  }
  const { landmarks: points, label } = record as { landmarks?: unknown; label?: unknown };
  if (label !== undefined && typeof label !== 'string' && typeof label !== 'number') {
    return { error: '"label" must be a string or a number' };
  }
  // As a CSV row's empty label column: an empty name would become a class nobody can see.
  if (typeof label === 'string' && label.trim() === '') return { error: '"label" is empty' };
  if (!Array.isArray(points)) return { error: 'missing "landmarks" array' };
  if (points.length !== LANDMARK_COUNT) {
    return { error: `"landmarks" has ${points.length} points, expected ${LANDMARK_COUNT}` };
  }
  const landmarks: Landmark[] = [];
  for (let i = 0; i < LANDMARK_COUNT; i++) {
    const point = readPoint(points[i]);
    if (typeof point === 'string') return { error: `landmarks[${i}] ${point}` };
    landmarks.push(point);
  }
  return { label: label === undefined ? undefined : String(label), landmarks };
}

/** A landmark, or the reason the value is not one. */
function readPoint(value: unknown): Landmark | string {
  let coordinates: unknown[];
  if (Array.isArray(value)) {
    if (value.length !== 2 && value.length !== 3) return `has ${value.length} coordinates, expected 2 or 3`;
    coordinates = value;
  } else if (typeof value === 'object' && value !== null) {
    const { x, y, z } = value as { x?: unknown; y?: unknown; z?: unknown };
    coordinates = z === undefined ? [x, y] : [x, y, z];
  } else {
    return 'is not a point ([x, y, z] or {x, y, z})';
  }
  for (const coordinate of coordinates) {
    if (typeof coordinate !== 'number') return `has a non-numeric coordinate: ${quoteValue(coordinate)}`;
    if (!Number.isFinite(coordinate)) return 'has a non-finite coordinate';
  }
  const [x, y, z = 0] = coordinates as number[];
  return { x, y, z };
}
