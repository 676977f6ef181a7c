// `npm run eval:frame-size -- [--part accuracy|timing|both] [--rounds N]`: how far a camera frame may be downscaled before the hand landmarker, with accuracy and cost per width.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { REPO_ROOT, startAppServer } from './browser/app-server';
import { launchChromium } from './browser/chromium';
import { expandImagePaths } from './recognize';
import { quantileOfSorted } from '../src/core/stats/latency';
import type { RecognizePageApi } from '../src/pages/cli/recognize';

/** The largest camera frame the page offers (src/vision/camera.ts RESOLUTIONS); every frame is composed at this size. */
const FRAME = { width: 1920, height: 1080 } as const;
/** Widths the composed frame is downscaled to before the landmarker (height keeps the 16:9 aspect). */
const WIDTHS = [1920, 1280, 960, 640, 480, 320] as const;
/** The photo's size in the frame, as a multiple of its native size: 1 keeps its pixels, 2 and 3 mimic a closer hand. */
const SCALES = [1, 2, 3] as const;
/** Where the photo's centre sits, as fractions of the frame: the middle, and up-left of it (off the resize grid's symmetry). */
const POSITIONS = [{ name: 'centre', x: 0.5, y: 0.5 }, { name: 'upper-left', x: 0.3, y: 0.4 }, { name: 'lower-right', x: 0.68, y: 0.62 }] as const;
const BACKGROUND = '#808080';
/** Photos whose frames are timed (a spread of hand shapes), at 2× in the middle. */
const TIMING_PHOTOS = ['palm', 'peace', 'fist', 'like'];

/** The photos by source: HaGRID crops (194 px, the hand fills them) and fingerpose's close-ups (480×640). */
const PHOTO_FOLDERS = {
  hagrid: path.resolve(REPO_ROOT, '..', 'shared', 'fixtures', 'photos', 'hagrid-v1'),
  fingerpose: path.resolve(REPO_ROOT, 'node_modules', 'fingerpose', 'assets'),
} as const;
type Source = keyof typeof PHOTO_FOLDERS;
/** Frames are summarised by photo source and scale (a group), and all together. */
const GROUPS = ['hagrid 1×', 'hagrid 2×', 'hagrid 3×', 'fingerpose 1×', 'all'] as const;
const GROUP_HEADS = ['H 1×', 'H 2×', 'H 3×', 'fp 1×', 'all'];
/** MediaPipe hand landmarks used as the hand's size: the wrist and the middle finger's knuckle. */
const WRIST = 0, MIDDLE_MCP = 9;

type Model = 'full' | 'lite';
/** A run of the landmarker on one frame: a target width, the 1920 frame recognised a second time, or moved by one pixel. */
type Variant = { kind: 'width'; width: number } | { kind: 'again' } | { kind: 'shift' };
interface Placement { scale: number; position: string; x: number; y: number; w: number; h: number }
interface PageHand { gesture: string; xy: [number, number][] }
interface PageRun { variant: Variant; hands: PageHand[]; landmarksMs: number; resizeMs: number }

const variantName = (v: Variant) => (v.kind === 'width' ? String(v.width) : v.kind === 'again' ? '1920 again' : '1920 +1px');

/** Where the photo goes in the frame at each scale and position (whole pixels, so a native paste is not resampled). */
function placementsFor(photo: { width: number; height: number }): Placement[] {
  const placements: Placement[] = [];
  for (const scale of SCALES) {
    const w = photo.width * scale, h = photo.height * scale;
    if (w > FRAME.width || h > FRAME.height) continue;
    for (const p of POSITIONS) {
      const x = Math.round(p.x * FRAME.width - w / 2), y = Math.round(p.y * FRAME.height - h / 2);
      placements.push({ scale, position: p.name, x, y, w, h });
    }
  }
  return placements;
}

async function openRecognizePage(page: Page, url: string, model: Model): Promise<void> {
  await page.goto(`${url}/src/pages/cli/recognize.html`);
  await page.waitForFunction(() => 'handcastRecognize' in window);
  await page.evaluate(
    (lite) => (window as unknown as { handcastRecognize: RecognizePageApi }).handcastRecognize.init({ lite, engine: 'int8' }),
    model === 'lite',
  );
}

