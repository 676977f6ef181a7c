// Resident memory of a Chromium's renderer processes, read from /proc (Linux only). Not VmRSS: it counts the
// Chromium binary's file pages (~100 MB) once per process. Private anonymous pages (RssAnon) are what the pages
// themselves hold: V8 heaps, their workers, MediaPipe's WebAssembly memory. Shared memory (RssShmem) is mostly
// the camera's and the compositor's frame buffers, shared with the browser process.
import { readdirSync, readFileSync } from 'node:fs';

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

export interface RendererMemory {
  readonly privateMB: number;
  readonly sharedMB: number;
}

/** RssAnon and RssShmem of one process in kB (zeros if it ended while we looked). */
function residentKB(pid: number): { anon: number; shared: number } {
  let status = '';
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    // The process ended while we looked.
  }
  const field = (pattern: RegExp) => Number(pattern.exec(status)?.[1] ?? 0);
  return { anon: field(/^RssAnon:\s+(\d+) kB/m), shared: field(/^RssShmem:\s+(\d+) kB/m) };
}

/**
 * RssAnon and RssShmem summed over the renderer processes of the Chromium started with `userDataDir`, in MB;
 * null where /proc is absent (not Linux) or the browser process is not found.
 */
export function rendererMemory(userDataDir: string): RendererMemory | null {
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
  const renderers = processes.filter((p) => descendants.has(p.pid) && p.commandLine.includes('--type=renderer'));
  const resident = renderers.map((p) => residentKB(p.pid));
  return {
    privateMB: resident.reduce((sum, r) => sum + r.anon, 0) / 1024,
    sharedMB: resident.reduce((sum, r) => sum + r.shared, 0) / 1024,
  };
}
