// Serves a built site from a sub-path with node:http as a plain static host does (GitHub Pages): files and their types, no other headers.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.jsonl': 'application/jsonl',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
};

export interface StaticSite {
  /** The site's URL without the trailing slash, e.g. http://127.0.0.1:40123/handcast. */
  readonly url: string;
  close(): Promise<void>;
}

/** The file a request path names under `folder`, as GitHub Pages finds it (a folder's index.html, "/x" for "/x.html"), or null. */
export function staticFileFor(folder: string, subPath: string, requestPath: string): string | null {
  let relative: string;
  try {
    relative = decodeURIComponent(requestPath);
  } catch {
    return null;
  }
  if (!relative.startsWith(subPath)) return null;
  const file = path.join(folder, path.normalize(relative.slice(subPath.length)));
  if (file !== folder && !file.startsWith(folder + path.sep)) return null;
  const candidates = relative.endsWith('/') ? [path.join(file, 'index.html')] : [file, `${file}.html`];
  return candidates.find((candidate) => statSync(candidate, { throwIfNoEntry: false })?.isFile()) ?? null;
}

/**
 * Serves `folder` at http://127.0.0.1:<free port><subPath> ("/handcast/": the way a project site is served).
 * Deliberately plain: no Content-Security-Policy or isolation headers, which such hosts do not let a site set.
 */
export async function serveStaticSite(folder: string, subPath: string): Promise<StaticSite> {
  if (!subPath.startsWith('/') || !subPath.endsWith('/')) throw new Error(`serveStaticSite: "${subPath}" must start and end with "/"`);
  const root = path.resolve(folder);
  const server = createServer((request, response) => {
    const requestPath = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (`${requestPath}/` === subPath) {
      response.writeHead(301, { Location: subPath }).end();
      return;
    }
    const file = request.method === 'GET' || request.method === 'HEAD' ? staticFileFor(root, subPath, requestPath) : null;
    if (!file) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`${requestPath} is not on this site\n`);
      return;
    }
    response.writeHead(200, {
      'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Content-Length': String(statSync(file).size),
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('The static site server did not report a port.');
  return {
    url: `http://127.0.0.1:${address.port}${subPath.slice(0, -1)}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
