import { randomUUID } from 'node:crypto';
import { Role } from '@sleutel/auth';
import request from 'supertest';
import { keyPersonBody, newcomerBody } from './support/bodies';
import { eventually } from './support/eventually';
import { proposedPair } from './support/proposed-pair';
import { startTestApp, TestApp } from './support/test-app';

/** An answer without what differs between any two requests (`instance` names the request's path). */
const answer = (response: { status: number; headers: Record<string, string>; body: Record<string, unknown> }) => ({
  status: response.status, type: response.headers['content-type'], etag: response.headers.etag, body: { ...response.body, instance: undefined },
});

/**
 * SPEC §7: to a token limited to some municipalities, a subject outside them answers exactly as an id that never
 * existed, and so does one erased since (a 410 would tell any municipality that the id had been a person). These
 * tests put the cases side by side for the operations that name a person by id without reading it through
 * `GET /newcomers/{id}` or `GET /key-persons/{id}`: the answer to each must be the same for all of them.
 */
describe('a token limited to some municipalities cannot tell which ids are or were people', () => {
  let t: TestApp;
  const bearer = (role: Role, options: { sub?: string; municipalities?: string[] } = {}) => ({ Authorization: `Bearer ${t.token(role, options)}` });
  const utrecht = { municipalities: ['GM0344'] };
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const subjectTypes = [['newcomer', 'newcomers', newcomerBody, 'intake'], ['key-person', 'key-persons', keyPersonBody, 'coordinator']] as const;

  describe.each(subjectTypes)('POST /erasures of a %s by an admin limited to Utrecht (GM0344)', (subjectType, path, body, registrar) => {
    const register = async (municipality: string) =>
      (await t.http.post(`/api/v1/${path}`).set(bearer(registrar)).send(body({ municipality })).expect(201)).body.id as string;
    const erase = (subjectId: string, who: Record<string, string>) => t.http.post('/api/v1/erasures').set(who).send({ subjectType, subjectId });

    it('answers a person of another municipality, and one erased by someone else (in Utrecht or not), as an id that never existed, and erases nothing', async () => {
      const elsewhere = await register('GM0363');
      const erasedInUtrecht = await register('GM0344');
      const erasedElsewhere = await register('GM0363');
      for (const id of [erasedInUtrecht, erasedElsewhere]) await erase(id, bearer('admin')).expect(200);
      const scopedAdmin = bearer('admin', { sub: 'admin-utrecht', ...utrecht });
      const before = await t.logLength();

      const never = answer(await erase(randomUUID(), scopedAdmin));
      expect(never).toMatchObject({ status: 404, type: expect.stringMatching(/^application\/problem\+json/) });
      for (const id of [elsewhere, erasedInUtrecht, erasedElsewhere]) {
        expect({ id, ...answer(await erase(id, scopedAdmin)) }).toEqual({ id, ...never });
      }
      expect(await t.logLength()).toBe(before);
      // The person elsewhere is untouched.
      await t.http.get(`/api/v1/${path}/${elsewhere}`).set(bearer(registrar)).expect(200);
    });

    it('still answers the scoped admin\'s own repeated erasure as the first, as the idempotent contract says', async () => {
      const mine = await register('GM0344');
      const scopedAdmin = bearer('admin', { sub: 'admin-utrecht-repeating', ...utrecht });
      const first = (await erase(mine, scopedAdmin).expect(200)).body;
      expect((await erase(mine, scopedAdmin).expect(200)).body).toEqual(first);
      // Another admin of Utrecht did not erase them: to that one it is an id like any other.
      const colleague = bearer('admin', { sub: 'admin-utrecht-colleague', ...utrecht });
      expect(answer(await erase(mine, colleague))).toEqual(answer(await erase(randomUUID(), colleague)));
      // An admin over every municipality sees every erasure, and is answered as the first time.
      expect((await erase(mine, bearer('admin')).expect(200)).body).toEqual(first);
    });
  });

  describe('a newcomer\'s doNotMatch list, sent by an intake worker', () => {
    it('is answered alike whether an id names a key person in their municipalities, one elsewhere, one erased, or nobody', async () => {
      const keyPerson = async (municipality: string) =>
        (await t.http.post('/api/v1/key-persons').set(bearer('coordinator')).send(keyPersonBody({ municipality })).expect(201)).body.id as string;
      const erased = await keyPerson('GM0344');
      await t.http.post('/api/v1/erasures').set(bearer('admin')).send({ subjectType: 'key-person', subjectId: erased }).expect(200);
      const ids = { here: await keyPerson('GM0344'), elsewhere: await keyPerson('GM0363'), erased, nobody: randomUUID() };

      for (const intake of [bearer('intake', utrecht), bearer('intake')]) {
        const newcomer = (await t.http.post('/api/v1/newcomers').set(intake).send(newcomerBody()).expect(201)).body.id as string;
        const answers = [];
        for (const [who, id] of Object.entries(ids)) {
          const registered = await t.http.post('/api/v1/newcomers').set(intake).send(newcomerBody({ doNotMatch: [id] }));
          const patched = await t.http.patch(`/api/v1/newcomers/${newcomer}`).set(intake).set('If-Match', '*').send({ doNotMatch: [id] });
          answers.push({
            who,
            registered: { ...answer(registered), body: { ...registered.body, id: undefined } },
            patched: { ...answer(patched), etag: undefined, body: { ...patched.body, doNotMatch: patched.body.doNotMatch?.length, revision: undefined, instance: undefined } },
          });
        }
        const [first] = answers;
        expect(first.registered.status).toBe(201);
        expect(first.patched.status).toBe(200);
        for (const other of answers) expect(other).toEqual({ ...first, who: other.who });
      }
    });
  });
});

