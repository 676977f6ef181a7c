// Our obs-websocket v5 client: handshake with auth, status with a human message, capped backoff reconnects, requests matched by id with a timeout.
import {
  ObsCloseCode, ObsEventSubscription, ObsOpCode, OBS_RPC_VERSION, obsAuthentication, parseServerMessage,
  type ObsHello, type ObsRequestResponse,
} from './protocol';

export type ObsConnectionState = 'disconnected' | 'connecting' | 'connected' | 'auth-failed' | 'unreachable';

export interface ObsConnectionStatus {
  readonly state: ObsConnectionState;
  /** One sentence for the user: what happened and what to do about it. Never contains the password. */
  readonly message: string;
  /** When a reconnect is scheduled, its delay; null when none is. */
  readonly retryInMs: number | null;
}

/** The part of the WHATWG WebSocket the client uses: the page's WebSocket and Node's (undici) both fit. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
}

export type WebSocketFactory = (url: string, protocol: string) => WebSocketLike;

/** setTimeout/clearTimeout, injectable so tests drive reconnects and timeouts without waiting. */
export interface ObsTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Exponential backoff without jitter: one client per streamer, so a predictable schedule matters more than spreading load. */
export interface ReconnectPolicy {
  readonly initialDelayMs: number;
  readonly factor: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RECONNECT: ReconnectPolicy = { initialDelayMs: 500, factor: 2, maxDelayMs: 10_000 };

export interface ObsClientOptions {
  /** e.g. ws://127.0.0.1:4455. Credentials never go in the address. */
  readonly url: string;
  /** Empty or absent when OBS's "Enable Authentication" is off. */
  readonly password?: string;
  readonly createWebSocket?: WebSocketFactory;
  /**
   * EventSubscription bits for Identify; default None. OBS writes the event a change causes just before the request's
   * answer, and subscribed clients then wait ~40 ms for many answers (Linux's delayed-ACK time, so most likely Nagle
   * against delayed ACK): npm run obs:latency measures p95 ~45 ms with All against a few ms with None. So a client that
   * sends actions subscribes to nothing; listen for events on a second client.
   */
  readonly eventSubscriptions?: number;
  /** How long a request may wait for its RequestResponse (and the handshake for Identified). */
  readonly requestTimeoutMs?: number;
  /** false: never reconnect on its own. */
  readonly reconnect?: ReconnectPolicy | false;
  readonly timers?: ObsTimers;
  readonly subtle?: SubtleCrypto;
}

export type ObsRequestFailure = 'not-connected' | 'timeout' | 'connection-lost' | 'obs-error';

export type ObsRequestResult =
  | { readonly ok: true; readonly requestType: string; readonly responseData: Readonly<Record<string, unknown>> }
  | {
    readonly ok: false; readonly requestType: string; readonly reason: ObsRequestFailure;
    readonly message: string; readonly code?: number;
  };

export type ObsEventListener = (eventType: string, eventData: Readonly<Record<string, unknown>>) => void;

/** The delay before reconnect attempt number `attempt` (1, 2, …): initial × factor^(attempt−1), capped. */
export function reconnectDelayMs(attempt: number, policy: ReconnectPolicy = DEFAULT_RECONNECT): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.factor ** Math.max(0, attempt - 1));
}

/** Why this address cannot be an obs-websocket address, or null when it can. */
export function obsUrlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not an address; OBS's WebSocket server is usually at ws://127.0.0.1:4455.`;
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
    return `${url} is not a WebSocket address: it must start with ws:// (e.g. ws://127.0.0.1:4455).`;
  }
  // Addresses end up in logs and screenshots; the password belongs in its own field.
  if (parsed.username || parsed.password || /pass|auth/i.test(parsed.search)) {
    return 'Leave credentials out of the OBS address: enter the password in the password field.';
  }
  return null;
}

const WEBSOCKET_OPEN = 1;

const defaultTimers: ObsTimers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

