// Saved settings: malformed values fall back to defaults one by one; nothing throws.
import { DEFAULT_SETTINGS, loadSettings } from '../../src/store/settings-slice';

const storageWith = (text: string | null) => ({ getItem: () => text });

describe('loadSettings', () => {
  it('returns the defaults when nothing or garbage is stored', () => {
    expect(loadSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(loadSettings(storageWith(null))).toEqual(DEFAULT_SETTINGS);
    expect(loadSettings(storageWith('{not json'))).toEqual(DEFAULT_SETTINGS);
    expect(loadSettings(storageWith('42'))).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps the valid values and replaces the invalid ones', () => {
    const stored = JSON.stringify({ mirrored: false, landmarkerModel: 'huge', resolutionIndex: 7, deviceId: 'cam-2', preferGpu: 'yes' });
    expect(loadSettings(storageWith(stored))).toEqual({ ...DEFAULT_SETTINGS, mirrored: false, deviceId: 'cam-2' });
  });
});