/** Decodes a photo in the page and keeps it for composing frames; returns its size. */
function loadPhoto(page: Page, key: string, file: string): Promise<{ width: number; height: number }> {
  return page.evaluate(async ({ key, base64 }) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes]));
    const w = window as unknown as { frameSizePhotos?: Record<string, ImageBitmap> };
    (w.frameSizePhotos ??= {})[key] = bitmap;
    return { width: bitmap.width, height: bitmap.height };
  }, { key, base64: readFileSync(file).toString('base64') });
}

/**
 * In the page: composes the 1920×1080 frame (grey, the photo drawn at the placement with high-quality smoothing),
 * and for each variant makes the bitmap the live page would hand over, createImageBitmap(frame, {resizeWidth,
 * resizeHeight, resizeQuality: 'high'}), times that resize, and runs the page's landmarker and classifier on it.
 */
function runVariants(page: Page, key: string, placement: Placement, variants: Variant[]): Promise<PageRun[]> {
  return page.evaluate(async ({ key, placement, variants, frame, background }) => {
    const w = window as unknown as { frameSizePhotos: Record<string, ImageBitmap>; handcastRecognize: RecognizePageApi };
    const photo = w.frameSizePhotos[key];
    // Methods, not named arrows: tsx would wrap a named arrow in a __name() the page lacks.
    const frames = {
      compose(dx: number, dy: number): OffscreenCanvas {
        const canvas = new OffscreenCanvas(frame.width, frame.height);
        const ctx = canvas.getContext('2d')!;
        ctx.fillStyle = background;
        ctx.fillRect(0, 0, frame.width, frame.height);
        ctx.imageSmoothingEnabled = true;
        ctx.imageSmoothingQuality = 'high';
        ctx.drawImage(photo, placement.x + dx, placement.y + dy, placement.w, placement.h);
        return canvas;
      },
    };
    const still = frames.compose(0, 0);
    const runs: PageRun[] = [];
    for (const variant of variants) {
      const source = variant.kind === 'shift' ? frames.compose(1, 1) : still;
      const width = variant.kind === 'width' ? variant.width : frame.width;
      const t0 = performance.now();
      const bitmap = width === frame.width
        ? await createImageBitmap(source)
        : await createImageBitmap(source, { resizeWidth: width, resizeHeight: Math.round((width * frame.height) / frame.width), resizeQuality: 'high' });
      const resizeMs = performance.now() - t0;
      const result = await w.handcastRecognize.recognizeBitmap(bitmap);
      runs.push({
        variant, resizeMs, landmarksMs: result.timings.landmarks,
        hands: result.hands.map((h) => ({ gesture: h.gesture, xy: h.landmarks.map((p): [number, number] => [p.x, p.y]) })),
      });
    }
    return runs;
  }, { key, placement, variants, frame: FRAME, background: BACKGROUND });
}

/** A hand's landmarks in the 1920×1080 frame's pixels (landmarks are fractions of whatever size the landmarker saw). */
const toFramePixels = (hand: PageHand): [number, number][] => hand.xy.map(([x, y]) => [x * FRAME.width, y * FRAME.height]);
const centroid = (pts: [number, number][]): [number, number] =>
  [pts.reduce((s, p) => s + p[0], 0) / pts.length, pts.reduce((s, p) => s + p[1], 0) / pts.length];
const distance = (a: [number, number], b: [number, number]) => Math.hypot(a[0] - b[0], a[1] - b[1]);

/** The hand drawn at the placement: among hands whose centre lies on the photo, the one nearest `near` (its centre if not given). */
function handOnPhoto(hands: PageHand[], placement: Placement, near?: [number, number]): { gesture: string; pts: [number, number][] } | null {
  const target = near ?? [placement.x + placement.w / 2, placement.y + placement.h / 2];
  let best: { gesture: string; pts: [number, number][] } | null = null, bestDistance = Infinity;
  for (const hand of hands) {
    const pts = toFramePixels(hand);
    const [cx, cy] = centroid(pts);
    if (cx < placement.x || cx > placement.x + placement.w || cy < placement.y || cy > placement.y + placement.h) continue;
    const d = distance([cx, cy], target);
    if (d < bestDistance) [best, bestDistance] = [{ gesture: hand.gesture, pts }, d];
  }
  return best;
}

