import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('gives the SPEC §8 defaults when the environment is empty', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe('./data');
    expect(config.eventStoreConnectionString).toBeNull();
    expect(config.redisUrl).toBeNull();
    expect(config.auth.jwtSecret).toBeNull();
    expect(config.matcher.inProcess).toBeNull();
  });

  it('reads booleans as true or false', () => {
    expect(loadConfig({ MATCHER_IN_PROCESS: 'false' }).matcher.inProcess).toBe(false);
    expect(loadConfig({ MATCHER_IN_PROCESS: 'true' }).matcher.inProcess).toBe(true);
  });

  it('takes overrides from the environment', () => {
    // Not /var/lib/sleutel: DATA_DIR must be creatable by whoever runs the tests.
    const dataDir = join(tmpdir(), 'sleutel-config-spec', 'data');
    const config = loadConfig({
      PORT: '8080', DATA_DIR: dataDir, REDIS_URL: 'redis://127.0.0.1:6379',
      EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false', SQLITE_POLL_INTERVAL_MS: '500',
    });
    expect(config).toMatchObject({
      port: 8080, dataDir, redisUrl: 'redis://127.0.0.1:6379',
      eventStoreConnectionString: 'esdb://localhost:2113?tls=false', sqlitePollIntervalMs: 500,
    });
    expect(loadConfig({}).sqlitePollIntervalMs).toBe(25);
  });

  it('retries a matcher job 5 runs from 1 s unless MATCHER_JOB_ATTEMPTS and MATCHER_JOB_BACKOFF_MS say otherwise', () => {
    expect(loadConfig({}).matcher).toMatchObject({ jobAttempts: 5, jobBackoffMs: 1000 });
    expect(loadConfig({ MATCHER_JOB_ATTEMPTS: '2', MATCHER_JOB_BACKOFF_MS: '0' }).matcher).toMatchObject({ jobAttempts: 2, jobBackoffMs: 0 });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ EVENTSTORE_CONNECTION_STRING: 'http://x' }, 'EVENTSTORE_CONNECTION_STRING'],
    [{ AUTH_JWT_SECRET: 'short' }, 'AUTH_JWT_SECRET'],
    [{ MATCHER_IN_PROCESS: 'yes' }, 'MATCHER_IN_PROCESS'],
    [{ MATCHER_CONCURRENCY: '0' }, 'MATCHER_CONCURRENCY'],
    [{ PROPOSAL_DEADLINE_SECONDS: '-5' }, 'PROPOSAL_DEADLINE_SECONDS'],
    [{ RATE_LIMIT_PER_MINUTE: '-1' }, 'RATE_LIMIT_PER_MINUTE'],
    [{ RATE_LIMIT_PER_IP_PER_MINUTE: 'lots' }, 'RATE_LIMIT_PER_IP_PER_MINUTE'],
    [{ CORS_ORIGINS: '*' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: 'https://console.example.nl/app' }, 'CORS_ORIGINS'],
    [{ HTTP_TRUST_PROXY_HOPS: '11' }, 'HTTP_TRUST_PROXY_HOPS'],
    [{ SQLITE_POLL_INTERVAL_MS: '0' }, 'SQLITE_POLL_INTERVAL_MS'],
    [{ SQLITE_POLL_INTERVAL_MS: '60001' }, 'SQLITE_POLL_INTERVAL_MS'],
    [{ MATCHER_JOB_ATTEMPTS: '0' }, 'MATCHER_JOB_ATTEMPTS'],
    [{ MATCHER_JOB_BACKOFF_MS: '-1' }, 'MATCHER_JOB_BACKOFF_MS'],
  ])('rejects %j naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigurationError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^[\\s\\S]*${variable}`));
  });

  it('keeps CORS closed and rate limits on unless told otherwise', () => {
    const config = loadConfig({});
    expect(config.http.corsOrigins).toEqual([]);
    expect(config.rateLimit.perMinute).toBeGreaterThan(0);
    expect(config.rateLimit.perIpPerMinute).toBeGreaterThanOrEqual(config.rateLimit.perMinute);
  });

  it('counts requests where REDIS_URL points unless RATE_LIMIT_STORE says otherwise, and refuses redis without it', () => {
    expect(loadConfig({}).rateLimit).toMatchObject({ store: null, redisPrefix: 'sleutel:rate-limit:' });
    expect(loadConfig({ RATE_LIMIT_STORE: 'memory', RATE_LIMIT_REDIS_PREFIX: 'gemeente-x:rl:' }).rateLimit).toMatchObject({ store: 'memory', redisPrefix: 'gemeente-x:rl:' });
    expect(() => loadConfig({ RATE_LIMIT_STORE: 'redis' })).toThrow('RATE_LIMIT_STORE (rateLimit.store): redis needs REDIS_URL');
    expect(() => loadConfig({ RATE_LIMIT_STORE: 'postgres' })).toThrow(/RATE_LIMIT_STORE \(rateLimit\.store\): must be one of/);
    expect(() => loadConfig({ RATE_LIMIT_REDIS_PREFIX: 'a b' })).toThrow(/RATE_LIMIT_REDIS_PREFIX/);
  });

  it('reads CORS_ORIGINS as a comma-separated list', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://console.example.nl, http://localhost:5173' }).http.corsOrigins)
      .toEqual(['https://console.example.nl', 'http://localhost:5173']);
  });

  it('says what is wrong in words a user can act on, one line per variable', () => {
    expect(() => loadConfig({ PORT: '70000', REDIS_URL: 'localhost' })).toThrow(
      'Invalid configuration:\n  - PORT (port): must not be greater than 65535\n  - REDIS_URL (redisUrl): must be a redis:// or rediss:// URL',
    );
  });

  describe('paths on disk (SPEC §8: validated at start-up, not by a stack trace from the first store that opens them)', () => {
    let directory: string;

    beforeEach(() => {
      directory = mkdtempSync(join(tmpdir(), 'sleutel-config-'));
    });

    afterEach(() => {
      chmodSync(directory, 0o700);
      rmSync(directory, { recursive: true, force: true });
    });

    const aFile = (): string => {
      const file = join(directory, 'passwd');
      writeFileSync(file, 'root:x:0:0::/root:/bin/sh\n');
      return file;
    };

    it('refuses a DATA_DIR that is a file, naming DATA_DIR and the value', () => {
      const file = aFile();
      expect(() => loadConfig({ DATA_DIR: file })).toThrow(ConfigurationError);
      expect(() => loadConfig({ DATA_DIR: file })).toThrow(`Invalid configuration:\n  - DATA_DIR (dataDir): ${JSON.stringify(file)} is not a directory`);
    });

    it('refuses a DATA_DIR that cannot be created because an ancestor is a file (which stops root too)', () => {
      const file = aFile();
      const dataDir = join(file, 'sleutel', 'data');
      expect(() => loadConfig({ DATA_DIR: dataDir })).toThrow(`DATA_DIR (dataDir): ${JSON.stringify(dataDir)} cannot be created: ${file} is not a directory`);
    });

    it('refuses a DATA_DIR that is a directory it cannot write to, or must be created in one (checked as nobody when the tests run as root)', () => {
      const readOnly = join(directory, 'read-only');
      mkdirSync(readOnly, { mode: 0o555 });
      chmodSync(directory, 0o755);
      expect(problemsOfUnprivileged({ DATA_DIR: readOnly })).toContain(`DATA_DIR (dataDir): ${JSON.stringify(readOnly)} is not writable`);
      const below = join(readOnly, 'data');
      expect(problemsOfUnprivileged({ DATA_DIR: below })).toContain(`DATA_DIR (dataDir): ${JSON.stringify(below)} cannot be created: ${readOnly} is not writable`);
    });

    it('accepts a DATA_DIR that does not exist yet but can be created, and leaves creating it to the stores', () => {
      const dataDir = join(directory, 'not', 'yet', 'there');
      expect(loadConfig({ DATA_DIR: dataDir }).dataDir).toBe(dataDir);
      expect(existsSync(join(directory, 'not'))).toBe(false);
      expect(loadConfig({ DATA_DIR: directory }).dataDir).toBe(directory);
    });

    it('reports a bad DATA_DIR beside the other bad values, one line each', () => {
      const file = aFile();
      expect(() => loadConfig({ PORT: '99999', DATA_DIR: file })).toThrow(
        `Invalid configuration:\n  - PORT (port): must not be greater than 65535\n  - DATA_DIR (dataDir): ${JSON.stringify(file)} is not a directory`,
      );
    });

    it('refuses SQLITE_EVENT_STORE_FILE and KEY_STORE_FILE that are directories or cannot be created, but only when that store is used', () => {
      const file = aFile();
      const under = join(file, 'keys.sqlite');
      expect(() => loadConfig({ SQLITE_EVENT_STORE_FILE: directory })).toThrow(`SQLITE_EVENT_STORE_FILE (sqliteEventStoreFile): ${JSON.stringify(directory)} is a directory, not a file`);
      expect(() => loadConfig({ KEY_STORE_FILE: under })).toThrow(`KEY_STORE_FILE (privacy.keyStoreFile): ${JSON.stringify(under)} cannot be created: ${file} is not a directory`);
      expect(loadConfig({ SQLITE_EVENT_STORE_FILE: join(directory, 'shared', 'events.sqlite'), KEY_STORE_FILE: file }).privacy.keyStoreFile).toBe(file);
      expect(() => loadConfig({ SQLITE_EVENT_STORE_FILE: directory, EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false' })).not.toThrow();
      expect(() => loadConfig({ KEY_STORE_FILE: under, KEY_STORE: 'redis', REDIS_URL: 'redis://127.0.0.1:6379' })).not.toThrow();
    });
  });

  describe('operations (issue 7)', () => {
    it('logs at info, gives shutdown 20 s, bounds readiness at 1000 events behind, and opens no extra port or metrics token by default', () => {
      expect(loadConfig({}).ops).toEqual({
        logLevel: 'info', shutdownTimeoutMs: 20_000, readyMaxLagEvents: 1000, metricsToken: null, matcherOpsPort: null, replayRedisPrefix: 'sleutel:replays:',
        anchorIntervalMs: 3_600_000,
      });
    });

    it('takes LOG_LEVEL, SHUTDOWN_TIMEOUT_MS, READY_MAX_LAG_EVENTS, METRICS_TOKEN, MATCHER_OPS_PORT, REPLAY_REDIS_PREFIX and AUDIT_ANCHOR_INTERVAL_MS', () => {
      const token = 'm'.repeat(40);
      const env = {
        LOG_LEVEL: 'debug', SHUTDOWN_TIMEOUT_MS: '5000', READY_MAX_LAG_EVENTS: '0', METRICS_TOKEN: token, MATCHER_OPS_PORT: '9464', REPLAY_REDIS_PREFIX: 'tenant-7:replays:',
        AUDIT_ANCHOR_INTERVAL_MS: '0',
      };
      expect(loadConfig(env).ops).toEqual({
        logLevel: 'debug', shutdownTimeoutMs: 5000, readyMaxLagEvents: 0, metricsToken: token, matcherOpsPort: 9464, replayRedisPrefix: 'tenant-7:replays:', anchorIntervalMs: 0,
      });
      expect(loadConfig({ AUDIT_ANCHOR_INTERVAL_MS: '60000' }).ops.anchorIntervalMs).toBe(60_000);
    });

    it.each([
      [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
      [{ SHUTDOWN_TIMEOUT_MS: '10' }, 'SHUTDOWN_TIMEOUT_MS'],
      [{ READY_MAX_LAG_EVENTS: '-1' }, 'READY_MAX_LAG_EVENTS'],
      [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN'],
      [{ METRICS_TOKEN: `${'x'.repeat(32)} with spaces` }, 'METRICS_TOKEN'],
      [{ MATCHER_OPS_PORT: '70000' }, 'MATCHER_OPS_PORT'],
      [{ REPLAY_REDIS_PREFIX: 'has spaces' }, 'REPLAY_REDIS_PREFIX'],
      [{ AUDIT_ANCHOR_INTERVAL_MS: '500' }, 'AUDIT_ANCHOR_INTERVAL_MS'],
      [{ AUDIT_ANCHOR_INTERVAL_MS: '-1' }, 'AUDIT_ANCHOR_INTERVAL_MS'],
    ])('rejects %j naming %s', (env, variable) => {
      expect(() => loadConfig(env)).toThrow(new RegExp(`^[\\s\\S]*${variable}`));
    });
  });
});

/**
 * The configuration errors `env` gives a process that permission bits apply
 * to: this one, or, when the tests run as root (whom they do not stop), a
 * child running as nobody.
 */
function problemsOfUnprivileged(env: NodeJS.ProcessEnv): string {
  if (process.getuid?.() !== 0) return messageOf(() => loadConfig(env));
  const script = 'try { require(process.argv[1]).loadConfig(JSON.parse(process.argv[2])); } catch (error) { process.stdout.write(error.message); }';
  const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script, join(__dirname, 'app-config.ts'), JSON.stringify(env)], {
    uid: 65534, gid: 65534, encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`the check as nobody failed: ${run.stderr}`);
  return run.stdout;
}

function messageOf(load: () => unknown): string {
  try {
    load();
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}
