import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const editorRoot = import.meta.dirname;
const repoRoot = resolve(editorRoot, '..');

// In development the editor runs on Vite's own server and sends /api to a running Ringback
// server, by default the one `ringback start` opens on PORT (8080).
const apiTarget = process.env.RINGBACK_EDITOR_API ?? `http://127.0.0.1:${process.env.PORT ?? 8080}`;

export default defineConfig({
  root: editorRoot,
  base: '/editor/',
  plugins: [react()],
  build: {
    outDir: resolve(editorRoot, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    host: '127.0.0.1',
    fs: { allow: [repoRoot] },
    proxy: { '/api': { target: apiTarget } },
  },
});
