// `npm run latency -- [--seconds N] [--repeat N] [--only LIST] [--json] [--app dev|build] [--threads]`: the live page on fake webcams made from real photos, every scenario × landmarker × detection schedule, plus how fast a second hand is found and how long Start takes.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { SCHEDULE_KINDS, type ScheduleKind } from '../src/core/tracking/hand-search-schedule';
import { quantileOfSorted, type LatencySummary, type StageSummary } from '../src/core/stats/latency';
import { REPO_ROOT, startAppServer, startBuiltAppServer, type AppServer } from './browser/app-server';
import { launchChromium, type LaunchedBrowser } from './browser/chromium';
import { combineRuns, type CombinedRow, type Spread } from './latency-runs';
import { makeFakeWebcamClip, type WebcamShot } from './browser/fake-webcam';
import { openMainPage } from './browser/main-page';
import { startCpuWindow, startThreadCpuWindow } from './browser/process-cpu';

const SCENARIOS = ['one_hand', 'two_hands', 'no_hand'] as const;
type Scenario = (typeof SCENARIOS)[number];
const LANDMARKERS = ['full', 'lite'] as const;
type Landmarker = (typeof LANDMARKERS)[number];
/** Parts measured apart from the rows; `--only` takes their names like scenario names. */
const EXTRA_PARTS = ['second_hand', 'start'] as const;

const CAMERA_FPS = 30;
const SETTINGS_KEY = 'handcast.settings.v1';
/** After the first results: the landmarker's first calls, the schedule settling and the latency window refilling. */
const WARM_UP_MS = 2_000;
/** Before pressing Start: the page has loaded and sits idle, as a user would take a moment before clicking. */
const IDLE_BEFORE_START_MS = 3_000;
const FIRST_RESULTS_TIMEOUT_MS = 120_000;

/** HaGRID v1 studio photos of a person the model never saw (../shared/fixtures/photos/hagrid-v1/PROVENANCE.md). */
const HAGRID = path.join(REPO_ROOT, '..', 'shared', 'fixtures', 'photos', 'hagrid-v1');
/** Each hand centred on a grey canvas twice its size, so the palm detector sees the whole hand with room around it. */
const PALM = path.join(HAGRID, 'padded', 'palm.jpg');
/** Beside the palm, the full landmarker finds this one (it misses the thumb-up photo there, though not alone). */
const VICTORY = path.join(HAGRID, 'padded', 'peace.jpg');
/** The top-left corner of the thumb-up photo: the studio wall, no hand (checked by eye); 4:3, so it fills the frame. */
const EMPTY_WALL = { photo: path.join(HAGRID, 'like.jpg'), region: { x: 0, y: 0, width: 72, height: 54 } };

const SCENARIO_CLIPS: Record<Scenario, WebcamShot[]> = {
  one_hand: [{ picture: { cells: [PALM] }, seconds: 2 }],
  two_hands: [{ picture: { cells: [PALM, VICTORY] }, seconds: 2 }],
  no_hand: [{ picture: { cells: [EMPTY_WALL] }, seconds: 2 }],
};

/**
 * The palm alone on the left half (the right half plain grey), then the victory hand joins it on the right: the
 * first hand stays where it was, so the tracker keeps it while the second one has to be found. Chromium loops the
 * clip, so each loop shows one appearance (and one departure).
 */
const SECOND_HAND_SHOT_SECONDS = 3;
const SECOND_HAND_CLIP: WebcamShot[] = [
  { picture: { cells: [PALM, null] }, seconds: SECOND_HAND_SHOT_SECONDS },
  { picture: { cells: [PALM, VICTORY] }, seconds: SECOND_HAND_SHOT_SECONDS },
];
const SECOND_HAND_APPEARANCES = 4;

/** The settings the page reads from localStorage at load; keys it does not know are ignored. */
function pageSettings(landmarker: Landmarker, schedule: ScheduleKind): string {
  return JSON.stringify({ landmarkerModel: landmarker, detectionSchedule: schedule, powerMode: 'smooth' });
}

/** One row of the JSON: the keys and units the comparisons are made in. */
interface RowFigures {
  readonly scenario: Scenario;
  readonly landmarker: Landmarker;
  readonly schedule: ScheduleKind;
  readonly fps: number;
  readonly landmarks_p50_ms: number;
  readonly frame_to_label_p50_ms: number | null;
  readonly frame_to_label_p95_ms: number | null;
  readonly cpu_cores: number | null;
}

