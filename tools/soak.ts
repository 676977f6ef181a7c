// `npm run soak -- --minutes N`: the main page on a fake webcam with the overlay page and a mock OBS attached, one open palm per cycle; heap, DOM, stalls and delivery per interval.
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import type { CDPSession } from 'playwright-core';
import type { GestureMapping } from '../src/actions/stream-action';
import type { StreamSettings } from '../src/store/stream-slice';
import { startAppServer, type AppServer } from './browser/app-server';
import { launchChromium, type LaunchedBrowser } from './browser/chromium';
import { attachWorkerMemoryProbe } from './browser/worker-memory';
import { rendererMemory } from './browser/process-memory';
import { startMockObs, type MockObs } from './obs/mock-obs';
import { INDEX_FINGER_PHOTO, makeFakeWebcam } from './browser/fake-webcam';
import { hold, openPalm } from './browser/landmark-feed';
import { openMainPage } from './browser/main-page';
import { OverlayPage } from './browser/overlay-page';

/** Camera frames (the fake webcam's pointing finger) between palms: with the palm's second, each cycle outlasts the 1.5 s pose cooldown. */
const CAMERA_PHASE_MS = 1500;
const PALM_PHASE_MS = 1000;
const OBS_PASSWORD = 'soak-password';
const MAPPINGS: GestureMapping[] = [
  { id: 'soak-confetti', gesture: 'open_palm', hand: 'any', action: { kind: 'overlay-effect', effect: 'confetti' } },
  { id: 'soak-brb', gesture: 'open_palm', hand: 'any', action: { kind: 'switch-scene', sceneName: 'BRB' } },
];

export interface SoakOptions {
  readonly minutes: number;
  /** Default: 60 s for runs of 5 minutes or more, else 10 s. The first interval is the warm-up. */
  readonly sampleEverySeconds?: number;
  /** Each table row as it is measured, then the JSON line (the CLI passes console.log). */
  readonly log?: (line: string) => void;
}

/** Where the open palms arrived: the overlay page and the mock OBS. */
export interface Deliveries {
  /** Effect messages seen on the overlay page's BroadcastChannel. */
  readonly overlayMessages: number;
  /** Effects the overlay page drew (window.handcastOverlay.effectsRendered). */
  readonly overlayEffects: number;
  readonly obsSceneSwitches: number;
  /** CallVendorRequest: the overlay effect as it goes to OBS's Browser Source. */
  readonly obsVendorRequests: number;
}

export interface SoakSample extends Deliveries {
  readonly minutes: number;
  /** Main page, after a forced garbage collection. */
  readonly heapMB: number;
  readonly overlayHeapMB: number;
  /** The main page's dedicated workers (the recognizer's): V8 heap after a GC. */
  readonly workerHeapMB: number;
  /** All the browser's renderer processes (process-memory.ts): private resident memory (pages, workers, MediaPipe's
   *  WASM memory) and shared memory (frame buffers); null off Linux. */
  readonly rendererPrivateMB: number | null;
  readonly rendererSharedMB: number | null;
  /** Performance.getMetrics Nodes (live DOM nodes, detached ones included) of the main page and of the overlay page. */
  readonly domNodes: number;
  readonly overlayDomNodes: number;
  readonly eventListeners: number;
  readonly framesProcessed: number;
  /** Largest gap between consecutive animation frames of the main page in this interval. */
  readonly maxFrameGapMs: number;
  /** Largest gap between consecutive recognised frames in this interval. */
  readonly maxRecognitionGapMs: number;
  readonly eventsExpected: number;
}

/** The last line of the output. */
export interface SoakSummary {
  readonly minutes: number;
  readonly framesProcessed: number;
  /** Heap at the end of the first interval (the warm-up). */
  readonly heapStartMB: number;
  readonly heapEndMB: number;
  readonly heapGrowthMB: number;
  readonly maxStallMs: number;
  readonly eventsExpected: number;
  /** Events that reached every receiver: the smallest of the four counts. */
  readonly eventsDelivered: number;
}

