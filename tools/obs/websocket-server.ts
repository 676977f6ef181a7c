// A minimal RFC 6455 WebSocket server on 127.0.0.1 (node:http 'upgrade'; text frames, masked client frames, ping/pong, close) for mock servers.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

/** RFC 6455 §1.3: the accept key is base64(sha1(client key + this GUID)). */
const HANDSHAKE_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export const WebSocketOpcode = { Continuation: 0x0, Text: 0x1, Binary: 0x2, Close: 0x8, Ping: 0x9, Pong: 0xa } as const;

const CloseCode = { Normal: 1000, GoingAway: 1001, ProtocolError: 1002, UnsupportedData: 1003, NoStatus: 1005 } as const;

/** Larger messages are refused: a mock has no business buffering more. */
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

export interface WebSocketFrame {
  readonly fin: boolean;
  readonly opcode: number;
  readonly payload: Buffer;
}

/** An unmasked frame as a server sends it (RFC 6455 §5.2): 7-bit, 16-bit or 64-bit payload length. */
export function encodeFrame(opcode: number, payload: Buffer, fin = true): Buffer {
  const first = (fin ? 0x80 : 0) | opcode;
  const length = payload.length;
  let header: Buffer;
  if (length < 126) {
    header = Buffer.from([first, length]);
  } else if (length < 0x10000) {
    header = Buffer.alloc(4);
    header[0] = first;
    header[1] = 126;
    header.writeUInt16BE(length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = first;
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([header, payload]);
}

export class WebSocketProtocolError extends Error {
  constructor(message: string, readonly closeCode: number = CloseCode.ProtocolError) {
    super(message);
  }
}

/** Splits a client's byte stream into frames, unmasking them; client frames must be masked (RFC 6455 §5.1). */
export class ClientFrameReader {
  #buffered: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): WebSocketFrame[] {
    this.#buffered = this.#buffered.length === 0 ? chunk : Buffer.concat([this.#buffered, chunk]);
    const frames: WebSocketFrame[] = [];
    for (;;) {
      const frame = this.#next();
      if (!frame) return frames;
      frames.push(frame);
    }
  }

  #next(): WebSocketFrame | null {
    const bytes = this.#buffered;
    if (bytes.length < 2) return null;
    if ((bytes[0] & 0x70) !== 0) throw new WebSocketProtocolError('reserved bits set without an extension');
    if ((bytes[1] & 0x80) === 0) throw new WebSocketProtocolError('client frame not masked');
    let length = bytes[1] & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (bytes.length < 4) return null;
      length = bytes.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (bytes.length < 10) return null;
      const long = bytes.readBigUInt64BE(2);
      if (long > BigInt(MAX_MESSAGE_BYTES)) throw new WebSocketProtocolError('frame too large', 1009);
      length = Number(long);
      offset = 10;
    }
    if (length > MAX_MESSAGE_BYTES) throw new WebSocketProtocolError('frame too large', 1009);
    if (bytes.length < offset + 4 + length) return null;
    const mask = bytes.subarray(offset, offset + 4);
    const payload = Buffer.from(bytes.subarray(offset + 4, offset + 4 + length));
    for (let i = 0; i < payload.length; i += 1) payload[i] ^= mask[i & 3];
    this.#buffered = bytes.subarray(offset + 4 + length);
    return { fin: (bytes[0] & 0x80) !== 0, opcode: bytes[0] & 0x0f, payload };
  }
}

export interface WebSocketConnection {
  /** The subprotocol agreed in the handshake, or null. */
  readonly protocol: string | null;
  send(text: string): void;
  /** Sends a close frame; the socket ends once the client answers it (or after a second). */
  close(code?: number, reason?: string): void;
}

export interface ConnectionHandler {
  onText(text: string): void;
  onClose?(code: number): void;
}

export interface WebSocketServer {
  /** e.g. ws://127.0.0.1:43817 */
  readonly url: string;
  readonly port: number;
  /** Closes every connection (1001) and stops listening. */
  close(): Promise<void>;
}

export interface WebSocketServerOptions {
  /** Subprotocols the server speaks; a client offering none of them is refused (browsers fail a handshake without one). */
  readonly protocols?: readonly string[];
  onConnection(connection: WebSocketConnection): ConnectionHandler;
}

