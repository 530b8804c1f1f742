import { DEFAULT_POLICY } from '@sleutel/matching';
import { keyPersonBody, newcomerBody } from './support/bodies';
import { eventually } from './support/eventually';
import { startTestApp, TestApp } from './support/test-app';

/** The scoring policy as versioned data over HTTP (SPEC §5, §9): each change an event, each proposal naming its version. */
describe('Scoring policy', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp({ matcher: true });
    admin = t.token('admin');
  });
  afterAll(() => t.close());

  it('serves the default policy, version 1, to coordinators and auditors', async () => {
    for (const role of ['coordinator', 'auditor'] as const) {
      const response = await t.http.get('/api/v1/policy').set('Authorization', `Bearer ${t.token(role)}`).expect(200);
      expect(response.body).toEqual({ version: 1, policy: DEFAULT_POLICY });
      expect(response.headers.etag).toBe('"1"');
    }
  });

  it('refuses a stale If-Match, an invalid policy or a skipped version, and changes nothing', async () => {
    const next = { ...DEFAULT_POLICY, version: 2 };
    const before = await t.logLength();
    const stale = await t.http.put('/api/v1/policy').set('Authorization', `Bearer ${admin}`).set('If-Match', '"7"').send(next);
    expect(stale.status).toBe(412);
    expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
    const invalid = await t.http.put('/api/v1/policy').set('Authorization', `Bearer ${admin}`).set('If-Match', '"1"')
      .send({ ...next, weights: { ...next.weights, language: -3 } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors).toContainEqual(expect.objectContaining({ field: 'policy.weights.language' }));
    const skipped = await t.http.put('/api/v1/policy').set('Authorization', `Bearer ${admin}`).set('If-Match', '"1"').send({ ...next, version: 5 });
    expect(skipped.body.errors).toContainEqual(expect.objectContaining({ field: 'policy.version', rule: 'next-version' }));
    const malformed = await t.http.put('/api/v1/policy').set('Authorization', `Bearer ${admin}`).set('If-Match', 'yesterday').send(next);
    expect(malformed.status).toBe(400);
    expect(await t.logLength()).toBe(before);
  });

  it('records a new version as an event, and later proposals name it', async () => {
    const next = { ...DEFAULT_POLICY, version: 2, weights: { ...DEFAULT_POLICY.weights, expertise: 40 } };
    const response = await t.http.put('/api/v1/policy').set('Authorization', `Bearer ${admin}`).set('If-Match', '"1"')
      .send({ ...next, reason: 'Urgent needs first this winter' }).expect(200);
    expect(response.body.version).toBe(2);
    expect(response.headers.etag).toBe('"2"');
    const [changed] = await t.store.readStream('scoring-policy');
    expect(changed).toMatchObject({ type: 'ScoringPolicyChanged', data: { version: 2, reason: 'Urgent needs first this winter' } });
    expect(changed.metadata).toMatchObject({ actor: { role: 'admin' }, command: 'ChangeScoringPolicy' });
    expect(changed.metadata.subject).toBeUndefined();

    const coordinator = t.token('coordinator');
    await t.http.post('/api/v1/key-persons').set('Authorization', `Bearer ${coordinator}`).send(keyPersonBody({ gender: 'female' })).expect(201);
    const newcomer = (await t.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${t.token('intake')}`)
      .send(newcomerBody({ languages: [{ code: 'tir', level: 'native' }], availability: { slots: [{ day: 'tue', start: '18:00', end: '21:00' }] } })).expect(201)).body.id;
    const proposal = await eventually(async () => {
      const list = await t.http.get(`/api/v1/matches?newcomerId=${newcomer}`).set('Authorization', `Bearer ${coordinator}`);
      return list.body.items[0] as { policyVersion: number; explanation: { components: { name: string; weight: number }[] } } | undefined;
    }, { what: 'a proposal' });
    expect(proposal.policyVersion).toBe(2);
    expect(proposal.explanation.components.find((c) => c.name === 'expertise')?.weight).toBe(40);
  });

  it('takes the policy as GET gave it, one weight changed, without If-Match (SPEC §9), and refuses it once another change came first', async () => {
    const read = (await t.http.get('/api/v1/policy').set('Authorization', `Bearer ${admin}`).expect(200)).body;
    const changed = { ...read.policy, weights: { ...read.policy.weights, load: read.policy.weights.load + 1 } };
    const put = await t.http.put('/api/v1/policy').set('Authorization', `Bearer ${admin}`).send(changed).expect(200);
    expect(put.body.version).toBe(read.version + 1);
    expect(put.body.policy).toEqual({ ...changed, version: read.version + 1 });
    // The same body again builds on a version no longer in force: a lost update, refused.
    const before = await t.logLength();
    const again = await t.http.put('/api/v1/policy').set('Authorization', `Bearer ${admin}`).send(changed);
    expect(again.status).toBe(412);
    expect(again.headers.etag).toBe(`"${read.version + 1}"`);
    expect(await t.logLength()).toBe(before);
    // Without any version it builds on what is in force.
    const { version: _dropped, ...unversioned } = changed;
    expect((await t.http.put('/api/v1/policy').set('Authorization', `Bearer ${admin}`).send(unversioned).expect(200)).body.version).toBe(read.version + 2);
  });
});
