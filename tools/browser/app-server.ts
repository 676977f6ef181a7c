// Serves the app with Vite on 127.0.0.1 and a free port (the dev server, or a production build), for the CLIs and the browser tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, createServer, preview, type ViteDevServer } from 'vite';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface AppServer {
  readonly url: string;
  /** The folder a built app is served from (startBuiltAppServer); tests may change it to stage a new version. */
  readonly outDir?: string;
  close(): Promise<void>;
}

export async function startAppServer(): Promise<AppServer> {
  const server: ViteDevServer = await createServer({
    root: REPO_ROOT,
    configFile: path.join(REPO_ROOT, 'vite.config.ts'),
    logLevel: 'error',
    clearScreen: false,
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('The app server did not report a port.');
  return { url: `http://127.0.0.1:${address.port}`, close: () => server.close() };
}

/** Builds the app (as `npm run build` does) into a temporary folder and serves it with `vite preview`. */
export async function startBuiltAppServer(): Promise<AppServer> {
  const outDir = mkdtempSync(path.join(tmpdir(), 'handcast-dist-'));
  const configFile = path.join(REPO_ROOT, 'vite.config.ts');
  try {
    await build({ root: REPO_ROOT, configFile, logLevel: 'error', build: { outDir, emptyOutDir: true } });
    const server = await preview({
      root: REPO_ROOT, configFile, logLevel: 'error',
      build: { outDir },
      preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
    });
    const address = server.httpServer.address();
    if (!address || typeof address === 'string') throw new Error('The preview server did not report a port.');
    let closing: Promise<void> | null = null;
    return {
      url: `http://127.0.0.1:${address.port}`,
      outDir,
      close: () => (closing ??= server.close().finally(() => rmSync(outDir, { recursive: true, force: true }))),
    };
  } catch (error) {
    rmSync(outDir, { recursive: true, force: true });
    throw error;
  }
}
