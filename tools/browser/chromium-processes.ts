// The processes of one Chromium (its browser process and every descendant), found in /proc by its profile directory (Linux only).
import { readdirSync, readFileSync } from 'node:fs';

export interface ChromiumProcess {
  readonly pid: number;
  /** Chromium's --type (renderer, gpu-process, utility, zygote, …); null for the browser process itself. */
  readonly type: string | null;
}

interface ProcessEntry {
  readonly pid: number;
  readonly parent: number;
  readonly commandLine: string;
}

function listProcesses(): ProcessEntry[] {
  const entries: ProcessEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The command name (2nd field) is in parentheses and may hold spaces; the parent pid follows the last ')'.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const commandLine = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ');
      entries.push({ pid: Number(name), parent, commandLine });
    } catch {
      // The process ended while we looked.
    }
  }
  return entries;
}

/**
 * The browser process started with `userDataDir` and all its descendants (zygotes, renderers, the GPU process,
 * utilities); null where /proc is absent (not Linux) or the browser process is not found.
 */
export function chromiumProcesses(userDataDir: string): ChromiumProcess[] | null {
  let processes: ProcessEntry[];
  try {
    processes = listProcesses();
  } catch {
    return null;
  }
  const root = processes.find((p) => p.commandLine.includes(`--user-data-dir=${userDataDir}`) && !p.commandLine.includes('--type='));
  if (!root) return null;
  const descendants = new Set([root.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of processes) {
      if (!descendants.has(p.pid) && descendants.has(p.parent)) {
        descendants.add(p.pid);
        grew = true;
      }
    }
  }
  return processes.filter((p) => descendants.has(p.pid))
    .map((p) => ({ pid: p.pid, type: /--type=(\S+)/.exec(p.commandLine)?.[1] ?? null }));
}