/**
 * Every operation on one newcomer, key person, match or cohort run, as a token limited to Amsterdam (GM0363) with every role that
 * may call them: a subject of another municipality, one erased (whose municipality was Amsterdam), and an id that
 * never existed must be answered alike, status, media type, ETag and problem alike.
 */
describe('every operation on one person, match or cohort run, to a token limited to some municipalities', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ matcher: true });
  });
  afterAll(async () => {
    await t.close();
  });

  /** A valid request for each operation, so that what answers is the id, not the body; keyed by the OpenAPI path. */
  const requests: Record<string, (id: string, as: Record<string, string>) => request.Test> = {
    'get /api/v1/newcomers/{id}': (id, as) => t.http.get(`/api/v1/newcomers/${id}`).set(as),
    'patch /api/v1/newcomers/{id}': (id, as) => t.http.patch(`/api/v1/newcomers/${id}`).set(as).set('If-Match', '"0"').send({ notes: 'Asked about evenings.' }),
    'post /api/v1/newcomers/{id}/withdraw': (id, as) => t.http.post(`/api/v1/newcomers/${id}/withdraw`).set(as).send({}),
    'post /api/v1/newcomers/{id}/match-requests': (id, as) => t.http.post(`/api/v1/newcomers/${id}/match-requests`).set(as),
    'get /api/v1/key-persons/{id}': (id, as) => t.http.get(`/api/v1/key-persons/${id}`).set(as),
    'patch /api/v1/key-persons/{id}': (id, as) => t.http.patch(`/api/v1/key-persons/${id}`).set(as).set('If-Match', '"0"').send({ capacity: 5 }),
    'post /api/v1/key-persons/{id}/pause': (id, as) => t.http.post(`/api/v1/key-persons/${id}/pause`).set(as).send({}),
    'post /api/v1/key-persons/{id}/resume': (id, as) => t.http.post(`/api/v1/key-persons/${id}/resume`).set(as).send({}),
    'post /api/v1/key-persons/{id}/retire': (id, as) => t.http.post(`/api/v1/key-persons/${id}/retire`).set(as).send({}),
    'get /api/v1/matches/{id}': (id, as) => t.http.get(`/api/v1/matches/${id}`).set(as),
    'post /api/v1/matches/{id}/approve': (id, as) => t.http.post(`/api/v1/matches/${id}/approve`).set(as).set('If-Match', '"0"'),
    'post /api/v1/matches/{id}/reject': (id, as) => t.http.post(`/api/v1/matches/${id}/reject`).set(as).send({ reason: 'Not a fit.' }),
    'post /api/v1/matches/{id}/accept': (id, as) => t.http.post(`/api/v1/matches/${id}/accept`).set(as).send({ party: 'newcomer' }),
    'post /api/v1/matches/{id}/decline': (id, as) => t.http.post(`/api/v1/matches/${id}/decline`).set(as).send({ party: 'newcomer', reason: 'Moved away.' }),
    'post /api/v1/matches/{id}/end': (id, as) => t.http.post(`/api/v1/matches/${id}/end`).set(as).send({ reason: 'Done.' }),
    'get /api/v1/cohort-runs/{id}': (id, as) => t.http.get(`/api/v1/cohort-runs/${id}`).set(as),
  };

  it('names exactly the operations of the OpenAPI document on one person, match or cohort run', async () => {
    const doc = (await t.http.get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(doc.paths)
      .filter(([path]) => /^\/api\/v1\/(newcomers|key-persons|matches|cohort-runs)\/\{id\}/.test(path))
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method} ${path}`));
    expect(operations.sort()).toEqual(Object.keys(requests).sort());
  });

  it('answers each alike for a person, match or run of another municipality, one erased, and an id that never existed, and changes nothing', async () => {
    const admin = { Authorization: `Bearer ${t.token('admin')}` };
    const erase = (subjectType: string, subjectId: string) => t.http.post('/api/v1/erasures').set(admin).send({ subjectType, subjectId }).expect(200);
    // A pair in Utrecht, which Amsterdam may not see; a pair of whom the newcomer is erased and the key person is in
    // Utrecht; and people of Amsterdam erased since.
    const utrecht = await proposedPair(t, 'tir');
    const halfErased = await proposedPair(t, 'prs');
    await erase('newcomer', halfErased.newcomerId);
    const erased = await proposedPair(t, 'kat');
    for (const [subjectType, path, role, id] of [
      ['newcomer', 'newcomers', 'intake', erased.newcomerId], ['key-person', 'key-persons', 'coordinator', erased.keyPersonId],
    ] as const) {
      await t.http.patch(`/api/v1/${path}/${id}`).set({ Authorization: `Bearer ${t.token(role)}` }).set('If-Match', '*').send({ municipality: 'GM0363', postcodeArea: '1012' }).expect(200);
      await erase(subjectType, id);
    }
    const utrechtRun = (await t.http.post('/api/v1/cohort-runs').set({ Authorization: `Bearer ${t.token('coordinator', { municipalities: ['GM0344'] })}` }).send({}).expect(202)).body.id as string;
    const amsterdam = { Authorization: `Bearer ${t.token(['intake', 'coordinator'], { sub: 'amsterdam', municipalities: ['GM0363'] })}` };
    // The matcher withdraws what the erasures and moves broke; what follows must append nothing.
    let last = -1;
    await eventually(async () => { const length = await t.logLength(); const settled = length === last; last = length; return settled; }, { intervalMs: 300, what: 'the matcher to settle' });
    const before = await t.logLength();

    const cases = {
      newcomers: { elsewhere: utrecht.newcomerId, erased: erased.newcomerId },
      'key-persons': { elsewhere: utrecht.keyPersonId, erased: erased.keyPersonId },
      matches: { elsewhere: utrecht.matchId, erasedNewcomerOtherElsewhere: halfErased.matchId, bothErased: erased.matchId },
      'cohort-runs': { elsewhere: utrechtRun },
    };
    for (const [operation, send] of Object.entries(requests)) {
      const never = answer(await send(randomUUID(), amsterdam));
      expect({ operation, status: never.status }).toEqual({ operation, status: 404 });
      const ids = cases[operation.split('/')[3] as keyof typeof cases];
      for (const [which, id] of Object.entries(ids)) {
        expect({ operation, which, ...answer(await send(id, amsterdam)) }).toEqual({ operation, which, ...never });
      }
    }
    expect(await t.logLength()).toBe(before);
  });
});
