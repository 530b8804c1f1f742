import { rmSync } from 'node:fs';
import { ReadSide } from '@sleutel/platform';
import { keyPersonBody, newcomerBody } from './support/bodies';
import { eventually } from './support/eventually';
import { proposedPair } from './support/proposed-pair';
import { sharedInstallationEnv } from './support/replicas';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Two API replicas on one log: A starts once B has registered everyone and
 * proposed a match, reads the log then, and looks for B's appends only once a
 * minute after, so B's later changes stay out of A's read models for the whole
 * test. A's lists page through its stale read models and show each entry as
 * the log has it now; an entry the log says no longer fits the filters asked
 * for is left out, as it is once A's read models catch up (a `status=active`
 * page must not show a withdrawn newcomer).
 */
describe('a filtered list on an API process whose read side has not yet seen another process\'s changes', () => {
  const { dir: shared, env } = sharedInstallationEnv();
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    b = await startTestApp({ env, matcher: true });
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b.close()]);
    rmSync(shared, { recursive: true, force: true });
  });
  const as = (replica: TestApp, role: 'intake' | 'coordinator') => ({ Authorization: `Bearer ${replica.token(role)}` });
  const listed = async (path: string, role: 'intake' | 'coordinator') => {
    const page = await a.http.get(path).set(as(a, role)).expect(200);
    return page.body.items as { id: string; status: string; municipality?: string }[];
  };

  it('keeps newcomers, key persons and matches to status=, municipality= and language= though the read models still say otherwise', async () => {
    const { matchId } = await proposedPair(b, 'tir');
    const quiet = { languages: [{ code: 'zul', level: 'native' }] };
    const withdrawn = (await b.http.post('/api/v1/newcomers').set(as(b, 'intake')).send(newcomerBody(quiet)).expect(201)).body.id as string;
    const moved = (await b.http.post('/api/v1/newcomers').set(as(b, 'intake')).send(newcomerBody(quiet)).expect(201)).body.id as string;
    const paused = (await b.http.post('/api/v1/key-persons').set(as(b, 'coordinator')).send(keyPersonBody(quiet)).expect(201)).body.id as string;
    a = await startTestApp({ env: { ...env, SQLITE_POLL_INTERVAL_MS: '60000' } });
    const head = (await a.store.headPosition()) ?? 0;
    await eventually(async () => ((a.app.get(ReadSide).position ?? 0) >= head ? true : undefined), { what: "the log in A's read models" });

    await b.http.post(`/api/v1/newcomers/${withdrawn}/withdraw`).set(as(b, 'intake')).expect(200);
    await b.http.patch(`/api/v1/newcomers/${moved}`).set(as(b, 'intake')).set('If-Match', '"0"').send({ municipality: 'GM0363' }).expect(200);
    await b.http.post(`/api/v1/key-persons/${paused}/pause`).set(as(b, 'coordinator')).expect(200);
    await b.http.patch(`/api/v1/key-persons/${paused}`).set(as(b, 'coordinator')).set('If-Match', '"1"').send({ languages: [{ code: 'nld', level: 'fluent' }] }).expect(200);
    await b.http.post(`/api/v1/matches/${matchId}/approve`).set(as(b, 'coordinator')).expect(200);
    const behind = a.app.get(ReadSide).position ?? 0;
    expect(behind).toBeLessThan((await a.store.headPosition()) ?? 0);

    const active = await listed('/api/v1/newcomers?status=active&limit=100', 'intake');
    expect(active.filter((n) => n.status !== 'active')).toEqual([]);
    expect(active.map((n) => n.id)).toContain(moved);
    expect(active.map((n) => n.id)).not.toContain(withdrawn);
    const inUtrecht = await listed('/api/v1/newcomers?municipality=GM0344&limit=100', 'intake');
    expect(inUtrecht.filter((n) => n.municipality !== 'GM0344')).toEqual([]);
    expect(inUtrecht.map((n) => n.id)).not.toContain(moved);

    const activeKeyPersons = await listed('/api/v1/key-persons?status=active&limit=100', 'coordinator');
    expect(activeKeyPersons.filter((k) => k.status !== 'active')).toEqual([]);
    expect(activeKeyPersons.map((k) => k.id)).not.toContain(paused);
    const zulu = await listed('/api/v1/key-persons?language=zul&limit=100', 'coordinator');
    expect(zulu.map((k) => k.id)).not.toContain(paused);

    const proposed = await listed('/api/v1/matches?status=proposed&limit=100', 'coordinator');
    expect(proposed.filter((m) => m.status !== 'proposed')).toEqual([]);
    expect(proposed.map((m) => m.id)).not.toContain(matchId);
    // Still behind: the pages came from A's stale read models, each entry checked against the log.
    expect(a.app.get(ReadSide).position).toBe(behind);
  });
});

