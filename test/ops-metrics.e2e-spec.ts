import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { matchStream, ProposeMatch } from '@sleutel/domain';
import { CommandRunner } from '@sleutel/eventsourcing';
import { matchAggregate } from '@sleutel/platform';
import { PROPOSALS_OPENED_PER_SCRAPE, PROPOSALS_READ_PER_SCRAPE } from '../apps/api/src/ops/metrics/log-metrics';
import { ApiProcess } from './support/api-process';
import { keyPersonBody, newcomerBody } from './support/bodies';
import { eventually } from './support/eventually';
import { startTestApp, TestApp } from './support/test-app';

/**
 * `GET /metrics` (issue 7): Prometheus text for admins or the static
 * METRICS_TOKEN, with request latency by route template, the matcher queue,
 * proposals by origin, subscription lag and replay progress — and never an
 * id, a URL or a personal value in a label.
 */
const METRICS_TOKEN = `metrics-${'k'.repeat(40)}`;
const evenings = { slots: [{ day: 'tue', start: '18:00', end: '21:00' }] };
const anyone = { keyPersonGender: 'any', genderRequired: false, sameOrigin: 'no-preference', remoteOk: false };
const tigrinyaKeyPerson = { languages: [{ code: 'tir', level: 'native' }], expertise: ['health', 'housing'], capacity: 2, availability: evenings };
const tigrinyaNewcomer = { languages: [{ code: 'tir', level: 'native' }], needs: [{ topic: 'health', priority: 1 }], availability: evenings, preferences: anyone };