/** A row and what only the table shows. */
interface Row extends RowFigures {
  readonly rendererCores: number | null;
  readonly gpuCores: number | null;
  readonly searchesPerSecond: number | null;
  /** Hands in the page's last result at the window's end: a check that the clip shows what the scenario says. */
  readonly handsInView: number;
}

interface SecondHand {
  readonly landmarker: Landmarker;
  /** Per appearance of the second hand: ms from its first frame to the first result with two hands; null if not found before it left. */
  readonly foundMs: ReadonlyArray<number | null>;
  readonly medianMs: number | null;
  /** Whether the frames' times are the camera's capture times (else the times the page was given them). */
  readonly captureTimes: boolean;
}

interface StartTimes {
  readonly first_visit: number;
  readonly later_visit: number;
  /** A later visit with Start clicked the moment the page is up, while the recognizer is still loading. */
  readonly later_visit_click_at_once: number;
}

/** What the page says at one moment: results so far, its latency window, and its search rate if it reports one. */
interface PageSample {
  readonly at: number;
  readonly frames: number;
  readonly hands: number;
  readonly latency: LatencySummary | null;
  readonly frameToLabel: StageSummary | null;
  readonly searchesPerSecond: number | null;
}

function samplePage(page: Page): Promise<PageSample> {
  return page.evaluate(() => {
    const api = window.handcast!;
    // Read through a wider type: the frameToLabel stage and the detection summary are absent from older pages.
    const state: { latency: LatencySummary | null; detection?: { searchesPerSecond?: number } | null } = api.state();
    const stages: Partial<Record<string, StageSummary>> = state.latency?.stages ?? {};
    return {
      at: performance.now(),
      frames: api.framesProcessed(),
      hands: api.lastHands().length,
      latency: state.latency,
      frameToLabel: stages.frameToLabel ?? null,
      searchesPerSecond: state.detection?.searchesPerSecond ?? null,
    };
  });
}

/** A fresh Chromium on `clip` with these settings stored before load, Start pressed, and the first results in. */
async function startLivePage(server: AppServer, clip: string, landmarker: Landmarker, schedule: ScheduleKind): Promise<{ chromium: LaunchedBrowser; page: Page }> {
  const chromium = await launchChromium({ fakeVideo: clip });
  try {
    const { page, main } = await openMainPage({ server, chromium }, { localStorage: { [SETTINGS_KEY]: pageSettings(landmarker, schedule) } });
    await main.start();
    await page.waitForFunction(() => window.handcast!.framesProcessed() > 10, undefined, { timeout: FIRST_RESULTS_TIMEOUT_MS });
    return { chromium, page };
  } catch (error) {
    await chromium.close();
    throw error;
  }
}

/**
 * One row: a fresh Chromium on the scenario's clip, the settings stored before load, Start pressed; after the
 * first results and a warm-up, a window of `seconds` in which the frame rate is counted (results per second,
 * from the page's frame counter) and the renderer and GPU processes' CPU time is read from /proc. The
 * percentiles are the page's own, over its latency window (the last 120 results) at the window's end.
 */
async function measureRow(
  server: AppServer, clip: string, scenario: Scenario, landmarker: Landmarker, schedule: ScheduleKind, seconds: number, showThreads: boolean,
): Promise<Row> {
  const { chromium, page } = await startLivePage(server, clip, landmarker, schedule);
  try {
    await page.waitForTimeout(WARM_UP_MS);
    const cpu = startCpuWindow(chromium.userDataDir);
    const threads = showThreads ? startThreadCpuWindow(chromium.userDataDir) : null;
    const before = await samplePage(page);
    await page.waitForTimeout(seconds * 1000);
    const after = await samplePage(page);
    const used = cpu?.stop() ?? null;
    const byThread = threads?.stop();
    if (byThread) {
      console.error(`latency: ${scenario}/${landmarker}/${schedule} CPU by thread (cores): ` +
        byThread.slice(0, 8).map((t) => `${t.thread} ${t.cores.toFixed(3)}`).join(', '));
    }
    if (!after.latency) throw new Error(`${scenario}/${landmarker}/${schedule}: the page published no latency figures.`);
    return {
      scenario, landmarker, schedule,
      fps: (after.frames - before.frames) / ((after.at - before.at) / 1000),
      landmarks_p50_ms: after.latency.stages.landmarks.p50,
      frame_to_label_p50_ms: after.frameToLabel?.p50 ?? null,
      frame_to_label_p95_ms: after.frameToLabel?.p95 ?? null,
      cpu_cores: used ? used.rendererCores + used.gpuCores : null,
      rendererCores: used?.rendererCores ?? null,
      gpuCores: used?.gpuCores ?? null,
      searchesPerSecond: after.searchesPerSecond,
      handsInView: after.hands,
    };
  } finally {
    await chromium.close();
  }
}

