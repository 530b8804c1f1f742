import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenService } from '@sleutel/auth';

type Role = 'intake' | 'coordinator' | 'auditor' | 'admin';

/**
 * An installation of its own for a fault test's `npm start` processes: a
 * fresh DATA_DIR, the token secret the test signs with, rate limits off (one
 * client, one address), and whatever else the test sets. The caller removes
 * `dataDir` when done.
 */
export function faultInstallation(name: string, extraEnv: Record<string, string> = {}): {
  readonly dataDir: string;
  readonly env: Record<string, string>;
  readonly token: (role: Role, subject?: string) => string;
} {
  const dataDir = mkdtempSync(join(tmpdir(), `sleutel-fault-${name}-`));
  const secret = randomBytes(48).toString('base64');
  const tokens = new TokenService({ secret, clockSkewSeconds: 30, maxTokenTtlSeconds: 86_400 });
  return {
    dataDir,
    env: { DATA_DIR: dataDir, AUTH_JWT_SECRET: secret, RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_PER_IP_PER_MINUTE: '0', ...extraEnv },
    token: (role, subject = `fault-${role}`) => tokens.issue({ subject, roles: [role], ttlSeconds: 3_600 }),
  };
}