/** One frame's outcome for one variant, against that frame's 1920 result. */
interface Outcome { model: Model; group: string; variant: string; found: boolean; refFound: boolean; error: number | null; sameLabel: boolean }

function judge(model: Model, group: string, placement: Placement, runs: PageRun[]): Outcome[] {
  const refRun = runs.find((r) => r.variant.kind === 'width' && r.variant.width === FRAME.width)!;
  const ref = handOnPhoto(refRun.hands, placement);
  const handSize = ref ? distance(ref.pts[WRIST], ref.pts[MIDDLE_MCP]) : 0;
  return runs.map((run) => {
    const hand = handOnPhoto(run.hands, placement, ref ? centroid(ref.pts) : undefined);
    const error = ref && hand && handSize > 0
      ? hand.pts.reduce((s, p, i) => s + distance(p, ref.pts[i]), 0) / hand.pts.length / handSize : null;
    return { model, group, variant: variantName(run.variant), found: hand !== null, refFound: ref !== null, error, sameLabel: !!ref && hand?.gesture === ref.gesture };
  });
}

interface Row { landmarker: Model; variant: string; group: string; frames: number; found_pct: number; error_mean: number | null; error_p90: number | null; labels_agree_pct: number | null }

/** Found %, landmark distance to the 1920 result (hand sizes: wrist to middle knuckle) and label agreement, over frames. */
function summarise(landmarker: Model, variant: string, group: string, outcomes: Outcome[]): Row {
  const withRef = outcomes.filter((o) => o.refFound);
  const errors = Float64Array.from(outcomes.flatMap((o) => (o.error === null ? [] : [o.error]))).sort();
  const round = (v: number, digits: number) => Number(v.toFixed(digits));
  return {
    landmarker, variant, group, frames: outcomes.length,
    found_pct: round((100 * outcomes.filter((o) => o.found).length) / Math.max(1, outcomes.length), 1),
    error_mean: errors.length ? round(errors.reduce((s, e) => s + e, 0) / errors.length, 4) : null,
    error_p90: errors.length ? round(quantileOfSorted(errors, 0.9), 4) : null,
    labels_agree_pct: withRef.length ? round((100 * withRef.filter((o) => o.sameLabel).length) / withRef.length, 1) : null,
  };
}

interface TimingRow { landmarker: Model; width: number; calls: number; landmarks_p50_ms: number; resize_p50_ms: number }

/**
 * Landmarker time per width: the timing photos at 2× in the middle, every width once per round in a rotating order,
 * so a change of load on the shared machine falls on all widths alike. IMAGE mode: the palm detector runs every call.
 */
async function measureTimings(page: Page, model: Model, photos: { key: string; size: { width: number; height: number } }[], rounds: number): Promise<TimingRow[]> {
  const samples = new Map<number, { landmarks: number[]; resize: number[] }>(WIDTHS.map((w) => [w, { landmarks: [], resize: [] }]));
  const placements = photos.map((p) => placementsFor(p.size).find((pl) => pl.scale === 2 && pl.position === 'centre')!);
  await runVariants(page, photos[0].key, placements[0], WIDTHS.map((width) => ({ kind: 'width', width }))); // warm-up
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < photos.length; i++) {
      const order = WIDTHS.map((_, j) => WIDTHS[(j + round + i) % WIDTHS.length]);
      for (const run of await runVariants(page, photos[i].key, placements[i], order.map((width) => ({ kind: 'width', width })))) {
        const s = samples.get((run.variant as { width: number }).width)!;
        s.landmarks.push(run.landmarksMs);
        s.resize.push(run.resizeMs);
      }
    }
  }
  const p50 = (values: number[]) => Number(quantileOfSorted(Float64Array.from(values).sort(), 0.5).toFixed(2));
  return WIDTHS.map((width) => {
    const s = samples.get(width)!;
    return { landmarker: model, width, calls: s.landmarks.length, landmarks_p50_ms: p50(s.landmarks), resize_p50_ms: p50(s.resize) };
  });
}

