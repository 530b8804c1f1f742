import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigurationError, createFileOnce, JWT_SECRET_MIN_LENGTH } from '@sleutel/config';

/** Where a generated secret is kept, in DATA_DIR. */
export const JWT_SECRET_FILE = 'auth-jwt-secret';

/**
 * The HS256 secret: from configuration, or generated once into DATA_DIR so that
 * the API and `cli token` agree without anyone choosing a secret (SPEC §8).
 * The file appears atomically with its whole content (written aside, synced,
 * then hard-linked into place), as the master key's does: processes starting
 * together agree on one secret, and none reads an empty or half-written one.
 */
export function resolveJwtSecret(configured: string | null, dataDir: string): string {
  if (configured) return configured;
  const path = join(dataDir, JWT_SECRET_FILE);
  if (!existsSync(path)) createFileOnce(path, `${randomBytes(48).toString('base64url')}\n`);
  chmodSync(path, 0o600);
  return checked(readFileSync(path, 'utf8').trim(), path);
}

/**
 * A file left empty or short (by a crash in an older version, or by hand) would
 * let anyone sign tokens with a guessable key: refuse it, as AUTH_JWT_SECRET
 * would be refused, naming the file but never its content.
 */
function checked(secret: string, path: string): string {
  if (secret.length >= JWT_SECRET_MIN_LENGTH) return secret;
  throw new ConfigurationError([
    `${path}: the generated JWT secret is ${secret.length} characters, but must be at least ${JWT_SECRET_MIN_LENGTH}; ` +
      'delete the file to have a new one generated (tokens signed with the old one stop working), or set AUTH_JWT_SECRET',
  ]);
}
