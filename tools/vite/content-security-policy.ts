// The Content-Security-Policy of every Handcast page: nothing but this origin, so no frame, landmark or log leaves the machine.
import { randomBytes } from 'node:crypto';
import type { Plugin } from 'vite';

/**
 * Why each directive:
 * - connect-src 'self' + loopback websockets: tasks-vision 1.1.0 posts usage logs to a Google endpoint every 60 s;
 *   this blocks it. The only other connection is obs-websocket, which must be on this machine (any port: the
 *   port is a user setting; a LAN address is refused by the settings and would be blocked here too).
 * - script-src 'wasm-unsafe-eval': compiling WebAssembly (MediaPipe's runtime, our kernels) needs it; no 'unsafe-eval'.
 * - script-src/style-src nonce: only in dev, where Vite and React refresh inject inline scripts and styles.
 * - worker-src blob:: MediaPipe may spawn helpers from blobs.
 */
/** Where the page may open a websocket besides its own origin: obs-websocket on loopback. */
export const OBS_WEBSOCKET_SOURCES = 'ws://127.0.0.1:* ws://localhost:*';

export function contentSecurityPolicy(nonce?: string): string {
  const inline = nonce ? ` 'nonce-${nonce}'` : '';
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval'${inline}`,
    `style-src 'self'${inline}`,
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    `connect-src 'self' ${OBS_WEBSOCKET_SOURCES}`,
    "worker-src 'self' blob:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * Cross-origin isolation (COOP + COEP): nothing here is cross-origin anyway, and isolation gives workers a 5 µs
 * performance.now() instead of 100 µs, which the latency panel needs for the sub-millisecond stages.
 */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Sends the policy (and isolation headers) from the dev and preview servers, and writes it into built HTML as a meta tag. */
export function contentSecurityPolicyPlugin(): Plugin {
  const devNonce = randomBytes(16).toString('base64');
  let isBuild = false;
  return {
    name: 'handcast:content-security-policy',
    config(_config, env) {
      isBuild = env.command === 'build';
      return isBuild ? {} : { html: { cspNonce: devNonce } };
    },
    configureServer(server) {
      server.middlewares.use((_req, res, next) => {
        res.setHeader('Content-Security-Policy', contentSecurityPolicy(devNonce));
        for (const [name, value] of Object.entries(ISOLATION_HEADERS)) res.setHeader(name, value);
        next();
      });
    },
    configurePreviewServer(server) {
      server.middlewares.use((_req, res, next) => {
        res.setHeader('Content-Security-Policy', contentSecurityPolicy());
        for (const [name, value] of Object.entries(ISOLATION_HEADERS)) res.setHeader(name, value);
        next();
      });
    },
    transformIndexHtml() {
      if (!isBuild) return [];
      return [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy() }, injectTo: 'head-prepend' }];
    },
  };
}
