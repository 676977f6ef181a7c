// `npm run recognize -- [--model FILE] [--lite] <images or folders>…`: the page's landmarker and classifier on photos, one JSON line each.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startAppServer } from './browser/app-server';
import { launchChromium } from './browser/chromium';
import type { RecognizedHand } from '../src/recognizer/protocol';

const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.webp', '.bmp', '.gif']);
const USAGE = 'usage: npm run recognize -- [--model FILE] [--lite] <image files or folders>…';

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

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { model: { type: 'string' }, lite: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help || positionals.length === 0) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const files = expandImagePaths(positionals);
  if (files.length === 0) throw new Error('No images found (looked for .jpg, .jpeg, .png, .webp, .bmp, .gif).');
  let gestureModelJson: unknown;
  if (values.model) {
    try {
      gestureModelJson = JSON.parse(readFileSync(values.model, 'utf8'));
    } catch (error) {
      throw new Error(`--model ${values.model}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const server = await startAppServer();
  const chromium = await launchChromium();
  try {
    const page = await chromium.context.newPage();
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    await page.goto(`${server.url}/src/pages/cli/recognize.html`);
    await page.waitForFunction(() => 'handcastRecognize' in window);
    await page.evaluate(
      (options) => (window as unknown as { handcastRecognize: { init(o: unknown): Promise<unknown> } }).handcastRecognize.init(options),
      { lite: values.lite ?? false, gestureModelJson },
    );
    let failures = 0;
    for (const file of files) {
      try {
        const base64 = readFileSync(file).toString('base64');
        const hands = await page.evaluate(
          (data) => (window as unknown as { handcastRecognize: { recognize(b: string): Promise<RecognizedHand[]> } }).handcastRecognize.recognize(data),
          base64,
        );
        console.log(toOutputLine(file, hands));
      } catch (error) {
        failures += 1;
        console.log(JSON.stringify({ file, error: error instanceof Error ? error.message.split('\n')[0] : String(error) }));
      }
    }
    return failures === files.length ? 1 : 0;
  } finally {
    await chromium.close();
    await server.close();
  }
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
