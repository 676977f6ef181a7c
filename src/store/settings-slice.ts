// What the user chose: camera, resolution, mirroring, landmarker model, delegate, handedness flip, classifier engine, detection schedule and power mode. Kept in localStorage.
import type { StateCreator } from 'zustand';
import type { HandcastState } from './index';
import { isEngineChoice, type EngineChoice } from '../engines/gesture-engines';
import { POWER_MODES, SCHEDULE_KINDS, type PowerMode, type ScheduleKind } from '../core/tracking/hand-search-schedule';

export interface Settings {
  deviceId: string;
  resolutionIndex: number;
  mirrored: boolean;
  landmarkerModel: 'full' | 'lite';
  preferGpu: boolean;
  flipHandedness: boolean;
  classifierEngine: EngineChoice;
  /** How often the landmarker looks for new hands (adaptive), or on every frame (the comparison baseline). */
  detectionSchedule: ScheduleKind;
  powerMode: PowerMode;
}

export interface SettingsSlice {
  settings: Settings;
  updateSettings(patch: Partial<Settings>): void;
}

export const DEFAULT_SETTINGS: Settings = {
  deviceId: '',
  resolutionIndex: 0,
  mirrored: true,
  landmarkerModel: 'full',
  preferGpu: true,
  flipHandedness: false,
  classifierEngine: 'int8',
  detectionSchedule: 'adaptive',
  powerMode: 'smooth',
};

const STORAGE_KEY = 'handcast.settings.v1';

/** Reads saved settings, ignoring anything malformed (a bad value falls back to its default, the rest is kept). */
export function loadSettings(storage: Pick<Storage, 'getItem'> | undefined): Settings {
  let saved: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(STORAGE_KEY) ?? '{}');
    if (parsed && typeof parsed === 'object') saved = parsed as Record<string, unknown>;
  } catch {
    // Corrupt settings are not worth an error: defaults are fine.
  }
  const pick = <K extends keyof Settings>(key: K, valid: (v: unknown) => boolean): Settings[K] =>
    valid(saved[key]) ? (saved[key] as Settings[K]) : DEFAULT_SETTINGS[key];
  return {
    deviceId: pick('deviceId', (v) => typeof v === 'string'),
    resolutionIndex: pick('resolutionIndex', (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) < 3),
    mirrored: pick('mirrored', (v) => typeof v === 'boolean'),
    landmarkerModel: pick('landmarkerModel', (v) => v === 'full' || v === 'lite'),
    preferGpu: pick('preferGpu', (v) => typeof v === 'boolean'),
    flipHandedness: pick('flipHandedness', (v) => typeof v === 'boolean'),
    classifierEngine: pick('classifierEngine', isEngineChoice),
    detectionSchedule: pick('detectionSchedule', (v) => (SCHEDULE_KINDS as readonly unknown[]).includes(v)),
    powerMode: pick('powerMode', (v) => (POWER_MODES as readonly unknown[]).includes(v)),
  };
}

function saveSettings(settings: Settings): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(settings));
  } catch {
    // Storage full or blocked: settings still apply for this session.
  }
}

export const createSettingsSlice: StateCreator<HandcastState, [], [], SettingsSlice> = (set, get) => ({
  settings: loadSettings(globalThis.localStorage),
  updateSettings(patch) {
    set({ settings: { ...get().settings, ...patch } });
    saveSettings(get().settings);
  },
});