export interface SoakResult {
  readonly summary: SoakSummary;
  readonly samples: readonly SoakSample[];
  readonly deliveries: Deliveries;
  readonly obsRequests: Readonly<Record<string, number>>;
  readonly uncaught: readonly string[];
}

/**
 * Installed before the app: watches animation frames and recognised frames, and hands out the largest gaps.
 * (Browser-side functions here use methods, not named arrows: tsx would wrap those in a __name() the page lacks.)
 */
function installStallMonitor(): void {
  if (window !== window.top) return; // the overlay preview iframe
  const monitor = {
    lastFrame: performance.now(),
    lastRecognised: performance.now(),
    frames: -1,
    maxFrameGap: 0,
    maxRecognitionGap: 0,
    tick(now: number) {
      monitor.maxFrameGap = Math.max(monitor.maxFrameGap, now - monitor.lastFrame);
      monitor.lastFrame = now;
      const processed = window.handcast?.framesProcessed() ?? 0;
      if (processed !== monitor.frames) {
        if (monitor.frames > 0) monitor.maxRecognitionGap = Math.max(monitor.maxRecognitionGap, now - monitor.lastRecognised);
        monitor.frames = processed;
        monitor.lastRecognised = now;
      }
      requestAnimationFrame((next) => monitor.tick(next));
    },
    takeGaps() {
      const gaps = { frameGapMs: monitor.maxFrameGap, recognitionGapMs: monitor.maxRecognitionGap };
      monitor.maxFrameGap = 0;
      monitor.maxRecognitionGap = 0;
      return gaps;
    },
    /** After a forced GC: its pause is the soak's doing, not the app's. */
    restart() {
      monitor.lastFrame = performance.now();
      monitor.lastRecognised = monitor.lastFrame;
    },
  };
  requestAnimationFrame((now) => monitor.tick(now));
  (window as unknown as { handcastSoak: typeof monitor }).handcastSoak = monitor;
}

type SoakWindow = { handcastSoak: { takeGaps(): { frameGapMs: number; recognitionGapMs: number }; restart(): void } };

/** Counts effect messages on the overlay's channel, beside the overlay's own listener. */
function countChannelMessages(): void {
  const counter = { messages: 0 };
  const channel = new BroadcastChannel('handcast-overlay');
  channel.onmessage = (event: MessageEvent) => {
    if ((event.data as { type?: string } | null)?.type === 'handcast-effect') counter.messages += 1;
  };
  (window as unknown as { handcastSoakChannel: typeof counter }).handcastSoakChannel = counter;
}

interface Metrics {
  heapMB: number;
  nodes: number;
  listeners: number;
}

async function collectedMetrics(cdp: CDPSession): Promise<Metrics> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  return { heapMB: value('JSHeapUsedSize') / 2 ** 20, nodes: value('Nodes'), listeners: value('JSEventListeners') };
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits));
/** Whole megabytes, or n/a where the figure could not be read (renderer memory off Linux). */
const wholeMB = (value: number | null) => value?.toFixed(0) ?? 'n/a';

const TABLE_HEADER = '   min | heap MB | overlay MB | worker MB | renderers private MB | renderers shared MB | DOM nodes | overlay DOM | listeners |  frames | max frame gap ms | max recog gap ms | expected | overlay msg/drawn | OBS scene/vendor';

function tableRow(s: SoakSample): string {
  return [
    s.minutes.toFixed(2).padStart(6), s.heapMB.toFixed(2).padStart(7), s.overlayHeapMB.toFixed(2).padStart(10),
    s.workerHeapMB.toFixed(2).padStart(9), wholeMB(s.rendererPrivateMB).padStart(20), wholeMB(s.rendererSharedMB).padStart(19),
    String(s.domNodes).padStart(9), String(s.overlayDomNodes).padStart(11), String(s.eventListeners).padStart(9),
    String(s.framesProcessed).padStart(7), s.maxFrameGapMs.toFixed(0).padStart(16), s.maxRecognitionGapMs.toFixed(0).padStart(16),
    String(s.eventsExpected).padStart(8), `${s.overlayMessages}/${s.overlayEffects}`.padStart(17), `${s.obsSceneSwitches}/${s.obsVendorRequests}`.padStart(16),
  ].join(' | ');
}

