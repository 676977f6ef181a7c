// CPU time of a Chromium's renderer and GPU processes over a wall-clock window, read from /proc (Linux only).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chromiumProcesses } from './chromium-processes';

/** The unit of /proc's utime and stime (getconf CLK_TCK; 100 on nearly every Linux). */
function clockTicksPerSecond(): number {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return ticks > 0 ? ticks : 100;
  } catch {
    return 100;
  }
}

/**
 * utime + stime of a process in clock ticks: every thread of it (a renderer's dedicated workers are threads of
 * the renderer), ended threads included; null once the process has ended.
 */
function cpuTicks(pid: number): number | null {
  try {
    // Fields after the parenthesised command name start at field 3 (state); utime and stime are fields 14 and 15.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[14 - 3]) + Number(fields[15 - 3]);
  } catch {
    return null;
  }
}

export interface CpuUse {
  /** CPU seconds per wall-clock second (1.0 = one core busy) of the renderer processes: the pages and their workers. */
  readonly rendererCores: number;
  /** The same for the GPU process (with --disable-gpu it composites in software), 0 when there is none. */
  readonly gpuCores: number;
  readonly renderers: number;
  readonly gpuProcess: boolean;
  readonly seconds: number;
}

export interface CpuWindow {
  stop(): CpuUse;
}

/**
 * Starts counting the CPU time of the renderer and GPU processes of the Chromium started with `userDataDir`;
 * stop() gives it per wall-clock second. The processes are those alive at the start (one started later is not
 * counted; one that ends before stop() is an error). Null where /proc is absent or the browser is not found.
 */
export function startCpuWindow(userDataDir: string): CpuWindow | null {
  const processes = chromiumProcesses(userDataDir)?.filter((p) => p.type === 'renderer' || p.type === 'gpu-process');
  if (!processes) return null;
  const ticksPerSecond = clockTicksPerSecond();
  const startedAt = performance.now();
  const before = processes.map((p) => cpuTicks(p.pid));
  return {
    stop() {
      const after = processes.map((p) => cpuTicks(p.pid));
      const seconds = (performance.now() - startedAt) / 1000;
      const cores = (type: string) => processes.reduce((sum, p, i) => {
        if (p.type !== type) return sum;
        const [start, end] = [before[i], after[i]];
        if (start === null || end === null) throw new Error(`Chromium's ${type} process ${p.pid} ended during the measurement.`);
        return sum + (end - start) / ticksPerSecond / seconds;
      }, 0);
      return {
        rendererCores: cores('renderer'),
        gpuCores: cores('gpu-process'),
        renderers: processes.filter((p) => p.type === 'renderer').length,
        gpuProcess: processes.some((p) => p.type === 'gpu-process'),
        seconds,
      };
    },
  };
}
