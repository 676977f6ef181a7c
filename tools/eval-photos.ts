// `npm run eval:photos -- [--lite] [--model FILE] [folder]`: the recognizer on the HaGRID photos, expected vs got, and a summary.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from './browser/app-server';
import { HAGRID_EXPECTED_LABEL, hagridClassOf } from './hagrid-classes';
import { expandImagePaths, readModelArgument, recognizeImages } from './recognize';

export const DEFAULT_PHOTO_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'fixtures', 'photos', 'hagrid-v1', 'padded');

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { model: { type: 'string' }, lite: { type: 'boolean', default: false } },
  });
  const folder = positionals[0] ?? DEFAULT_PHOTO_DIR;
  const files = expandImagePaths([folder]).filter((f) => hagridClassOf(f) in HAGRID_EXPECTED_LABEL);
  const gestureModelJson = values.model ? readModelArgument(values.model) : undefined;
  let judged = 0, correct = 0, withHand = 0;
  console.log(['photo', 'expected', 'got', 'score', ''].join('\t'));
  for await (const outcome of recognizeImages(files, { lite: values.lite ?? false, gestureModelJson })) {
    const photo = hagridClassOf(outcome.file);
    const expected = HAGRID_EXPECTED_LABEL[photo];
    const hand = 'hands' in outcome ? outcome.hands[0] : undefined;
    const got = 'error' in outcome ? `error: ${outcome.error}` : hand ? hand.gesture : '(no hand)';
    if (hand) withHand += 1;
    if (expected !== null) {
      judged += 1;
      if (hand?.gesture === expected) correct += 1;
    }
    const verdict = expected === null ? '(not judged)' : hand?.gesture === expected ? 'ok' : 'WRONG';
    console.log([photo, expected ?? '-', got, hand ? hand.gestureScore.toFixed(2) : '', verdict].join('\t'));
  }
  console.log(JSON.stringify({ photos: files.length, withHand, judged, correct, landmarker: values.lite ? 'lite' : 'full' }));
}

main().catch((error: unknown) => {
  console.error(`eval-photos: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
