// The soak's mock OBS against real WebSocket clients: undici's (Node's own, behind ObsClient) for the handshake and auth, raw frames for ping, fragments and close.
import { connect } from 'node:net';
import { WebSocket } from 'undici';
import { ObsClient, type WebSocketLike } from '../../../src/actions/obs/obs-client';
import { waitForState } from '../../../tools/obs/obs-fixtures';
import { startMockObs, type MockObs } from '../../../tools/obs/mock-obs';
import { ClientFrameReader, encodeFrame, WebSocketOpcode } from '../../../tools/obs/websocket-server';

const createWebSocket = (url: string, protocol: string) => new WebSocket(url, protocol) as unknown as WebSocketLike;

let obs: MockObs | null = null;
afterEach(async () => {
  await obs?.close();
  obs = null;
});

/** A client frame: masked, as RFC 6455 requires of clients. */
function maskedFrame(opcode: number, payload: Buffer, fin = true): Buffer {
  const mask = Buffer.from([0x12, 0x34, 0x56, 0x78]);
  const unmasked = encodeFrame(opcode, payload, fin);
  const headerLength = unmasked.length - payload.length;
  const header = Buffer.from(unmasked.subarray(0, headerLength));
  header[1] |= 0x80;
  const body = Buffer.from(payload.map((byte, i) => byte ^ mask[i & 3]));
  return Buffer.concat([header, mask, body]);
}

describe('mock OBS', () => {
  it('identifies a client that answers the password challenge and answers every request with success, counted by type', async () => {
    obs = await startMockObs({ password: 'soak-secret' });
    expect(obs.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    const client = new ObsClient({ url: obs.url, password: 'soak-secret', createWebSocket, reconnect: false });
    client.connect();
    await waitForState(client, 'connected', 5000);
    expect(obs.identifiedClients()).toBe(1);
    const big = 'x'.repeat(70_000); // past the 16-bit length: the 64-bit length form
    const results = await Promise.all([
      client.request('SetCurrentProgramScene', { sceneName: 'BRB' }),
      client.request('SetCurrentProgramScene', { sceneName: 'Live' }),
      client.request('CallVendorRequest', { vendorName: 'obs-browser', requestType: 'emit_event', requestData: { event_data: big } }),
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, true, true]);
    expect(obs.requestCounts()).toEqual({ SetCurrentProgramScene: 2, CallVendorRequest: 1 });
    client.disconnect();
    await expect.poll(() => obs!.identifiedClients()).toBe(0);
  });

  it('closes with 4009 on a wrong password, as OBS does', async () => {
    obs = await startMockObs({ password: 'soak-secret' });
    const client = new ObsClient({ url: obs.url, password: 'wrong', createWebSocket, reconnect: false });
    client.connect();
    await waitForState(client, 'auth-failed', 5000);
    expect(obs.identifiedClients()).toBe(0);
  });

  it('answers a ping, reassembles a fragmented message and completes the closing handshake', async () => {
    obs = await startMockObs();
    const socket = connect(Number(new URL(obs.url).port), '127.0.0.1');
    const reader = new ServerFrameReader();
    let handshake = '';
    const frames: Array<{ opcode: number; payload: Buffer }> = [];
    socket.on('data', (chunk: Buffer) => {
      if (!handshake.includes('\r\n\r\n')) {
        const text = chunk.toString('latin1');
        const end = text.indexOf('\r\n\r\n');
        handshake += end < 0 ? text : text.slice(0, end + 4);
        if (end < 0) return;
        chunk = chunk.subarray(end + 4);
      }
      frames.push(...reader.push(chunk));
    });
    socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
      + 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: obswebsocket.json\r\n\r\n');
    await expect.poll(() => frames.length).toBe(1);
    // RFC 6455 §1.3's worked example: this key must be accepted as s3pPLMBiTxaQ9kYGzzhZRbK+xOo=.
    expect(handshake).toContain('Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
    expect(JSON.parse(frames[0].payload.toString()).op).toBe(0);

    socket.write(maskedFrame(WebSocketOpcode.Ping, Buffer.from('are you there')));
    await expect.poll(() => frames.length).toBe(2);
    expect(frames[1]).toMatchObject({ opcode: WebSocketOpcode.Pong, payload: Buffer.from('are you there') });

    const identify = Buffer.from(JSON.stringify({ op: 1, d: { rpcVersion: 1 } }));
    socket.write(maskedFrame(WebSocketOpcode.Text, identify.subarray(0, 5), false));
    socket.write(maskedFrame(WebSocketOpcode.Continuation, identify.subarray(5)));
    await expect.poll(() => frames.length).toBe(3);
    expect(JSON.parse(frames[2].payload.toString())).toEqual({ op: 2, d: { negotiatedRpcVersion: 1 } });

    const ended = new Promise((resolve) => socket.on('end', resolve));
    socket.write(maskedFrame(WebSocketOpcode.Close, Buffer.from([0x03, 0xe8])));
    await ended;
    expect(frames[3]).toMatchObject({ opcode: WebSocketOpcode.Close, payload: Buffer.from([0x03, 0xe8]) });
    expect(obs.identifiedClients()).toBe(0);
    socket.destroy();
  });
});

/** Reads the server's unmasked frames (the reader proper insists on masks, as a server must). */
class ServerFrameReader {
  #buffered = Buffer.alloc(0);
  push(chunk: Buffer): Array<{ opcode: number; payload: Buffer }> {
    this.#buffered = Buffer.concat([this.#buffered, chunk]);
    const frames: Array<{ opcode: number; payload: Buffer }> = [];
    while (this.#buffered.length >= 2 && this.#buffered.length >= 2 + (this.#buffered[1] & 0x7f)) {
      const length = this.#buffered[1] & 0x7f; // the server's frames here are all short
      frames.push({ opcode: this.#buffered[0] & 0x0f, payload: this.#buffered.subarray(2, 2 + length) });
      this.#buffered = this.#buffered.subarray(2 + length);
    }
    return frames;
  }
}

it('the frame reader refuses an unmasked client frame', () => {
  expect(() => new ClientFrameReader().push(encodeFrame(WebSocketOpcode.Text, Buffer.from('hi')))).toThrow(/not masked/);
});
