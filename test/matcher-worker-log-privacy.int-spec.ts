import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { keyPersonBody, newcomerBody } from './support/bodies';
import { eventually } from './support/eventually';
import { MatcherWorkerProcess } from './support/matcher-worker-process';
import { sharedInstallationEnv, TEST_REDIS_URL } from './support/replicas';
import { startTestApp, TestApp } from './support/test-app';

/**
 * SPEC §7: what a matcher worker writes to its JSON log outlives any
 * erasure (logs are shipped off the machine and kept), so it must say no
 * more about a person than the log's clear fields do. A proposal withdrawn
 * because the pair no longer meets a hard constraint keeps that constraint
 * sealed in the match's closing reason, under both people's keys: a log
 * line naming it (`gender-required`, `same-origin-declined`,
 * `do-not-match`, …) beside the match id, which the clear log ties to the
 * newcomer's id, would keep the newcomer's preference readable for ever.
 */
describe('a matcher worker\'s log when a profile change breaks a proposed pair', () => {
  const queueName = `test-${randomUUID()}`;
  const installation = sharedInstallationEnv();
  const env = { ...installation.env, REDIS_URL: TEST_REDIS_URL, MATCHER_QUEUE: queueName };
  let t: TestApp;
  let worker: MatcherWorkerProcess;

  beforeAll(async () => {
    t = await startTestApp({ env, dataDir: join(installation.dir, 'api') });
    worker = new MatcherWorkerProcess('w', { ...env, DATA_DIR: join(installation.dir, 'worker') });
    await worker.ready(60_000);
  }, 90_000);

  afterAll(async () => {
    await worker?.kill('SIGTERM');
    await t?.close();
    const connection = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const inspector = new Queue(queueName, { connection });
    await inspector.obliterate({ force: true });
    await inspector.close();
    await connection.quit();
    rmSync(installation.dir, { recursive: true, force: true });
  });

  it('logs the withdrawal without naming the constraint, which stays sealed in the match', async () => {
    const as = (role: 'intake' | 'coordinator' | 'admin') => ({ Authorization: `Bearer ${t.token(role)}` });
    const evenings = { slots: [{ day: 'tue', start: '18:00', end: '21:00' }] };
    const prefers = (genderRequired: boolean) => ({ keyPersonGender: 'female', genderRequired, sameOrigin: 'no-preference', remoteOk: false });
    await t.http.post('/api/v1/key-persons').set(as('coordinator')).send(keyPersonBody({
      gender: 'male', languages: [{ code: 'tir', level: 'native' }], availability: evenings,
    })).expect(201);
    const newcomerId = (await t.http.post('/api/v1/newcomers').set(as('intake')).send(newcomerBody({
      languages: [{ code: 'tir', level: 'native' }], availability: evenings, preferences: prefers(false),
    })).expect(201)).body.id as string;
    const matchId = await eventually(async () => {
      const items = (await t.http.get(`/api/v1/matches?newcomerId=${newcomerId}`).set(as('coordinator')).expect(200)).body.items as { id: string }[];
      return items[0]?.id;
    }, { what: 'a proposal', timeoutMs: 30_000 });

    // She now requires a woman: the male key person's proposal no longer fits and the worker withdraws it.
    await t.http.patch(`/api/v1/newcomers/${newcomerId}`).set(as('intake')).set('If-Match', '"0"').send({ preferences: prefers(true) }).expect(200);
    const closing = await eventually(async () => {
      const match = (await t.http.get(`/api/v1/matches/${matchId}`).set(as('coordinator')).expect(200)).body;
      return match.status === 'withdrawn' && (match.closing as { reason: unknown });
    }, { what: 'the proposal to be withdrawn', timeoutMs: 30_000 });
    expect(closing.reason).toEqual(expect.stringContaining('gender-required'));
    const withdrawal = await eventually(async () => worker.tail(200).split('\n').find((line) => line.includes(`withdrew match ${matchId}`)), { what: 'the worker to log the withdrawal' });

    await t.http.post('/api/v1/erasures').set(as('admin')).send({ subjectType: 'newcomer', subjectId: newcomerId }).expect(200);
    const after = (await t.http.get(`/api/v1/matches/${matchId}`).set(as('coordinator')).expect(200)).body;
    expect(after).toMatchObject({ newcomerId, closing: { reason: { erased: true } } });
    // What the match no longer tells, the log must not tell either.
    expect(withdrawal).not.toContain('gender-required');
    expect(worker.tail(200).split('\n').filter((line) => line.includes('gender-required'))).toEqual([]);
  }, 120_000);
});
