// Page object for the OBS overlay page: open it (optionally as if inside OBS), feed it events, read window.handcastOverlay and its canvas.
import type { Frame, Page } from 'playwright-core';
import type { OverlayCounters } from '../../src/pages/overlay/overlay-runtime';

type Counter = Exclude<keyof OverlayCounters, 'liveEffects' | 'lastRejection'>;

/** Anything that can evaluate in the overlay's document: its own page, or the preview iframe of the main page. */
type OverlayDocument = Page | Frame;

export class OverlayPage {
  constructor(readonly document: OverlayDocument) {}

  /** Opens overlay.html; `insideObs` defines a stand-in window.obsstudio (as obs-browser does) before the page's scripts run. */
  static async open(page: Page, baseUrl: string, options: { insideObs?: boolean } = {}): Promise<OverlayPage> {
    if (options.insideObs) {
      await page.addInitScript(() => {
        (window as unknown as { obsstudio: object }).obsstudio = {
          pluginVersion: '2.24.0',
          getStatus: (callback: (status: object) => void) => callback({ recording: false, streaming: true, replaybuffer: false, virtualcam: false }),
        };
      });
    }
    await page.goto(`${baseUrl}/overlay.html`);
    const overlay = new OverlayPage(page);
    await overlay.ready();
    return overlay;
  }

  ready(): Promise<unknown> {
    return this.document.waitForFunction(() => 'handcastOverlay' in window);
  }

  count(counter: Counter): Promise<number | boolean> {
    return this.document.evaluate((name) => window.handcastOverlay![name](), counter);
  }

  effectsRendered = () => this.count('effectsRendered') as Promise<number>;
  messagesRejected = () => this.count('messagesRejected') as Promise<number>;
  framesDrawn = () => this.count('framesDrawn') as Promise<number>;
  loopRunning = () => this.count('loopRunning') as Promise<boolean>;
  paused = () => this.count('paused') as Promise<boolean>;

  liveEffects(): Promise<ReturnType<OverlayCounters['liveEffects']>> {
    return this.document.evaluate(() => window.handcastOverlay!.liveEffects());
  }

  lastRejection(): Promise<string | null> {
    return this.document.evaluate(() => window.handcastOverlay!.lastRejection());
  }

  /** What obs-browser does for obs-websocket's emit_event: a window CustomEvent whose detail is event_data. */
  emitObsEvent(name: string, detail: unknown): Promise<void> {
    return this.document.evaluate(([n, d]) => { window.dispatchEvent(new CustomEvent(n as string, { detail: d })); }, [name, detail] as const);
  }

  /** Waits for the next `count` display frames, whether or not the overlay draws in them. */
  waitDisplayFrames(count: number): Promise<void> {
    return this.document.evaluate((n) => new Promise<void>((resolve) => {
      let left = n;
      const tick = () => (--left <= 0 ? resolve() : requestAnimationFrame(tick));
      requestAnimationFrame(tick);
    }), count);
  }

  /**
   * Painted (non-transparent) canvas pixels within `radius` of each normalised point, read in the first display frame
   * after at least `minEffects` effects have been drawn (particles move away from the anchor within a second).
   */
  paintedNear(points: Array<{ x: number; y: number }>, radius: number, minEffects = 1): Promise<number[]> {
    return this.document.evaluate(([pts, r, min]) => new Promise<number[]>((resolve) => {
      const api = window.handcastOverlay!;
      const read = () => {
        if (api.effectsRendered() < min) return requestAnimationFrame(read);
        const canvas = document.getElementById('effects') as HTMLCanvasElement;
        const context = canvas.getContext('2d')!;
        resolve(pts.map(({ x, y }) => {
          const left = Math.max(0, Math.round(x * canvas.width - r));
          const top = Math.max(0, Math.round(y * canvas.height - r));
          const size = Math.round(2 * r);
          const data = context.getImageData(left, top, Math.min(size, canvas.width - left), Math.min(size, canvas.height - top)).data;
          let painted = 0;
          for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted += 1;
          return painted;
        }));
      };
      read();
    }), [points, radius, minEffects] as const);
  }
}

/** Posts on the overlay's BroadcastChannel from another page of the same origin, as the main page's sender does. */
export function postOnOverlayChannel(sender: Page, messages: unknown[]): Promise<void> {
  return sender.evaluate((list) => {
    const channel = new BroadcastChannel('handcast-overlay');
    for (const message of list) channel.postMessage(message);
    channel.close();
  }, messages);
}