/** One sample's value from the exposition, e.g. `sample(text, 'sleutel_proposals_total', { origin: 'cohort' })`. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match === null || match[1] !== name) continue;
    const present = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => present[key] === value)) return Number(match[3]);
  }
  return undefined;
}

describe('GET /metrics', () => {
  let t: TestApp;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const scrape = async (): Promise<string> => (await t.http.get('/metrics').set(as(t.token('admin'))).expect(200)).text;

  beforeAll(async () => {
    t = await startTestApp({ matcher: true, env: { METRICS_TOKEN } });
  });
  afterAll(() => t.close());

  describe('who may read it', () => {
    it('refuses no token with 401 problem+json and a Bearer challenge, and a forged one with 401', async () => {
      const none = await t.http.get('/metrics').expect(401);
      expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
      await t.http.get('/metrics').set(as(`${t.token('admin').slice(0, -4)}AAAA`)).expect(401);
      await t.http.get('/metrics').set(as(`${METRICS_TOKEN}x`)).expect(401);
    });

    it('refuses every role but admin with 403', async () => {
      for (const role of ['intake', 'coordinator', 'auditor'] as const) await t.http.get('/metrics').set(as(t.token(role))).expect(403);
    });

    it('answers an admin token and the static METRICS_TOKEN with the Prometheus text format', async () => {
      const admin = await t.http.get('/metrics').set(as(t.token('admin'))).expect(200);
      expect(admin.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(admin.headers['cache-control']).toBe('no-store');
      const prometheus = await t.http.get('/metrics').set(as(METRICS_TOKEN)).expect(200);
      expect(prometheus.text).toContain('# TYPE http_request_duration_seconds histogram');
      expect(prometheus.text).toContain('# TYPE process_cpu_seconds_total counter');
    });

    it('takes the bearer scheme in any case (RFC 9110 §11.1)', async () => {
      await t.http.get('/metrics').set('Authorization', `bearer ${t.token('admin')}`).expect(200);
      await t.http.get('/metrics').set('Authorization', `BEARER ${METRICS_TOKEN}`).expect(200);
    });

    it('is outside /api/v1', async () => {
      await t.http.get('/api/v1/metrics').set(as(t.token('admin'))).expect(404);
    });
  });

  describe('series', () => {
    it('times requests by route template, never by URL, and carries no id or personal value', async () => {
      const someone = randomUUID();
      const distinctive = `Zerihun Ops${process.pid}x`;
      const intake = t.token('intake');
      await t.http.get(`/api/v1/newcomers/${someone}?municipality=GM0344`).set(as(intake)).expect(404);
      const created = await t.http.post('/api/v1/newcomers').set(as(intake)).send(newcomerBody({ displayName: distinctive, notes: `notes of ${distinctive}` })).expect(201);
      await t.http.get(`/api/v1/newcomers/${created.body.id}`).set(as(intake)).expect(200);
      await t.http.get('/api/v1/no/such/route').expect(404);
      // A page of the web console is counted as the console, not by its URL.
      await t.http.get(`/intake/newcomers/${created.body.id}`).expect(200);

      const text = await scrape();
      expect(sample(text, 'http_request_duration_seconds_count', { method: 'GET', route: '/api/v1/newcomers/:id', status_code: '404' })).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'http_request_duration_seconds_count', { method: 'GET', route: '/api/v1/newcomers/:id', status_code: '200' })).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'http_request_duration_seconds_count', { method: 'POST', route: '/api/v1/newcomers', status_code: '201' })).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'http_request_duration_seconds_count', { method: 'GET', route: 'unmatched', status_code: '404' })).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'http_request_duration_seconds_count', { method: 'GET', route: '/ (console)', status_code: '200' })).toBeGreaterThanOrEqual(1);
      for (const leak of [someone, created.body.id, distinctive, 'GM0344', '/no/such/route', '/intake/', 'municipality=']) expect({ leak, found: text.includes(leak) }).toEqual({ leak, found: false });
    });

    it('counts proposals made on demand, times the jobs by name, shows queue depth and each subscriber\'s lag', async () => {
      const coordinator = t.token('coordinator');
      const before = sample(await scrape(), 'sleutel_proposals_total', { origin: 'on-demand' }) ?? 0;
      await t.http.post('/api/v1/key-persons').set(as(coordinator)).send(keyPersonBody(tigrinyaKeyPerson)).expect(201);
      const newcomer = (await t.http.post('/api/v1/newcomers').set(as(t.token('intake'))).send(newcomerBody(tigrinyaNewcomer)).expect(201)).body.id as string;
      await eventually(async () => {
        const matches = (await t.http.get(`/api/v1/matches?newcomerId=${newcomer}`).set(as(coordinator)).expect(200)).body.items as { status: string }[];
        return matches.some((match) => match.status === 'proposed');
      }, { what: 'a proposal' });

      const text = await eventually(async () => {
        const scraped = await scrape();
        return (sample(scraped, 'sleutel_proposals_total', { origin: 'on-demand' }) ?? 0) > before && scraped;
      }, { what: 'the proposal to be counted' });
      expect(sample(text, 'sleutel_proposals_total', { origin: 'cohort' })).toBe(0);
      expect(sample(text, 'sleutel_job_duration_seconds_count', { job: 'match-request', outcome: 'completed' })).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'sleutel_job_wait_seconds_count', { job: 'match-request' })).toBeGreaterThanOrEqual(1);
      for (const state of ['waiting', 'active', 'delayed', 'completed', 'failed']) expect(sample(text, 'sleutel_queue_jobs', { state })).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'sleutel_queue_jobs', { state: 'completed' })).toBeGreaterThanOrEqual(1);
      for (const subscriber of ['projections', 'match-request-relay', 'candidate-pool']) {
        expect({ subscriber, lag: sample(text, 'sleutel_subscription_lag_events', { subscriber }) }).toEqual({ subscriber, lag: expect.any(Number) });
      }
      // Proposals are counted once, however often Prometheus scrapes.
      const counted = sample(text, 'sleutel_proposals_total', { origin: 'on-demand' });
      expect(sample(await scrape(), 'sleutel_proposals_total', { origin: 'on-demand' })).toBe(counted);
      expect(text).not.toContain(newcomer);
    });

    it('says rate limits are counted in this process when there is no Redis', async () => {
      expect(sample(await scrape(), 'sleutel_rate_limit_shared')).toBe(0);
    });

    it('shows a replay\'s progress', async () => {
      expect(sample(await scrape(), 'sleutel_replay_running')).toBeDefined();
      await t.http.post('/api/v1/audit/replays').set(as(t.token('auditor'))).send({}).expect(202);
      await eventually(async () => {
        const text = await scrape();
        return sample(text, 'sleutel_replay_progress') === 1 && sample(text, 'sleutel_replay_running') === 0;
      }, { what: 'the replay to finish' });
    });
  });
});

describe('GET /metrics in cohort mode', () => {
  let t: TestApp;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp({ matcher: true, env: { MATCHING_MODE: 'cohort' } });
  });
  afterAll(() => t.close());

  it('counts a cohort run\'s proposals under origin="cohort"', async () => {
    const coordinator = t.token('coordinator');
    await t.http.post('/api/v1/key-persons').set(as(coordinator)).send(keyPersonBody(tigrinyaKeyPerson)).expect(201);
    await t.http.post('/api/v1/newcomers').set(as(t.token('intake'))).send(newcomerBody(tigrinyaNewcomer)).expect(201);
    const run = (await t.http.post('/api/v1/cohort-runs').set(as(coordinator)).send({}).expect(202)).body.id as string;
    const finished = await eventually(async () => {
      const state = (await t.http.get(`/api/v1/cohort-runs/${run}`).set(as(coordinator)).expect(200)).body as { status: string };
      return state.status !== 'running' && state;
    }, { what: 'the cohort run', timeoutMs: 20_000 });
    expect(finished).toMatchObject({ status: 'done' });
    const text = await eventually(async () => {
      const scraped = (await t.http.get('/metrics').set(as(t.token('admin'))).expect(200)).text;
      return sample(scraped, 'sleutel_proposals_total', { origin: 'cohort' }) === 1 && scraped;
    }, { what: 'the cohort proposal to be counted', timeoutMs: 10_000 });
    expect(sample(text, 'sleutel_proposals_total', { origin: 'on-demand' })).toBe(0);
    expect(sample(text, 'sleutel_job_duration_seconds_count', { job: 'cohort-run', outcome: 'completed' })).toBeGreaterThanOrEqual(1);
  }, 45_000);
});

/**
 * A proposal's origin: a cohort run's proposal names its run in clear since
 * 2026-12-01, and before only in its explanation, which is sealed under the
 * newcomer's key and the key person's: after either erasure the origin of
 * such a proposal cannot be read, and counts as `unknown`. From schema
 * version 2 a proposal without the run in clear was made on demand: it is
 * not opened. Those of version 1 are, at most `PROPOSALS_OPENED_PER_SCRAPE`
 * a scrape; and a scrape reads at most `PROPOSALS_READ_PER_SCRAPE`.
 */
