/**
 * `npm run cli -- token` for real, as a child process: the printed token
 * verifies with the configured secret and carries what was asked for, and a
 * lifetime over the configured maximum is refused in one line.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveJwtSecret, TokenService } from '@sleutel/auth';
import { cliSync, CliResult } from '../../../../test/support/server-command';

const CLI_TIMEOUT_MS = 120_000;
const SECRET = 'token-command-test-secret-of-at-least-32-characters';

describe('npm run cli -- token', () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sleutel-token-cli-'));
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  function token(env: Record<string, string>, ...args: string[]): CliResult {
    return cliSync(['token', ...args], { env: { ...process.env, DATA_DIR: dataDir, AUTH_JWT_SECRET: SECRET, ...env }, timeout: CLI_TIMEOUT_MS });
  }
  const verifier = new TokenService({ secret: SECRET, clockSkewSeconds: 30, maxTokenTtlSeconds: 86_400 });
  const claims = (jwt: string): { iat: number; exp: number } => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));

  it('limits the token to the municipalities given', () => {
    const result = token({}, '--role', 'coordinator', '--sub', 'coord-utrecht', '--municipalities', 'GM0344,GM0363');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(verifier.verify(result.stdout.trim())).toEqual({ subject: 'coord-utrecht', roles: ['coordinator'], municipalities: ['GM0344', 'GM0363'] });
  }, CLI_TIMEOUT_MS);

  it('refuses a municipality code that is not a current CBS code, which no profile can have, in one line and prints no token', () => {
    for (const codes of ['GM9999', 'GM0344,GM0003', 'GM0344,']) {
      const result = token({}, '--role', 'intake', '--sub', 'intake-1', '--municipalities', codes);
      expect({ codes, status: result.status, stdout: result.stdout }).toEqual({ codes, status: 1, stdout: '' });
      expect(result.stderr).toMatch(/--municipalities .*not a current CBS municipality code/);
      expect(result.stderr).not.toMatch(/^ {4}at /m);
    }
    expect(token({}, '--role', 'intake', '--sub', 'intake-1', '--municipalities', 'GM0344, GM1966').status).toBe(0);
  }, CLI_TIMEOUT_MS);

  it('lives as long as --ttl says', () => {
    const result = token({}, '--role', 'intake', '--sub', 'intake-1', '--ttl', '1h');
    expect(result.status).toBe(0);
    const jwt = result.stdout.trim();
    expect(verifier.verify(jwt)).toEqual({ subject: 'intake-1', roles: ['intake'], municipalities: null });
    const { iat, exp } = claims(jwt);
    expect(exp - iat).toBe(3600);
  }, CLI_TIMEOUT_MS);

  it('refuses a --ttl over the configured maximum in one line naming both, without a stack trace', () => {
    const result = token({ AUTH_MAX_TOKEN_TTL_SECONDS: '86400' }, '--role', 'intake', '--sub', 'intake-1', '--ttl', '7d');
    expect(result.status).not.toBe(0);
    expect(result.stdout).toBe('');
    const lines = result.stderr.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('--ttl');
    expect(lines[0]).toContain('86400');
    expect(lines[0]).toContain('AUTH_MAX_TOKEN_TTL_SECONDS');
    expect(result.stderr).not.toMatch(/^ {4}at /m);
  }, CLI_TIMEOUT_MS);

  it('refuses the default lifetime over a shorter configured maximum in one line that names no --ttl it was not given', () => {
    // An API run with AUTH_MAX_TOKEN_TTL_SECONDS=120 refuses an hour's token with a bare 401; the CLI, given the same, says so.
    const result = token({ AUTH_MAX_TOKEN_TTL_SECONDS: '120' }, '--role', 'intake', '--sub', 'intake-1');
    expect(result.status).not.toBe(0);
    expect(result.stdout).toBe('');
    const lines = result.stderr.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('default lifetime of 1 h');
    expect(lines[0]).toContain('120s (AUTH_MAX_TOKEN_TTL_SECONDS)');
    expect(lines[0]).toContain('pass a shorter --ttl');
    expect(lines[0]).not.toContain('--ttl of');
  }, CLI_TIMEOUT_MS);

  it('issues a token with a --ttl within a configured maximum shorter than the default', () => {
    const result = token({ AUTH_MAX_TOKEN_TTL_SECONDS: '120' }, '--role', 'intake', '--sub', 'intake-1', '--ttl', '120s');
    expect(result.status).toBe(0);
    const { iat, exp } = claims(result.stdout.trim());
    expect(exp - iat).toBe(120);
  }, CLI_TIMEOUT_MS);

  it('issues a --ttl of 7d where the configured maximum allows it', () => {
    const result = token({ AUTH_MAX_TOKEN_TTL_SECONDS: String(7 * 86_400) }, '--role', 'intake', '--sub', 'intake-1', '--ttl', '7d');
    expect(result.status).toBe(0);
    const { iat, exp } = claims(result.stdout.trim());
    expect(exp - iat).toBe(7 * 86_400);
  }, CLI_TIMEOUT_MS);

  it('refuses an empty --sub or one over 200 characters, which the API would refuse, in one line and prints no token', () => {
    for (const sub of ['', '   ', 'x'.repeat(201)]) {
      const result = token({}, '--role', 'intake', '--sub', sub);
      expect({ sub, status: result.status, stdout: result.stdout }).toEqual({ sub, status: 1, stdout: '' });
      expect(result.stderr).toContain('--sub');
      expect(result.stderr).not.toMatch(/^ {4}at /m);
    }
    const longest = token({}, '--role', 'intake', '--sub', 'x'.repeat(200));
    expect(verifier.verify(longest.stdout.trim()).subject).toBe('x'.repeat(200));
  }, CLI_TIMEOUT_MS);

  it('prints no token for a DATA_DIR no API has made a secret in, rather than sign with a new one no API accepts', () => {
    const elsewhere = join(dataDir, 'no-api-here');
    const result = token({ AUTH_JWT_SECRET: '', DATA_DIR: elsewhere }, '--role', 'intake', '--sub', 'intake-1');
    expect({ status: result.status, stdout: result.stdout }).toEqual({ status: 1, stdout: '' });
    const lines = result.stderr.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(elsewhere);
    expect(lines[0]).toContain('AUTH_JWT_SECRET');
    expect(existsSync(elsewhere)).toBe(false);
  }, CLI_TIMEOUT_MS);

  it('signs with the secret an API generated into DATA_DIR', () => {
    const served = mkdtempSync(join(tmpdir(), 'sleutel-token-served-'));
    try {
      const secret = resolveJwtSecret(null, served); // as the API does at its first start
      const result = token({ AUTH_JWT_SECRET: '', DATA_DIR: served }, '--role', 'intake', '--sub', 'intake-1');
      expect(result.status).toBe(0);
      const claimsOf = new TokenService({ secret, clockSkewSeconds: 30, maxTokenTtlSeconds: 86_400 }).verify(result.stdout.trim());
      expect(claimsOf.subject).toBe('intake-1');
      expect(readdirSync(served)).toEqual(['auth-jwt-secret']);
    } finally {
      rmSync(served, { recursive: true, force: true });
    }
  }, CLI_TIMEOUT_MS);
});
