import { keyPersonBody } from './support/bodies';
import { startTestApp, TestApp } from './support/test-app';

describe('Key-person registry over HTTP', () => {
  let t: TestApp;
  let coordinator: string;

  beforeAll(async () => {
    t = await startTestApp();
    coordinator = t.token('coordinator', { sub: 'coord-1' });
  });
  afterAll(() => t.close());

  const register = (body = keyPersonBody()) => t.http.post('/api/v1/key-persons').set('Authorization', `Bearer ${coordinator}`).send(body);
  const get = (id: string) => t.http.get(`/api/v1/key-persons/${id}`).set('Authorization', `Bearer ${coordinator}`);
  const lifecycle = (id: string, action: string, body: object = {}) =>
    t.http.post(`/api/v1/key-persons/${id}/${action}`).set('Authorization', `Bearer ${coordinator}`).send(body);

  it('registers and reads back a key person with every field', async () => {
    const created = await register();
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/api/v1/key-persons/${created.body.id}`);
    const response = await get(created.body.id).expect(200);
    expect(response.body).toMatchObject({ ...keyPersonBody(), id: created.body.id, status: 'active', revision: 0 });
    expect(response.headers.etag).toBe('"0"');
  });

  it('needs a travel radius unless the key person meets remotely only', async () => {
    const { travelRadiusKm: _radius, ...withoutRadius } = keyPersonBody();
    const remote = await register({ ...withoutRadius, remoteOnly: true }).expect(201);
    expect((await get(remote.body.id).expect(200)).body).toMatchObject({ remoteOnly: true, travelRadiusKm: null });
    const before = await t.logLength();
    const refused = await register({ ...withoutRadius, remoteOnly: false }).expect(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'travelRadiusKm', rule: 'required' })]);
    expect(await t.logLength()).toBe(before);
  });

  it('pauses, resumes and retires; a retired key person cannot come back', async () => {
    const { body } = await register();
    expect((await lifecycle(body.id, 'pause', { reason: 'holiday' }).expect(200)).body).toMatchObject({ status: 'paused', revision: 1 });
    expect((await lifecycle(body.id, 'resume').expect(200)).body).toMatchObject({ status: 'active', revision: 2 });
    expect((await lifecycle(body.id, 'retire', { reason: 'moved' }).expect(200)).body).toMatchObject({ status: 'retired', revision: 3 });
    const before = await t.logLength();
    const resume = await lifecycle(body.id, 'resume');
    expect(resume.status).toBe(409);
    expect(resume.body.code).toBe('KEY_PERSON.RETIRED');
    expect(await t.logLength()).toBe(before);
    const events = (await t.store.readStream(`key-person-${body.id}`)).map((e) => [e.type, e.metadata.command]);
    expect(events).toEqual([
      ['KeyPersonRegistered', 'RegisterKeyPerson'],
      ['KeyPersonPaused', 'PauseKeyPerson'],
      ['KeyPersonResumed', 'ResumeKeyPerson'],
      ['KeyPersonRetired', 'RetireKeyPerson'],
    ]);
  });

  it('pausing twice appends once', async () => {
    const { body } = await register();
    await lifecycle(body.id, 'pause').expect(200);
    const before = await t.logLength();
    await lifecycle(body.id, 'pause').expect(200);
    expect(await t.logLength()).toBe(before);
  });

  it('honours If-Match on lifecycle commands when given', async () => {
    const { body } = await register();
    const stale = await t.http.post(`/api/v1/key-persons/${body.id}/pause`).set('Authorization', `Bearer ${coordinator}`).set('If-Match', '"4"').send({});
    expect(stale.status).toBe(412);
  });

  it('changes capacity and monthly hours as their own events', async () => {
    const { body } = await register();
    const response = await t.http.patch(`/api/v1/key-persons/${body.id}`).set('Authorization', `Bearer ${coordinator}`).set('If-Match', '"0"')
      .send({ capacity: 5, maxHoursPerMonth: 37.5 });
    expect(response.status).toBe(200);
    // Half hours: a volunteer's allowance caps at about 37.5 hours a month.
    expect(response.body).toMatchObject({ capacity: 5, maxHoursPerMonth: 37.5, revision: 2 });
    const types = (await t.store.readStream(`key-person-${body.id}`)).map((e) => e.type);
    expect(types).toEqual(['KeyPersonRegistered', 'KeyPersonCapacityChanged', 'KeyPersonMonthlyHoursChanged']);
  });

  it('lists by language and status', async () => {
    const local = await startTestApp();
    try {
      const token = local.token('coordinator');
      const post = (body: Record<string, unknown>) => local.http.post('/api/v1/key-persons').set('Authorization', `Bearer ${token}`).send(keyPersonBody(body)).expect(201);
      const tigrinya = (await post({})).body.id;
      const dari = (await post({ languages: [{ code: 'prs', level: 'native' }, { code: 'nld', level: 'fluent' }], origin: { country: 'AF' } })).body.id;
      const paused = (await post({})).body.id;
      await local.http.post(`/api/v1/key-persons/${paused}/pause`).set('Authorization', `Bearer ${token}`).send({}).expect(200);

      const byLanguage = await local.http.get('/api/v1/key-persons?language=tir').set('Authorization', `Bearer ${token}`).expect(200);
      expect(byLanguage.body.items.map((k: { id: string }) => k.id)).toEqual([tigrinya, paused]);
      const dutchActive = await local.http.get('/api/v1/key-persons?language=nld&status=active').set('Authorization', `Bearer ${token}`).expect(200);
      expect(dutchActive.body.items.map((k: { id: string }) => k.id)).toEqual([tigrinya, dari]);
      // 'ti' is not a token of ' tir nld ': the filter matches whole codes only.
      const partial = await local.http.get('/api/v1/key-persons?language=nl').set('Authorization', `Bearer ${token}`);
      expect(partial.status).toBe(400);
    } finally {
      await local.close();
    }
  });

  /** `Idempotency-Key` (SPEC §9), as on newcomers: a retry with the same key and body gets the first answer and appends nothing; another body is a 422. */
  describe('Idempotency-Key', () => {
    const registerWithKey = (body: Record<string, unknown>, key: string) =>
      t.http.post('/api/v1/key-persons').set('Authorization', `Bearer ${coordinator}`).set('Idempotency-Key', key).send(body);
    const registrations = async (): Promise<string[]> =>
      (await t.store.readAll()).filter((event) => event.type === 'KeyPersonRegistered').map((event) => event.streamId);

    it('same key and body: the same id, one registration in the log', async () => {
      const first = await registerWithKey(keyPersonBody(), 'coordinator-form-1').expect(201);
      const length = await t.logLength();
      const again = await registerWithKey(keyPersonBody(), 'coordinator-form-1').expect(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers.location).toBe(`/api/v1/key-persons/${first.body.id}`);
      expect(await t.logLength()).toBe(length);
      expect((await registrations()).filter((stream) => stream === `key-person-${first.body.id}`)).toHaveLength(1);
    });

    it('concurrent retries with one key register one key person', async () => {
      const before = (await registrations()).length;
      const responses = await Promise.all([1, 2, 3, 4].map(() => registerWithKey(keyPersonBody(), 'coordinator-form-burst')));
      expect(responses.map((response) => response.status)).toEqual([201, 201, 201, 201]);
      expect(new Set(responses.map((response) => response.body.id)).size).toBe(1);
      expect((await registrations()).length).toBe(before + 1);
    });

    it('same key with another body: 422 naming the header, nothing appended', async () => {
      await registerWithKey(keyPersonBody(), 'coordinator-form-2').expect(201);
      const length = await t.logLength();
      const other = await registerWithKey(keyPersonBody({ displayName: 'Someone Else' }), 'coordinator-form-2').expect(422);
      expect(other.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(other.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key', rule: 'same-body' })]);
      expect(await t.logLength()).toBe(length);
    });
  });
});
