import { EventCodec } from '@sleutel/eventsourcing';
import { DEFAULT_POLICY, GENDER_WEIGHT_RECOMMENDED } from '@sleutel/matching';
import { EVENT_CODEC } from '@sleutel/platform';
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

  /**
   * The policy changes in the log. Where the in-process matcher is still settling
   * an earlier proposal, the whole log may grow under a refused change; what a
   * refused change must not append is a policy change.
   */
  const policyChanges = async (): Promise<number> => (await t.store.readAll()).filter((e) => e.type === 'ScoringPolicyChanged').length;

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
    // GET's answer shape is not the body: the policy goes at the top level, the reason beside its members (README).
    const wrapped = await t.http.put('/api/v1/policy').set('Authorization', `Bearer ${admin}`).send({ policy: next, reason: 'Wrapped as GET gives it' });
    expect(wrapped.status).toBe(400);
    expect(wrapped.body.errors).toContainEqual(expect.objectContaining({ field: 'policy.weights', rule: 'required' }));
    expect(await t.logLength()).toBe(before);
  });

  it('refuses a PUT without a body as it refuses {}: a 400 naming the fields, nothing appended', async () => {
    const before = await policyChanges();
    const empty = await t.http.put('/api/v1/policy').set('Authorization', `Bearer ${admin}`).send({});
    const none = await t.http.put('/api/v1/policy').set('Authorization', `Bearer ${admin}`);
    expect(empty.status).toBe(400);
    expect(none.status).toBe(400);
    expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(none.body.errors).toEqual(empty.body.errors);
    expect(none.body.errors[0]).toEqual({ field: expect.any(String), rule: expect.any(String), message: expect.any(String) });
    expect(await policyChanges()).toBe(before);
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

  it('takes the next version only with an If-Match naming the one read: alone it let the second of two admins who read the same version replace the first one\'s change unseen', async () => {
    const read = (await t.http.get('/api/v1/policy').set('Authorization', `Bearer ${admin}`).expect(200)).body;
    const next = (weight: number) => ({ ...read.policy, version: read.version + 1, weights: { ...read.policy.weights, expertise: weight } });
    const before = await t.logLength();
    const alone = await t.http.put('/api/v1/policy').set('Authorization', `Bearer ${admin}`).send(next(41));
    expect(alone.status).toBe(428);
    expect(alone.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(alone.body.errors).toEqual([expect.objectContaining({ field: 'If-Match', rule: 'required' })]);
    expect(await t.logLength()).toBe(before);

    // Two admins read the same version and send the next with If-Match: the first is taken, the second is stale.
    const first = await t.http.put('/api/v1/policy').set('Authorization', `Bearer ${admin}`).set('If-Match', `"${read.version}"`).send(next(42)).expect(200);
    expect(first.body.version).toBe(read.version + 1);
    const second = await t.http.put('/api/v1/policy').set('Authorization', `Bearer ${admin}`).set('If-Match', `"${read.version}"`).send(next(43));
    expect(second.status).toBe(412);
    expect((await t.http.get('/api/v1/policy').set('Authorization', `Bearer ${admin}`).expect(200)).body.policy.weights.expertise).toBe(42);
  });

  /**
   * Kurmanji and Sorani are distinct languages: a policy can keep Kurdish
   * apart (`parameters.language.separateMacrolanguages`) from its version on,
   * while proposals scored before it still reproduce under the version they name.
   */
  it('keeps Kurmanji and Sorani apart once a policy says so, and a proposal made before still reproduces', async () => {
    const coordinator = t.token('coordinator');
    const auditor = t.token('auditor');
    const kurdish = {
      origin: { country: 'IQ' }, availability: { slots: [{ day: 'thu', start: '09:00', end: '12:00' }] },
      preferences: { keyPersonGender: 'any', genderRequired: false, sameOrigin: 'no-preference', remoteOk: false },
    };
    const sorani = (await t.http.post('/api/v1/key-persons').set('Authorization', `Bearer ${coordinator}`)
      .send(keyPersonBody({ languages: [{ code: 'ckb', level: 'native' }], origin: { country: 'IQ' }, availability: kurdish.availability })).expect(201)).body.id as string;
    const register = async (): Promise<string> => (await t.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${t.token('intake')}`)
      .send(newcomerBody({ ...kurdish, languages: [{ code: 'kmr', level: 'native' }] })).expect(201)).body.id;
    type Proposal = {
      id: string; keyPersonId: string; policyVersion: number;
      explanation: { considered: number; excluded: Record<string, number>; components: { name: string; raw: { viaMacrolanguage?: string | null } }[] };
    };
    const proposalOf = (newcomer: string) => eventually(async () => {
      const list = await t.http.get(`/api/v1/matches?newcomerId=${newcomer}`).set('Authorization', `Bearer ${coordinator}`).expect(200);
      return list.body.items[0] as Proposal | undefined;
    }, { what: 'a proposal' });

    // Before: the policy in force groups Kurdish, so the Sorani speaker is proposed, via the macrolanguage.
    const before = await proposalOf(await register());
    expect(before.keyPersonId).toBe(sorani);
    expect(before.explanation.components.find((c) => c.name === 'language')?.raw.viaMacrolanguage).toBe('kur');

    // Refused first: a member language is not a macrolanguage; nothing changes.
    const read = (await t.http.get('/api/v1/policy').set('Authorization', `Bearer ${admin}`).expect(200)).body;
    const withSeparate = (codes: unknown) => ({ ...read.policy, parameters: { ...read.policy.parameters, language: { ...read.policy.parameters.language, separateMacrolanguages: codes } } });
    const length = await policyChanges();
    const refused = await t.http.put('/api/v1/policy').set('Authorization', `Bearer ${admin}`).send(withSeparate(['kur', 'ckb']));
    expect(refused.status).toBe(400);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'policy.parameters.language.separateMacrolanguages[1]', rule: 'iso-639-3-macrolanguage' })]);
    expect(await policyChanges()).toBe(length);

    const put = await t.http.put('/api/v1/policy').set('Authorization', `Bearer ${admin}`).send({ ...withSeparate(['kur']), reason: 'Kurmanji and Sorani are distinct languages' }).expect(200);
    expect(put.body.policy.parameters.language.separateMacrolanguages).toEqual(['kur']);

    // After: a Kurmanji-only newcomer is not offered the Sorani-only key person; they wait, and the record says why.
    const after = await register();
    const stored = await eventually(async () => (await t.store.readStream(`newcomer-${after}`)).filter((e) => e.type === 'NewcomerMatchingDeferred').pop(), { what: 'a deferral' });
    // Opened: its exclusion counts are sealed under the newcomer's key.
    const deferral = await t.app.get<EventCodec>(EVENT_CODEC).decode(stored);
    // The same key persons as before, and an identical newcomer: exactly one more of them (the Sorani speaker) shares no language now.
    expect(deferral.data).toMatchObject({
      policyVersion: put.body.version,
      considered: before.explanation.considered,
      excluded: { ...before.explanation.excluded, 'no-shared-language': before.explanation.excluded['no-shared-language'] + 1 },
    });
    expect((await t.http.get(`/api/v1/matches?newcomerId=${after}`).set('Authorization', `Bearer ${coordinator}`).expect(200)).body.items).toEqual([]);

    // The proposal made before scores again, under the version it names, to the same score and ranking.
    const { body } = await t.http.get(`/api/v1/audit/matches/${before.id}/explanation`).set('Authorization', `Bearer ${auditor}`).expect(200);
    expect(body.policyVersion).toBe(before.policyVersion);
    expect(body.policyVersion).toBeLessThan(put.body.version);
    expect({ equal: body.reproduction.equal, reason: body.reproduction.reason, ranking: body.reproduction.ranking?.equal }).toEqual({ equal: true, reason: undefined, ranking: true });
  });

  /**
   * A preferred key-person gender that is not required counts for nothing
   * under a policy without `weights.gender` (version 1, and every policy
   * stored before it existed); a policy that weighs it ranks a key person of
   * that gender higher, and explains it. Proposals made before still reproduce.
   */
  it('weighs a preferred, not required, gender once the policy has weights.gender, and a proposal made before still reproduces', async () => {
    const coordinator = t.token('coordinator');
    const auditor = t.token('auditor');
    // Amharic, which no other key person of this file speaks; the man has an hour a week more in common, the only other difference.
    const amharic = { languages: [{ code: 'amh', level: 'native' }], origin: { country: 'ET' }, capacity: 20 };
    const keyPerson = async (gender: string, end: string): Promise<string> => (await t.http.post('/api/v1/key-persons').set('Authorization', `Bearer ${coordinator}`)
      .send(keyPersonBody({ ...amharic, gender, availability: { slots: [{ day: 'thu', start: '09:00', end }] } })).expect(201)).body.id;
    const man = await keyPerson('male', '13:00');
    const woman = await keyPerson('female', '12:00');
    const register = async (): Promise<string> => (await t.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${t.token('intake')}`)
      .send(newcomerBody({
        languages: amharic.languages, origin: amharic.origin, availability: { slots: [{ day: 'thu', start: '09:00', end: '13:00' }] },
        preferences: { keyPersonGender: 'female', genderRequired: false, sameOrigin: 'no-preference', remoteOk: false },
      })).expect(201)).body.id;
    type Component = { name: string; raw: Record<string, unknown>; weight: number; contribution: number };
    type Proposal = { id: string; keyPersonId: string; policyVersion: number; score: number; explanation: { components: Component[]; alternatives: { keyPersonId: string; gap: number }[] } };
    const proposalOf = (newcomer: string) => eventually(async () => {
      const list = await t.http.get(`/api/v1/matches?newcomerId=${newcomer}`).set('Authorization', `Bearer ${coordinator}`).expect(200);
      return list.body.items[0] as Proposal | undefined;
    }, { what: 'a proposal' });

    // Before: the policy in force has no gender weight, so "rather a woman" changes nothing and the man's extra hour decides.
    const read = (await t.http.get('/api/v1/policy').set('Authorization', `Bearer ${admin}`).expect(200)).body;
    expect(read.policy.weights).not.toHaveProperty('gender');
    const before = await proposalOf(await register());
    expect(before.keyPersonId).toBe(man);
    expect(before.explanation.components.map((c) => c.name)).not.toContain('gender');

    // Refused: a gender weight out of range, of the wrong type, or null; 4xx problem details naming the field and the rule, nothing appended.
    const withGender = (gender: unknown) => ({ ...read.policy, weights: { ...read.policy.weights, gender } });
    const length = await policyChanges();
    for (const [value, rule] of [[-1, 'range'], [1e9, 'range'], ['10', 'type'], [null, 'type']] as const) {
      const refused = await t.http.put('/api/v1/policy').set('Authorization', `Bearer ${admin}`).send(withGender(value));
      expect({ value, status: refused.status, type: refused.headers['content-type'] }).toEqual({ value, status: 400, type: expect.stringMatching(/^application\/problem\+json/) });
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'policy.weights.gender', rule })]);
    }
    expect(await policyChanges()).toBe(length);

    const put = await t.http.put('/api/v1/policy').set('Authorization', `Bearer ${admin}`)
      .send({ ...withGender(GENDER_WEIGHT_RECOMMENDED), reason: 'A preferred gender counts, though it is not a must' }).expect(200);
    expect(put.body.policy.weights.gender).toBe(GENDER_WEIGHT_RECOMMENDED);

    // After: an identical newcomer is proposed the woman, and the explanation says why, without naming anyone's gender.
    const after = await proposalOf(await register());
    expect({ keyPerson: after.keyPersonId, version: after.policyVersion }).toEqual({ keyPerson: woman, version: put.body.version });
    expect(after.explanation.components.find((c) => c.name === 'gender')).toEqual({
      name: 'gender', raw: { value: 1, matchesPreference: true }, weight: GENDER_WEIGHT_RECOMMENDED, contribution: expect.any(Number),
    });
    expect(after.explanation.alternatives[0]).toMatchObject({ keyPersonId: man, gap: expect.any(Number) });
    expect(after.explanation.alternatives[0].gap).toBeGreaterThan(0);

    // Both reproduce under the version they name: the one made before without a gender component, the new one with it.
    for (const proposal of [before, after]) {
      const { body } = await t.http.get(`/api/v1/audit/matches/${proposal.id}/explanation`).set('Authorization', `Bearer ${auditor}`).expect(200);
      expect({ version: body.policyVersion, equal: body.reproduction.equal, reason: body.reproduction.reason, ranking: body.reproduction.ranking?.equal })
        .toEqual({ version: proposal.policyVersion, equal: true, reason: undefined, ranking: true });
      expect(body.reproduction.components).toEqual(proposal.explanation.components);
    }
    expect(before.policyVersion).toBeLessThan(put.body.version);
  });
});