function printTable(model: Model, rows: Row[], timings: TimingRow[]): void {
  const cells = (values: (number | null | string)[], digits: number, width: number) =>
    values.map((v) => (v === null ? '-' : typeof v === 'string' ? v : v.toFixed(digits)).padStart(width)).join('');
  const titles = ['found %', 'landmark error, hand sizes (mean)', 'error p90', 'labels as at 1920 %', 'p50 ms'];
  const heads = [cells(GROUP_HEADS, 0, 6), cells(GROUP_HEADS, 0, 8), cells(['all'], 0, 9), cells(GROUP_HEADS, 0, 6), `${'landmarker'.padStart(10)}  ${'resize'.padStart(6)}`];
  const widths = titles.map((t, i) => Math.max(t.length, heads[i].length) + 2);
  const line = (first: string, parts: string[]) => console.log([first.padEnd(10), ...parts.map((p, i) => ` ${p}`.padEnd(widths[i]))].join('|'));
  console.log(`\nlandmarker ${model} (IMAGE mode, numHands 2): ${FRAME.width}×${FRAME.height} frame, a photo at 1×/2×/3× its native size (H: HaGRID 194 px, fp: fingerpose 480×640), downscaled to each width`);
  line('', titles);
  line('width', heads);
  for (const variant of ['1920 again', '1920 +1px', ...WIDTHS.map(String)]) {
    const r = GROUPS.map((g) => rows.find((x) => x.landmarker === model && x.variant === variant && x.group === g));
    const timing = timings.find((t) => t.landmarker === model && String(t.width) === variant);
    line(variant, [
      cells(r.map((x) => x?.found_pct ?? null), 0, 6), cells(r.map((x) => x?.error_mean ?? null), 3, 8),
      cells([r[r.length - 1]?.error_p90 ?? null], 3, 9), cells(r.map((x) => x?.labels_agree_pct ?? null), 0, 6),
      timing ? `${timing.landmarks_p50_ms.toFixed(1).padStart(10)}  ${timing.resize_p50_ms.toFixed(1).padStart(6)}` : '-'.padStart(10),
    ]);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { part: { type: 'string', default: 'both' }, rounds: { type: 'string', default: '8' } } });
  const part = values.part ?? 'both';
  if (!['accuracy', 'timing', 'both'].includes(part)) throw new Error(`--part must be accuracy, timing or both, got ${part}`);
  const rounds = Number(values.rounds);
  const files = (Object.keys(PHOTO_FOLDERS) as Source[])
    .flatMap((source) => expandImagePaths([PHOTO_FOLDERS[source]]).filter((f) => f.endsWith('.jpg')).map((file) => ({ source, file })));
  const server = await startAppServer();
  const chromium = await launchChromium();
  const rows: Row[] = [], timings: TimingRow[] = [];
  let frames = 0;
  try {
    for (const model of ['full', 'lite'] as const) {
      const page = await chromium.context.newPage();
      page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
      await openRecognizePage(page, server.url, model);
      const photos = [];
      for (const { source, file } of files) {
        const key = path.relative(REPO_ROOT, file);
        photos.push({ key, source, name: path.basename(file, '.jpg'), size: await loadPhoto(page, key, file) });
      }
      if (part !== 'timing') {
        const outcomes: Outcome[] = [];
        const variants: Variant[] = [...WIDTHS.map((width): Variant => ({ kind: 'width', width })), { kind: 'again' }, { kind: 'shift' }];
        for (const photo of photos) {
          for (const placement of placementsFor(photo.size)) {
            outcomes.push(...judge(model, `${photo.source} ${placement.scale}×`, placement, await runVariants(page, photo.key, placement, variants)));
          }
          console.error(`${model}: ${photo.key} done`);
        }
        frames = outcomes.length / variants.length;
        for (const variant of variants.map(variantName)) {
          for (const group of GROUPS) {
            const picked = outcomes.filter((o) => o.variant === variant && (group === 'all' || o.group === group));
            if (picked.length) rows.push(summarise(model, variant, group, picked));
          }
        }
      }
      if (part !== 'accuracy') {
        timings.push(...await measureTimings(page, model, photos.filter((p) => TIMING_PHOTOS.includes(p.name) && p.source === 'hagrid'), rounds));
      }
      await page.close();
    }
  } finally {
    await chromium.close();
    await server.close();
  }
  for (const model of ['full', 'lite'] as const) printTable(model, rows, timings);
  console.log(JSON.stringify({ frame: FRAME, photos: files.length, frames_per_landmarker: frames, running_mode: 'IMAGE', rows, timings }));
}

main().catch((error: unknown) => {
  console.error(`eval-frame-size: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
