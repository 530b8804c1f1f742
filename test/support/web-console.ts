import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { consoleDirectory } from '../../apps/api/src/console/console.module';

/**
 * The console bundle the API serves. Jest's global setup
 * (test/support/global-setup.js) builds it when missing or stale, before any
 * worker starts, so no two workers ever build it at once.
 */
export function ensureConsoleBuilt(): string {
  const directory = consoleDirectory();
  if (!existsSync(join(directory, 'index.html'))) {
    throw new Error(`The web console is not built in ${directory}: run the tests through Jest's global setup, or npm run build:web`);
  }
  return directory;
}
