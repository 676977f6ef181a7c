// Runs a fuzz campaign in a child process and names the input that hangs: a stuck synchronous loader cannot report itself.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CampaignOptions, FuzzFailure, FuzzReport } from '../src/core/fuzz/campaign.ts';

/** How long one input may go without the campaign moving on before it counts as a hang. */
export const DEFAULT_STALL_SECONDS = 60;

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Index before the first input: the child is still starting and building its seeds. */
const STARTING = -1;

/**
 * The campaign's report or, when the input in hand has not changed for `stallSeconds`, a report with a
 * single 'hang' failure naming that input and its replay command. The limit is a watchdog for a loop that
 * never ends, set far above what any input takes (milliseconds), not a measure of speed. A child process,
 * not a worker thread: Node 20 workers do not get tsx's loader.
 */
export function runFuzzWatched(options: Omit<CampaignOptions, 'onInput' | 'parseProfile'>, stallSeconds = DEFAULT_STALL_SECONDS): Promise<FuzzReport> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'tools', 'fuzz-worker.ts'), JSON.stringify(options)], {
    cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let index = STARTING;
    let pending = '';
    let stderr = '';
    let report: FuzzReport | null = null;
    let timer = setTimeout(onStall, stallSeconds * 1000);

    function onStall(): void {
      child.kill('SIGKILL');
      const hang: FuzzFailure = {
        kind: 'hang', target: options.target, seed: options.seed, index, seedFile: '(replay to see)', steps: [],
        detail: index === STARTING ? `starting and building the seeds took over ${stallSeconds} s` : `input ${index} ran over ${stallSeconds} s`,
      };
      const start = options.start ?? 0;
      resolve({
        target: options.target, seed: options.seed, runs: Math.max(0, index - start), accepted: 0, partlyAccepted: 0, rejected: 0,
        reasons: new Map(), failures: [hang], inputChars: 0, largestInputChars: 0,
      });
    }

    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('input ')) {
          const next = Number(line.slice('input '.length));
          if (next !== index) {
            index = next;
            clearTimeout(timer);
            timer = setTimeout(onStall, stallSeconds * 1000);
          }
        } else if (line.startsWith('report ')) {
          const parsed = JSON.parse(line.slice('report '.length)) as Omit<FuzzReport, 'reasons'> & { reasons: [string, number][] };
          report = { ...parsed, reasons: new Map(parsed.reasons) };
        }
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => { stderr += chunk; });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') return; // the watchdog's own kill: already resolved
      if (report !== null) resolve(report);
      else reject(new Error(`the fuzz child exited (code ${code}) without a report at input ${index}: ${stderr.slice(-2000)}`));
    });
  });
}