/** Page-side records of the second-hand clip: each camera frame's brightness on the right half, and each change in the number of hands. */
interface SecondHandProbe {
  readonly frames: Array<{ at: number; rightHalf: number }>;
  readonly hands: Array<{ at: number; count: number }>;
  captureTimes: boolean;
  stopped: boolean;
}

/** Timestamps of the Start click and of the first gesture label in the DOM after it (page clock, ms). */
interface StartProbe {
  startClickedAt: number | null;
  firstLabelAt: number | null;
}

declare global {
  interface Window {
    /** Installed by `npm run latency` only. */
    latencySecondHandProbe?: SecondHandProbe;
    latencyStartProbe?: StartProbe;
  }
}

/**
 * How fast a second hand is found. The page learns a frame's time only through its results, so both ends are
 * watched on the page: a requestVideoFrameCallback on the page's <video> reads each camera frame (its
 * metadata.captureTime, and the mean brightness of the frame's right half, drawn into a 32×24 canvas), and a
 * requestAnimationFrame loop records when window.handcast.lastHands().length changes (so the result's time is
 * known within one display frame, ~17 ms). The clip's right half is plain grey without the second hand and the
 * brighter HaGRID canvas and hand with it; the switch is the first frame brighter than the midpoint of the two
 * levels. The loop's media time is not used: a camera stream's mediaTime does not restart with the file, and
 * counting frames would miscount any the page skipped. An appearance counts when fewer than two hands were shown
 * at the switch; it is found at the first result with two hands, or missed if the hand leaves first.
 */
async function measureSecondHand(server: AppServer, clip: string, landmarker: Landmarker): Promise<SecondHand> {
  const { chromium, page } = await startLivePage(server, clip, landmarker, 'adaptive');
  try {
    await page.evaluate(() => {
      const video = document.querySelector<HTMLVideoElement>('[data-testid="video"]')!;
      const canvas = document.createElement('canvas');
      canvas.width = 32;
      canvas.height = 24;
      const context = canvas.getContext('2d', { willReadFrequently: true })!;
      const probe: SecondHandProbe = { frames: [], hands: [], captureTimes: true, stopped: false };
      window.latencySecondHandProbe = probe;
      // Assigned to properties, not declared: tsx wraps declared inner functions in an __name() helper the page lacks.
      const loops: { onFrame?: VideoFrameRequestCallback; watchHands?: () => void } = {};
      loops.onFrame = (now, metadata) => {
        if (probe.stopped) return;
        context.drawImage(video, 0, 0, canvas.width, canvas.height);
        const pixels = context.getImageData(canvas.width / 2, 0, canvas.width / 2, canvas.height).data;
        let sum = 0;
        for (let i = 0; i < pixels.length; i += 4) sum += pixels[i] + pixels[i + 1] + pixels[i + 2];
        if (metadata.captureTime === undefined) probe.captureTimes = false;
        probe.frames.push({ at: metadata.captureTime ?? now, rightHalf: sum / (3 * pixels.length / 4) });
        video.requestVideoFrameCallback(loops.onFrame!);
      };
      video.requestVideoFrameCallback(loops.onFrame);
      let shown = -1;
      loops.watchHands = () => {
        if (probe.stopped) return;
        const count = window.handcast!.lastHands().length;
        if (count !== shown) probe.hands.push({ at: performance.now(), count: (shown = count) });
        requestAnimationFrame(loops.watchHands!);
      };
      loops.watchHands();
    });
    const loopMs = SECOND_HAND_CLIP.reduce((sum, shot) => sum + shot.seconds * 1000, 0);
    await page.waitForTimeout((SECOND_HAND_APPEARANCES + 0.5) * loopMs);
    const probe = await page.evaluate(() => {
      const p = window.latencySecondHandProbe!;
      p.stopped = true;
      return p;
    });
    const foundMs = secondHandTimes(probe);
    const found = foundMs.filter((ms) => ms !== null).sort((a, b) => a - b);
    // The median by nearest rank, as the page's p50.
    return { landmarker, foundMs, medianMs: found.length ? quantileOfSorted(found, 0.5) : null, captureTimes: probe.captureTimes };
  } finally {
    await chromium.close();
  }
}

