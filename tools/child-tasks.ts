// Runs a tool's independent trainings in child processes of the same script, `jobs` at a time (the eval tools' runner).
import { spawn } from 'node:child_process';

/**
 * Runs `script` (with this process's loader flags) once per task, as `script …passThrough --task <JSON>`; the child
 * prints its result as JSON on its last stdout line. At most `jobs` children at a time; results in task order.
 */
export async function runTasksInChildren<Task, Result>(
  script: string, tasks: readonly Task[], jobs: number, passThrough: readonly string[],
): Promise<Result[]> {
  const results: Result[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await runInChild<Task, Result>(script, tasks[index], passThrough);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, tasks.length) }, worker));
  return results;
}

function runInChild<Task, Result>(script: string, task: Task, passThrough: readonly string[]): Promise<Result> {
  const child = spawn(process.execPath, [...process.execArgv, script, ...passThrough, '--task', JSON.stringify(task)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`task ${JSON.stringify(task)} exited with ${code}`));
      else resolve(JSON.parse(output.trim().split('\n').pop() ?? '') as Result);
    });
  });
}
