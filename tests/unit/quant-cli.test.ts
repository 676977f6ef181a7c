// The quantize CLI: the default run re-derives the committed int8 section byte for byte; clear failures.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseGestureModelText } from '../../src/core/model/gesture-model.ts';
import { repoRoot, sharedSourcesMissing } from './shared-data.ts';

const dataMissing = sharedSourcesMissing('quant-cli');

let directory: string;

beforeAll(() => {
  directory = mkdtempSync(path.join(tmpdir(), 'handcast-quantize-'));
});

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

function quantize(...args: string[]) {
  return spawnSync('npx', ['tsx', 'tools/quantize.ts', ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
}

describe('tools/quantize.ts', () => {
  it('says where the shared data was expected when it is missing, and rejects an unknown scheme with the usage', () => {
    const missing = quantize('--data', path.join(directory, 'nowhere'), '--dry-run');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/the shared landmark data was not found\. It is expected in .*nowhere/);
    const unknown = quantize('--scheme', 'int4');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/--scheme must be one of pot-int8, sym-int8, asym-uint8, asym-int8, u7, got int4\nusage: npm run quantize/);
  }, 60_000);

  it.skipIf(dataMissing)('with defaults, rewrites the committed model to the same bytes and reports the figures', () => {
    const out = path.join(directory, 'model.json');
    const result = quantize('--out', out);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/SQNR vs float \(dB\): input [\d.]+ {2}hidden1 [\d.]+ {2}hidden2 [\d.]+ {2}logits [\d.]+/);
    expect(result.stdout).toMatch(/accuracy on the held-out set: float [\d.]+%, INT8 [\d.]+% \([+-][\d.]+ points\); top-1 agreement [\d.]+%/);
    expect(result.stdout).toMatch(/weight outlier channels/);
    const written = readFileSync(out, 'utf8');
    expect(parseGestureModelText(written).int8?.scheme).toBe('u7');
    // Deterministic and re-runnable: the committed file is exactly what the default run derives from its float layers.
    expect(written).toBe(readFileSync(path.join(repoRoot, 'public', 'models', 'gesture_model.json'), 'utf8'));
  }, 60_000);
});
