// Fake webcams for Chromium (looping .y4m clips made from still photos), and the photo the browser tests and the soak show.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './app-server';

/** The index-finger-up photo every fake webcam here shows (fingerpose, MIT). */
export const INDEX_FINGER_PHOTO = path.join(REPO_ROOT, 'node_modules/fingerpose/assets/nocurl.jpg');

const WIDTH = 640;
const HEIGHT = 480;

/** A pixel rectangle of a photo. */
export interface PhotoRegion {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A photo file, a region of one, or null for plain grey. */
export type PictureCell = string | { readonly photo: string; readonly region: PhotoRegion } | null;

/**
 * One 640×480 picture: its cells side by side, each fitted into an equal share of the width and padded grey
 * (keeping its aspect).
 */
export interface WebcamPicture {
  readonly cells: readonly PictureCell[];
}

/** A picture held for a number of seconds; a clip is a list of them, played in order and looped by Chromium. */
export interface WebcamShot {
  readonly picture: WebcamPicture;
  readonly seconds: number;
}

/**
 * Writes the shots as one 640×480 yuv420p .y4m at `fps` into a new temporary folder and returns its path; a shot
 * of `seconds` holds exactly seconds × fps frames, so a frame's place in the loop says which shot it belongs to.
 */
export function makeFakeWebcamClip(shots: readonly WebcamShot[], fps: number): string {
  const inputs: string[] = [];
  const graph: string[] = [];
  const addPhoto = (photo: string, seconds: number): string => {
    if (!existsSync(photo)) throw new Error(`Fake webcam source ${photo} is missing (run npm install).`);
    inputs.push('-loop', '1', '-framerate', String(fps), '-t', String(seconds), '-i', photo);
    return `${inputs.filter((a) => a === '-i').length - 1}:v`;
  };
  shots.forEach(({ picture, seconds }, s) => {
    const cellWidth = WIDTH / picture.cells.length;
    const cells = picture.cells.map((cell, c) => {
      const label = `shot${s}cell${c}`;
      if (cell === null) {
        graph.push(`color=c=gray:s=${cellWidth}x${HEIGHT}:r=${fps}:d=${seconds},setsar=1[${label}]`);
        return `[${label}]`;
      }
      const [photo, crop] = typeof cell === 'string' ? [cell, ''] : [cell.photo, `crop=${cell.region.width}:${cell.region.height}:${cell.region.x}:${cell.region.y},`];
      graph.push(`[${addPhoto(photo, seconds)}]${crop}scale=${cellWidth}:${HEIGHT}:force_original_aspect_ratio=decrease,`
        + `pad=${cellWidth}:${HEIGHT}:(ow-iw)/2:(oh-ih)/2:color=gray,setsar=1[${label}]`);
      return `[${label}]`;
    });
    graph.push(cells.length === 1 ? `${cells[0]}null[shot${s}]` : `${cells.join('')}hstack=inputs=${cells.length}[shot${s}]`);
  });
  graph.push(`${shots.map((_, s) => `[shot${s}]`).join('')}concat=n=${shots.length}:v=1:a=0,format=yuv420p[clip]`);
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'handcast-webcam-')), 'webcam.y4m');
  execFileSync('ffmpeg', ['-v', 'error', '-y', ...inputs, '-filter_complex', graph.join(';'), '-map', '[clip]', '-r', String(fps), out]);
  return out;
}

/**
 * A fake webcam showing one still photo, padded grey to 640×480 (the photo keeps its aspect), 2 s at `fps` (15 for
 * the tests and the soak). Chrome loops it as the camera.
 */
export function makeFakeWebcam(photo: string, fps = 15): string {
  return makeFakeWebcamClip([{ picture: { cells: [photo] }, seconds: 2 }], fps);
}
