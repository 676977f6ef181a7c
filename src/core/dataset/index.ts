// The user dataset model and its file formats, in one import.
export * from './types';
export * from './names';
export { checkSample, fromHandLandmarks, randomId, toHandLandmarks, type SampleCheck } from './sample';
export * from './dataset';
export {
  DEFAULT_IMPORT_ASPECT, MAX_IMPORT_CHARS, MAX_IMPORT_LINES, type ImportError, type ImportOptions, type ImportResult,
} from './import-common';
export { exportJsonl, importJsonl } from './jsonl';
export { exportCsv, importCsv, mostCommonAspect, type CsvDatasetFormat, type CsvExport } from './csv';
export * from './file-formats';
