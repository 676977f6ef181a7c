// A stand-in obs-websocket v5 server on 127.0.0.1 for the soak and tests: Hello (auth optional) → Identify → Identified, every Request counted by type and answered with success (or what `respond` says); optionally a scene list with a program scene.
import { randomBytes } from 'node:crypto';
import { OBS_REQUEST_STATUS_SUCCESS, OBS_RPC_VERSION, ObsCloseCode, ObsOpCode, obsAuthentication } from '../../src/actions/obs/protocol';
import { startWebSocketServer } from './websocket-server';

/** obs-websocket's close codes for clients that break the protocol (docs/generated/protocol.md, WebSocketCloseCode). */
const MockCloseCode = { MessageDecodeError: 4002, UnknownOpCode: 4006, NotIdentified: 4007, AlreadyIdentified: 4008 } as const;

export interface MockObs {
  /** e.g. ws://127.0.0.1:43817 */
  readonly url: string;
  /** Requests answered so far, by requestType. */
  requestCounts(): Readonly<Record<string, number>>;
  requestsOf(requestType: string): number;
  /** Clients that completed Identify and are still connected. */
  identifiedClients(): number;
  close(): Promise<void>;
}

export interface MockObsOptions {
  /** When set, Hello carries a challenge and Identify must answer it (a wrong answer closes with 4009, as OBS does). */
  readonly password?: string;
  /**
   * The answer's responseData for a request; undefined answers as the mock would without it (success, and no
   * data unless `scenes` answers it), an `{ error }` with that request status code and comment.
   */
  respond?(requestType: string, requestData: Readonly<Record<string, unknown>>): Record<string, unknown> | { error: { code: number; comment: string } } | undefined;
  /**
   * Scene names top to bottom as OBS's dock lists them, the first on program: then GetSceneList, GetCurrentProgramScene
   * and SetCurrentProgramScene answer as OBS 30 does (scene list bottom first, each with its sceneIndex). Without it they answer {}.
   */
  readonly scenes?: readonly string[];
}

/** What OBS answers a scene request with, or null for requests the mock answers with {}; SetCurrentProgramScene moves `program`. */
function sceneAnswer(requestType: string, data: Record<string, unknown>, scenes: readonly string[], program: { name: string }): Record<string, unknown> | null {
  switch (requestType) {
    case 'GetCurrentProgramScene':
      return { sceneName: program.name, currentProgramSceneName: program.name };
    case 'SetCurrentProgramScene':
      if (typeof data.sceneName === 'string' && scenes.includes(data.sceneName)) program.name = data.sceneName;
      return {};
    case 'GetSceneList':
      return {
        currentProgramSceneName: program.name,
        scenes: scenes.map((sceneName, i) => ({ sceneName, sceneIndex: scenes.length - 1 - i })).reverse(),
      };
    default:
      return null;
  }
}

export async function startMockObs(options: MockObsOptions = {}): Promise<MockObs> {
  const counts: Record<string, number> = {};
  let identified = 0;
  const program = { name: options.scenes?.[0] ?? '' };
  const server = await startWebSocketServer({
    protocols: ['obswebsocket.json'],
    onConnection(connection) {
      const salt = randomBytes(16).toString('base64');
      const challenge = randomBytes(16).toString('base64');
      const expected = options.password ? obsAuthentication(options.password, salt, challenge) : null;
      let isIdentified = false;
      const send = (op: number, d: Record<string, unknown>) => connection.send(JSON.stringify({ op, d }));
      send(ObsOpCode.Hello, {
        obsWebSocketVersion: '5.5.0-mock', rpcVersion: OBS_RPC_VERSION, ...(options.password ? { authentication: { challenge, salt } } : {}),
      });
      return {
        async onText(text) {
          let message: { op?: unknown; d?: Record<string, unknown> };
          try {
            message = JSON.parse(text);
          } catch {
            connection.close(MockCloseCode.MessageDecodeError, 'not JSON');
            return;
          }
          const d = message.d ?? {};
          switch (message.op) {
            case ObsOpCode.Identify: {
              if (isIdentified) return connection.close(MockCloseCode.AlreadyIdentified, 'already identified');
              if (d.rpcVersion !== OBS_RPC_VERSION) return connection.close(ObsCloseCode.UnsupportedRpcVersion, 'rpcVersion 1 only');
              if (expected && d.authentication !== await expected) return connection.close(ObsCloseCode.AuthenticationFailed, 'authentication failed');
              isIdentified = true;
              identified += 1;
              send(ObsOpCode.Identified, { negotiatedRpcVersion: OBS_RPC_VERSION });
              return;
            }
            case ObsOpCode.Request: {
              if (!isIdentified) return connection.close(MockCloseCode.NotIdentified, 'identify first');
              const requestType = String(d.requestType);
              counts[requestType] = (counts[requestType] ?? 0) + 1;
              const requestData = typeof d.requestData === 'object' && d.requestData !== null ? d.requestData as Record<string, unknown> : {};
              const answer = options.respond?.(requestType, requestData)
                ?? (options.scenes && sceneAnswer(requestType, requestData, options.scenes, program)) ?? {};
              send(ObsOpCode.RequestResponse, 'error' in answer && typeof answer.error === 'object'
                ? { requestType, requestId: d.requestId, requestStatus: { result: false, ...answer.error } }
                : { requestType, requestId: d.requestId, requestStatus: { result: true, code: OBS_REQUEST_STATUS_SUCCESS }, responseData: answer });
              return;
            }
            default:
              connection.close(MockCloseCode.UnknownOpCode, `op ${String(message.op)} is not handled`);
          }
        },
        onClose() {
          if (isIdentified) identified -= 1;
        },
      };
    },
  });
  return {
    url: server.url,
    requestCounts: () => ({ ...counts }),
    requestsOf: (requestType) => counts[requestType] ?? 0,
    identifiedClients: () => identified,
    close: () => server.close(),
  };
}
