// ObsClient against a scripted server: auth handshake bytes, close codes, backoff schedule, no replays, matching and timeouts.
import { createHash } from 'node:crypto';
import { ObsClient, reconnectDelayMs, type ObsClientOptions, type ObsConnectionStatus } from '../../../src/actions/obs/obs-client';
import { ObsEventSubscription, obsAuthentication } from '../../../src/actions/obs/protocol';
import { FakeServerSockets, ManualTimers, type FakeWebSocket } from './fakes';

const URL = 'ws://127.0.0.1:4455';
const PASSWORD = 'correct horse';
const HELLO_WITH_AUTH = {
  op: 0, d: { obsWebSocketVersion: '5.1.0', rpcVersion: 1, authentication: { challenge: 'c/hallenge+=', salt: 'sa+lt/==' } },
};

function nodeAuth(password: string, salt: string, challenge: string): string {
  const secret = createHash('sha256').update(password + salt, 'utf8').digest('base64');
  return createHash('sha256').update(secret + challenge, 'utf8').digest('base64');
}

function setup(options: Partial<ObsClientOptions> = {}) {
  const server = new FakeServerSockets();
  const timers = new ManualTimers();
  const client = new ObsClient({ url: URL, password: PASSWORD, createWebSocket: server.create, timers, requestTimeoutMs: 1000, ...options });
  const statuses: ObsConnectionStatus[] = [];
  client.onStatus((status) => statuses.push(status));
  return { server, timers, client, statuses };
}

async function identify(socket: FakeWebSocket, client: ObsClient): Promise<void> {
  socket.serverOpen();
  socket.serverSend(HELLO_WITH_AUTH);
  await vi.waitFor(() => expect(socket.sent).toHaveLength(1));
  socket.serverSend({ op: 2, d: { negotiatedRpcVersion: 1 } });
  expect(client.status.state).toBe('connected');
}

function answer(socket: FakeWebSocket, index: number, status: { result: boolean; code: number; comment?: string }, responseData?: object) {
  const request = socket.sent[index] as { d: { requestId: string; requestType: string } };
  socket.serverSend({ op: 7, d: { requestType: request.d.requestType, requestId: request.d.requestId, requestStatus: status, responseData } });
}

describe('authentication string', () => {
  it.each([
    ['supersecretpassword', 'lM1GncleQOaCu9lT1yeUZhFYnqhsLLP1G5lAGo3ixaI=', '+IxH4CnCiqpX1rM9scsNynZzbOe4KhDeYcTNS3PDaeY='],
    ['pässwörd ✓', 'salt', 'challenge'],
  ])('equals base64(sha256(base64(sha256(password + salt)) + challenge)) for %j', async (password, salt, challenge) => {
    expect(await obsAuthentication(password, salt, challenge)).toBe(nodeAuth(password, salt, challenge));
  });
});

