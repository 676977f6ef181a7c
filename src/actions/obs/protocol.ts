// The obs-websocket v5 wire format (rpcVersion 1): op codes, close codes, event subscriptions, message shapes, the auth string.

export const OBS_RPC_VERSION = 1;

export const ObsOpCode = {
  Hello: 0,
  Identify: 1,
  Identified: 2,
  Reidentify: 3,
  Event: 5,
  Request: 6,
  RequestResponse: 7,
} as const;

/** The server's close codes we act on (the full list is in obs-websocket's docs/generated/protocol.md). */
export const ObsCloseCode = {
  AuthenticationFailed: 4009,
  UnsupportedRpcVersion: 4010,
  /** Kicked from OBS's session list: the protocol says a client must not reconnect on its own. */
  SessionInvalidated: 4011,
} as const;

/** EventSubscription bits: a category's events arrive only when its bit is set in Identify. */
export const ObsEventSubscription = {
  None: 0,
  General: 1 << 0,
  Config: 1 << 1,
  Scenes: 1 << 2,
  Inputs: 1 << 3,
  Transitions: 1 << 4,
  Filters: 1 << 5,
  Outputs: 1 << 6,
  SceneItems: 1 << 7,
  MediaInputs: 1 << 8,
  Vendors: 1 << 9,
  Ui: 1 << 10,
  /** Every category except the high-volume ones (volume meters and the like), as the server defines All. */
  All: (1 << 11) - 1,
  /** High-volume, outside All: every move, resize or crop of any scene item (a drag sends one per mouse move). */
  SceneItemTransformChanged: 1 << 19,
} as const;

export const OBS_REQUEST_STATUS_SUCCESS = 100;

export interface ObsHello {
  readonly obsWebSocketVersion: string;
  readonly rpcVersion: number;
  readonly authentication?: { readonly challenge: string; readonly salt: string };
}

export interface ObsRequestStatus {
  readonly result: boolean;
  readonly code: number;
  readonly comment?: string;
}

export interface ObsRequestResponse {
  readonly requestType: string;
  readonly requestId: string;
  readonly requestStatus: ObsRequestStatus;
  readonly responseData?: Record<string, unknown>;
}

export interface ObsEvent {
  readonly eventType: string;
  readonly eventIntent: number;
  readonly eventData?: Record<string, unknown>;
}

export type ObsServerMessage =
  | { readonly op: typeof ObsOpCode.Hello; readonly d: ObsHello }
  | { readonly op: typeof ObsOpCode.Identified; readonly d: { readonly negotiatedRpcVersion: number } }
  | { readonly op: typeof ObsOpCode.Event; readonly d: ObsEvent }
  | { readonly op: typeof ObsOpCode.RequestResponse; readonly d: ObsRequestResponse };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A server message we understand, or null for anything else (malformed JSON, other op codes, missing fields). */
export function parseServerMessage(text: string): ObsServerMessage | null {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(message) || !isRecord(message.d)) return null;
  const d = message.d;
  switch (message.op) {
    case ObsOpCode.Hello:
      if (typeof d.rpcVersion !== 'number') return null;
      if (d.authentication !== undefined
        && !(isRecord(d.authentication) && typeof d.authentication.challenge === 'string' && typeof d.authentication.salt === 'string')) return null;
      return message as ObsServerMessage;
    case ObsOpCode.Identified:
      return message as ObsServerMessage;
    case ObsOpCode.Event:
      return typeof d.eventType === 'string' ? (message as ObsServerMessage) : null;
    case ObsOpCode.RequestResponse:
      return typeof d.requestId === 'string' && isRecord(d.requestStatus) && typeof d.requestStatus.result === 'boolean'
        ? (message as ObsServerMessage) : null;
    default:
      return null;
  }
}

async function sha256Base64(text: string, subtle: SubtleCrypto): Promise<string> {
  const digest = new Uint8Array(await subtle.digest('SHA-256', new TextEncoder().encode(text)));
  let binary = '';
  for (const byte of digest) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Identify's authentication string: base64(sha256(base64(sha256(password + salt)) + challenge)). */
export async function obsAuthentication(
  password: string, salt: string, challenge: string, subtle: SubtleCrypto = globalThis.crypto.subtle,
): Promise<string> {
  const secret = await sha256Base64(password + salt, subtle);
  return sha256Base64(secret + challenge, subtle);
}
