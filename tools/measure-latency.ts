// `npm run latency -- [--seconds N] [--photo FILE]`: the live page on a fake webcam, per-stage latency for the full and lite landmarkers.
import { parseArgs } from 'node:util';
import { startAppServer } from './browser/app-server';
import { launchChromium } from './browser/chromium';
import { INDEX_FINGER_PHOTO, makeFakeWebcam } from './browser/fake-webcam';
import type { LatencySummary } from '../src/core/stats/latency';

interface Measurement {
  model: string;
  delegate: string;
  engine: string;
  latency: LatencySummary;
}

async function measure(pageUrl: string, model: 'full' | 'lite', seconds: number, webcam: string): Promise<Measurement> {
  const chromium = await launchChromium({ fakeVideo: webcam });
  try {
    const page = await chromium.context.newPage();
    await page.addInitScript((m) => localStorage.setItem('handcast.settings.v1', JSON.stringify({ landmarkerModel: m })), model);
    await page.goto(pageUrl);
    await page.getByRole('button', { name: 'Start' }).click();
    await page.waitForFunction(() => window.handcast!.framesProcessed() > 10, undefined, { timeout: 120_000 });
    await page.waitForTimeout(seconds * 1000); // the window holds the last 120 frames: warm-up frames have left it
    return await page.evaluate((m) => {
      const state = window.handcast!.state();
      return { model: m, delegate: state.recognizer!.delegate, engine: state.recognizer!.classifierEngine, latency: state.latency! };
    }, model);
  } finally {
    await chromium.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '15' }, photo: { type: 'string' } } });
  const seconds = Number(values.seconds);
  const webcam = makeFakeWebcam(values.photo ?? INDEX_FINGER_PHOTO, 30);
  const server = await startAppServer();
  try {
    const rows: Measurement[] = [];
    for (const model of ['full', 'lite'] as const) rows.push(await measure(server.url, model, seconds, webcam));
    console.log('landmarker | delegate | stage      |  p50 ms |  p95 ms');
    for (const row of rows) {
      for (const [stage, s] of Object.entries(row.latency.stages)) {
        console.log(`${row.model.padEnd(10)} | ${row.delegate.padEnd(8)} | ${stage.padEnd(10)} | ${s.p50.toFixed(2).padStart(7)} | ${s.p95.toFixed(2).padStart(7)}`);
      }
      console.log(`${row.model.padEnd(10)} | ${row.delegate.padEnd(8)} | fps        | ${row.latency.fps.toFixed(1).padStart(7)} |`);
    }
    console.log(JSON.stringify(rows.map((r) => ({ landmarker: r.model, delegate: r.delegate, classifier: r.engine, fps: Number(r.latency.fps.toFixed(1)),
      p50: Object.fromEntries(Object.entries(r.latency.stages).map(([k, s]) => [k, Number(s.p50.toFixed(3))])),
      p95: Object.fromEntries(Object.entries(r.latency.stages).map(([k, s]) => [k, Number(s.p95.toFixed(3))])) }))));
  } finally {
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(`latency: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
