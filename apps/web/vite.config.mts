import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from 'vite';

/**
 * The console is a static bundle served by the API under `/` (apps/api/src/console).
 * `npm run build:web` writes it to dist/web; `npm run dev:web` serves it with
 * hot reload and forwards `/api` to an API on port 3000.
 */
const config = {
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
} satisfies UserConfig;

export default defineConfig(({ command }) => {
  // A build is for browsers in production, whoever runs it. Jest's global setup builds with NODE_ENV=test, which
  // gave React's and the JSX transform's development builds (937 kB instead of 597 kB, slower), and `npm start`
  // then served the bundle the tests had left, as it was not older than its sources.
  if (command === 'build') process.env.NODE_ENV = 'production';
  return config;
});
