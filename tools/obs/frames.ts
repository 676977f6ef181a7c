// `npm run obs:frames -- [--seconds S] [--size WxH] [--quality Q] [--canvas WxH] [--fps N]`: how fast Handcast could take camera frames from a headless OBS through GetSourceScreenshot (JPEG), one and two requests in flight.
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ObsClient } from '../../src/actions/obs/obs-client';
import { quantileOfSorted } from '../../src/core/stats/latency';
import { HeadlessObs, commandExists } from './headless-obs';
import { requireOk, waitForState } from './obs-fixtures';
import { SHARED_HAND_PHOTO } from './stand-in-camera';

if (typeof globalThis.WebSocket !== 'function') {
  // Node 20 keeps WebSocket behind a flag: run again with it (Node 22 and later have it by default).
  const rerun = spawnSync(process.execPath, ['--experimental-websocket', ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(rerun.status ?? 1);
}

const SCENE = 'Handcast Frames';
const CAMERA = 'Handcast Stand-in Camera';
/** Linux's clock ticks per second for /proc/<pid>/stat times (USER_HZ, 100 on every mainstream kernel). */
const CLOCK_TICKS_PER_SECOND = 100;

/** A webcam stand-in: a real hand photo sliding across a grey 1280×720 frame at 30 frames/s, 4 s, looped by OBS. A moving clip, so no screenshot can be served from a still picture. */
function makeStandInClip(directory: string): string {
  if (!commandExists('ffmpeg')) throw new Error('ffmpeg is needed to make the stand-in camera clip (apt-get install ffmpeg).');
  const clip = path.join(directory, 'stand-in-camera.mp4');
  const made = spawnSync('ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', 'color=c=0x505050:s=1280x720:r=30:d=4',
    '-loop', '1', '-i', SHARED_HAND_PHOTO,
    '-filter_complex', "[1]scale=600:600[hand];[0][hand]overlay=x='340+300*sin(2*PI*t/4)':y=60:shortest=1,format=yuv420p",
    '-c:v', 'libx264', '-preset', 'veryfast', '-g', '30', clip,
  ], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`ffmpeg could not make the stand-in clip: ${made.stderr}`);
  return clip;
}

/** CPU seconds (user + system) the process has used so far, from /proc. */
function cpuSeconds(pid: number): number {
  // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

function parseSize(text: string, option: string): { width: number; height: number } {
  const match = /^(\d+)x(\d+)$/.exec(text);
  if (!match) throw new Error(`--${option} must be WIDTHxHEIGHT, got "${text}"`);
  return { width: Number(match[1]), height: Number(match[2]) };
}

interface RunFigures {
  inFlight: number;
  frames: number;
  framesPerSecond: number;
  /** Screenshots that differ from the one before: frames the camera really moved on. */
  freshFramesPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  meanJpegBytes: number;
  obsCpuPercent: number;
  /** OBS's own rendered frames per second over the row (GetStats), and the frames it missed: what the camera source could move at. */
  obsRenderFps: number;
  obsSkippedFrames: number;
}

/** OBS's count of frames its video thread rendered and skipped (render lag) so far. */
async function renderCounts(client: ObsClient): Promise<{ rendered: number; skipped: number }> {
  const stats = await requireOk(client, 'GetStats');
  return { rendered: Number(stats.renderTotalFrames), skipped: Number(stats.renderSkippedFrames) };
}

/** Ask for screenshots of the camera source for `seconds`, keeping `inFlight` requests outstanding; every answer must be a JPEG. */
async function measure(
  client: ObsClient, obsPid: number, inFlight: number, seconds: number, request: Record<string, unknown>,
): Promise<RunFigures> {
  const elapsed: number[] = [];
  let jpegBytes = 0;
  let fresh = 0;
  let previousDigest = '';
  const cpuBefore = cpuSeconds(obsPid);
  const renderBefore = await renderCounts(client);
  const start = performance.now();
  const end = start + seconds * 1000;
  const loop = async () => {
    while (performance.now() < end) {
      const sent = performance.now();
      const result = await requireOk(client, 'GetSourceScreenshot', request);
      elapsed.push(performance.now() - sent);
      const imageData = String(result.imageData);
      const prefix = 'data:image/jpg;base64,';
      if (!imageData.startsWith(prefix)) throw new Error(`GetSourceScreenshot answered something other than a JPEG: ${imageData.slice(0, 40)}`);
      const jpeg = Buffer.from(imageData.slice(prefix.length), 'base64');
      if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('GetSourceScreenshot answered bytes that do not start a JPEG');
      jpegBytes += jpeg.length;
      const digest = createHash('sha1').update(jpeg).digest('hex');
      if (digest !== previousDigest) fresh += 1;
      previousDigest = digest;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, loop));
  const wallSeconds = (performance.now() - start) / 1000;
  const cpu = cpuSeconds(obsPid) - cpuBefore;
  const renderAfter = await renderCounts(client);
  elapsed.sort((a, b) => a - b);
  return {
    inFlight, frames: elapsed.length, framesPerSecond: elapsed.length / wallSeconds, freshFramesPerSecond: fresh / wallSeconds,
    p50Ms: quantileOfSorted(elapsed, 0.5), p95Ms: quantileOfSorted(elapsed, 0.95), maxMs: elapsed.at(-1)!,
    meanJpegBytes: Math.round(jpegBytes / elapsed.length), obsCpuPercent: (cpu / wallSeconds) * 100,
    obsRenderFps: (renderAfter.rendered - renderBefore.rendered) / wallSeconds, obsSkippedFrames: renderAfter.skipped - renderBefore.skipped,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '10' },
      size: { type: 'string', default: '640x360' },
      quality: { type: 'string', default: '80' },
      canvas: { type: 'string', default: '1920x1080' },
      fps: { type: 'string', default: '30' },
    },
  });
  const seconds = Number(values.seconds);
  const quality = Number(values.quality);
  const fps = Number(values.fps);
  if (!(seconds > 0)) throw new Error(`--seconds must be positive, got "${values.seconds}"`);
  if (!Number.isInteger(quality) || quality < 1 || quality > 100) throw new Error(`--quality must be 1..100, got "${values.quality}"`);
  if (!Number.isInteger(fps) || fps < 1) throw new Error(`--fps must be a positive whole number, got "${values.fps}"`);
  const size = parseSize(values.size, 'size');
  const canvas = parseSize(values.canvas, 'canvas');

  const workDirectory = mkdtempSync(path.join(tmpdir(), 'handcast-frames-'));
  const password = randomBytes(12).toString('base64url');
  let obs: HeadlessObs | null = null;
  let client: ObsClient | null = null;
  try {
    const clip = makeStandInClip(workDirectory);
    obs = await HeadlessObs.start({ password });
    client = new ObsClient({ url: obs.url, password });
    client.connect();
    await waitForState(client, 'connected');
    // A streamer's canvas and frame rate, not the harness's small slow default: the media source only moves on at OBS's frame rate.
    await requireOk(client, 'SetVideoSettings', {
      fpsNumerator: fps, fpsDenominator: 1,
      baseWidth: canvas.width, baseHeight: canvas.height, outputWidth: canvas.width, outputHeight: canvas.height,
    });
    await requireOk(client, 'CreateScene', { sceneName: SCENE });
    await requireOk(client, 'CreateInput', {
      sceneName: SCENE, inputName: CAMERA, inputKind: 'ffmpeg_source',
      inputSettings: { is_local_file: true, local_file: clip, looping: true, hw_decode: false },
    });
    await requireOk(client, 'SetCurrentProgramScene', { sceneName: SCENE });
    const obsPid = obs.pids[0];
    // Let the clip start playing, then note what OBS costs with nobody asking for frames.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const idleCpuBefore = cpuSeconds(obsPid);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const idleCpuPercent = ((cpuSeconds(obsPid) - idleCpuBefore) / 3) * 100;

    const request = {
      sourceName: CAMERA, imageFormat: 'jpg', imageWidth: size.width, imageHeight: size.height, imageCompressionQuality: quality,
    };
    await measure(client, obsPid, 1, 1, request); // warm-up
    const rows = [await measure(client, obsPid, 1, seconds, request), await measure(client, obsPid, 2, seconds, request)];

    console.log(`GetSourceScreenshot of a 1280×720 30 frames/s media source as ${size.width}×${size.height} JPEG (quality ${quality}), `
      + `${seconds} s per row; headless OBS (software GL), canvas ${canvas.width}×${canvas.height} at ${fps} frames/s, loopback WebSocket`);
    console.log(`OBS CPU with nobody asking for frames: ${idleCpuPercent.toFixed(0)}% of one core`);
    console.log(`${'in flight'.padEnd(10)}${'frames/s'.padStart(9)}${'fresh/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}`
      + `${'max ms'.padStart(9)}${'JPEG bytes'.padStart(12)}${'OBS CPU'.padStart(9)}${'OBS render/s'.padStart(14)}${'skipped'.padStart(9)}`);
    for (const row of rows) {
      console.log(`${String(row.inFlight).padEnd(10)}${row.framesPerSecond.toFixed(1).padStart(9)}${row.freshFramesPerSecond.toFixed(1).padStart(9)}`
        + `${row.p50Ms.toFixed(1).padStart(9)}${row.p95Ms.toFixed(1).padStart(9)}${row.maxMs.toFixed(1).padStart(9)}`
        + `${String(row.meanJpegBytes).padStart(12)}${`${row.obsCpuPercent.toFixed(0)}%`.padStart(9)}`
        + `${row.obsRenderFps.toFixed(1).padStart(14)}${String(row.obsSkippedFrames).padStart(9)}`);
    }
    console.log(JSON.stringify({ obsFrames: { size, quality, canvas, fps, seconds, idleCpuPercent, rows } }));
  } finally {
    client?.disconnect();
    await obs?.stop();
    rmSync(workDirectory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
