// `npm run recognize` on the HaGRID photos: every photo of a class the model knows gets a hand, in the documented JSON shape.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../../tools/browser/app-server';
import { HAGRID_EXPECTED_LABEL, hagridClassOf } from '../../tools/hagrid-classes';
import { browserTestsUnavailable } from './support/environment';
import { sharedDataMissing, sharedPath } from '../support/shared-data';

const run = promisify(execFile);
const PHOTOS_IN_SHARED = path.join('fixtures', 'photos', 'hagrid-v1', 'padded');
const PHOTOS = sharedPath(PHOTOS_IN_SHARED);
const unavailable = browserTestsUnavailable();
const photosMissing = sharedDataMissing('The recognize CLI test', PHOTOS_IN_SHARED);

describe.skipIf(unavailable || photosMissing)('npm run recognize on the HaGRID photos', () => {
  it('prints one JSON line per photo, and finds a hand in every photo of a known class', async () => {
    const { stdout } = await run('npx', ['tsx', 'tools/recognize.ts', PHOTOS, path.join(REPO_ROOT, 'node_modules/fingerpose/assets/nocurl.jpg')], {
      cwd: REPO_ROOT,
      maxBuffer: 16 * 1024 * 1024,
      timeout: 170_000,
    });
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(19);
    let correct = 0, judged = 0;
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(['file', 'hands']);
      const photo = hagridClassOf(line.file);
      const expected = photo === 'nocurl' ? 'pointing_up' : HAGRID_EXPECTED_LABEL[photo];
      if (expected === null) continue;
      expect(line.hands.length, `${photo}: no hand found`).toBeGreaterThanOrEqual(1);
      const hand = line.hands[0];
      expect(['Left', 'Right']).toContain(hand.handedness);
      expect(hand.landmarks).toHaveLength(21);
      expect(hand.landmarks.every((p: number[]) => p.length === 3 && p.every(Number.isFinite))).toBe(true);
      expect(hand.gestureScore).toBeGreaterThan(0);
      expect(hand.gestureScore).toBeLessThanOrEqual(1);
      judged += 1;
      if (hand.gesture === expected) correct += 1;
    }
    console.log(`recognize: ${correct}/${judged} known-class photos labelled as expected`);
    // The handedness convention (src/vision/hand-landmarker.ts): the person's own hand on an unmirrored photo.
    const byPhoto = (name: string) => lines.find((l) => hagridClassOf(l.file) === name);
    expect(byPhoto('palm').hands[0].handedness).toBe('Left');
    expect(byPhoto('stop_inverted').hands[0].handedness).toBe('Right');
    // The index-finger photo drives the live-page test too; it must be right.
    expect(lines.find((l) => hagridClassOf(l.file) === 'nocurl').hands[0].gesture).toBe('pointing_up');
  }, 180_000);

  it('exits non-zero with a clear message for a missing file', async () => {
    await expect(run('npx', ['tsx', 'tools/recognize.ts', 'no/such/photo.jpg'], { cwd: REPO_ROOT })).rejects.toMatchObject({
      stderr: expect.stringContaining('no/such/photo.jpg: no such file or folder'),
    });
  });
});
