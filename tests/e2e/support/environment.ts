// What the browser tests need (Chromium, ffmpeg); under CI=true a missing tool fails the run instead of skipping it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM_MISSING, findChromium } from '../../../tools/browser/chromium';

export const IS_CI = process.env.CI === 'true';

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
  if (missing.length === 0) return null;
  const reason = `Browser tests skipped: ${missing.join(' ')}`;
  if (IS_CI) throw new Error(`CI=true and ${reason}`);
  console.warn(`\n*** ${reason} ***\n`);
  return reason;
}

/**
 * Makes a fake-webcam .y4m from a still photo: padded to 640×480 (the photo keeps its aspect), 2 s at 15 fps.
 * Chrome loops it as the camera.
 */
export function makeFakeWebcam(photo: string): string {
  if (!existsSync(photo)) throw new Error(`Fake webcam source ${photo} is missing (run npm install).`);
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'handcast-webcam-')), 'webcam.y4m');
  execFileSync('ffmpeg', [
    '-v', 'error', '-y', '-loop', '1', '-i', photo, '-t', '2', '-r', '15',
    '-vf', 'scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2:color=gray,format=yuv420p',
    out,
  ]);
  return out;
}

export const SHARED_DIR = path.resolve(import.meta.dirname, '..', '..', '..', '..', 'shared');
