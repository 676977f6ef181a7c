// One entry point for the dataset file formats, so a file picker can offer them all by name.
import { exportCsv, importCsv } from './csv';
import type { ImportOptions, ImportResult } from './import-common';
import { exportJsonl, importJsonl } from './jsonl';
import type { GestureSample } from './types';

/** jsonl keeps every field; xyz63 and xy42 are the CLI's CSV formats (label and coordinates only). */
export type DatasetFileFormat = 'jsonl' | 'xyz63' | 'xy42';

export const DATASET_FILE_FORMATS: readonly DatasetFileFormat[] = ['jsonl', 'xyz63', 'xy42'];

/** The file name extension for a format. */
export function extensionOf(format: DatasetFileFormat): string {
  return format === 'jsonl' ? 'jsonl' : 'csv';
}

/** The file text; for CSV, written at `aspect` (default: the samples' most common aspect, see exportCsv). */
export function exportSamples(samples: readonly GestureSample[], format: DatasetFileFormat, aspect?: number): string {
  return format === 'jsonl' ? exportJsonl(samples) : exportCsv(samples, format, aspect).text;
}

/** Reads a file in `format`; never throws (see importJsonl and importCsv). */
export function importSamples(text: string, format: DatasetFileFormat, options: ImportOptions = {}): ImportResult {
  return format === 'jsonl' ? importJsonl(text, options) : importCsv(text, format, options);
}