describe('ObsClient handshake', () => {
  it('answers Hello with Identify carrying rpcVersion 1, the subscriptions and the auth string, then reports connected', async () => {
    const { server, client, statuses } = setup({ eventSubscriptions: 33 });
    client.connect();
    expect(client.status.state).toBe('connecting');
    const socket = server.last;
    expect(socket.url).toBe(URL);
    expect(socket.protocol).toBe('obswebsocket.json');
    await identify(socket, client);
    expect(socket.sent[0]).toEqual({
      op: 1, d: { rpcVersion: 1, eventSubscriptions: 33, authentication: nodeAuth(PASSWORD, 'sa+lt/==', 'c/hallenge+=') },
    });
    expect(statuses.map((s) => s.state)).toEqual(['connecting', 'connected']);
    expect(JSON.stringify(statuses)).not.toContain(PASSWORD);
  });

  it('sends no authentication when OBS asks for none, and subscribes to no events unless asked', async () => {
    const { server, client } = setup();
    client.connect();
    server.last.serverOpen();
    server.last.serverSend({ op: 0, d: { obsWebSocketVersion: '5.1.0', rpcVersion: 1 } });
    await vi.waitFor(() => expect(server.last.sent).toHaveLength(1));
    expect(server.last.sent[0]).toEqual({ op: 1, d: { rpcVersion: 1, eventSubscriptions: 0 } });
  });

  it('ignores malformed server messages instead of crashing', async () => {
    const { server, client } = setup();
    client.connect();
    server.last.serverOpen();
    server.last.serverSend('not json {');
    server.last.serverSend({ op: 0, d: { rpcVersion: 'one' } });
    server.last.serverSend({ op: 99, d: {} });
    expect(server.last.sent).toHaveLength(0);
    await identify(server.last, client);
  });

  it('close code 4009 means a wrong password: auth-failed with a message that says so, and no retries', async () => {
    const { server, client, timers } = setup();
    client.connect();
    server.last.serverOpen();
    server.last.serverSend(HELLO_WITH_AUTH);
    await vi.waitFor(() => expect(server.last.sent).toHaveLength(1));
    server.last.serverClose(4009, 'Authentication failed.');
    expect(client.status.state).toBe('auth-failed');
    expect(client.status.message).toMatch(/^Wrong OBS WebSocket password/);
    expect(client.status.message).not.toContain(PASSWORD);
    expect(client.status.retryInMs).toBeNull();
    expect(timers.pendingDelays()).toEqual([]);
    timers.advance(60_000);
    expect(server.sockets).toHaveLength(1);
  });

  it('a password-protected OBS with no password set fails at once without sending Identify', () => {
    const { server, client, timers } = setup({ password: '' });
    client.connect();
    server.last.serverOpen();
    server.last.serverSend(HELLO_WITH_AUTH);
    expect(client.status.state).toBe('auth-failed');
    expect(client.status.message).toContain('asks for a password');
    expect(server.last.sent).toEqual([]);
    expect(server.last.closedByClient).not.toBeNull();
    timers.advance(60_000);
    expect(server.sockets).toHaveLength(1);
  });

  it('without WebCrypto (a page served over plain http) it says why it cannot log in instead of hanging', async () => {
    const subtle = { digest: () => Promise.reject(new Error('crypto.subtle is unavailable')) } as unknown as SubtleCrypto;
    const { server, client, timers } = setup({ subtle });
    client.connect();
    server.last.serverOpen();
    server.last.serverSend(HELLO_WITH_AUTH);
    await vi.waitFor(() => expect(client.status.state).toBe('disconnected'));
    expect(client.status.message).toContain('open Handcast over https or from localhost');
    expect(server.last.sent).toEqual([]);
    timers.advance(60_000);
    expect(server.sockets).toHaveLength(1);
  });

  it('4011 (kicked in OBS) is not retried, as the protocol asks', async () => {
    const { server, client, timers } = setup();
    client.connect();
    await identify(server.last, client);
    server.last.serverClose(4011);
    expect(client.status.state).toBe('disconnected');
    expect(client.status.message).toContain('ended this session');
    timers.advance(60_000);
    expect(server.sockets).toHaveLength(1);
  });

  it('a server that accepts but never says Hello is given up on after the timeout, and retried', () => {
    const { server, client, timers } = setup();
    client.connect();
    server.last.serverOpen();
    timers.advance(1000);
    expect(client.status.state).toBe('unreachable');
    expect(client.status.message).toContain('did not complete the obs-websocket handshake');
    expect(server.sockets[0].closedByClient).not.toBeNull();
    expect(client.status.retryInMs).toBe(500);
  });

  it('rejects addresses that are not ws:// or carry credentials, without opening a socket', () => {
    for (const url of ['http://127.0.0.1:4455', 'ws://user:secret@127.0.0.1:4455', 'ws://127.0.0.1:4455/?password=x', 'not a url']) {
      const { server, client } = setup({ url });
      client.connect();
      expect(client.status.state).toBe('disconnected');
      expect(client.status.message.length).toBeGreaterThan(20);
      expect(server.sockets).toHaveLength(0);
    }
  });
});

describe('ObsClient reconnects', () => {
  it('when OBS is not running: unreachable, with the URL and where to enable the server', () => {
    const { server, client } = setup();
    client.connect();
    server.last.refuse();
    expect(client.status.state).toBe('unreachable');
    expect(client.status.message).toBe(
      'OBS is not reachable at ws://127.0.0.1:4455 — is OBS running with the WebSocket server enabled (Tools → WebSocket Server Settings)? Retrying in 500 ms.',
    );
  });

  it('backs off 500 ms, 1 s, 2 s, … capped at 10 s, opening each new socket exactly when its delay is up', () => {
    const { server, client, timers } = setup();
    client.connect();
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 7; attempt++) {
      server.last.refuse();
      const delay = client.status.retryInMs!;
      delays.push(delay);
      expect(timers.pendingDelays()).toEqual([delay]);
      timers.advance(delay - 1);
      expect(server.sockets).toHaveLength(attempt);
      timers.advance(1);
      expect(server.sockets).toHaveLength(attempt + 1);
      expect(client.status.state).toBe('connecting');
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
    expect(delays).toEqual([1, 2, 3, 4, 5, 6, 7].map((attempt) => reconnectDelayMs(attempt)));
  });

  it('starts the schedule over after a successful connection, and says the connection was lost', async () => {
    const { server, client, timers } = setup();
    client.connect();
    server.last.refuse();
    timers.advance(500);
    server.last.refuse();
    timers.advance(1000);
    await identify(server.last, client);
    server.last.serverClose(1006);
    expect(client.status.state).toBe('disconnected');
    expect(client.status.message).toBe('Lost the connection to OBS at ws://127.0.0.1:4455 (close code 1006). Retrying in 500 ms.');
  });

  it('disconnect() stops the retries', () => {
    const { server, client, timers } = setup();
    client.connect();
    server.last.refuse();
    client.disconnect();
    timers.advance(60_000);
    expect(server.sockets).toHaveLength(1);
    expect(client.status.state).toBe('disconnected');
  });

  it('reconnect: false reports the failure once and stays down', () => {
    const { server, client, timers } = setup({ reconnect: false });
    client.connect();
    server.last.refuse();
    expect(client.status).toMatchObject({ state: 'unreachable', retryInMs: null });
    expect(client.status.message).not.toContain('Retrying');
    timers.advance(60_000);
    expect(server.sockets).toHaveLength(1);
  });
});

