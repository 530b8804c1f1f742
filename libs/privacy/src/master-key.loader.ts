import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createFileOnce } from '@sleutel/config';
import { KEY_BYTES, MasterKey } from './master-key';
import { InvalidMasterKeyError } from './privacy.errors';

/** Where the embedded default keeps a generated master key, in DATA_DIR. */
export const MASTER_KEY_FILE = 'privacy-master-key';

/** The configuration variable the platform reads the master key from; named in error messages. */
export const MASTER_KEY_VARIABLE = 'PRIVACY_MASTER_KEY';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Parses a master key: 32 bytes in base64 (standard or URL-safe alphabet),
 * e.g. from `openssl rand -base64 32`. The message names where the value came
 * from and what is wrong with it, never the value.
 */
export function parseMasterKey(text: string, source: string = MASTER_KEY_VARIABLE): MasterKey {
  const trimmed = text.trim();
  const hint = `${source} must be ${KEY_BYTES} random bytes in base64 (44 characters, e.g. from \`openssl rand -base64 32\`)`;
  if (!BASE64.test(trimmed) && !BASE64URL.test(trimmed)) throw new InvalidMasterKeyError(`${hint}; it is not base64`);
  const bytes = Buffer.from(trimmed, BASE64.test(trimmed) ? 'base64' : 'base64url');
  if (bytes.length !== KEY_BYTES) throw new InvalidMasterKeyError(`${hint}; it decodes to ${bytes.length} bytes`);
  return MasterKey.fromBytes(bytes);
}

/**
 * The master key: from configuration, or, for the embedded default, generated
 * once into DATA_DIR (mode 0600), as the JWT secret is. The file appears
 * atomically with its whole content (written aside, then hard-linked into
 * place), so processes starting together agree on one key and none reads a
 * half-written file.
 *
 * A key in DATA_DIR beside the key store protects copies of the event log
 * (exports, backups of the log alone) and makes erasure final, but not a copy
 * of the whole DATA_DIR: production configures the key from a secret store.
 */
export function resolveMasterKey(configured: string | null | undefined, dataDir: string): MasterKey {
  if (configured !== null && configured !== undefined && configured.trim() !== '') return parseMasterKey(configured);
  const path = join(dataDir, MASTER_KEY_FILE);
  if (!existsSync(path)) createFileOnce(path, `${randomBytes(KEY_BYTES).toString('base64')}\n`);
  chmodSync(path, 0o600);
  return parseMasterKey(readFileSync(path, 'utf8'), path);
}
