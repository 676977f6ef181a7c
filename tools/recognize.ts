// `npm run recognize -- [--model FILE] [--lite] <images or folders>…`: the page's landmarker and classifier on photos, one JSON line each.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startAppServer } from './browser/app-server';
import { launchChromium } from './browser/chromium';
import { isEngineChoice, type EngineChoice } from '../src/engines/gesture-engines';
import type { RecognizedHand } from '../src/recognizer/protocol';

const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.webp', '.bmp', '.gif']);
const USAGE = 'usage: npm run recognize -- [--model FILE] [--lite] [--engine int8|float] <image files or folders>…';

/** Expands folders (not recursively) into their image files, sorted; files are kept as given. */
export function expandImagePaths(inputs: readonly string[]): string[] {
  const files: string[] = [];
  for (const input of inputs) {
    const stat = statSync(input, { throwIfNoEntry: false });
    if (!stat) throw new Error(`${input}: no such file or folder`);
    if (stat.isDirectory()) {
      files.push(...readdirSync(input).filter((f) => IMAGE_EXTENSIONS.has(path.extname(f).toLowerCase())).sort().map((f) => path.join(input, f)));
    } else {
      files.push(input);
    }
  }
  return files;
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;

export function toOutputLine(file: string, hands: readonly RecognizedHand[]): string {
  return JSON.stringify({
    file,
    hands: hands.map((h) => ({
      handedness: h.handedness,
      handednessScore: round(h.handednessScore),
      gesture: h.gesture,
      gestureScore: round(h.gestureScore),
      landmarks: h.landmarks.map((p) => [round(p.x), round(p.y), round(p.z)]),
    })),
  });
}

export type ImageOutcome = { file: string; hands: RecognizedHand[] } | { file: string; error: string };

/** Runs the page's recognizer on each image in headless Chromium, yielding as each is done. */
export async function* recognizeImages(
  files: readonly string[],
  options: { lite: boolean; engine?: EngineChoice; gestureModelJson?: unknown },
): AsyncGenerator<ImageOutcome> {
  const server = await startAppServer();
  let chromium: Awaited<ReturnType<typeof launchChromium>> | null = null;
  try {
    chromium = await launchChromium();
    const page = await chromium.context.newPage();
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    await page.goto(`${server.url}/src/pages/cli/recognize.html`);
    await page.waitForFunction(() => 'handcastRecognize' in window);
    await page.evaluate(
      (init) => (window as unknown as { handcastRecognize: { init(o: unknown): Promise<unknown> } }).handcastRecognize.init(init),
      { lite: options.lite, engine: options.engine ?? 'int8', gestureModelJson: options.gestureModelJson },
    );
    for (const file of files) {
      try {
        const base64 = readFileSync(file).toString('base64');
        const hands = await page.evaluate(
          (data) => (window as unknown as { handcastRecognize: { recognize(b: string): Promise<RecognizedHand[]> } }).handcastRecognize.recognize(data),
          base64,
        );
        yield { file, hands };
      } catch (error) {
        yield { file, error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
      }
    }
  } finally {
    await chromium?.close();
    await server.close();
  }
}

/** Reads a --model file; the message names the file and the problem. */
export function readModelArgument(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`--model ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      model: { type: 'string' }, lite: { type: 'boolean', default: false }, engine: { type: 'string', default: 'int8' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (!isEngineChoice(values.engine)) throw new Error(`--engine must be int8 or float, got ${values.engine}`);
  if (values.help || positionals.length === 0) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const files = expandImagePaths(positionals);
  if (files.length === 0) throw new Error('No images found (looked for .jpg, .jpeg, .png, .webp, .bmp, .gif).');
  const gestureModelJson = values.model ? readModelArgument(values.model) : undefined;
  let failures = 0;
  for await (const outcome of recognizeImages(files, { lite: values.lite ?? false, engine: values.engine, gestureModelJson })) {
    if ('error' in outcome) {
      failures += 1;
      console.log(JSON.stringify(outcome));
    } else {
      console.log(toOutputLine(outcome.file, outcome.hands));
    }
  }
  return failures === files.length ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`recognize: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(2);
    },
  );
}