/**
 * A retried create answered by a replica other than the one that took it
 * (a client's time-out, a load balancer's choice): the answer is the first
 * one, and like every write it waits until this replica's read models hold
 * what it answers for, so the client's next list there shows it. A looks for
 * B's appends every 1.5 s, well within its read-your-writes bound.
 */
describe('a retried create answered by another replica than the one that made it', () => {
  const { dir: shared, env } = sharedInstallationEnv();
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await startTestApp({ env: { ...env, SQLITE_POLL_INTERVAL_MS: '1500', HTTP_READ_YOUR_WRITES_TIMEOUT_MS: '30000' } });
    b = await startTestApp({ env });
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
    rmSync(shared, { recursive: true, force: true });
  });
  const as = (replica: TestApp, role: 'intake' | 'coordinator') => ({ Authorization: `Bearer ${replica.token(role, { sub: 'retrying-client' })}` });

  it('newcomer and key person: the first answer, and the list of the replica that gave it shows the subject', async () => {
    for (const [path, body, role] of [['newcomers', newcomerBody(), 'intake'], ['key-persons', keyPersonBody(), 'coordinator']] as const) {
      const first = await b.http.post(`/api/v1/${path}`).set(as(b, role)).set('Idempotency-Key', `retry-${path}`).send(body).expect(201);
      const again = await a.http.post(`/api/v1/${path}`).set(as(a, role)).set('Idempotency-Key', `retry-${path}`).send(body).expect(201);
      expect(again.body).toEqual(first.body);
      const listed = (await a.http.get(`/api/v1/${path}?limit=100`).set(as(a, role)).expect(200)).body.items as { id: string }[];
      expect(listed.map((item) => item.id)).toContain(first.body.id);
    }
  });

  it('a burst with one key on both replicas at once: one subject, one data key, every answer the same, another body 422', async () => {
    const key = 'burst-on-two-replicas';
    const responses = await Promise.all([a, b, a, b].map((replica) =>
      replica.http.post('/api/v1/newcomers').set(as(replica, 'intake')).set('Idempotency-Key', key).send(newcomerBody())));
    expect(responses.map((response) => response.status)).toEqual([201, 201, 201, 201]);
    const [first] = responses;
    for (const response of responses) expect({ body: response.body, etag: response.headers.etag }).toEqual({ body: first.body, etag: first.headers.etag });
    // One key sealed it: each replica reads the profile, whichever made the key.
    for (const replica of [a, b]) await replica.http.get(`/api/v1/newcomers/${first.body.id}`).set(as(replica, 'intake')).expect(200);
    const registered = (await a.store.readAll({ filter: { eventTypes: ['NewcomerRegistered'] } })).filter((event) => event.metadata.idempotency?.key === key);
    expect(registered.map((event) => event.streamId)).toEqual([`newcomer-${first.body.id}`]);
    const others = await Promise.all([a, b].map((replica) =>
      replica.http.post('/api/v1/newcomers').set(as(replica, 'intake')).set('Idempotency-Key', key).send(newcomerBody({ displayName: 'Someone Else' }))));
    expect(others.map((response) => [response.status, response.body.code])).toEqual([[422, 'REQUEST.IDEMPOTENCY_KEY_REUSED'], [422, 'REQUEST.IDEMPOTENCY_KEY_REUSED']]);
  });

  it('cohort run: the first answer, and the list of the replica that gave it shows the run', async () => {
    const first = await b.http.post('/api/v1/cohort-runs').set(as(b, 'coordinator')).set('Idempotency-Key', 'retry-run').send({}).expect(202);
    const again = await a.http.post('/api/v1/cohort-runs').set(as(a, 'coordinator')).set('Idempotency-Key', 'retry-run').send({}).expect(202);
    expect(again.body.id).toBe(first.body.id);
    const listed = (await a.http.get('/api/v1/cohort-runs').set(as(a, 'coordinator')).expect(200)).body.items as { id: string }[];
    expect(listed.map((item) => item.id)).toContain(first.body.id);
  });
});
