import { randomUUID } from 'node:crypto';
import { newcomerBody } from './support/bodies';
import { startTestApp, TestApp } from './support/test-app';

describe('Newcomer intake over HTTP', () => {
  let t: TestApp;
  let intake: string;
  let coordinator: string;

  beforeAll(async () => {
    t = await startTestApp();
    intake = t.token('intake', { sub: 'intake-1' });
    coordinator = t.token('coordinator', { sub: 'coord-1' });
  });
  afterAll(() => t.close());

  function register(body = newcomerBody(), headers: Record<string, string> = {}) {
    return t.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${intake}`).set(headers).send(body);
  }

  it('registers a newcomer: 201, Location, {id, revision}, one event with full metadata', async () => {
    const before = await t.logLength();
    const response = await register();
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), revision: 0 });
    expect(response.headers.location).toBe(`/api/v1/newcomers/${response.body.id}`);
    expect(response.headers.etag).toBe('"0"');
    expect(await t.logLength()).toBe(before + 1);

    const [event] = await t.store.readStream(`newcomer-${response.body.id}`);
    expect(event.type).toBe('NewcomerRegistered');
    expect(event.schemaVersion).toBe(1);
    expect(event.metadata).toMatchObject({
      actor: { id: 'intake-1', role: 'intake' },
      command: 'RegisterNewcomer',
      source: 'api',
      subject: { type: 'newcomer', id: response.body.id },
    });
    expect(event.metadata.correlationId).toEqual(expect.any(String));
    expect(event.metadata.causationId).toMatch(/^request:/);
    expect(event.chain.previousHash).toBeNull();
    expect(event.chain.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads back every field with id, status, revision, registeredAt and the ETag', async () => {
    const { body: created } = await register();
    const response = await t.http.get(`/api/v1/newcomers/${created.id}`).set('Authorization', `Bearer ${coordinator}`);
    expect(response.status).toBe(200);
    expect(response.headers.etag).toBe('"0"');
    expect(response.body).toMatchObject({ ...newcomerBody(), id: created.id, status: 'active', revision: 0 });
    expect(Date.parse(response.body.registeredAt)).not.toBeNaN();
  });

  it('carries the caller\'s correlation id into the metadata', async () => {
    const { body } = await register(newcomerBody(), { 'X-Correlation-Id': 'intake-session-42' });
    const [event] = await t.store.readStream(`newcomer-${body.id}`);
    expect(event.metadata.correlationId).toBe('intake-session-42');
  });

  describe('PATCH', () => {
    it('needs If-Match: 428 without, and nothing changes', async () => {
      const { body } = await register();
      const before = await t.logLength();
      const response = await t.http.patch(`/api/v1/newcomers/${body.id}`).set('Authorization', `Bearer ${intake}`).send({ notes: 'x' });
      expect(response.status).toBe(428);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'If-Match', rule: 'required' })]);
      expect(await t.logLength()).toBe(before);
    });

    it('changes each named section as its own event in one append, and returns the new ETag', async () => {
      const { body } = await register();
      const response = await t.http
        .patch(`/api/v1/newcomers/${body.id}`)
        .set('Authorization', `Bearer ${intake}`)
        .set('If-Match', '"0"')
        .send({ languages: [{ code: 'ara', level: 'fluent' }], needs: [{ topic: 'work', priority: 1 }], postcodeArea: '3512' });
      expect(response.status).toBe(200);
      expect(response.headers.etag).toBe('"3"');
      expect(response.body).toMatchObject({ revision: 3, postcodeArea: '3512', municipality: 'GM0344', languages: [{ code: 'ara', level: 'fluent' }] });
      const types = (await t.store.readStream(`newcomer-${body.id}`)).map((event) => event.type);
      expect(types).toEqual(['NewcomerRegistered', 'NewcomerResidenceChanged', 'NewcomerLanguagesChanged', 'NewcomerNeedsChanged']);
    });

    it('takes If-Match: * as whatever revision is current (RFC 9110), on a newcomer that exists', async () => {
      const { body } = await register();
      await t.http.patch(`/api/v1/newcomers/${body.id}`).set('Authorization', `Bearer ${intake}`).set('If-Match', '"0"').send({ notes: 'first' }).expect(200);
      const any = await t.http.patch(`/api/v1/newcomers/${body.id}`).set('Authorization', `Bearer ${intake}`).set('If-Match', '*').send({ notes: 'second' });
      expect({ status: any.status, etag: any.headers.etag, notes: any.body.notes }).toEqual({ status: 200, etag: '"2"', notes: 'second' });
      const unknown = await t.http.patch(`/api/v1/newcomers/${randomUUID()}`).set('Authorization', `Bearer ${intake}`).set('If-Match', '*').send({ notes: 'x' });
      expect(unknown.status).toBe(404);
    });

    it('takes a weak If-Match by the revision it names, as a compressing proxy passes the ETag on (W/"0"), and a stale one is still a 412', async () => {
      const { body } = await register();
      const changed = await t.http.patch(`/api/v1/newcomers/${body.id}`).set('Authorization', `Bearer ${intake}`).set('If-Match', 'W/"0"').send({ notes: 'x' });
      expect({ status: changed.status, etag: changed.headers.etag }).toEqual({ status: 200, etag: '"1"' });
      const before = await t.logLength();
      const stale = await t.http.patch(`/api/v1/newcomers/${body.id}`).set('Authorization', `Bearer ${intake}`).set('If-Match', 'W/"0"').send({ notes: 'y' });
      expect({ status: stale.status, etag: stale.headers.etag }).toEqual({ status: 412, etag: '"1"' });
      expect(await t.logLength()).toBe(before);
    });

    it('replaces a section whole, as the contract always did, but merges preferences member by member', async () => {
      const { body } = await register(newcomerBody({ contact: { phone: '+31612345678', email: 'amal@example.org' }, availability: { slots: [{ day: 'tue', start: '18:00', end: '21:00' }], from: '2026-12-01', until: '2099-06-30' } }));
      const patched = await t.http.patch(`/api/v1/newcomers/${body.id}`).set('Authorization', `Bearer ${intake}`).set('If-Match', '"0"')
        .send({ contact: { email: 'amal@example.net' }, availability: { slots: [{ day: 'wed', start: '18:00', end: '20:00' }] }, preferences: { remoteOk: true } }).expect(200);
      expect(patched.body.contact).toEqual({ email: 'amal@example.net' });
      expect(patched.body.availability).toEqual({ slots: [{ day: 'wed', start: '18:00', end: '20:00' }], from: null, until: null });
      expect(patched.body.preferences).toEqual({ keyPersonGender: 'female', genderRequired: true, sameOrigin: 'no-preference', remoteOk: true });
      const docs = (await t.http.get('/docs-json').expect(200)).body as { paths: Record<string, { patch?: { description?: string } }> };
      expect(docs.paths['/api/v1/newcomers/{id}'].patch!.description).toMatch(/replaces the stored one whole/);
    });

    it('names every field of every broken section in one detail, the opening said once', async () => {
      const { body } = await register();
      const response = await t.http.patch(`/api/v1/newcomers/${body.id}`).set('Authorization', `Bearer ${intake}`).set('If-Match', '"0"')
        .send({ languages: [{ code: 'qqq', level: 'native' }], origin: { country: 'ZZ' } });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(['languages[0].code', 'origin.country']);
      expect(response.body.detail).toMatch(/^The [a-z ]+ has invalid fields: languages\[0\]\.code, origin\.country$/);
    });

    it('answers 412 with the current ETag when If-Match is stale, and changes nothing', async () => {
      const { body } = await register();
      await t.http.patch(`/api/v1/newcomers/${body.id}`).set('Authorization', `Bearer ${intake}`).set('If-Match', '"0"').send({ notes: 'first' }).expect(200);
      const before = await t.logLength();
      const stale = await t.http.patch(`/api/v1/newcomers/${body.id}`).set('Authorization', `Bearer ${intake}`).set('If-Match', '"0"').send({ notes: 'second' });
      expect(stale.status).toBe(412);
      expect(stale.headers.etag).toBe('"1"');
      expect(stale.body.errors[0]).toMatchObject({ field: 'If-Match', rule: 'current-revision' });
      expect(await t.logLength()).toBe(before);
    });

    it('appends nothing when the values are unchanged', async () => {
      const { body } = await register();
      const before = await t.logLength();
      const response = await t.http.patch(`/api/v1/newcomers/${body.id}`).set('Authorization', `Bearer ${intake}`).set('If-Match', '"0"').send({ notes: 'Prefers morning meetings.' });
      expect(response.status).toBe(200);
      expect(response.headers.etag).toBe('"0"');
      expect(await t.logLength()).toBe(before);
    });
  });

  describe('withdraw', () => {
    it('withdraws, after which changes are refused with 409', async () => {
      const { body } = await register();
      const withdrawn = await t.http.post(`/api/v1/newcomers/${body.id}/withdraw`).set('Authorization', `Bearer ${intake}`).send({ reason: 'moved abroad' });
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body).toMatchObject({ status: 'withdrawn', revision: 1 });
      expect(withdrawn.body.withdrawnAt).toEqual(expect.any(String));
      const change = await t.http.patch(`/api/v1/newcomers/${body.id}`).set('Authorization', `Bearer ${intake}`).set('If-Match', '"1"').send({ notes: 'x' });
      expect(change.status).toBe(409);
      expect(change.body.code).toBe('NEWCOMER.WITHDRAWN');
    });

    it('is idempotent: withdrawing twice appends once', async () => {
      const { body } = await register();
      await t.http.post(`/api/v1/newcomers/${body.id}/withdraw`).set('Authorization', `Bearer ${intake}`).send({}).expect(200);
      const before = await t.logLength();
      await t.http.post(`/api/v1/newcomers/${body.id}/withdraw`).set('Authorization', `Bearer ${intake}`).send({}).expect(200);
      expect(await t.logLength()).toBe(before);
    });
  });

  describe('Idempotency-Key', () => {
    it('same key and body: the first response again, nothing appended', async () => {
      const first = await register(newcomerBody(), { 'Idempotency-Key': 'form-7f3a' });
      expect(first.status).toBe(201);
      const before = await t.logLength();
      const again = await register(newcomerBody(), { 'Idempotency-Key': 'form-7f3a' });
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers.location).toBe(first.headers.location);
      expect(await t.logLength()).toBe(before);
    });

    it('same key with the keys of the body in another order is the same body', async () => {
      const body = newcomerBody();
      const first = await register(body, { 'Idempotency-Key': 'order-1' });
      const reordered = Object.fromEntries(Object.entries(body).reverse());
      const again = await register(reordered, { 'Idempotency-Key': 'order-1' });
      expect(again.body).toEqual(first.body);
    });

    it('same key with another body: 422, nothing appended', async () => {
      await register(newcomerBody(), { 'Idempotency-Key': 'form-other' }).expect(201);
      const before = await t.logLength();
      const other = await register(newcomerBody({ displayName: 'Someone Else' }), { 'Idempotency-Key': 'form-other' });
      expect(other.status).toBe(422);
      expect(other.body.errors[0]).toMatchObject({ field: 'Idempotency-Key', rule: 'same-body' });
      expect(await t.logLength()).toBe(before);
    });

    it('concurrent retries with one key register one newcomer', async () => {
      const before = await t.logLength();
      const responses = await Promise.all([1, 2, 3, 4].map(() => register(newcomerBody(), { 'Idempotency-Key': 'burst-1' })));
      expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201]);
      expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
      expect(await t.logLength()).toBe(before + 1);
    });

    it('keys are per caller: another intake worker with the same key registers another newcomer', async () => {
      const mine = await register(newcomerBody(), { 'Idempotency-Key': 'shared-key' });
      const theirs = await t.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${t.token('intake', { sub: 'intake-2' })}`)
        .set('Idempotency-Key', 'shared-key').send(newcomerBody());
      expect(theirs.status).toBe(201);
      expect(theirs.body.id).not.toBe(mine.body.id);
    });

    it('keys are per caller when a sub and a key hold bars: neither meets, nor takes the id of, the other\'s registration, across municipalities', async () => {
      const utrecht = t.token('intake', { sub: 'utrecht|anna', municipalities: ['GM0344'] });
      const amsterdam = t.token('intake', { sub: 'utrecht', municipalities: ['GM0363'] });
      const post = (token: string, key: string, body: Record<string, unknown>) =>
        t.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${token}`).set('Idempotency-Key', key).send(body);
      const inAmsterdam = newcomerBody({ municipality: 'GM0363', postcodeArea: null });
      const anna = await post(utrecht, 'case-1', newcomerBody()).expect(201);
      // 'utrecht' + 'anna|case-1' once named the id of 'utrecht|anna' + 'case-1': a 422 told Amsterdam of Utrecht's registration.
      const theirs = await post(amsterdam, 'anna|case-1', inAmsterdam).expect(201);
      expect(theirs.body.id).not.toBe(anna.body.id);
      // And Amsterdam registering first no longer takes the id Utrecht's next key derives: Utrecht's registration is not refused.
      await post(amsterdam, 'anna|case-2', inAmsterdam).expect(201);
      await post(utrecht, 'case-2', newcomerBody()).expect(201);
    });
  });

  describe('lists', () => {
    it('pages with a cursor in registration order and filters by status and municipality', async () => {
      const local = await startTestApp();
      try {
        const token = local.token(['intake', 'coordinator']);
        const ids: string[] = [];
        for (const municipality of ['GM0344', 'GM0363', 'GM0344', 'GM0344', 'GM0599']) {
          const { body } = await local.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${token}`).send(newcomerBody({ municipality })).expect(201);
          ids.push(body.id);
        }
        await local.http.post(`/api/v1/newcomers/${ids[2]}/withdraw`).set('Authorization', `Bearer ${token}`).send({}).expect(200);

        const page1 = await local.http.get('/api/v1/newcomers?limit=2').set('Authorization', `Bearer ${token}`).expect(200);
        expect(page1.body.items.map((n: { id: string }) => n.id)).toEqual(ids.slice(0, 2));
        const page2 = await local.http.get(`/api/v1/newcomers?limit=2&cursor=${page1.body.nextCursor}`).set('Authorization', `Bearer ${token}`).expect(200);
        expect(page2.body.items.map((n: { id: string }) => n.id)).toEqual(ids.slice(2, 4));
        const page3 = await local.http.get(`/api/v1/newcomers?limit=2&cursor=${page2.body.nextCursor}`).set('Authorization', `Bearer ${token}`).expect(200);
        expect(page3.body).toEqual({ items: [expect.objectContaining({ id: ids[4] })], nextCursor: null });

        const utrecht = await local.http.get('/api/v1/newcomers?municipality=GM0344&status=active').set('Authorization', `Bearer ${token}`).expect(200);
        expect(utrecht.body.items.map((n: { id: string }) => n.id)).toEqual([ids[0], ids[3]]);
        expect(utrecht.body.items[0]).toMatchObject({ displayName: 'Amal Haddad', status: 'active' });
      } finally {
        await local.close();
      }
    });

    it('refuses a cursor it did not give out', async () => {
      const response = await t.http.get('/api/v1/newcomers?cursor=bm9wZQ').set('Authorization', `Bearer ${intake}`);
      expect(response.status).toBe(400);
      expect(response.body.errors[0]).toMatchObject({ field: 'cursor' });
    });
  });

  describe('municipality scope', () => {
    it('a scoped token sees only its municipalities; others answer 404 as if absent', async () => {
      const { body: inUtrecht } = await register(newcomerBody({ municipality: 'GM0344' }));
      const { body: inAmsterdam } = await register(newcomerBody({ municipality: 'GM0363' }));
      const scoped = t.token(['intake', 'coordinator'], { sub: 'utrecht-worker', municipalities: ['GM0344'] });
      await t.http.get(`/api/v1/newcomers/${inUtrecht.id}`).set('Authorization', `Bearer ${scoped}`).expect(200);
      const hidden = await t.http.get(`/api/v1/newcomers/${inAmsterdam.id}`).set('Authorization', `Bearer ${scoped}`);
      expect(hidden.status).toBe(404);
      const patch = await t.http.patch(`/api/v1/newcomers/${inAmsterdam.id}`).set('Authorization', `Bearer ${scoped}`).set('If-Match', '"0"').send({ notes: 'x' });
      expect(patch.status).toBe(404);
      const list = await t.http.get('/api/v1/newcomers?limit=100').set('Authorization', `Bearer ${scoped}`).expect(200);
      expect(list.body.items.every((n: { municipality: string }) => n.municipality === 'GM0344')).toBe(true);
      const elsewhere = await t.http.get('/api/v1/newcomers?municipality=GM0363').set('Authorization', `Bearer ${scoped}`).expect(200);
      expect(elsewhere.body.items).toEqual([]);
    });

    it('a scoped token cannot register or move a newcomer outside its municipalities', async () => {
      const scoped = t.token('intake', { sub: 'utrecht-worker', municipalities: ['GM0344'] });
      const before = await t.logLength();
      const outside = await t.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${scoped}`).send(newcomerBody({ municipality: 'GM0363' }));
      expect(outside.status).toBe(403);
      expect(outside.body.errors[0]).toMatchObject({ field: 'municipality', rule: 'token-scope' });
      const { body } = await t.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${scoped}`).send(newcomerBody()).expect(201);
      const move = await t.http.patch(`/api/v1/newcomers/${body.id}`).set('Authorization', `Bearer ${scoped}`).set('If-Match', '"0"').send({ municipality: 'GM0363' });
      expect(move.status).toBe(403);
      expect(await t.logLength()).toBe(before + 1);
    });

    it('tells a scoped token that sends no municipality (null) that it is required, as an unscoped one is told', async () => {
      const scoped = t.token('intake', { sub: 'utrecht-worker', municipalities: ['GM0344'] });
      const { body } = await t.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${scoped}`).send(newcomerBody()).expect(201);
      const before = await t.logLength();
      const unscoped = await t.http.patch(`/api/v1/newcomers/${body.id}`).set('Authorization', `Bearer ${intake}`).set('If-Match', '*').send({ municipality: null });
      const refused = await t.http.patch(`/api/v1/newcomers/${body.id}`).set('Authorization', `Bearer ${scoped}`).set('If-Match', '*').send({ municipality: null });
      expect(unscoped.status).toBe(400);
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual(unscoped.body.errors);
      expect(refused.body.errors).toContainEqual(expect.objectContaining({ field: 'municipality', rule: 'required' }));
      expect(await t.logLength()).toBe(before);
    });
  });

  it('takes an id in upper case as the same id (RFC 9562 §4), and answers it in lower case', async () => {
    const { id } = (await register().expect(201)).body;
    const read = await t.http.get(`/api/v1/newcomers/${id.toUpperCase()}`).set('Authorization', `Bearer ${intake}`).expect(200);
    expect(read.body.id).toBe(id);
  });

  it('answers 404 for an unknown or malformed id', async () => {
    await t.http.get('/api/v1/newcomers/6f1c1c8e-0000-4000-8000-000000000000').set('Authorization', `Bearer ${intake}`).expect(404);
    const malformed = await t.http.get('/api/v1/newcomers/not-a-uuid').set('Authorization', `Bearer ${intake}`);
    expect(malformed.status).toBe(404);
    expect(malformed.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers an id that is not percent-encoded UTF-8 as one that names nothing: 404 naming the field and the rule, echoing nothing', async () => {
    for (const path of ['/api/v1/newcomers/%E0%A4%A', '/api/v1/newcomers/%FF/withdraw', '/api/v1/audit/trails/newcomers/%C3']) {
      const token = t.token(['intake', 'auditor']);
      const response = await (path.endsWith('withdraw') ? t.http.post(path) : t.http.get(path)).set('Authorization', `Bearer ${token}`);
      expect({ path, status: response.status, type: response.headers['content-type'] }).toEqual({ path, status: 404, type: expect.stringMatching(/^application\/problem\+json/) });
      expect(response.body).toMatchObject({ status: 404, code: 'HTTP.404', errors: [{ field: 'id', rule: 'percent-encoding', message: expect.any(String) }] });
      expect(JSON.stringify(response.body)).not.toMatch(/%E0|%FF|%C3/i);
    }
  });
});