/** Starts listening on 127.0.0.1 and a free port. */
export async function startWebSocketServer(options: WebSocketServerOptions): Promise<WebSocketServer> {
  const sockets = new Set<Duplex>();
  const connections = new Set<WebSocketConnection>();
  const server = createServer((_request, response) => {
    response.writeHead(426, { 'Content-Type': 'text/plain', Upgrade: 'websocket' }).end('WebSocket only.\n');
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const key = request.headers['sec-websocket-key'];
    const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim()).filter(Boolean);
    const protocol = options.protocols ? options.protocols.find((p) => offered.includes(p)) ?? null : null;
    if (typeof key !== 'string' || request.headers.upgrade?.toLowerCase() !== 'websocket' || (options.protocols && protocol === null)) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      return;
    }
    const accept = createHash('sha1').update(key + HANDSHAKE_GUID).digest('base64');
    socket.write([
      'HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${accept}`,
      ...(protocol ? [`Sec-WebSocket-Protocol: ${protocol}`] : []), '', '',
    ].join('\r\n'));
    const connection = serve(socket, protocol, options.onConnection, () => connections.delete(connection));
    connections.add(connection);
    if (head.length > 0) socket.emit('data', head);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    port,
    async close() {
      for (const connection of connections) connection.close(CloseCode.GoingAway, 'server shutting down');
      await new Promise((resolve) => setTimeout(resolve, 50));
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Runs one upgraded socket: reassembles fragmented text messages, answers pings, completes the closing handshake. */
function serve(
  socket: Duplex, protocol: string | null, onConnection: WebSocketServerOptions['onConnection'], forget: () => void,
): WebSocketConnection {
  const reader = new ClientFrameReader();
  let fragments: Buffer[] | null = null;
  let closeSent = false;
  let closed = false;
  let handler: ConnectionHandler | null = null;

  const finish = (code: number) => {
    if (closed) return;
    closed = true;
    forget();
    handler?.onClose?.(code);
  };
  socket.on('close', () => finish(CloseCode.NoStatus));

  const connection: WebSocketConnection = {
    protocol,
    send(text) {
      if (!closeSent && !socket.destroyed) socket.write(encodeFrame(WebSocketOpcode.Text, Buffer.from(text, 'utf8')));
    },
    close(code = CloseCode.Normal, reason = '') {
      if (closeSent || socket.destroyed) return;
      closeSent = true;
      const payload = Buffer.alloc(2 + Buffer.byteLength(reason));
      payload.writeUInt16BE(code, 0);
      payload.write(reason, 2, 'utf8');
      socket.write(encodeFrame(WebSocketOpcode.Close, payload));
      setTimeout(() => socket.destroy(), 1000).unref();
    },
  };

  const onFrame = (frame: WebSocketFrame) => {
    switch (frame.opcode) {
      case WebSocketOpcode.Text:
      case WebSocketOpcode.Continuation: {
        if ((frame.opcode === WebSocketOpcode.Text) === (fragments !== null)) throw new WebSocketProtocolError('unexpected continuation');
        const parts = [...(fragments ?? []), frame.payload];
        if (!frame.fin) {
          fragments = parts;
          return;
        }
        fragments = null;
        handler?.onText(Buffer.concat(parts).toString('utf8'));
        return;
      }
      case WebSocketOpcode.Ping:
        if (!closeSent) socket.write(encodeFrame(WebSocketOpcode.Pong, frame.payload));
        return;
      case WebSocketOpcode.Pong:
        return;
      case WebSocketOpcode.Close: {
        const code = frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : CloseCode.NoStatus;
        // Echo the close (RFC 6455 §5.5.1), then the server ends the TCP connection first (§7.1.1).
        if (!closeSent) {
          closeSent = true;
          socket.write(encodeFrame(WebSocketOpcode.Close, frame.payload.subarray(0, 2)));
        }
        socket.end();
        finish(code);
        return;
      }
      default:
        throw new WebSocketProtocolError('binary frames are not supported', CloseCode.UnsupportedData);
    }
  };

  socket.on('data', (chunk: Buffer) => {
    if (closed) return;
    try {
      for (const frame of reader.push(chunk)) onFrame(frame);
    } catch (error) {
      const problem = error instanceof WebSocketProtocolError ? error : new WebSocketProtocolError(String(error));
      connection.close(problem.closeCode, problem.message);
      finish(problem.closeCode);
    }
  });
  handler = onConnection(connection);
  return connection;
}
