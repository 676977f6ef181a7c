// Serves the app on 127.0.0.1 and a free port (the dev server, a production build, or that build on a plain static host), for the CLIs and the browser tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, createServer, preview, type ViteDevServer } from 'vite';
import { serveStaticSite } from './static-site';

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

/** Builds the app as `npm run build` does, into a new temporary folder; returns the folder. */
async function buildAppIntoTemporaryFolder(): Promise<string> {
  const outDir = mkdtempSync(path.join(tmpdir(), 'handcast-dist-'));
  try {
    await build({ root: REPO_ROOT, configFile: path.join(REPO_ROOT, 'vite.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true } });
    return outDir;
  } catch (error) {
    rmSync(outDir, { recursive: true, force: true });
    throw error;
  }
}

/** Builds the app (as `npm run build` does) into a temporary folder and serves it with `vite preview`. */
export async function startBuiltAppServer(): Promise<AppServer> {
  const outDir = await buildAppIntoTemporaryFolder();
  const configFile = path.join(REPO_ROOT, 'vite.config.ts');
  try {
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

/**
 * Builds the app and serves the folder under `subPath` from a plain static server (tools/browser/static-site.ts),
 * as a streamer publishes it: `url` is the site's address without the trailing slash (http://127.0.0.1:port/handcast).
 */
export async function startStaticSiteServer(subPath: string): Promise<AppServer> {
  const outDir = await buildAppIntoTemporaryFolder();
  try {
    const site = await serveStaticSite(outDir, subPath);
    let closing: Promise<void> | null = null;
    return { url: site.url, outDir, close: () => (closing ??= site.close().finally(() => rmSync(outDir, { recursive: true, force: true }))) };
  } catch (error) {
    rmSync(outDir, { recursive: true, force: true });
    throw error;
  }
}
