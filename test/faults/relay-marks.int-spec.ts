import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { newcomerStream } from '@sleutel/domain';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { newcomerBody } from '../support/bodies';
import { eventually } from '../support/eventually';
import { bearer } from '../support/people';
import { deleteRedisKeys, sharedInstallationEnv, TEST_REDIS_URL } from '../support/replicas';
import { startTestApp, TestApp } from '../support/test-app';

/** How many match requests this process has run to completion, from its own `GET /metrics`. */
async function matchRequestsRun(t: TestApp): Promise<number> {
  const text = (await t.http.get('/metrics').set(bearer(t.token('admin'))).expect(200)).text;
  const line = /^sleutel_job_duration_seconds_count\{job="match-request",outcome="completed"\} (\d+)$/m.exec(text);
  return line === null ? 0 : Number(line[1]);
}

/**
 * A matcher worker started on an empty disk (a recreated container, one more
 * of `--scale matcher=N`) beside a log other workers have long followed: its
 * relay resumes from the mark kept with the jobs in Redis, not from the start
 * of the log. From the start, once BullMQ had forgotten the ids of finished
 * jobs (it keeps 100,000), it added and ran the whole history again: a probe
 * saw 130,000 extra jobs and new intake answered after 19 s instead of 0.5 s.
 */
describe('a matcher worker started on an empty disk, with BullMQ', () => {
  const { dir, env: shared } = sharedInstallationEnv();
  const env = { ...shared, REDIS_URL: TEST_REDIS_URL, MATCHER_QUEUE: `test-${randomUUID()}` };
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const app of apps.reverse()) await app.close();
    rmSync(dir, { recursive: true, force: true });
    await deleteRedisKeys(`bull:${env.MATCHER_QUEUE}:`);
  });

  const register = async (t: TestApp): Promise<string> =>
    (await t.http.post('/api/v1/newcomers').set(bearer(t.token('intake'))).send(newcomerBody()).expect(201)).body.id;
  const answered = (t: TestApp, id: string) =>
    eventually(async () => (await t.store.readStream(newcomerStream(id))).some((event) => event.type === 'NewcomerMatchingDeferred'), { what: `an answer for ${id}` });

  it('resumes where the others are instead of adding and running the history again', async () => {
    const first = await startTestApp({ matcher: true, env });
    apps.push(first);
    const earlier = [await register(first), await register(first), await register(first)];
    for (const id of earlier) await answered(first, id);
    await first.stop();

    // BullMQ forgets finished jobs' ids after its retention; here at once.
    const queue = new Queue(env.MATCHER_QUEUE, { connection: { url: TEST_REDIS_URL } });
    const redis = new Redis(TEST_REDIS_URL);
    try {
      expect(Number(await redis.hget(`bull:${env.MATCHER_QUEUE}:marks`, 'relay:matcher-jobs'))).toBeGreaterThan(0);
      await queue.clean(0, 10_000, 'completed');
    } finally {
      await queue.close();
      redis.disconnect();
    }

    // Its own DATA_DIR (no read models, no checkpoint), the same log and queue.
    const second = await startTestApp({ matcher: true, env });
    apps.push(second);
    const later = await register(second);
    await answered(second, later);
    // Jobs the relay had added for older events would have run before or beside this one.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await matchRequestsRun(second)).toBe(1);
  });

  it('reads a new log from its start when the queue kept the mark of another (the event store replaced, Redis kept)', async () => {
    const queueName = `test-${randomUUID()}`;
    const fresh = sharedInstallationEnv();
    const redis = new Redis(TEST_REDIS_URL);
    try {
      // The mark an earlier installation's relay left at position 5,000 of its log.
      await redis.hset(`bull:${queueName}:marks`, 'relay:matcher-jobs', '5000');
      const t = await startTestApp({ matcher: true, env: { ...fresh.env, REDIS_URL: TEST_REDIS_URL, MATCHER_QUEUE: queueName } });
      try {
        const id = await register(t);
        await answered(t, id);
        expect(Number(await redis.hget(`bull:${queueName}:marks`, 'relay:matcher-jobs'))).toBeLessThanOrEqual((await t.store.headPosition()) ?? 0);
      } finally {
        await t.close();
      }
    } finally {
      redis.disconnect();
      rmSync(fresh.dir, { recursive: true, force: true });
      await deleteRedisKeys(`bull:${queueName}:`);
    }
  });
});
