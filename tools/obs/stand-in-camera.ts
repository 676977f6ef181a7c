// A stand-in camera picture for real-OBS tests (a hand photo with a small magenta marker at a known point, made with ffmpeg), and finding that marker in an OBS screenshot.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Point } from '../../src/core/overlay/scene-item-transform';
import { commandExists } from './headless-obs';

export interface MarkedHandImage {
  readonly file: string;
  readonly width: number;
  readonly height: number;
  /** The marker's centre, normalised in the picture ([0, 1]², x right, y down). */
  readonly marker: Point;
}

/** Picture size, the hand's box in it, and the marker square (on the palm, off-centre so a flip shows). */
const PICTURE = { width: 640, height: 360 };
const HAND = { x: 160, y: 20, size: 320 };
const MARKER = { x: 288, y: 238, size: 16 };

/** Runs ffmpeg quietly; its standard output is returned. */
export function ffmpeg(args: string[], input?: Buffer): Buffer {
  if (!commandExists('ffmpeg')) throw new Error('ffmpeg is needed for the stand-in camera (apt-get install ffmpeg).');
  const run = spawnSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', ...args], { input, maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`ffmpeg ${args.join(' ')} failed: ${run.stderr.toString()}`);
  return run.stdout;
}

/** The shared data's hand photo (tools find it beside the repository; tests go through tests/support/shared-data.ts). */
export const SHARED_HAND_PHOTO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/fixtures/photos/hagrid-v1/palm.jpg');

/**
 * A 640×360 grey picture with the hand photo in the middle and a 16-pixel magenta square on the palm, as PNG in
 * `directory`; `drawMarker: false` leaves the square out (the point is still reported) for pictures people look at.
 */
export function makeMarkedHandImage(handPhoto: string, directory: string, { drawMarker = true } = {}): MarkedHandImage {
  const file = path.join(directory, 'marked-hand.png');
  const marker = drawMarker ? `,drawbox=x=${MARKER.x}:y=${MARKER.y}:w=${MARKER.size}:h=${MARKER.size}:color=0xff00ff:t=fill` : '';
  ffmpeg([
    '-y', '-f', 'lavfi', '-i', `color=c=0x6e6e6e:s=${PICTURE.width}x${PICTURE.height}`, '-i', handPhoto,
    '-filter_complex', `[1]scale=${HAND.size}:${HAND.size}[hand];[0][hand]overlay=${HAND.x}:${HAND.y}${marker}`,
    '-frames:v', '1', file,
  ]);
  // Pixel i covers [i, i + 1): the square's centre is its left edge plus half its size.
  const centre = { x: MARKER.x + MARKER.size / 2, y: MARKER.y + MARKER.size / 2 };
  return { file, ...PICTURE, marker: { x: centre.x / PICTURE.width, y: centre.y / PICTURE.height } };
}

export interface RgbImage {
  readonly width: number;
  readonly height: number;
  /** Rows top to bottom, three bytes a pixel. */
  readonly rgb: Uint8Array;
}

/** GetSourceScreenshot's PNG data URL as RGB pixels (ffmpeg decodes; the PNG header gives the size). */
export function decodePngDataUrl(imageData: string): RgbImage {
  const prefix = 'data:image/png;base64,';
  if (!imageData.startsWith(prefix)) throw new Error(`expected a PNG data URL, got ${imageData.slice(0, 40)}`);
  const png = Buffer.from(imageData.slice(prefix.length), 'base64');
  // IHDR follows the 8-byte signature and the chunk's length and type: width and height, big-endian.
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const rgb = ffmpeg(['-f', 'png_pipe', '-i', 'pipe:0', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], png);
  if (rgb.length !== width * height * 3) throw new Error(`decoded ${rgb.length} bytes for a ${width}×${height} picture`);
  return { width, height, rgb: new Uint8Array(rgb.buffer, rgb.byteOffset, rgb.length) };
}

/** Strongly magenta: the hand photo and the grey around it have no such pixel; blends at the square's edges count by how magenta they are. */
function magentaWeight(r: number, g: number, b: number): number {
  return Math.max(0, Math.min(r, b) - g - 60);
}

/**
 * The marker's centre in the screenshot, in pixels of the picture (pixel i covers [i, i + 1), so a lone pixel's centre
 * is i + 0.5): the magenta-weighted mean of every pixel; null when no pixel is magenta.
 */
export function findMarker(image: RgbImage): { centre: Point; pixels: number } | null {
  let weightSum = 0;
  let xSum = 0;
  let ySum = 0;
  let pixels = 0;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const i = (y * image.width + x) * 3;
      const weight = magentaWeight(image.rgb[i], image.rgb[i + 1], image.rgb[i + 2]);
      if (weight === 0) continue;
      pixels += 1;
      weightSum += weight;
      xSum += weight * (x + 0.5);
      ySum += weight * (y + 0.5);
    }
  }
  return weightSum === 0 ? null : { centre: { x: xSum / weightSum, y: ySum / weightSum }, pixels };
}
