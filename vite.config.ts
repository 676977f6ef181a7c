// Vite: the React app, served from 127.0.0.1 only, with a strict Content-Security-Policy on every page.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { contentSecurityPolicyPlugin } from './tools/vite/content-security-policy.ts';
import { serveRawFolderPlugin } from './tools/vite/serve-raw.ts';
import { offlinePrecachePlugin } from './tools/vite/offline-precache.ts';

export default defineConfig({
  plugins: [react(), contentSecurityPolicyPlugin(), serveRawFolderPlugin('/mediapipe-wasm', 'public/mediapipe-wasm'), offlinePrecachePlugin()],
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    rollupOptions: { input: { main: 'index.html', overlay: 'overlay.html' } },
  },
});