/** Per appearance of the second hand in the probe's records: ms to the first two-hand result, or null if missed. */
function secondHandTimes(probe: SecondHandProbe): Array<number | null> {
  const levels = probe.frames.map((f) => f.rightHalf);
  const [dark, bright] = [Math.min(...levels), Math.max(...levels)];
  if (!(bright - dark > 20)) throw new Error('The second-hand clip never switched on the page (the right half stayed the same).');
  const shown = (i: number) => probe.frames[i].rightHalf > (dark + bright) / 2;
  const times: Array<number | null> = [];
  for (let i = 1; i < probe.frames.length; i++) {
    if (!shown(i) || shown(i - 1)) continue;
    const appeared = probe.frames[i].at;
    let left = i + 1;
    while (left < probe.frames.length && shown(left)) left++;
    if (left === probe.frames.length) break; // the watch ended while the hand was in view
    const handsAtSwitch = probe.hands.filter((h) => h.at <= appeared).at(-1)?.count ?? 0;
    if (handsAtSwitch >= 2) continue;
    const found = probe.hands.find((h) => h.at > appeared && h.count >= 2);
    times.push(found && found.at < probe.frames[left].at ? found.at - appeared : null);
  }
  return times;
}

/**
 * From pressing Start to the first gesture label in the DOM (HandList's [data-testid="hand-label"]), on the page's
 * defaults. A fresh profile with service workers allowed: load, sit idle, click Start (first visit); once the
 * service worker has stored the app, reload in the same browser (HTTP cache and service worker warm), sit idle,
 * click Start again (later visit). Both ends are page timestamps: the click event's timeStamp and a
 * MutationObserver seeing the first label.
 */
async function measureStart(server: AppServer, clip: string): Promise<StartTimes> {
  const chromium = await launchChromium({ fakeVideo: clip, serviceWorkers: 'allow' });
  try {
    const page = await chromium.context.newPage();
    await page.addInitScript(() => {
      const probe: StartProbe = { startClickedAt: null, firstLabelAt: null };
      window.latencyStartProbe = probe;
      document.addEventListener('click', (event) => {
        const button = event.target instanceof Element ? event.target.closest('button') : null;
        if (button?.textContent?.trim() === 'Start' && probe.startClickedAt === null) probe.startClickedAt = event.timeStamp;
      }, true);
      new MutationObserver(() => {
        if (probe.startClickedAt === null || probe.firstLabelAt !== null) return;
        if (document.querySelector('[data-testid="hand-label"]')) probe.firstLabelAt = performance.now();
      }).observe(document, { childList: true, subtree: true });
    });
    const startToLabel = async (idleMs = IDLE_BEFORE_START_MS): Promise<number> => {
      await page.waitForFunction(() => 'handcast' in window);
      await page.waitForTimeout(idleMs);
      await page.getByRole('button', { name: 'Start' }).click();
      await page.waitForFunction(() => window.latencyStartProbe?.firstLabelAt != null, undefined, { timeout: FIRST_RESULTS_TIMEOUT_MS });
      return page.evaluate(() => window.latencyStartProbe!.firstLabelAt! - window.latencyStartProbe!.startClickedAt!);
    };
    await page.goto(server.url);
    const firstVisit = await startToLabel();
    // A later visit means the app is stored; if the worker cannot store it (e.g. a plain-http host) the HTTP cache still is warm.
    await page.waitForFunction(() => window.handcast!.state().offline.readiness === 'ready', undefined, { timeout: 120_000 }).catch(() => undefined);
    await page.reload();
    const laterVisit = await startToLabel();
    await page.reload();
    const clickAtOnce = await startToLabel(0);
    return { first_visit: firstVisit, later_visit: laterVisit, later_visit_click_at_once: clickAtOnce };
  } finally {
    await chromium.close();
  }
}

