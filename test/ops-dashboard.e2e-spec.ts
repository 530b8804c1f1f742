import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The BullMQ dashboard (@bull-board) at /queues (issue 7): there only when
 * BullMQ is in use, for admins only, read-only.
 */
describe('the queue dashboard with BullMQ', () => {
  let t: TestApp;
  const queueName = `test-${randomUUID()}`;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:6379', MATCHER_QUEUE: queueName } });
  });
  afterAll(async () => {
    await t.close();
    const redis = new Redis('redis://127.0.0.1:6379');
    const keys = await redis.keys(`bull:${queueName}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('refuses a request without a token (401, Bearer challenge) and a forged one (401)', async () => {
    const none = await t.http.get('/queues').expect(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
    await t.http.get('/queues/api/queues').set(as(`${t.token('admin').slice(0, -4)}AAAA`)).expect(401);
  });

  it('refuses every role but admin (403), on the page and on its API', async () => {
    for (const role of ['intake', 'coordinator', 'auditor'] as const) {
      await t.http.get('/queues').set(as(t.token(role))).expect(403);
      await t.http.get('/queues/api/queues').set(as(t.token(role))).expect(403);
    }
  });

  it('shows an admin the matcher queue, read-only', async () => {
    const page = await t.http.get('/queues').set(as(t.token('admin'))).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const api = await t.http.get('/queues/api/queues').set(as(t.token('admin'))).expect(200);
    const queues = (api.body as { queues: { name: string; readOnlyMode: boolean }[] }).queues;
    expect(queues.map((queue) => queue.name)).toEqual([queueName]);
    expect(queues[0].readOnlyMode).toBe(true);
  });

  it('takes the bearer scheme in any case (RFC 9110 §11.1)', async () => {
    await t.http.get('/queues/api/queues').set('Authorization', `bearer ${t.token('admin')}`).expect(200);
  });

  it('is outside /api/v1', async () => {
    await t.http.get('/api/v1/queues').set(as(t.token('admin'))).expect(404);
  });
});

describe('the queue dashboard without BullMQ', () => {
  it('is not there: the in-process queue has nothing to show', async () => {
    const t = await startTestApp();
    try {
      await t.http.get('/queues').set('Authorization', `Bearer ${t.token('admin')}`).expect(404);
    } finally {
      await t.close();
    }
  });
});