describe('GET /metrics: the origin of proposals', () => {
  let t: TestApp;
  let runner: CommandRunner;
  const admin = () => ({ Authorization: `Bearer ${t.token('admin')}` });
  const scrape = async (): Promise<Record<string, number>> => {
    const text = (await t.http.get('/metrics').set(admin()).expect(200)).text;
    return Object.fromEntries(['on-demand', 'cohort', 'unknown'].map((origin) => [origin, sample(text, 'sleutel_proposals_total', { origin }) ?? 0]));
  };
  const counted = (before: Record<string, number>, after: Record<string, number>) =>
    Object.fromEntries(Object.keys(after).map((origin) => [origin, after[origin] - before[origin]]));
  const register = async () => ({
    newcomerId: (await t.http.post('/api/v1/newcomers').set({ Authorization: `Bearer ${t.token('intake')}` }).send(newcomerBody()).expect(201)).body.id as string,
    keyPersonId: (await t.http.post('/api/v1/key-persons').set({ Authorization: `Bearer ${t.token('coordinator')}` }).send(keyPersonBody()).expect(201)).body.id as string,
  });
  /**
   * A proposal as the matcher records it, the run named in clear, in the explanation, both or neither, stamped with
   * schema version `version` (1: as recorded until this release).
   */
  const propose = async (pair: { newcomerId: string; keyPersonId: string }, version: 1 | 2, run: { inClear?: string; inExplanation?: string } = {}) => {
    const matchId = randomUUID();
    const aggregate = { ...matchAggregate, schemaVersions: { ...matchAggregate.schemaVersions, MatchProposed: version } };
    await runner.run(aggregate, matchStream(matchId), (_, at): ProposeMatch[] => [{
      type: 'ProposeMatch',
      data: {
        matchId, ...pair, at, score: 0.5, policyVersion: 1, logPosition: 1, expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        explanation: { score: 0.5, ...(run.inExplanation ? { cohortRunId: run.inExplanation } : {}) }, ...(run.inClear ? { cohortRunId: run.inClear } : {}),
      },
    }], { actor: { id: 'matcher', role: 'system' }, source: 'worker', correlationId: matchId, causationId: matchId, commandId: matchId });
  };
  const erase = (subjectType: 'newcomer' | 'key-person', subjectId: string) =>
    t.http.post('/api/v1/erasures').set(admin()).send({ subjectType, subjectId }).expect(200);

  beforeAll(async () => {
    t = await startTestApp();
    runner = t.app.get(CommandRunner);
  });
  afterAll(() => t.close());

  it('counts a proposal of version 1 whose explanation an erasure took before the scrape as unknown, unless it names its run in clear', async () => {
    const before = await scrape();
    const [newcomerErased, keyPersonErased, kept] = [await register(), await register(), await register()];
    const runId = randomUUID();
    for (const pair of [newcomerErased, keyPersonErased, kept]) {
      await propose(pair, 1);
      await propose(pair, 1, { inExplanation: runId });
      await propose(pair, 1, { inClear: runId, inExplanation: runId });
    }
    await erase('newcomer', newcomerErased.newcomerId);
    await erase('key-person', keyPersonErased.keyPersonId);
    expect(counted(before, await scrape())).toEqual({ 'on-demand': 1, cohort: 4, unknown: 4 });
  });

  it('counts a proposal of version 2 by what it holds in clear, without opening it: after either erasure still on demand or the run\'s', async () => {
    const before = await scrape();
    const [newcomerErased, keyPersonErased] = [await register(), await register()];
    const runId = randomUUID();
    for (const pair of [newcomerErased, keyPersonErased]) {
      await propose(pair, 2);
      await propose(pair, 2, { inClear: runId, inExplanation: runId });
    }
    await erase('newcomer', newcomerErased.newcomerId);
    await erase('key-person', keyPersonErased.keyPersonId);
    expect(counted(before, await scrape())).toEqual({ 'on-demand': 2, cohort: 2, unknown: 0 });
  });

  it(`opens at most ${PROPOSALS_OPENED_PER_SCRAPE} proposals of version 1 a scrape and counts the rest at the next`, async () => {
    const pair = await register();
    const before = await scrape();
    for (let index = 0; index < 10; index++) await propose(pair, 2);
    let left = PROPOSALS_OPENED_PER_SCRAPE + 5;
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (left-- > 0) await propose(pair, 1);
    }));
    // The ten of version 2 first, then as many of version 1 as may be opened; the five left at the next scrape.
    expect(counted(before, await scrape())).toEqual({ 'on-demand': 10 + PROPOSALS_OPENED_PER_SCRAPE, cohort: 0, unknown: 0 });
    expect(counted(before, await scrape())).toEqual({ 'on-demand': 10 + PROPOSALS_OPENED_PER_SCRAPE + 5, cohort: 0, unknown: 0 });
  }, 60_000);

  it(`reads at most ${PROPOSALS_READ_PER_SCRAPE} proposals a scrape and counts the rest at the next`, async () => {
    const pair = await register();
    const before = await scrape();
    let left = PROPOSALS_READ_PER_SCRAPE + 7;
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (left-- > 0) await propose(pair, 2);
    }));
    expect(counted(before, await scrape())).toEqual({ 'on-demand': PROPOSALS_READ_PER_SCRAPE, cohort: 0, unknown: 0 });
    expect(counted(before, await scrape())).toEqual({ 'on-demand': PROPOSALS_READ_PER_SCRAPE + 7, cohort: 0, unknown: 0 });
  }, 120_000);
});

