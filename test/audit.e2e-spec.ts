import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { newcomerStream } from '@sleutel/domain';
import { Redis } from 'ioredis';
import { ReadSide } from '@sleutel/platform';
import { keyPersonBody, newcomerBody } from './support/bodies';
import { eventually } from './support/eventually';
import { deleteRedisKeys, sharedInstallationEnv, TEST_REDIS_URL } from './support/replicas';
import { startTestApp, TestApp } from './support/test-app';

type AuditEvent = { position: number; streamId: string; revision: number; id: string; type: string; schemaVersion: number; data: Record<string, unknown>; metadata: Record<string, unknown> };

/**
 * The auditor's endpoints over HTTP (SPEC §6, §9): the log, trails, past
 * states, verification, replays, bad input as problem+json naming the field,
 * and an auditor who can read all of it and change nothing.
 */
describe('audit', () => {
  let t: TestApp;
  let auditor: string;
  let newcomerId: string;
  let registeredAt: string;
  let positionAfterRegistration: number;

  beforeAll(async () => {
    t = await startTestApp();
    auditor = t.token('auditor');
    const intake = t.token('intake', { sub: 'intake-worker-7' });
    await t.http.post('/api/v1/key-persons').set('Authorization', `Bearer ${t.token('coordinator')}`).send(keyPersonBody()).expect(201);
    const created = await t.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${intake}`).set('Idempotency-Key', 'audit-1').send(newcomerBody()).expect(201);
    newcomerId = created.body.id;
    positionAfterRegistration = (await t.store.headPosition())!;
    registeredAt = (await t.store.readStream(newcomerStream(newcomerId)))[0].metadata.occurredAt;
    await new Promise((resolve) => setTimeout(resolve, 5));
    await t.http.patch(`/api/v1/newcomers/${newcomerId}`).set('Authorization', `Bearer ${intake}`).set('If-Match', '"0"')
      .send({ notes: 'Prefers afternoons.', municipality: 'GM0363' }).expect(200);
  });
  afterAll(() => t.close());

  const get = (path: string, token = auditor) => t.http.get(path).set('Authorization', `Bearer ${token}`);

  describe('the global log', () => {
    it('pages through every event in order with full metadata, and the pages join without gap or overlap', async () => {
      const all = (await t.store.readAll()).map((event) => event.id);
      const seen: AuditEvent[] = [];
      let cursor: string | null = null;
      do {
        const response: { body: { items: AuditEvent[]; nextCursor: string | null } } = await get(`/api/v1/audit/events?limit=2${cursor === null ? '' : `&after=${cursor}`}`).expect(200);
        seen.push(...response.body.items);
        cursor = response.body.nextCursor;
      } while (cursor !== null);
      expect(seen.map((event) => event.id)).toEqual(all);
      expect(seen.map((event) => event.position)).toEqual([...seen.map((event) => event.position)].sort((a, b) => a - b));
      const registration = seen.find((event) => event.type === 'NewcomerRegistered')!;
      expect(registration).toMatchObject({
        streamId: newcomerStream(newcomerId), revision: 0, schemaVersion: 1,
        metadata: {
          actor: { id: 'intake-worker-7', role: 'intake' }, command: 'RegisterNewcomer', source: 'api',
          correlationId: expect.any(String), causationId: expect.any(String), occurredAt: registeredAt,
          idempotency: { key: 'audit-1', fingerprint: expect.any(String) },
        },
        chain: { previousHash: null, hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
      });
    });

    it('refuses a bad cursor, limit or unknown parameter as problem+json naming the field and rule', async () => {
      const cases: [string, string, string][] = [
        ['after=abc', 'after', 'matches'],
        ['after=-1', 'after', 'matches'],
        ['limit=0', 'limit', 'min'],
        ['limit=1001', 'limit', 'max'],
        ['limit=ten', 'limit', 'int'],
        ['from=1', 'from', 'unknown-field'],
      ];
      for (const [query, field, rule] of cases) {
        const response = await get(`/api/v1/audit/events?${query}`);
        expect({ query, status: response.status, type: response.headers['content-type'] }).toEqual({ query, status: 400, type: expect.stringMatching(/^application\/problem\+json/) });
        expect({ query, errors: response.body.errors }).toEqual({ query, errors: expect.arrayContaining([expect.objectContaining({ field, rule })]) });
      }
    });
  });

  describe('trails and past states', () => {
    it("gives a newcomer's trail in causal order with actor, command, correlation and causation", async () => {
      const response = await get(`/api/v1/audit/trails/newcomers/${newcomerId}`).expect(200);
      const types = response.body.events.map((event: AuditEvent) => event.type);
      expect(types).toEqual(['NewcomerRegistered', 'NewcomerResidenceChanged', 'NewcomerNotesChanged']);
      for (const event of response.body.events) {
        expect(event).toMatchObject({ relation: 'own', metadata: { actor: { id: 'intake-worker-7' }, command: expect.any(String), correlationId: expect.any(String), causationId: expect.any(String) } });
      }
      // The two sections of one PATCH share the request as their cause.
      expect(response.body.events[1].metadata.causationId).toBe(response.body.events[2].metadata.causationId);
    });

    it('shows the state as of a log position and as of a time, and refuses what names no moment', async () => {
      const then = await get(`/api/v1/audit/newcomers/${newcomerId}?asOf=${positionAfterRegistration}`).expect(200);
      expect(then.body).toMatchObject({ revision: 0, asOf: { position: positionAfterRegistration }, state: { status: 'active', profile: { municipality: 'GM0344', notes: 'Prefers morning meetings.' } } });
      const atRegistration = await get(`/api/v1/audit/newcomers/${newcomerId}?asOf=${encodeURIComponent(registeredAt)}`).expect(200);
      expect(atRegistration.body.state.profile.municipality).toBe('GM0344');
      const now = await get(`/api/v1/audit/newcomers/${newcomerId}`).expect(200);
      expect(now.body).toMatchObject({ revision: 2, state: { profile: { municipality: 'GM0363', notes: 'Prefers afternoons.' } } });
      await get(`/api/v1/audit/newcomers/${newcomerId}?asOf=2000-01-01T00:00:00Z`).expect(404);

      for (const asOf of ['yesterday', '2026-13-01T00:00:00Z', '2026-11-31T00:00:00Z', '2026-02-30T12:00:00+01:00', '2026-12-01', '-5', '1.5']) {
        const bad = await get(`/api/v1/audit/newcomers/${newcomerId}?asOf=${encodeURIComponent(asOf)}`).expect(400);
        expect({ asOf, errors: bad.body.errors }).toEqual({ asOf, errors: [expect.objectContaining({ field: 'asOf', rule: 'log-position-or-instant' })] });
      }
    });

    it('refuses an unknown kind naming the field, and answers 404 for nobody', async () => {
      for (const path of [`/api/v1/audit/trails/people/${newcomerId}`, `/api/v1/audit/matches-and-more/${newcomerId}`]) {
        const response = await get(path).expect(400);
        expect({ path, errors: response.body.errors }).toEqual({ path, errors: [expect.objectContaining({ field: 'kind', rule: 'enum' })] });
      }
      await get('/api/v1/audit/trails/newcomers/00000000-0000-4000-8000-000000000000').expect(404);
      await get('/api/v1/audit/key-persons/00000000-0000-4000-8000-000000000000').expect(404);
      // Matches have a state as of a moment since 2026-11-30 (until then 400, no such kind): a newcomer's id names no match.
      await get(`/api/v1/audit/matches/${newcomerId}`).expect(404);
      await get('/api/v1/audit/matches/00000000-0000-4000-8000-000000000000/explanation').expect(404);
      await get('/api/v1/audit/replays/00000000-0000-4000-8000-000000000000').expect(404);
    });
  });

  describe('schema evolution', () => {
    it('still loads a newcomer whose withdrawal was stored at schema version 1', async () => {
      const intake = t.token('intake');
      const id = (await t.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${intake}`).send(newcomerBody()).expect(201)).body.id as string;
      const [registration] = await t.store.readStream(newcomerStream(id));
      const withdrawnAt = registration.metadata.occurredAt;
      // The exact shape an older release wrote: no openMatchId, schemaVersion 1.
      await t.store.append(newcomerStream(id), [{
        id: '5d1c0b7a-2f3e-4a6b-8c9d-0e1f2a3b4c5d', type: 'NewcomerWithdrawn', schemaVersion: 1,
        data: { newcomerId: id, withdrawnAt, reason: 'Moved abroad' },
        metadata: { ...registration.metadata, command: 'WithdrawNewcomer', occurredAt: withdrawnAt, idempotency: undefined } as never,
      }], 0);
      const profile = await t.http.get(`/api/v1/newcomers/${id}`).set('Authorization', `Bearer ${intake}`).expect(200);
      expect(profile.body).toMatchObject({ status: 'withdrawn', withdrawnAt });
      const past = await get(`/api/v1/audit/newcomers/${id}`).expect(200);
      expect(past.body.state).toMatchObject({ status: 'withdrawn', withdrawnAt });
      // The log shows it as stored: version 1, without the field version 2 added.
      const trail = await get(`/api/v1/audit/trails/newcomers/${id}`).expect(200);
      expect(trail.body.events[1]).toMatchObject({ type: 'NewcomerWithdrawn', schemaVersion: 1 });
      expect(trail.body.events[1].data).not.toHaveProperty('openMatchId');
    });
  });

  describe('integrity', () => {
    it('verifies the clean log as intact, all of it or one stream', async () => {
      const all = await get('/api/v1/audit/verify').expect(200);
      const head = await t.store.headPosition();
      expect(all.body).toEqual({
        intact: true, streams: expect.any(Number), events: await t.logLength(), broken: [], gaps: [], gapsChecked: true,
        head: { position: head, digest: expect.stringMatching(/^[0-9a-f]{64}$/), anchor: `${head}:${all.body.head.digest}` },
      });
      const one = await get(`/api/v1/audit/verify?stream=${newcomerStream(newcomerId)}`).expect(200);
      expect(one.body).toEqual({ ...all.body, streams: 1, events: 3 });
    });

    it('answers 404 naming the field for a stream the log holds no event of (a mistyped id is no clean bill)', async () => {
      for (const stream of [`${newcomerStream(newcomerId).slice(0, -1)}x`, 'newcomer-bogus', newcomerStream(randomUUID())]) {
        const missing = await get(`/api/v1/audit/verify?stream=${encodeURIComponent(stream)}`).expect(404);
        expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(missing.body).toMatchObject({ code: 'AUDIT.NO_SUCH_STREAM', errors: [expect.objectContaining({ field: 'stream', rule: 'existing-stream' })] });
      }
    });

    it('checks a log digest written down before: the same log matches, one grown since too, another digest does not', async () => {
      const before = (await get('/api/v1/audit/verify').expect(200)).body.head;
      await t.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${t.token('intake')}`).send(newcomerBody()).expect(201);
      const later = await get(`/api/v1/audit/verify?anchor=${before.anchor}`).expect(200);
      expect(later.body).toMatchObject({ intact: true, anchor: { position: before.position, expected: before.digest, found: before.digest, matches: true } });
      expect(later.body.head.position).toBeGreaterThan(before.position);
      const wrong = await get(`/api/v1/audit/verify?anchor=${before.position - 1}:${before.digest}`).expect(200);
      expect(wrong.body).toMatchObject({ intact: false, broken: [], gaps: [], anchor: { matches: false, found: expect.stringMatching(/^[0-9a-f]{64}$/) } });
      const beyond = await get(`/api/v1/audit/verify?anchor=${later.body.head.position + 100}:${before.digest}`).expect(200);
      expect(beyond.body).toMatchObject({ intact: false, anchor: { found: null, matches: false } });
    });

    it.each(['1200', `0:${'a'.repeat(64)}`, `12:${'A'.repeat(64)}`, `12:${'a'.repeat(63)}`, `-3:${'a'.repeat(64)}`])('refuses anchor=%s naming the field', async (anchor) => {
      const refused = await get(`/api/v1/audit/verify?anchor=${encodeURIComponent(anchor)}`).expect(400);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'anchor', message: expect.stringContaining('position:digest') })]);
    });

    it('replays every projection into fresh storage with progress, and the digests equal the live ones', async () => {
      const started = await t.http.post('/api/v1/audit/replays').set('Authorization', `Bearer ${auditor}`).expect(202);
      expect(started.headers.location).toBe(`/api/v1/audit/replays/${started.body.id}`);
      const done = await eventually(async () => {
        const response = await get(`/api/v1/audit/replays/${started.body.id}`).expect(200);
        return response.body.status === 'running' ? undefined : response.body;
      }, { what: 'the replay to finish' });
      expect(done).toMatchObject({ status: 'done', progress: 1, position: await t.store.headPosition(), error: null });
      expect(done.projections.map((p: { name: string }) => p.name)).toEqual(['directory', 'match-board', 'cohort-runs']);
      for (const projection of done.projections) {
        expect(projection).toMatchObject({ equal: true, firstDifference: null, liveDigest: projection.rebuiltDigest });
      }
      expect(done.projections[0].liveRows).toBeGreaterThanOrEqual(2);
    });

    it('names the projection and the first differing key when a live read model was changed by hand', async () => {
      t.app.get(ReadSide).inspect((db) =>
        db.prepare("UPDATE directory SET municipality = 'GM0014' WHERE id = ?").run(newcomerId));
      const started = await t.http.post('/api/v1/audit/replays').set('Authorization', `Bearer ${auditor}`).expect(202);
      const done = await eventually(async () => {
        const body = (await get(`/api/v1/audit/replays/${started.body.id}`)).body;
        return body.status === 'running' ? undefined : body;
      }, { what: 'the replay to finish' });
      expect({ status: done.status, error: done.error }).toEqual({ status: 'done', error: null });
      const [directory, matchBoard, cohortRuns] = done.projections;
      expect(directory).toMatchObject({ name: 'directory', equal: false, firstDifference: { table: 'directory', key: { kind: 'newcomer', id: newcomerId }, reason: 'different-values' } });
      expect(matchBoard).toMatchObject({ equal: true });
      expect(cohortRuns).toMatchObject({ name: 'cohort-runs', equal: true });
    });
  });

  describe('the auditor role', () => {
    it('reads every audit endpoint, and gets 403 from every command endpoint without changing anything', async () => {
      const doc = (await t.http.get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
      const commands = Object.entries(doc.paths).flatMap(([path, methods]) =>
        Object.keys(methods).filter((method) => method !== 'get').map((method) => ({ method, path })),
      ).filter(({ path }) => !path.startsWith('/api/v1/audit/'));
      expect(commands.length).toBeGreaterThanOrEqual(15);
      const before = await t.logLength();
      for (const { method, path } of commands) {
        const url = path.replace(/\{id\}/g, newcomerId);
        const response = await (t.http as unknown as Record<string, (url: string) => { set: (k: string, v: string) => { send: (body: unknown) => Promise<{ status: number }> } }>)[method](url)
          .set('Authorization', `Bearer ${auditor}`).send({});
        expect({ method, path, status: response.status }).toEqual({ method, path, status: 403 });
      }
      expect(await t.logLength()).toBe(before);
      for (const role of ['intake', 'coordinator', 'admin'] as const) {
        await get('/api/v1/audit/events', t.token(role)).expect(403);
        await get('/api/v1/audit/verify', t.token(role)).expect(403);
      }
    });
  });
});

/**
 * Two API processes behind one load balancer, on one log and one Redis: an
 * auditor's replay started on one is followed on the other (SPEC §6 "with
 * progress shown" holds whichever replica answers).
 */
describe('audit replays shared by API processes through Redis', () => {
  const installation = sharedInstallationEnv();
  const prefix = `test-replays-${randomUUID()}:`;
  const env = { ...installation.env, REDIS_URL: TEST_REDIS_URL, REPLAY_REDIS_PREFIX: prefix };
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await startTestApp({ env });
    b = await startTestApp({ env });
    await a.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${a.token('intake')}`).send(newcomerBody()).expect(201);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
    rmSync(installation.dir, { recursive: true, force: true });
    await deleteRedisKeys(prefix);
  });
  const as = (replica: TestApp) => ({ Authorization: `Bearer ${replica.token('auditor')}` });

  it('answers for a replay on the replica that did not run it, with its digests, and only under its prefix', async () => {
    const started = await a.http.post('/api/v1/audit/replays').set(as(a)).expect(202);
    const done = await eventually(async () => {
      const body = (await b.http.get(`/api/v1/audit/replays/${started.body.id}`).set(as(b)).expect(200)).body;
      return body.status === 'running' ? undefined : body;
    }, { what: 'the replay to finish, seen from B' });
    expect(done).toMatchObject({ id: started.body.id, status: 'done', progress: 1, position: await a.store.headPosition(), error: null });
    expect(done.projections.map((p: { equal: boolean }) => p.equal)).toEqual([true, true, true]);
    expect(done).toEqual((await a.http.get(`/api/v1/audit/replays/${started.body.id}`).set(as(a)).expect(200)).body);

    // The slot is free again, whichever replica asks.
    const next = await b.http.post('/api/v1/audit/replays').set(as(b)).expect(202);
    await eventually(async () => ((await a.http.get(`/api/v1/audit/replays/${next.body.id}`).set(as(a)).expect(200)).body.status === 'done' ? true : undefined), { what: "B's replay, seen from A" });
    const unknown = await b.http.get(`/api/v1/audit/replays/${randomUUID()}`).set(as(b)).expect(404);
    expect(unknown.body.detail).toMatch(/kept for a week/);

    const redis = new Redis(env.REDIS_URL);
    try {
      expect((await redis.keys(`${prefix}*`)).sort()).toEqual([`${prefix}report:${started.body.id}`, `${prefix}report:${next.body.id}`].sort());
      expect(await redis.pttl(`${prefix}report:${next.body.id}`)).toBeGreaterThan(6 * 24 * 3_600_000);
    } finally {
      redis.disconnect();
    }
  });
});
