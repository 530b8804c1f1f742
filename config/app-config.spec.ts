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
    const config = loadConfig({
      PORT: '8080', DATA_DIR: '/var/lib/sleutel', REDIS_URL: 'redis://127.0.0.1:6379',
      EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false',
    });
    expect(config).toMatchObject({
      port: 8080, dataDir: '/var/lib/sleutel', redisUrl: 'redis://127.0.0.1:6379',
      eventStoreConnectionString: 'esdb://localhost:2113?tls=false',
    });
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