/** `--only` values, each narrowing its own dimension (scenario or part, landmarker, schedule); unnamed dimensions stay whole. */
interface Selection {
  readonly scenarios: readonly Scenario[];
  readonly landmarkers: readonly Landmarker[];
  readonly schedules: readonly ScheduleKind[];
  readonly secondHand: boolean;
  readonly start: boolean;
}

function parseSelection(only: string | undefined): Selection {
  const tokens = (only ?? '').split(/[,/]/).map((t) => t.trim()).filter(Boolean);
  const known: readonly string[] = [...SCENARIOS, ...EXTRA_PARTS, ...LANDMARKERS, ...SCHEDULE_KINDS];
  const unknown = tokens.filter((t) => !known.includes(t));
  if (unknown.length) throw new Error(`--only: unknown ${unknown.join(', ')} (known: ${known.join(', ')})`);
  const narrow = <T extends string>(all: readonly T[]): readonly T[] => {
    const named = all.filter((value) => tokens.includes(value));
    return named.length ? named : all;
  };
  const parts = narrow<string>([...SCENARIOS, ...EXTRA_PARTS]);
  const schedules = narrow(SCHEDULE_KINDS);
  return {
    scenarios: SCENARIOS.filter((s) => parts.includes(s)),
    landmarkers: narrow(LANDMARKERS),
    schedules,
    secondHand: parts.includes('second_hand') && schedules.includes('adaptive'),
    start: parts.includes('start'),
  };
}

const round = (value: number | null, digits: number): number | null => (value === null ? null : Number(value.toFixed(digits)));
const show = (value: number | null, digits: number, unit = ''): string => (value === null ? 'n/a' : `${value.toFixed(digits)}${unit}`);

