// What the browser tests need (Chromium, ffmpeg); under CI=true a missing tool fails the run instead of skipping it.
import { execFileSync } from 'node:child_process';
import { CHROMIUM_MISSING, findChromium } from '../../../tools/browser/chromium';
import { skipOrFailInCi } from '../../support/shared-data';

function hasFfmpeg(): boolean {
  try {
    execFileSync('ffmpeg', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Why the browser tests cannot run here, or null when they can. Throws under CI=true: CI must not skip them. */
export function browserTestsUnavailable(): string | null {
  const missing: string[] = [];
  if (!findChromium()) missing.push(CHROMIUM_MISSING);
  if (!hasFfmpeg()) missing.push('ffmpeg was not found (sudo apt-get install -y ffmpeg).');
  return missing.length === 0 ? null : skipOrFailInCi('Browser tests', missing.join(' '));
}
