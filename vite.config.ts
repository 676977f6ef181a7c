// Vite: the React app, served from 127.0.0.1 only, with a strict Content-Security-Policy on every page; built as a static site for any host.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { contentSecurityPolicyPlugin } from './tools/vite/content-security-policy.ts';
import { serveRawFolderPlugin } from './tools/vite/serve-raw.ts';
import { offlinePrecachePlugin } from './tools/vite/offline-precache.ts';
import { BUILT_SCRIPTS_FOLDER } from './src/util/app-url.ts';

export default defineConfig({
  // Relative: one build works from any static host, at its root or under a sub-path (https://someone.github.io/handcast/).
  // Code finds the app's files through src/util/app-url.ts, never through '/'.
  base: './',
  plugins: [react(), contentSecurityPolicyPlugin(), serveRawFolderPlugin('/mediapipe-wasm', 'public/mediapipe-wasm'), offlinePrecachePlugin()],
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // Every built script (page chunks and worker bundles) in one folder below the root: app-url.ts relies on it.
    assetsDir: BUILT_SCRIPTS_FOLDER,
    rollupOptions: { input: { main: 'index.html', overlay: 'overlay.html' } },
  },
});
