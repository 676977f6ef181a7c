// `npm run latency -- [--seconds N] [--photo FILE]`: the live page on a fake webcam, per-stage latency for the full and lite landmarkers.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT, startAppServer } from './browser/app-server';
import { launchChromium } from './browser/chromium';
import type { LatencySummary } from '../src/core/stats/latency';

/** A 640×480, 30 fps fake-webcam clip of a still photo (the photo keeps its aspect, padded grey). */
function fakeWebcamClip(photo: string): string {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'handcast-latency-')), 'webcam.y4m');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-loop', '1', '-i', photo, '-t', '2', '-r', '30',
    '-vf', 'scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2:color=gray,format=yuv420p', out]);
  return out;
}

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
    type Api = { handcast: { framesProcessed(): number; state(): { recognizer: { delegate: string; classifierEngine: string } | null; latency: LatencySummary } } };
    await page.waitForFunction(() => (window as unknown as Api).handcast.framesProcessed() > 10, undefined, { timeout: 120_000 });
    await page.waitForTimeout(seconds * 1000); // the window holds the last 120 frames: warm-up frames have left it
    return await page.evaluate((m) => {
      const state = (window as unknown as Api).handcast.state();
      return { model: m, delegate: state.recognizer!.delegate, engine: state.recognizer!.classifierEngine, latency: state.latency };
    }, model);
  } finally {
    await chromium.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '15' }, photo: { type: 'string' } } });
  const seconds = Number(values.seconds);
  const webcam = fakeWebcamClip(values.photo ?? path.join(REPO_ROOT, 'node_modules/fingerpose/assets/nocurl.jpg'));
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
