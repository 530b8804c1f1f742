import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * How `npm start` (`api`) and `npm run start:matcher` (`matcher`) start the
 * compiled server: plain node on dist/, with the `@sleutel/*` aliases of
 * tsconfig.json resolved against dist/ by tsconfig-paths (TS_NODE_BASEURL).
 * Test and bench processes use the same command line without npm in
 * between, so the pid is the server's own and signals reach it.
 */
export function serverCommand(app: 'api' | 'matcher'): { readonly args: string[]; readonly env: Record<string, string> } {
  return {
    args: ['-r', 'tsconfig-paths/register', join(ROOT, 'dist', 'apps', app, 'src', 'main.js')],
    env: { TS_NODE_BASEURL: join(ROOT, 'dist') },
  };
}
