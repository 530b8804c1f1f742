import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The console is a static bundle served by the API under `/` (apps/api/src/console).
 * `npm run build:web` writes it to dist/web; `npm run dev:web` serves it with
 * hot reload and forwards `/api` to an API on port 3000.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      onwarn(warning, warn) {
        // react-router marks its modules "use client" (for server components); meaningless in a browser bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
