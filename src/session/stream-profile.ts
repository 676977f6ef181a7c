// The streamer's profile file: mappings and event options, exported and imported; never the OBS password.
import { checkMappings } from '../actions/gesture-mappings';
import { quoteValue } from '../core/model/json-checks';
import { checkCameraSourceName } from '../core/overlay/obs-scene-replies';
import { handcastStore } from '../store';
import { readUploadedText } from './read-upload';
import type { StreamSettings } from '../store/stream-slice';

export const PROFILE_FORMAT = 'handcast-profile';
const PROFILE_VERSION = 1;
const MAX_PROFILE_BYTES = 1_000_000;

/** What a profile file holds: the stream settings except the OBS password, which stays in this browser. */
export type ProfileSettings = Pick<StreamSettings, 'obsUrl' | 'dryRun' | 'armingRequired' | 'obsCameraMirrored' | 'obsCameraSource' | 'mappings'>;

/** The profile as file text: format, version, OBS address, mappings, options (the export format of the stream panel). */
export function formatProfile(stream: ProfileSettings): string {
  return `${JSON.stringify({
    format: PROFILE_FORMAT, version: PROFILE_VERSION,
    obsUrl: stream.obsUrl, dryRun: stream.dryRun, armingRequired: stream.armingRequired, obsCameraMirrored: stream.obsCameraMirrored,
    obsCameraSource: stream.obsCameraSource, mappings: stream.mappings,
  }, null, 2)}\n`;
}

/** The page's current stream settings as a profile file. */
export function exportProfile(): string {
  return formatProfile(handcastStore.getState().stream);
}

export interface ProfileImport {
  readonly settings: Partial<StreamSettings> | null;
  /** Each problem named; valid mappings are kept even when others are not. */
  readonly problems: readonly string[];
}

/** Reads a profile file; nothing is applied when the file itself is not a profile. */
export function parseProfile(text: string): ProfileImport {
  if (text.length > MAX_PROFILE_BYTES) return { settings: null, problems: [`the file is ${text.length} bytes; a profile is far smaller (at most ${MAX_PROFILE_BYTES})`] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { settings: null, problems: [`not JSON: ${(error as Error).message}`] };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || (data as { format?: unknown }).format !== PROFILE_FORMAT) {
    return { settings: null, problems: [`not a Handcast profile (expected "format": "${PROFILE_FORMAT}")`] };
  }
  const record = data as Record<string, unknown>;
  if (record.version !== PROFILE_VERSION) return { settings: null, problems: [`profile version ${quoteValue(record.version)} is not one this page reads (${PROFILE_VERSION})`] };
  const problems: string[] = [];
  const settings: { -readonly [K in keyof StreamSettings]?: StreamSettings[K] } = {};
  if ('password' in record || 'obsPassword' in record) problems.push('the file carries a password: it was ignored (the password is typed in this browser only)');
  if (typeof record.obsUrl === 'string') settings.obsUrl = record.obsUrl;
  else if (record.obsUrl !== undefined) problems.push('obsUrl must be text: kept the current address');
  if (typeof record.dryRun === 'boolean') settings.dryRun = record.dryRun;
  if (typeof record.armingRequired === 'boolean') settings.armingRequired = record.armingRequired;
  if (typeof record.obsCameraMirrored === 'boolean') settings.obsCameraMirrored = record.obsCameraMirrored;
  if (record.obsCameraSource !== undefined) {
    const cameraSource = checkCameraSourceName(record.obsCameraSource);
    if (cameraSource.ok) settings.obsCameraSource = cameraSource.value;
    else problems.push(`${cameraSource.problem}: kept the current camera source`);
  }
  const mappings = checkMappings(record.mappings ?? []);
  settings.mappings = mappings.mappings;
  problems.push(...mappings.problems);
  return { settings, problems };
}

/** Applies a profile file to the page; says what was imported and what was skipped. */
export async function importProfileFile(file: Blob & { name: string }): Promise<void> {
  const text = await readUploadedText(file);
  if (text === null) return;
  const store = handcastStore.getState();
  const { settings, problems } = parseProfile(text);
  if (settings === null) {
    store.notify({ kind: 'error', text: `${file.name} was not imported: ${problems[0]}.` });
    return;
  }
  store.updateStream(settings);
  const skipped = problems.length > 0 ? ` ${problems.length} problem${problems.length > 1 ? 's' : ''} (first: ${problems[0]}).` : '';
  store.notify({ kind: problems.length > 0 ? 'warning' : 'info', text: `Imported the profile ${file.name}: ${settings.mappings?.length ?? 0} mappings.${skipped}` });
}
