// The classify CLI end to end: one JSON line per row, malformed rows reported in place, clear failures.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KINIVI_OPEN_ROW, kiniviOpenLandmarks, repoRoot } from './shared-data.ts';

let directory: string;

beforeAll(() => {
  directory = mkdtempSync(path.join(tmpdir(), 'handcast-classify-'));
});

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

function file(name: string, text: string): string {
  const target = path.join(directory, name);
  writeFileSync(target, text);
  return target;
}

function classify(...args: string[]): { status: number | null; lines: Record<string, unknown>[]; stderr: string } {
  const result = spawnSync('npx', ['tsx', 'tools/classify.ts', ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  const lines = result.stdout.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line));
  return { status: result.status, lines, stderr: result.stderr };
}

describe('tools/classify.ts', () => {
  it('classifies kinivi42 rows and reports a malformed row by line number, going on after it', () => {
    const input = file('rows.csv', `${KINIVI_OPEN_ROW}\n0,1,2,oops\n\n${KINIVI_OPEN_ROW}\n`);
    const { status, lines } = classify('--input', input, '--format', 'kinivi42');
    expect(status).toBe(0);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ row: 1, gesture: 'open_palm' });
    expect(lines[0].score).toBeGreaterThan(0.5);
    expect(lines[1]).toEqual({ row: 2, error: 'wrong column count: 4 columns, expected 43 (label + 42 values) or 42' });
    expect(lines[2]).toMatchObject({ row: 4, gesture: 'open_palm' });
  }, 60_000);

  it('reads jsonl at a given aspect', () => {
    const raw = kiniviOpenLandmarks().map((p) => [0.5 + (p.x * 0.2 * 9) / 16, 0.5 + p.y * 0.2, 0]);
    const input = file('hands.jsonl', `${JSON.stringify({ landmarks: raw })}\n{"landmarks": "none"}\n`);
    const { status, lines } = classify('--input', input, '--format', 'jsonl', '--aspect', '1920x1080');
    expect(status).toBe(0);
    expect(lines[0]).toMatchObject({ row: 1, gesture: 'open_palm' });
    expect(lines[1]).toEqual({ row: 2, error: 'missing "landmarks" array' });
  }, 60_000);

  it('fails clearly for a missing file, an unknown format, a bad model, or no usable row', () => {
    const missing = classify('--input', path.join(directory, 'nope.csv'), '--format', 'kinivi42');
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toMatch(/input file not found: .*nope\.csv/);

    const input = file('one.csv', `${KINIVI_OPEN_ROW}\n`);
    const format = classify('--input', input, '--format', 'xyz99');
    expect(format.status).not.toBe(0);
    expect(format.stderr).toMatch(/unknown format "xyz99"; expected one of kinivi42, xy42, xyz63, jsonl/);

    const model = file('broken.json', '{"format": "handcast-gesture-model", "version": 1, "lab');
    const badModel = classify('--input', input, '--format', 'kinivi42', '--model', model);
    expect(badModel.status).not.toBe(0);
    expect(badModel.stderr).toMatch(/bad model .*broken\.json: model is not valid JSON/);

    const allBad = classify('--input', file('bad.csv', '1,2,3\n'), '--format', 'kinivi42');
    expect(allBad.status).not.toBe(0);
    expect(allBad.lines).toEqual([{ row: 1, error: expect.stringMatching(/wrong column count/) }]);
    expect(allBad.stderr).toMatch(/no row .* could be classified/);
  }, 120_000);
});
