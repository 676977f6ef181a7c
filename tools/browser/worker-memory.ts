// The memory of a page's dedicated workers (the recognizer's), over the Chrome DevTools Protocol.
// Playwright's CDP sessions are per page; a page's workers are reached through it as non-flattened child sessions.
// Only the V8 heap: Runtime.queryObjects (to sum the WebAssembly.Memory objects) never answers in the busy
// recognizer worker, so MediaPipe's WASM memory is seen through the renderer's resident set instead
// (process-memory.ts).
import type { CDPSession } from 'playwright-core';

export interface WorkerMemory {
  /** V8 heap in use, summed over the page's dedicated workers, after a forced garbage collection. */
  readonly heapMB: number;
}

export interface WorkerMemoryProbe {
  measure(): Promise<WorkerMemory>;
}

const CALL_TIMEOUT_MS = 10_000;

interface ChildReply {
  readonly id: number;
  readonly result?: Record<string, unknown>;
  readonly error?: { message: string };
}

export async function attachWorkerMemoryProbe(cdp: CDPSession): Promise<WorkerMemoryProbe> {
  const workers = new Set<string>();
  const pending = new Map<number, (reply: ChildReply) => void>();
  let nextId = 1;
  cdp.on('Target.attachedToTarget', (event) => {
    if (event.targetInfo.type === 'worker') workers.add(event.sessionId);
  });
  cdp.on('Target.detachedFromTarget', (event) => {
    if (event.sessionId) workers.delete(event.sessionId);
  });
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    const reply = JSON.parse(event.message) as Partial<ChildReply>;
    if (typeof reply.id === 'number') pending.get(reply.id)?.(reply as ChildReply);
  });
  // Attaches to the workers already running as well as to later ones.
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });

  async function call(sessionId: string, method: string): Promise<Record<string, unknown>> {
    const id = nextId++;
    const reply = new Promise<ChildReply>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${method} got no answer from the worker in ${CALL_TIMEOUT_MS} ms`)), CALL_TIMEOUT_MS);
      pending.set(id, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
    }).finally(() => pending.delete(id));
    await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params: {} }) });
    const answer = await reply;
    if (answer.error) throw new Error(`${method}: ${answer.error.message}`);
    return answer.result ?? {};
  }

  return {
    async measure() {
      let heapBytes = 0;
      for (const sessionId of [...workers]) {
        await call(sessionId, 'HeapProfiler.collectGarbage');
        heapBytes += Number((await call(sessionId, 'Runtime.getHeapUsage')).usedSize);
      }
      return { heapMB: heapBytes / 2 ** 20 };
    },
  };
}