/**
 * The JSON log of `npm start`: probes and scrapes come every few seconds and
 * are not logged while they succeed; one that fails is, like any request —
 * a 401 is Prometheus sending the wrong token, which its operator must see.
 */
describe('probes and scrapes in the JSON log', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sleutel-quiet-paths-'));
  let api: ApiProcess | null = null;
  afterAll(async () => {
    await api?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('leaves out those that succeed and logs those that fail', async () => {
    api = await ApiProcess.start('quiet-paths', { DATA_DIR: dataDir, METRICS_TOKEN, LOG_LEVEL: 'info', MATCHER_IN_PROCESS: 'false' });
    expect((await api.request('GET', '/health/live')).status).toBe(200);
    expect((await api.request('GET', '/health/ready')).status).toBe(200);
    expect((await api.request('GET', '/metrics', { token: METRICS_TOKEN })).status).toBe(200);
    expect((await api.request('GET', '/metrics', { token: `${METRICS_TOKEN}x` })).status).toBe(401);
    expect((await api.request('GET', '/metrics')).status).toBe(401);
    // Stopped, so that every line is written.
    await api.kill('SIGTERM');

    const requestLines = api.output.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { route?: string; res?: { statusCode: number } })
      .filter((line) => line.res !== undefined)
      .map((line) => `${line.route} ${line.res!.statusCode}`);
    expect(requestLines).toEqual(['/metrics 401', '/metrics 401']);
  }, 90_000);
});
