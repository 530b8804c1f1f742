import { Logger } from '@nestjs/common';
import { KeyStore } from '@sleutel/privacy';
import { EVENT_STORE, KEY_STORE, ReadSide } from '@sleutel/platform';
import { EventStore } from '@sleutel/event-store';
import { newcomerBody } from './support/bodies';
import { startTestApp, TestApp } from './support/test-app';
import { ShutdownDrain } from '../apps/api/src/ops/shutdown/shutdown-drain';
import { freePort } from './support/api-process';

/**
 * `GET /health/live` and `GET /health/ready` (issue 7, @nestjs/terminus):
 * open, and ready only while the event store, Redis (when configured) and
 * the key store answer, the read models are close enough to the log, and
 * the process is not shutting down.
 */
type Ready = { status: string; details: Record<string, { status: string } & Record<string, unknown>> };
type NotReady = { code: string; status: number; detail: string; checks: Ready['details'] };

describe('health probes on the embedded default', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { READY_MAX_LAG_EVENTS: '2' } });
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  it('live: 200 without a token', async () => {
    expect((await t.http.get('/health/live').expect(200)).body).toMatchObject({ status: 'ok' });
  });

  it('ready: 200 listing the event store, the key store, the read models and the shutdown state; no Redis when none is configured', async () => {
    const body = (await t.http.get('/health/ready').expect(200)).body as Ready;
    expect(body.status).toBe('ok');
    expect(Object.keys(body.details).sort()).toEqual(['eventStore', 'keyStore', 'projections', 'shutdown']);
    expect(body.details.keyStore).toMatchObject({ status: 'up', kind: 'sqlite' });
    expect(body.details.projections).toMatchObject({ status: 'up', eventsBehind: 0, maxLagEvents: 2 });
  });

  const notReady = async (): Promise<NotReady> => {
    const response = await t.http.get('/health/ready').expect(503);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['retry-after']).toBe('5');
    return response.body as NotReady;
  };

  it('ready: 503 HEALTH.NOT_READY naming the event store when it does not answer', async () => {
    jest.spyOn(t.app.get<EventStore>(EVENT_STORE), 'headPosition').mockRejectedValue(new Error('database is locked'));
    const body = await notReady();
    expect(body).toMatchObject({ code: 'HEALTH.NOT_READY', status: 503, detail: expect.stringContaining('eventStore') });
    expect(body.checks.eventStore).toEqual({ status: 'down', message: 'database is locked' });
    expect(body.checks.keyStore.status).toBe('up');
  });

  it('ready: 503 naming the key store when it does not answer', async () => {
    jest.spyOn(t.app.get<KeyStore>(KEY_STORE), 'get').mockRejectedValue(new Error('key store unavailable'));
    expect((await notReady()).checks.keyStore).toMatchObject({ status: 'down', message: 'key store unavailable' });
  });

  it('ready: 503 while the read models are more than READY_MAX_LAG_EVENTS behind the log, 200 once caught up', async () => {
    const intake = t.token('intake');
    for (let i = 0; i < 4; i++) await t.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${intake}`).send(newcomerBody()).expect(201);
    await t.http.get('/health/ready').expect(200);
    // As if the read models had handled nothing yet: four events behind, two allowed.
    jest.spyOn(t.app.get(ReadSide), 'position', 'get').mockReturnValue(null);
    const body = await notReady();
    expect(body.checks.projections).toMatchObject({ status: 'down', eventsBehind: 'more than 2', maxLagEvents: 2 });
    jest.restoreAllMocks();
    await t.http.get('/health/ready').expect(200);
  });

  it('ready: 503 once shutting down, and other requests refused with 503 SERVICE.SHUTTING_DOWN and Connection: close, changing nothing', async () => {
    const log = await t.logLength();
    const drain = t.app.get(ShutdownDrain);
    drain.begin();
    try {
      const probe = await t.http.get('/health/ready').expect(503);
      expect(probe.body.checks.shutdown).toEqual({ status: 'down', message: 'shutting down' });
      const refused = await t.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${t.token('intake')}`).send(newcomerBody()).expect(503);
      expect(refused.body).toMatchObject({ code: 'SERVICE.SHUTTING_DOWN', status: 503 });
      expect(refused.headers.connection).toBe('close');
      expect(refused.headers['retry-after']).toBe('1');
      expect(await t.logLength()).toBe(log);
    } finally {
      (drain as unknown as { draining: boolean }).draining = false;
    }
  });
});

describe('health probes with Redis configured', () => {
  it('checks Redis: up when it answers', async () => {
    const t = await startTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:6379' } });
    try {
      const body = (await t.http.get('/health/ready').expect(200)).body as Ready;
      expect(body.details.redis).toMatchObject({ status: 'up', roundTripMs: expect.any(Number) });
    } finally {
      await t.close();
    }
  });

  it('checks Redis: not ready when nobody answers at REDIS_URL, without leaking the URL', async () => {
    // The outage is logged once as a warning, expected here.
    const warnings = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const port = await freePort();
    const t = await startTestApp({ env: { REDIS_URL: `redis://:s3cret-password@127.0.0.1:${port}` } });
    try {
      const response = await t.http.get('/health/ready').expect(503);
      expect(response.body.checks.redis.status).toBe('down');
      expect(response.body.checks.eventStore.status).toBe('up');
      expect(response.text).not.toContain('s3cret-password');
      expect(warnings.mock.calls.flat().join(' ')).not.toContain('s3cret-password');
    } finally {
      await t.close();
      warnings.mockRestore();
    }
  });
});
