// Hosting the built app anywhere: the app root from any script's URL (dev, absolute base, relative base), the icons and
// the manifest that make it installable, and the plain static server the browser test publishes it with.
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { REPO_ROOT } from '../../tools/browser/app-server';
import { staticFileFor } from '../../tools/browser/static-site';
import { APP_ICONS, ICON_BACKGROUND, MASKABLE_SAFE_RADIUS, PNG_SIGNATURE, appIconFiles, drawAppIcon, encodePng } from '../../tools/app-icons';
import { crc32 } from '../../tools/landmarker-bundle/stored-zip';
import { appRoot, appUrl } from '../../src/util/app-url';

describe('appRoot', () => {
  it('is the base itself on the dev server and with an absolute base', () => {
    expect(appRoot('http://127.0.0.1:5173/src/util/app-url.ts', '/')).toBe('/');
    expect(appRoot('https://someone.github.io/handcast/assets/main-1a.js', '/handcast')).toBe('/handcast/');
    expect(appRoot('https://cdn.example/x.js', 'https://cdn.example/handcast/')).toBe('https://cdn.example/handcast/');
    // Node (vitest, the tools) has no Vite base: the site root.
    expect(appUrl('models/hand_landmarker.task')).toBe('/models/hand_landmarker.task');
  });

  it('with the relative base of the default build, is the folder above the script, for pages and workers alike', () => {
    expect(appRoot('https://someone.github.io/handcast/assets/main-1a.js', './')).toBe('https://someone.github.io/handcast/');
    expect(appRoot('https://someone.github.io/handcast/assets/worker-2b.js', './')).toBe('https://someone.github.io/handcast/');
    expect(appRoot('http://127.0.0.1:4173/assets/main-1a.js', './')).toBe('http://127.0.0.1:4173/');
    expect(() => appRoot('https://someone.github.io/handcast/chunks/main-1a.js', './'))
      .toThrow('https://someone.github.io/handcast/chunks/main-1a.js is not in assets/');
  });
});

/** A PNG's chunks, each checked against its CRC, and its pixels (RGBA rows without their filter byte). */
function decodePng(png: Uint8Array): { width: number; height: number; colourType: number; rgba: Uint8Array } {
  expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: Array<{ type: string; data: Uint8Array }> = [];
  for (let offset = 8; offset < png.length;) {
    const length = view.getUint32(offset);
    const type = new TextDecoder().decode(png.subarray(offset + 4, offset + 8));
    expect(view.getUint32(offset + 8 + length), `CRC of ${type}`).toBe(crc32(png.subarray(offset + 4, offset + 8 + length)));
    chunks.push({ type, data: png.subarray(offset + 8, offset + 8 + length) });
    offset += 12 + length;
  }
  expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
  const header = new DataView(chunks[0].data.buffer, chunks[0].data.byteOffset, 13);
  const [width, height] = [header.getUint32(0), header.getUint32(4)];
  const rows = inflateSync(chunks[1].data);
  expect(rows.length).toBe(height * (1 + width * 4));
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(rows[y * (1 + width * 4)]).toBe(0);
    rgba.set(rows.subarray(y * (1 + width * 4) + 1, (y + 1) * (1 + width * 4)), y * width * 4);
  }
  return { width, height, colourType: chunks[0].data[9], rgba };
}

describe('app icons', () => {
  it('encodes valid RGBA PNGs that decode to the drawn pixels, at the size each is listed with', () => {
    for (const [index, { png }] of appIconFiles().entries()) {
      const { size, purpose } = APP_ICONS[index];
      const decoded = decodePng(png);
      expect({ width: decoded.width, height: decoded.height, colourType: decoded.colourType }).toEqual({ width: size, height: size, colourType: 6 });
      // Compared as bytes: a deep equality over a million elements takes a minute.
      expect(Buffer.from(decoded.rgba).equals(drawAppIcon(size, purpose))).toBe(true);
    }
    expect(() => encodePng(2, 2, new Uint8Array(15))).toThrow('15 bytes for 2×2 RGBA');
  });

  const pixel = (rgba: Uint8Array, size: number, x: number, y: number) => [...rgba.subarray((y * size + x) * 4, (y * size + x) * 4 + 4)];

  it('"any": transparent rounded corners, an opaque square with the hand in the middle', () => {
    const size = 192;
    const rgba = drawAppIcon(size, 'any');
    expect(pixel(rgba, size, 0, 0)[3]).toBe(0);
    expect(pixel(rgba, size, size - 1, size - 1)[3]).toBe(0);
    expect(pixel(rgba, size, 4, size / 2)).toEqual([...ICON_BACKGROUND, 255]);
    expect(pixel(rgba, size, size / 2, Math.round(size * 0.7))).toEqual([0xf7, 0x25, 0x85, 255]);
  });

  it('"maskable": opaque everywhere, and nothing but background outside the safe circle a launcher may crop to', () => {
    const size = 512;
    const rgba = drawAppIcon(size, 'maskable');
    const background = [...ICON_BACKGROUND, 255].join();
    let outside = 0;
    const wrong: string[] = [];
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const p = pixel(rgba, size, x, y);
        if (p[3] !== 255) wrong.push(`(${x}, ${y}) is not opaque`);
        if (Math.hypot((x + 0.5) / size - 0.5, (y + 0.5) / size - 0.5) <= MASKABLE_SAFE_RADIUS) continue;
        outside += 1;
        if (p.join() !== background) wrong.push(`(${x}, ${y}) is ${p} outside the safe zone`);
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(outside).toBeGreaterThan(size * size * 0.4);
  });

  it('are the ones public/manifest.webmanifest lists, and the manifest is relative to wherever it is hosted', () => {
    const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'public/manifest.webmanifest'), 'utf8'));
    expect(manifest.icons).toEqual(APP_ICONS.map(({ file, size, purpose }) => ({ src: `icons/${file}`, sizes: `${size}x${size}`, type: 'image/png', purpose })));
    expect({ id: manifest.id, start_url: manifest.start_url, scope: manifest.scope, display: manifest.display })
      .toEqual({ id: './', start_url: './', scope: './', display: 'standalone' });
  });
});

describe('staticFileFor (the test host, as GitHub Pages answers)', () => {
  const site = mkdtempSync(path.join(tmpdir(), 'handcast-static-'));
  mkdirSync(path.join(site, 'assets'));
  for (const name of ['index.html', 'overlay.html', 'assets/main-1a.js']) writeFileSync(path.join(site, name), name);
  writeFileSync(path.join(path.dirname(site), 'secret.txt'), 'outside');

  it('serves the folder under the sub-path only: index.html for the folder, "overlay" as overlay.html', () => {
    expect(staticFileFor(site, '/handcast/', '/handcast/')).toBe(path.join(site, 'index.html'));
    expect(staticFileFor(site, '/handcast/', '/handcast/overlay')).toBe(path.join(site, 'overlay.html'));
    expect(staticFileFor(site, '/handcast/', '/handcast/assets/main-1a.js')).toBe(path.join(site, 'assets/main-1a.js'));
    expect(staticFileFor(site, '/handcast/', '/index.html')).toBeNull();
    expect(staticFileFor(site, '/handcast/', '/handcast/missing.js')).toBeNull();
  });

  it('never leaves the folder, and refuses malformed escapes', () => {
    expect(staticFileFor(site, '/handcast/', '/handcast/../secret.txt')).toBeNull();
    expect(staticFileFor(site, '/handcast/', '/handcast/%2e%2e/secret.txt')).toBeNull();
    expect(staticFileFor(site, '/handcast/', '/handcast/%E0%A4%A')).toBeNull();
  });
});
