import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { consoleDirectory } from '../../apps/api/src/console/console.module';

const ROOT = join(__dirname, '..', '..');

/**
 * The console bundle the API serves. `npm test` builds it first (`pretest`);
 * a spec run on its own builds it here when it is missing. Two Jest workers
 * may get here at once: a lock directory lets one build while the other waits.
 */
export function ensureConsoleBuilt(): string {
  const directory = consoleDirectory();
  const index = join(directory, 'index.html');
  if (existsSync(index)) return directory;
  const lock = join(ROOT, 'dist', '.web-build.lock');
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than two minutes belongs to a build that died.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error('timed out waiting for another web console build');
      execFileSync('sleep', ['0.5']);
    }
  }
  try {
    if (!existsSync(index)) execFileSync('npm', ['run', 'build:web'], { cwd: ROOT, stdio: 'inherit' });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  return directory;
}
