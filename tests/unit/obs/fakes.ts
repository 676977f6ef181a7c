// Test doubles for the OBS client: a scriptable WebSocket (we play the server), timers that run only when told, and a requester answering from a script.
import type { ObsRequester } from '../../../src/actions/obs/obs-actions';
import type { ObsRequestResult, ObsTimers, WebSocketLike } from '../../../src/actions/obs/obs-client';

export class FakeWebSocket implements WebSocketLike {
  readyState = 0;
  readonly sent: Record<string, unknown>[] = [];
  closedByClient: { code?: number; reason?: string } | null = null;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;

  constructor(readonly url: string, readonly protocol: string) {}

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('send on a socket that is not open');
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }

  close(code?: number, reason?: string): void {
    this.closedByClient = { code, reason };
    this.readyState = 3;
  }

  serverOpen(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }

  serverSend(message: unknown): void {
    this.onmessage?.(new MessageEvent('message', { data: typeof message === 'string' ? message : JSON.stringify(message) }));
  }

  serverClose(code: number, reason = ''): void {
    this.readyState = 3;
    this.onerror?.(new Event('error'));
    this.onclose?.({ code, reason } as CloseEvent);
  }

  /** What a refused TCP connection looks like from the browser: error, then close 1006, never open. */
  refuse(): void {
    this.serverClose(1006);
  }
}

export class FakeServerSockets {
  readonly sockets: FakeWebSocket[] = [];
  readonly create = (url: string, protocol: string): FakeWebSocket => {
    const socket = new FakeWebSocket(url, protocol);
    this.sockets.push(socket);
    return socket;
  };

  get last(): FakeWebSocket {
    const socket = this.sockets.at(-1);
    if (!socket) throw new Error('no socket was opened');
    return socket;
  }
}

interface Scheduled {
  readonly id: number;
  readonly at: number;
  readonly callback: () => void;
}

export class ManualTimers implements ObsTimers {
  now = 0;
  #nextId = 1;
  #scheduled: Scheduled[] = [];

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.#nextId++;
    this.#scheduled.push({ id, at: this.now + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#scheduled = this.#scheduled.filter((timer) => timer.id !== handle);
  }

  /** Delays (from now) of the timers still waiting, soonest first. */
  pendingDelays(): number[] {
    return this.#scheduled.map((timer) => timer.at - this.now).sort((a, b) => a - b);
  }

  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const due = this.#scheduled.filter((timer) => timer.at <= until).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.#scheduled = this.#scheduled.filter((timer) => timer !== due);
      this.now = due.at;
      due.callback();
    }
    this.now = until;
  }
}

/** Answers requests from a script keyed by requestType, and records what was sent. */
export class ScriptedObs implements ObsRequester {
  readonly sent: { requestType: string; requestData: unknown }[] = [];
  constructor(private readonly answers: Record<string, Record<string, unknown> | { fail: string; code: number }> = {}) {}
  async request(requestType: string, requestData?: Readonly<Record<string, unknown>>): Promise<ObsRequestResult> {
    this.sent.push({ requestType, requestData });
    const answer = this.answers[requestType] ?? {};
    if ('fail' in answer) {
      return { ok: false, requestType, reason: 'obs-error', code: answer.code as number, message: `OBS refused ${requestType}: ${answer.fail} (code ${answer.code}).` };
    }
    return { ok: true, requestType, responseData: answer };
  }
}