function printTable(rows: readonly CombinedRow<Row>[], secondHands: readonly SecondHand[], start: StartTimes | null, seconds: number): void {
  if (rows.length) {
    const runs = rows[0].runs;
    console.log(`Live page, ${CAMERA_FPS} frames/s 640×480 fake webcam from HaGRID photos, ${seconds} s per row; cpu = renderer + GPU process, cores.`
      + (runs > 1 ? ` Each row measured ${runs} times in rounds: medians, and the range of frames/s and cpu over the runs.` : ''));
    const header = ['scenario', 'landmarker', 'schedule', 'frames/s', 'landmarks p50', 'frame→label p50 / p95', 'cpu (renderer+gpu)', 'cpu ms/frame', 'searches/s', 'hands'];
    if (runs > 1) header.push('frames/s range', 'cpu range');
    const range = (spread: Spread | null, digits: number) => (spread ? `${spread.min.toFixed(digits)}–${spread.max.toFixed(digits)}` : 'n/a');
    const lines = rows.map((r) => [
      r.scenario, r.landmarker, r.schedule, show(r.fps, 1), show(r.landmarks_p50_ms, 1, ' ms'),
      `${show(r.frame_to_label_p50_ms, 1)} / ${show(r.frame_to_label_p95_ms, 1)} ms`,
      r.cpu_cores === null ? 'n/a' : `${r.cpu_cores.toFixed(2)} (${show(r.rendererCores, 2)}+${show(r.gpuCores, 2)})`,
      r.cpu_cores === null || r.fps === 0 ? 'n/a' : (1000 * r.cpu_cores / r.fps).toFixed(1),
      show(r.searchesPerSecond, 1), String(r.handsInView),
      ...(runs > 1 ? [range(r.fpsRange, 1), range(r.cpuRange, 2)] : []),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
    for (const line of [header, ...lines]) console.log(line.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd());
  }
  for (const s of secondHands) {
    const found = s.foundMs.filter((ms) => ms !== null);
    console.log(`second hand found (${s.landmarker}, adaptive): median ${show(s.medianMs, 0, ' ms')}; found ${found.length} of ${s.foundMs.length} appearances`
      + ` [${s.foundMs.map((ms) => show(ms, 0)).join(', ')}]${s.captureTimes ? '' : ' (no capture times: timed from the frames\' arrival)'}`);
  }
  if (start) console.log(`Start to first label (page defaults): first visit ${start.first_visit.toFixed(0)} ms, later visit ${start.later_visit.toFixed(0)} ms `
    + `(after ${IDLE_BEFORE_START_MS / 1000} s idle; clicked the moment the page is up: ${start.later_visit_click_at_once.toFixed(0)} ms)`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '8' },
      only: { type: 'string' },
      json: { type: 'boolean', default: false },
      app: { type: 'string', default: 'dev' },
      threads: { type: 'boolean', default: false },
      repeat: { type: 'string', default: '1' },
    },
  });
  const seconds = Number(values.seconds);
  if (!(seconds > 0)) throw new Error('--seconds must be a positive number');
  const repeat = Number(values.repeat);
  if (!Number.isInteger(repeat) || repeat < 1) throw new Error('--repeat must be a whole number of runs, 1 or more');
  if (values.app !== 'dev' && values.app !== 'build') throw new Error('--app is dev (the Vite dev server, as npm start) or build (a production build)');
  const selection = parseSelection(values.only);

  const clips: string[] = [];
  const clipOf = (shots: WebcamShot[]) => {
    clips.push(makeFakeWebcamClip(shots, CAMERA_FPS));
    return clips[clips.length - 1];
  };
  const server = values.app === 'build' ? await startBuiltAppServer() : await startAppServer();
  const progress = (text: string) => console.error(`latency: ${text}`);
  try {
    // Rounds: every row once, then again, so a change in the machine's load falls on all rows alike.
    const runsOfRow = new Map<string, Row[]>();
    const clipOfScenario = new Map(selection.scenarios.map((scenario) => [scenario, clipOf(SCENARIO_CLIPS[scenario])]));
    for (let round = 1; round <= repeat; round++) {
      for (const scenario of selection.scenarios) {
        for (const landmarker of selection.landmarkers) {
          for (const schedule of selection.schedules) {
            progress(`${scenario} / ${landmarker} / ${schedule}${repeat > 1 ? ` (round ${round} of ${repeat})` : ''}`);
            const key = `${scenario}/${landmarker}/${schedule}`;
            const row = await measureRow(server, clipOfScenario.get(scenario)!, scenario, landmarker, schedule, seconds, values.threads);
            runsOfRow.set(key, [...(runsOfRow.get(key) ?? []), row]);
          }
        }
      }
    }
    const rows = [...runsOfRow.values()].map((runs) => combineRuns(runs));
    const secondHands: SecondHand[] = [];
    if (selection.secondHand) {
      const clip = clipOf(SECOND_HAND_CLIP);
      for (const landmarker of selection.landmarkers) {
        progress(`second hand / ${landmarker}`);
        secondHands.push(await measureSecondHand(server, clip, landmarker));
      }
    }
    let start: StartTimes | null = null;
    if (selection.start) {
      progress('start to first label');
      start = await measureStart(server, clipOf(SCENARIO_CLIPS.one_hand));
    }

    printTable(rows, secondHands, start, seconds);
    if (values.json) {
      const json = {
        rows: rows.map((r): RowFigures => ({
          scenario: r.scenario, landmarker: r.landmarker, schedule: r.schedule,
          fps: round(r.fps, 1)!, landmarks_p50_ms: round(r.landmarks_p50_ms, 1)!,
          frame_to_label_p50_ms: round(r.frame_to_label_p50_ms, 1), frame_to_label_p95_ms: round(r.frame_to_label_p95_ms, 1),
          cpu_cores: round(r.cpu_cores, 3),
        })),
        // The lite landmarker's (the targets are for lite), else the only one measured.
        second_hand_found_ms: round((secondHands.find((s) => s.landmarker === 'lite') ?? secondHands[0])?.medianMs ?? null, 0),
        start_to_first_label_ms: start && {
          first_visit: round(start.first_visit, 0), later_visit: round(start.later_visit, 0),
          later_visit_click_at_once: round(start.later_visit_click_at_once, 0),
        },
      };
      console.log(JSON.stringify(json));
    }
  } finally {
    await server.close();
    for (const clip of clips) rmSync(path.dirname(clip), { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`latency: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