describe('ObsClient requests', () => {
  it('drops requests while not connected with the reason, and never replays them after reconnecting', async () => {
    const { server, client, timers } = setup();
    const beforeConnect = await client.request('SetCurrentProgramScene', { sceneName: 'A' });
    expect(beforeConnect).toEqual({
      ok: false, requestType: 'SetCurrentProgramScene', reason: 'not-connected', message: 'SetCurrentProgramScene not sent: Not connected to OBS.',
    });
    client.connect();
    server.last.serverOpen();
    expect((await client.request('ToggleInputMute', { inputName: 'Mic' })).ok).toBe(false); // open but not identified yet
    server.last.refuse();
    const whileDown = await client.request('SetCurrentProgramScene', { sceneName: 'B' });
    expect(whileDown).toMatchObject({ ok: false, reason: 'not-connected' });
    if (whileDown.ok) throw new Error('unreachable');
    expect(whileDown.message).toContain('Lost the connection to OBS at ws://127.0.0.1:4455');
    timers.advance(500);
    await identify(server.last, client);
    expect(server.sockets.flatMap((socket) => socket.sent).map((message) => message.op)).toEqual([1]);
  });

  it('matches responses to requests by requestId, whatever order they come back in', async () => {
    const { server, client } = setup();
    client.connect();
    await identify(server.last, client);
    const first = client.request('GetSceneItemId', { sceneName: 'A', sourceName: 'Cam' });
    const second = client.request('GetInputMute', { inputName: 'Mic' });
    const [, one, two] = server.last.sent as { op: number; d: { requestId: string; requestType: string; requestData: object } }[];
    expect(one).toMatchObject({ op: 6, d: { requestType: 'GetSceneItemId', requestData: { sceneName: 'A', sourceName: 'Cam' } } });
    expect(one.d.requestId).not.toBe(two.d.requestId);
    server.last.serverSend({ op: 7, d: { requestType: 'GetInputMute', requestId: 'someone-elses', requestStatus: { result: true, code: 100 }, responseData: { inputMuted: false } } });
    answer(server.last, 2, { result: true, code: 100 }, { inputMuted: true });
    answer(server.last, 1, { result: false, code: 600, comment: 'No source was found by the name of `Cam`.' });
    expect(await second).toEqual({ ok: true, requestType: 'GetInputMute', responseData: { inputMuted: true } });
    expect(await first).toEqual({
      ok: false, requestType: 'GetSceneItemId', reason: 'obs-error', code: 600,
      message: 'OBS refused GetSceneItemId: No source was found by the name of `Cam`. (code 600).',
    });
  });

  it('times out a request OBS does not answer, and ignores the late answer', async () => {
    const { server, client, timers } = setup();
    client.connect();
    await identify(server.last, client);
    const pending = client.request('GetVersion');
    timers.advance(999);
    let settled = false;
    void pending.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    timers.advance(1);
    expect(await pending).toEqual({ ok: false, requestType: 'GetVersion', reason: 'timeout', message: 'OBS did not answer GetVersion within 1 s.' });
    answer(server.last, 1, { result: true, code: 100 }, {});
    expect(client.status.state).toBe('connected');
  });

  it('settles requests in flight as connection-lost when the socket closes', async () => {
    const { server, client } = setup();
    client.connect();
    await identify(server.last, client);
    const pending = client.request('SetCurrentProgramScene', { sceneName: 'A' });
    server.last.serverClose(1006);
    expect(await pending).toMatchObject({ ok: false, reason: 'connection-lost' });
  });

  it('delivers events to listeners', async () => {
    const { server, client } = setup({ eventSubscriptions: ObsEventSubscription.General });
    const events: [string, object][] = [];
    client.onEvent((type, data) => events.push([type, data]));
    client.connect();
    await identify(server.last, client);
    server.last.serverSend({ op: 5, d: { eventType: 'CustomEvent', eventIntent: 1, eventData: { hello: 'world' } } });
    expect(events).toEqual([['CustomEvent', { hello: 'world' }]]);
  });
});
