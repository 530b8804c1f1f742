import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Creates `path` with `content` (mode 0600) unless it exists, so that the
 * name appears only with its whole content: written beside it, synced, then
 * hard-linked into place. Processes starting together agree on one file
 * (whoever links first wins; the others find it complete), and a crash never
 * leaves the name on an empty or half-written file. For the secrets generated
 * once into DATA_DIR: the JWT secret and the privacy master key.
 */
export function createFileOnce(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const aside = `${path}.${randomUUID()}.tmp`;
  const fd = openSync(aside, 'wx', 0o600);
  try {
    writeFileSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(aside, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(aside, { force: true });
  }
}
