/**
 * Vite configuration of the web UI: root `src/web/`, built into `dist/web/` (served by the server at `/`
 * with SPA fallback). In development `/api` is proxied to the server on http://127.0.0.1:3000 (or
 * ZX_API_URL).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('./src/web'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: here('./dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // React is needed by every page: one long-lived chunk. antd and ECharts are left to the automatic
        // splitting so that each lazy page (and the lazy charts) loads only the parts it uses.
        codeSplitting: {
          groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler|cookie|set-cookie-parser)[\\/]/ }],
        },
      },
    },
  },
  server: {
    // Only /api/v1: the source folder src/web/api/ is served at /api/… in development.
    proxy: { '/api/v1': { target: process.env.ZX_API_URL ?? 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