const leastDelivered = (d: Deliveries) => Math.min(d.overlayMessages, d.overlayEffects, d.obsSceneSwitches, d.obsVendorRequests);

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const log = options.log ?? (() => undefined);
  const durationMs = options.minutes * 60_000;
  const sampleEveryMs = (options.sampleEverySeconds ?? (options.minutes >= 5 ? 60 : 10)) * 1000;
  const palm = openPalm();
  let server: AppServer | null = null;
  let obs: MockObs | null = null;
  let chromium: LaunchedBrowser | null = null;
  try {
    server = await startAppServer();
    obs = await startMockObs({ password: OBS_PASSWORD });
    chromium = await launchChromium({ fakeVideo: makeFakeWebcam(INDEX_FINGER_PHOTO) });
    const uncaught: string[] = [];

    // The overlay page first, in the same context as the main page, so the main page's BroadcastChannel reaches it.
    const overlayTab = await chromium.context.newPage();
    overlayTab.on('pageerror', (error) => uncaught.push(`overlay: ${error.message}`));
    const overlay = await OverlayPage.open(overlayTab, server.url);
    await overlayTab.evaluate(countChannelMessages);

    const settings: StreamSettings = { obsUrl: obs.url, mappings: MAPPINGS, dryRun: false, armingRequired: false, obsCameraMirrored: false, obsCameraSource: '' };
    const { page, main, uncaught: mainUncaught } = await openMainPage(
      { server, chromium }, { initScript: installStallMonitor, localStorage: { 'handcast.stream.v1': JSON.stringify(settings) } },
    );
    await main.start();
    await page.waitForFunction(() => window.handcast!.framesProcessed() > 0, undefined, { timeout: 120_000 })
      .catch(async (error: Error) => {
        const notices = await main.alerts();
        throw new Error(`no frame was recognised (camera ${await main.cameraStatus()}, recognizer ${await main.recognizerStatus()}; ${notices.join(' ') || 'no notice'}; uncaught: ${mainUncaught.join(' ') || 'none'}): ${error.message}`);
      });
    await page.getByLabel('OBS websocket password').fill(OBS_PASSWORD);
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.locator('[data-testid="obs-status"][data-state="connected"]').waitFor({ timeout: 30_000 });

    const mainCdp = await chromium.context.newCDPSession(page);
    const overlayCdp = await chromium.context.newCDPSession(overlayTab);
    await mainCdp.send('Performance.enable');
    await overlayCdp.send('Performance.enable');
    const workerMemory = await attachWorkerMemoryProbe(mainCdp);

    let cycles = 0;
    const deliveries = async (): Promise<Deliveries> => ({
      overlayMessages: await overlayTab.evaluate(() => (window as unknown as { handcastSoakChannel: { messages: number } }).handcastSoakChannel.messages),
      overlayEffects: await overlay.effectsRendered(),
      obsSceneSwitches: obs!.requestsOf('SetCurrentProgramScene'),
      obsVendorRequests: obs!.requestsOf('CallVendorRequest'),
    });
    const samples: SoakSample[] = [];
    const started = Date.now();
    const sample = async (): Promise<void> => {
      const gaps = await page.evaluate(() => (window as unknown as SoakWindow).handcastSoak.takeGaps());
      const mainMetrics = await collectedMetrics(mainCdp);
      const overlayMetrics = await collectedMetrics(overlayCdp);
      const workers = await workerMemory.measure();
      const renderers = rendererMemory(chromium!.userDataDir);
      await page.evaluate(() => (window as unknown as SoakWindow).handcastSoak.restart());
      const row: SoakSample = {
        minutes: (Date.now() - started) / 60_000,
        heapMB: mainMetrics.heapMB, overlayHeapMB: overlayMetrics.heapMB, workerHeapMB: workers.heapMB,
        rendererPrivateMB: renderers?.privateMB ?? null, rendererSharedMB: renderers?.sharedMB ?? null,
        domNodes: mainMetrics.nodes, overlayDomNodes: overlayMetrics.nodes, eventListeners: mainMetrics.listeners,
        framesProcessed: await main.framesProcessed(),
        maxFrameGapMs: gaps.frameGapMs, maxRecognitionGapMs: gaps.recognitionGapMs,
        eventsExpected: cycles, ...(await deliveries()),
      };
      samples.push(row);
      log(tableRow(row));
    };

    log(`soak: ${options.minutes} min, a sample every ${sampleEveryMs / 1000} s (the first interval is the warm-up), cycles of ${CAMERA_PHASE_MS} ms camera + ${PALM_PHASE_MS} ms open palm`);
    log(TABLE_HEADER);
    await sample();
    let nextSampleAt = started + sampleEveryMs;
    while (Date.now() - started < durationMs) {
      await page.evaluate(() => window.handcast!.stopLandmarkFeed());
      await page.waitForTimeout(CAMERA_PHASE_MS);
      await hold(page, palm, PALM_PHASE_MS);
      cycles += 1;
      if (Date.now() >= nextSampleAt) {
        await sample();
        nextSampleAt += sampleEveryMs;
      }
    }
    await page.evaluate(() => window.handcast!.stopLandmarkFeed());
    // The last palm's effect and requests are on their way: wait for them (or give up) before the final reading.
    const settleBy = Date.now() + 10_000;
    while (Date.now() < settleBy && leastDelivered(await deliveries()) < cycles) await page.waitForTimeout(100);
    await page.waitForTimeout(CAMERA_PHASE_MS); // and anything late or doubled would arrive by now
    await sample();

    const end = samples[samples.length - 1];
    const warm = samples[Math.min(1, samples.length - 1)];
    const final = await deliveries();
    const summary: SoakSummary = {
      minutes: round(end.minutes, 2),
      framesProcessed: end.framesProcessed,
      heapStartMB: round(warm.heapMB, 2),
      heapEndMB: round(end.heapMB, 2),
      heapGrowthMB: round(end.heapMB - warm.heapMB, 2),
      maxStallMs: round(Math.max(...samples.slice(1).map((s) => s.maxFrameGapMs)), 0),
      eventsExpected: cycles,
      eventsDelivered: leastDelivered(final),
    };
    log(`OBS requests: ${JSON.stringify(obs.requestCounts())}; uncaught errors: ${uncaught.length + mainUncaught.length}`);
    log(`recognizer worker after the warm-up → at the end: heap ${warm.workerHeapMB.toFixed(2)} → ${end.workerHeapMB.toFixed(2)} MB, `
      + `renderer processes' private memory ${wholeMB(warm.rendererPrivateMB)} → ${wholeMB(end.rendererPrivateMB)} MB, `
      + `shared ${wholeMB(warm.rendererSharedMB)} → ${wholeMB(end.rendererSharedMB)} MB`);
    log(JSON.stringify(summary));
    return { summary, samples, deliveries: final, obsRequests: obs.requestCounts(), uncaught: [...uncaught, ...mainUncaught] };
  } finally {
    await chromium?.close();
    await obs?.close();
    await server?.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { minutes: { type: 'string', default: '1' }, 'sample-seconds': { type: 'string' } } });
  const minutes = Number(values.minutes);
  if (!(minutes > 0)) throw new Error(`--minutes must be a positive number, got ${values.minutes}`);
  const sampleEverySeconds = values['sample-seconds'] === undefined ? undefined : Number(values['sample-seconds']);
  await runSoak({ minutes, sampleEverySeconds, log: (line) => console.log(line) });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(`soak: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  });
}
