// Resident memory of a Chromium's renderer processes, read from /proc (Linux only). Not VmRSS: it counts the
// Chromium binary's file pages (~100 MB) once per process. Private anonymous pages (RssAnon) are what the pages
// themselves hold: V8 heaps, their workers, MediaPipe's WebAssembly memory. Shared memory (RssShmem) is mostly
// the camera's and the compositor's frame buffers, shared with the browser process.
import { readFileSync } from 'node:fs';
import { chromiumProcesses } from './chromium-processes';

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
  const processes = chromiumProcesses(userDataDir);
  if (!processes) return null;
  const renderers = processes.filter((p) => p.type === 'renderer');
  const resident = renderers.map((p) => residentKB(p.pid));
  return {
    privateMB: resident.reduce((sum, r) => sum + r.anon, 0) / 1024,
    sharedMB: resident.reduce((sum, r) => sum + r.shared, 0) / 1024,
  };
}
