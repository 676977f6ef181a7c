// A fake webcam for Chromium (a looping .y4m made from a still photo), and the photo the browser tests and the soak show it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './app-server';

/** The index-finger-up photo every fake webcam here shows (fingerpose, MIT). */
export const INDEX_FINGER_PHOTO = path.join(REPO_ROOT, 'node_modules/fingerpose/assets/nocurl.jpg');

/**
 * Makes a fake-webcam .y4m from a still photo: padded grey to 640×480 (the photo keeps its aspect), 2 s at `fps`
 * (15 for the tests and the soak; the latency tool uses 30). Chrome loops it as the camera.
 */
export function makeFakeWebcam(photo: string, fps = 15): string {
  if (!existsSync(photo)) throw new Error(`Fake webcam source ${photo} is missing (run npm install).`);
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'handcast-webcam-')), 'webcam.y4m');
  execFileSync('ffmpeg', [
    '-v', 'error', '-y', '-loop', '1', '-i', photo, '-t', '2', '-r', String(fps),
    '-vf', 'scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2:color=gray,format=yuv420p',
    out,
  ]);
  return out;
}
