// Serves a folder of ready-made scripts as plain files in dev, ahead of Vite's module transforms.
import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.data': 'application/octet-stream',
};

/**
 * MediaPipe's module-worker loader does `import('/mediapipe-wasm/vision_wasm_module_internal.js')`; Vite's dev
 * server refuses module imports of files in public/, so this answers those URLs first, byte for byte.
 * (A production build copies public/ as is, where no such rule applies.)
 */
export function serveRawFolderPlugin(urlPrefix: string, folder: string): Plugin {
  return {
    name: 'handcast:serve-raw-folder',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = (req.url ?? '').split('?')[0];
        if (!url.startsWith(`${urlPrefix}/`)) return next();
        const name = path.basename(decodeURIComponent(url.slice(urlPrefix.length + 1)));
        const file = path.join(folder, name);
        const stat = statSync(file, { throwIfNoEntry: false });
        if (!stat?.isFile()) return next();
        res.setHeader('Content-Type', CONTENT_TYPES[path.extname(name)] ?? 'application/octet-stream');
        res.setHeader('Content-Length', String(stat.size));
        res.setHeader('Cache-Control', 'no-cache');
        createReadStream(file).pipe(res);
      });
    },
  };
}
