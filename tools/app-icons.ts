// Draws the app's icons (an open hand with two sparks, the install icons of public/manifest.webmanifest) and writes them as PNG.
import { deflateSync } from 'node:zlib';
import { crc32 } from './landmarker-bundle/stored-zip.ts';

export type IconPurpose = 'any' | 'maskable';

/** The icons the manifest lists, by file name in public/icons/. */
export const APP_ICONS: ReadonlyArray<{ file: string; size: number; purpose: IconPurpose }> = [
  { file: 'icon-192.png', size: 192, purpose: 'any' },
  { file: 'icon-512.png', size: 512, purpose: 'any' },
  { file: 'icon-maskable-512.png', size: 512, purpose: 'maskable' },
];

type Rgb = readonly [number, number, number];

/** The page's background (src/styles.css :root, the manifest's background_color) and its two hand colours. */
export const ICON_BACKGROUND: Rgb = [0x11, 0x14, 0x18];
const HAND: Rgb = [0xf7, 0x25, 0x85];
const SPARK: Rgb = [0x4c, 0xc9, 0xf0];

/**
 * A maskable icon's safe zone: the launcher may cut away anything outside the centred circle of this radius
 * (a fraction of the icon's size, W3C "Web App Manifest", purpose maskable), so the drawing stays inside it.
 */
export const MASKABLE_SAFE_RADIUS = 0.4;

/** Signed distance (negative inside) from (x, y) to a segment from a to b thickened by r: a finger. */
function capsule(x: number, y: number, ax: number, ay: number, bx: number, by: number, r: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - ax - t * dx, y - ay - t * dy) - r;
}

/** Signed distance to an axis-aligned rectangle with rounded corners of radius r. */
function roundedRect(x: number, y: number, left: number, top: number, right: number, bottom: number, r: number): number {
  const qx = Math.abs(x - (left + right) / 2) - ((right - left) / 2 - r);
  const qy = Math.abs(y - (top + bottom) / 2) - ((bottom - top) / 2 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** The four fingers of the hand: x and the tip's y, in a unit box; each runs down into the palm. */
const FINGERS: ReadonlyArray<readonly [x: number, tipY: number]> = [[0.31, 0.17], [0.45, 0.08], [0.59, 0.12], [0.73, 0.24]];

/** The hand, in a unit box (y down): a palm, four fingers with gaps between them, and a thumb. */
function handDistance(x: number, y: number): number {
  let distance = Math.min(roundedRect(x, y, 0.23, 0.46, 0.81, 0.96, 0.17), capsule(x, y, 0.3, 0.8, 0.1, 0.5, 0.068));
  for (const [fingerX, tipY] of FINGERS) distance = Math.min(distance, capsule(x, y, fingerX, 0.55, fingerX, tipY, 0.062));
  return distance;
}

/** Two small sparks at the top right of the unit box: an effect going off. */
function sparkDistance(x: number, y: number): number {
  return Math.min(Math.hypot(x - 0.93, y - 0.12) - 0.055, Math.hypot(x - 0.86, y - 0.32) - 0.035);
}

/**
 * The icon as RGBA bytes, row by row. `any`: a rounded square (transparent corners) with the hand in its middle
 * 76%; `maskable`: the background fills the square and the hand fits inside the safe circle. A pixel on an
 * edge is sampled 4×4 times, so edges are smooth at any size; any other pixel is one colour.
 */
export function drawAppIcon(size: number, purpose: IconPurpose): Uint8Array {
  // Where the unit box of the drawing sits in the icon (fractions of its size).
  const [boxLeft, boxSize] = purpose === 'any' ? [0.12, 0.76] : [0.24, 0.52];
  /** The distance from (u, v) (icon fractions) to the nearest edge of each shape, in icon fractions; negative inside. */
  const shapes = (u: number, v: number): [background: number, hand: number, spark: number] => {
    const x = (u - boxLeft) / boxSize;
    const y = (v - boxLeft) / boxSize;
    const background = purpose === 'maskable' ? -1 : roundedRect(u, v, 0, 0, 1, 1, 0.2);
    return [background, handDistance(x, y) * boxSize, sparkDistance(x, y) * boxSize];
  };
  // Farther than this from every edge, a pixel is wholly on one side of each: half its diagonal.
  const halfDiagonal = Math.SQRT1_2 / size;
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const centre = shapes((px + 0.5) / size, (py + 0.5) / size);
      const samples = centre.every((distance) => Math.abs(distance) > halfDiagonal) ? 1 : 4;
      let background = 0;
      let hand = 0;
      let spark = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const [inBackground, inHand, inSpark] = samples === 1 ? centre : shapes((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (inBackground >= 0) continue;
          background += 1;
          if (inHand < 0) hand += 1;
          else if (inSpark < 0) spark += 1;
        }
      }
      const total = samples * samples;
      const plain = background - hand - spark;
      const offset = (py * size + px) * 4;
      for (let channel = 0; channel < 3; channel++) {
        const sum = plain * ICON_BACKGROUND[channel] + hand * HAND[channel] + spark * SPARK[channel];
        // Colour is unpremultiplied: the average over the covered samples only.
        rgba[offset + channel] = background === 0 ? 0 : Math.round(sum / background);
      }
      rgba[offset + 3] = Math.round((255 * background) / total);
    }
  }
  return rgba;
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const chunk = new Uint8Array(12 + data.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.length);
  chunk.set(new TextEncoder().encode(type), 4);
  chunk.set(data, 8);
  view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
  return chunk;
}

export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/** A PNG of 8-bit RGBA pixels (colour type 6, no interlace, filter "none" on every row). */
export function encodePng(width: number, height: number, rgba: Uint8Array): Uint8Array {
  if (rgba.length !== width * height * 4) throw new Error(`encodePng: ${rgba.length} bytes for ${width}×${height} RGBA`);
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = new Uint8Array(height * (1 + width * 4));
  for (let y = 0; y < height; y++) rows.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (1 + width * 4) + 1);
  const parts = [PNG_SIGNATURE, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(rows, { level: 9 })), pngChunk('IEND', new Uint8Array(0))];
  const png = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    png.set(part, offset);
    offset += part.length;
  }
  return png;
}

/** Every icon of APP_ICONS, encoded, by file name. */
export function appIconFiles(): Array<{ file: string; png: Uint8Array }> {
  return APP_ICONS.map(({ file, size, purpose }) => ({ file, png: encodePng(size, size, drawAppIcon(size, purpose)) }));
}