function defaultWebSocketFactory(url: string, protocol: string): WebSocketLike {
  if (typeof globalThis.WebSocket !== 'function') {
    throw new Error('This runtime has no WebSocket (Node 20 needs --experimental-websocket); pass createWebSocket.');
  }
  return new globalThis.WebSocket(url, protocol);
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

interface PendingRequest {
  readonly requestType: string;
  readonly timer: unknown;
  readonly resolve: (result: ObsRequestResult) => void;
}

export class ObsClient {
  readonly url: string;
  readonly #password: string;
  readonly #createWebSocket: WebSocketFactory;
  readonly #eventSubscriptions: number;
  readonly #requestTimeoutMs: number;
  readonly #reconnect: ReconnectPolicy | false;
  readonly #timers: ObsTimers;
  readonly #subtle: SubtleCrypto | undefined;

  #status: ObsConnectionStatus = { state: 'disconnected', message: 'Not connected to OBS.', retryInMs: null };
  #socket: WebSocketLike | null = null;
  #socketOpened = false;
  #identified = false;
  /** connect() was called and disconnect() (or a final close code) has not undone it. */
  #wanted = false;
  #failedAttempts = 0;
  #retryTimer: unknown = null;
  #handshakeTimer: unknown = null;
  #nextRequestId = 1;
  readonly #pending = new Map<string, PendingRequest>();
  readonly #statusListeners = new Set<(status: ObsConnectionStatus) => void>();
  readonly #eventListeners = new Set<ObsEventListener>();

  constructor(options: ObsClientOptions) {
    this.url = options.url;
    this.#password = options.password ?? '';
    this.#createWebSocket = options.createWebSocket ?? defaultWebSocketFactory;
    this.#eventSubscriptions = options.eventSubscriptions ?? ObsEventSubscription.None;
    this.#requestTimeoutMs = options.requestTimeoutMs ?? 3000;
    this.#reconnect = options.reconnect ?? DEFAULT_RECONNECT;
    this.#timers = options.timers ?? defaultTimers;
    this.#subtle = options.subtle;
  }

  get status(): ObsConnectionStatus {
    return this.#status;
  }

  get connected(): boolean {
    return this.#identified;
  }

  /** Called on every status change; returns the unsubscribe function. */
  onStatus(listener: (status: ObsConnectionStatus) => void): () => void {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  /** OBS events (op 5) of the subscribed categories; returns the unsubscribe function. */
  onEvent(listener: ObsEventListener): () => void {
    this.#eventListeners.add(listener);
    return () => this.#eventListeners.delete(listener);
  }

  /** Connect, and keep reconnecting after losses until disconnect() or a close that retrying cannot fix. */
  connect(): void {
    if (this.#wanted && (this.#socket || this.#retryTimer !== null)) return;
    this.#wanted = true;
    this.#failedAttempts = 0;
    this.#open();
  }

  disconnect(): void {
    this.#wanted = false;
    this.#clearRetry();
    this.#dropSocket('Disconnected from OBS.');
    this.#setStatus({ state: 'disconnected', message: 'Disconnected from OBS.', retryInMs: null });
  }

  /**
   * Send one request. Never throws and never queues: while not connected the request is dropped at once with
   * the reason, because an action replayed seconds later on stream is worse than one that did not happen.
   */
  request(requestType: string, requestData?: Readonly<Record<string, unknown>>): Promise<ObsRequestResult> {
    const socket = this.#socket;
    if (!this.#identified || !socket || socket.readyState !== WEBSOCKET_OPEN) {
      return Promise.resolve({
        ok: false, requestType, reason: 'not-connected', message: `${requestType} not sent: ${this.#status.message}`,
      });
    }
    const requestId = `handcast-${this.#nextRequestId++}`;
    return new Promise((resolve) => {
      const timer = this.#timers.setTimeout(() => {
        if (!this.#pending.delete(requestId)) return;
        resolve({
          ok: false, requestType, reason: 'timeout',
          message: `OBS did not answer ${requestType} within ${seconds(this.#requestTimeoutMs)}.`,
        });
      }, this.#requestTimeoutMs);
      this.#pending.set(requestId, { requestType, timer, resolve });
      try {
        socket.send(JSON.stringify({ op: ObsOpCode.Request, d: { requestType, requestId, requestData: requestData ?? {} } }));
      } catch (error) {
        this.#settle(requestId, {
          ok: false, requestType, reason: 'connection-lost', message: `${requestType} not sent: ${(error as Error).message}`,
        });
      }
    });
  }

  #open(): void {
    this.#retryTimer = null;
    const problem = obsUrlProblem(this.url);
    if (problem) {
      this.#wanted = false;
      this.#setStatus({ state: 'disconnected', message: problem, retryInMs: null });
      return;
    }
    this.#setStatus({ state: 'connecting', message: `Connecting to OBS at ${this.url}…`, retryInMs: null });
    let socket: WebSocketLike;
    try {
      socket = this.#createWebSocket(this.url, 'obswebsocket.json');
    } catch (error) {
      this.#wanted = false;
      this.#setStatus({ state: 'disconnected', message: `Cannot open ${this.url}: ${(error as Error).message}`, retryInMs: null });
      return;
    }
    this.#socket = socket;
    this.#socketOpened = false;
    this.#identified = false;
    socket.onopen = () => {
      if (this.#socket === socket) this.#socketOpened = true;
    };
    socket.onmessage = (event) => {
      if (this.#socket === socket && typeof event.data === 'string') this.#receive(socket, event.data);
    };
    socket.onclose = (event) => {
      if (this.#socket === socket) this.#closed(event.code, event.reason);
    };
    // Browsers report refused connections as error followed by close: the close handler decides.
    socket.onerror = () => {};
    this.#handshakeTimer = this.#timers.setTimeout(() => {
      if (this.#socket !== socket || this.#identified) return;
      socket.close(1000, 'handshake timeout');
      this.#closed(-1, 'handshake timeout');
    }, this.#requestTimeoutMs);
  }

  #receive(socket: WebSocketLike, text: string): void {
    const message = parseServerMessage(text);
    if (!message) return;
    switch (message.op) {
      case ObsOpCode.Hello:
        void this.#identify(socket, message.d);
        break;
      case ObsOpCode.Identified:
        this.#identified = true;
        this.#failedAttempts = 0;
        this.#clearHandshakeTimer();
        this.#setStatus({ state: 'connected', message: `Connected to OBS at ${this.url}.`, retryInMs: null });
        break;
      case ObsOpCode.Event:
        for (const listener of this.#eventListeners) listener(message.d.eventType, message.d.eventData ?? {});
        break;
      case ObsOpCode.RequestResponse:
        this.#answer(message.d);
        break;
    }
  }

  async #identify(socket: WebSocketLike, hello: ObsHello): Promise<void> {
    let authentication: string | undefined;
    if (hello.authentication) {
      if (!this.#password) {
        this.#finalFailure(socket, 'auth-failed',
          `OBS at ${this.url} asks for a password: enter the one in OBS under Tools → WebSocket Server Settings → Show Connect Info.`);
        return;
      }
      const { salt, challenge } = hello.authentication;
      const subtle = this.#subtle ?? globalThis.crypto?.subtle;
      try {
        if (!subtle) throw new Error('no crypto.subtle');
        authentication = await obsAuthentication(this.#password, salt, challenge, subtle);
      } catch (error) {
        // Browsers offer crypto.subtle only in secure contexts: a page opened over http from another machine has none.
        this.#finalFailure(socket, 'disconnected',
          `Cannot answer OBS's password challenge here (${(error as Error).message}): open Handcast over https or from localhost.`);
        return;
      }
    }
    if (this.#socket !== socket || socket.readyState !== WEBSOCKET_OPEN) return;
    socket.send(JSON.stringify({
      op: ObsOpCode.Identify,
      d: { rpcVersion: OBS_RPC_VERSION, eventSubscriptions: this.#eventSubscriptions, ...(authentication ? { authentication } : {}) },
    }));
  }

  #answer(response: ObsRequestResponse): void {
    const pending = this.#pending.get(response.requestId);
    if (!pending) return; // timed out already
    const { result, code, comment } = response.requestStatus;
    this.#settle(response.requestId, result
      ? { ok: true, requestType: pending.requestType, responseData: response.responseData ?? {} }
      : {
        ok: false, requestType: pending.requestType, reason: 'obs-error', code,
        message: `OBS refused ${pending.requestType}: ${comment ?? 'no reason given'} (code ${code}).`,
      });
  }

  #settle(requestId: string, result: ObsRequestResult): void {
    const pending = this.#pending.get(requestId);
    if (!pending) return;
    this.#pending.delete(requestId);
    this.#timers.clearTimeout(pending.timer);
    pending.resolve(result);
  }

  #closed(code: number, reason: string): void {
    const wasOpened = this.#socketOpened;
    this.#socket = null;
    this.#identified = false;
    this.#clearHandshakeTimer();
    this.#failPending('connection-lost', 'the connection to OBS closed before it answered.');
    if (!this.#wanted) return;
    if (code === ObsCloseCode.AuthenticationFailed) {
      // Retrying cannot fix a wrong password, and hammering OBS with failed logins helps nobody.
      this.#wanted = false;
      this.#setStatus({
        state: 'auth-failed', retryInMs: null,
        message: `Wrong OBS WebSocket password: OBS at ${this.url} refused it. Copy the password from OBS (Tools → WebSocket Server Settings → Show Connect Info) and connect again.`,
      });
      return;
    }
    if (code === ObsCloseCode.SessionInvalidated) {
      this.#wanted = false;
      this.#setStatus({ state: 'disconnected', retryInMs: null, message: 'OBS ended this session (kicked from its WebSocket session list); connect again when wanted.' });
      return;
    }
    if (code === ObsCloseCode.UnsupportedRpcVersion) {
      this.#wanted = false;
      this.#setStatus({ state: 'disconnected', retryInMs: null, message: `OBS at ${this.url} speaks another obs-websocket protocol version: Handcast needs obs-websocket 5 (OBS 28 or newer).` });
      return;
    }
    this.#failedAttempts += 1;
    const retryInMs = this.#reconnect ? reconnectDelayMs(this.#failedAttempts, this.#reconnect) : null;
    const retrying = retryInMs === null ? '' : ` Retrying in ${seconds(retryInMs)}.`;
    if (reason === 'handshake timeout') {
      this.#setStatus({ state: 'unreachable', retryInMs, message: `Something answers at ${this.url} but it did not complete the obs-websocket handshake: is OBS still starting, or is that not its WebSocket port?${retrying}` });
    } else if (!wasOpened) {
      this.#setStatus({ state: 'unreachable', retryInMs, message: `OBS is not reachable at ${this.url} — is OBS running with the WebSocket server enabled (Tools → WebSocket Server Settings)?${retrying}` });
    } else {
      this.#setStatus({ state: 'disconnected', retryInMs, message: `Lost the connection to OBS at ${this.url} (close code ${code}${reason ? `: ${reason}` : ''}).${retrying}` });
    }
    if (retryInMs === null) {
      this.#wanted = false;
      return;
    }
    this.#retryTimer = this.#timers.setTimeout(() => this.#open(), retryInMs);
  }

  #finalFailure(socket: WebSocketLike, state: ObsConnectionState, message: string): void {
    this.#wanted = false;
    this.#socket = null;
    this.#clearHandshakeTimer();
    socket.close(1000, 'client gave up');
    this.#setStatus({ state, message, retryInMs: null });
  }

  #dropSocket(why: string): void {
    const socket = this.#socket;
    this.#socket = null;
    this.#identified = false;
    this.#clearHandshakeTimer();
    this.#failPending('connection-lost', why);
    if (socket && socket.readyState <= WEBSOCKET_OPEN) socket.close(1000, 'client disconnect');
  }

  #failPending(reason: ObsRequestFailure, why: string): void {
    for (const [requestId, pending] of [...this.#pending]) {
      this.#settle(requestId, { ok: false, requestType: pending.requestType, reason, message: `${pending.requestType}: ${why}` });
    }
  }

  #clearRetry(): void {
    if (this.#retryTimer !== null) this.#timers.clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
  }

  #clearHandshakeTimer(): void {
    if (this.#handshakeTimer !== null) this.#timers.clearTimeout(this.#handshakeTimer);
    this.#handshakeTimer = null;
  }

  #setStatus(status: ObsConnectionStatus): void {
    this.#status = status;
    for (const listener of this.#statusListeners) listener(status);
  }
}
