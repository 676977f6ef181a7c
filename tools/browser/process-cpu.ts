// CPU time of a Chromium's renderer and GPU processes over a wall-clock window, read from /proc (Linux only).
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
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
    return statTicks(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null;
  }
}

/** utime + stime from a /proc stat line (a process's or a thread's). */
function statTicks(stat: string): number {
  // Fields after the parenthesised command name start at field 3 (state); utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[14 - 3]) + Number(fields[15 - 3]);
}

/** The processes measured: the renderers (pages and their workers) and the GPU process; null where /proc or the browser is absent. */
function measuredProcesses(userDataDir: string) {
  return chromiumProcesses(userDataDir)?.filter((p) => p.type === 'renderer' || p.type === 'gpu-process') ?? null;
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
  const processes = measuredProcesses(userDataDir);
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

/** Every thread of a process: its name (/proc/PID/task/TID/comm) and utime + stime in clock ticks. */
function threadTicks(pid: number): Map<number, { name: string; ticks: number }> {
  const threads = new Map<number, { name: string; ticks: number }>();
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return threads;
  }
  for (const tid of tids) {
    try {
      const ticks = statTicks(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8'));
      const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
      threads.set(Number(tid), { name, ticks });
    } catch {
      // The thread ended while it was read.
    }
  }
  return threads;
}

/** CPU cores by thread name ("renderer CrRendererMain", "gpu-process VizCompositorTh", …), largest first. */
export type ThreadCpu = Array<{ thread: string; cores: number }>;

/**
 * Like startCpuWindow, split by thread: where a renderer's time goes (its main thread, the dedicated worker, the
 * compositor, raster and media threads). Threads that start during the window are not counted.
 */
export function startThreadCpuWindow(userDataDir: string): { stop(): ThreadCpu } | null {
  const processes = measuredProcesses(userDataDir);
  if (!processes) return null;
  const ticksPerSecond = clockTicksPerSecond();
  const startedAt = performance.now();
  const before = processes.map((p) => threadTicks(p.pid));
  return {
    stop() {
      const seconds = (performance.now() - startedAt) / 1000;
      const byName = new Map<string, number>();
      processes.forEach((p, i) => {
        for (const [tid, after] of threadTicks(p.pid)) {
          const start = before[i].get(tid);
          if (!start) continue;
          const key = `${p.type} ${after.name}`;
          byName.set(key, (byName.get(key) ?? 0) + (after.ticks - start.ticks) / ticksPerSecond / seconds);
        }
      });
      return [...byName].map(([thread, cores]) => ({ thread, cores })).filter((t) => t.cores > 0).sort((a, b) => b.cores - a.cores);
    },
  };
}
