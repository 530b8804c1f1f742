import { randomUUID } from 'node:crypto';
import { eventually } from './support/eventually';
import { bearer, people } from './support/people';
import { startTestApp, TestApp } from './support/test-app';

type Match = { id: string; newcomerId: string; keyPersonId: string; status: string };

/**
 * `GET /api/v1/matches?keyPersonId=` over HTTP (SPEC §9): a key person's
 * proposals and matches, alone or with `status=`, within the token's
 * municipalities (a match belongs to both its people's municipalities, as
 * they live now), and a 400 naming the field for an id that is not one.
 */
describe('GET /api/v1/matches filtered by key person', () => {
  let t: TestApp;
  let coordinator: string;
  let intake: string;
  /** Tigrinya in Nieuwegein, reaching Utrecht and Amsterdam; Dari in Utrecht. */
  let tigrinya: string;
  let dari: string;
  /** The proposals: Tigrinya's newcomers of Utrecht and Amsterdam, Dari's of Utrecht. */
  let utrecht: Match;
  let amsterdam: Match;
  let dariMatch: Match;

  const { registerKeyPerson, registerNewcomer, matchesOf } = people<Match>(() => t, () => ({ coordinator, intake }));
  const evenings = { slots: [{ day: 'tue', start: '18:00', end: '21:00' }] };
  const anyone = { keyPersonGender: 'any', genderRequired: false, sameOrigin: 'no-preference', remoteOk: false };
  const speaking = (code: string) => ({ languages: [{ code, level: 'native' }], availability: evenings, preferences: anyone });
  const proposalFor = (newcomerId: string) => eventually(async () => (await matchesOf(newcomerId))[0], { what: `a proposal for ${newcomerId}` });
  const list = async (query: string, token = coordinator): Promise<Match[]> =>
    (await t.http.get(`/api/v1/matches?${query}`).set(bearer(token)).expect(200)).body.items;
  const ids = (matches: Match[]): string[] => matches.map((match) => match.id).sort();

  beforeAll(async () => {
    t = await startTestApp({ matcher: true });
    coordinator = t.token('coordinator');
    intake = t.token('intake');
    tigrinya = await registerKeyPerson({
      languages: [{ code: 'tir', level: 'native' }], municipality: 'GM0356', postcodeArea: null, travelRadiusKm: 100, capacity: 3,
    });
    dari = await registerKeyPerson({ languages: [{ code: 'prs', level: 'native' }], origin: { country: 'AF' }, capacity: 3 });
    utrecht = await proposalFor(await registerNewcomer(speaking('tir')));
    amsterdam = await proposalFor(await registerNewcomer({ ...speaking('tir'), municipality: 'GM0363', postcodeArea: null }));
    dariMatch = await proposalFor(await registerNewcomer(speaking('prs')));
    expect([utrecht.keyPersonId, amsterdam.keyPersonId, dariMatch.keyPersonId]).toEqual([tigrinya, tigrinya, dari]);
  });
  afterAll(() => t.close());

  it('returns exactly that key person\'s matches', async () => {
    expect(ids(await list(`keyPersonId=${tigrinya}`))).toEqual(ids([utrecht, amsterdam]));
    expect(ids(await list(`keyPersonId=${dari}`))).toEqual([dariMatch.id]);
    expect(await list(`keyPersonId=${randomUUID()}`)).toEqual([]);
  });

  it('combines with status=', async () => {
    await t.http.post(`/api/v1/matches/${utrecht.id}/approve`).set(bearer(coordinator)).send({}).expect(200);
    expect(ids(await list(`keyPersonId=${tigrinya}&status=approved`))).toEqual([utrecht.id]);
    expect(ids(await list(`keyPersonId=${tigrinya}&status=proposed`))).toEqual([amsterdam.id]);
    expect(await list(`keyPersonId=${dari}&status=approved`)).toEqual([]);
  });

  it('shows a scoped coordinator the matches of newcomers in their municipalities and of key persons living there', async () => {
    const scoped = (...municipalities: string[]) => t.token('coordinator', { municipalities });
    expect(ids(await list(`keyPersonId=${tigrinya}`, scoped('GM0363')))).toEqual([amsterdam.id]);
    expect(ids(await list(`keyPersonId=${tigrinya}`, scoped('GM0344')))).toEqual([utrecht.id]);
    expect(ids(await list(`keyPersonId=${tigrinya}`, scoped('GM0344', 'GM0363')))).toEqual(ids([utrecht, amsterdam]));
    // The key person's own coordinators see every match of theirs, wherever the newcomer lives.
    expect(ids(await list(`keyPersonId=${tigrinya}`, scoped('GM0356')))).toEqual(ids([utrecht, amsterdam]));
    expect(ids(await list('', scoped('GM0356')))).toEqual(ids([utrecht, amsterdam]));
    expect(await list(`keyPersonId=${tigrinya}`, scoped('GM0307'))).toEqual([]);
    expect(await list(`keyPersonId=${dari}`, scoped('GM0363'))).toEqual([]);
    // Amsterdam's coordinator asking for the approved one, which is Utrecht's, gets nothing.
    expect(await list(`keyPersonId=${tigrinya}&status=approved`, scoped('GM0363'))).toEqual([]);
  });

  it('shows a scoped intake worker the matches of newcomers in their municipalities only, not those of key persons living there', async () => {
    // Intake's row of SPEC §2 is newcomers: a key person's profile is a 403 to them, and a match of a newcomer registered
    // elsewhere, with its explanation (needs covered, languages, distance), is no more theirs than that profile.
    const scopedIntake = (...municipalities: string[]) => t.token('intake', { municipalities });
    expect(await list('', scopedIntake('GM0356'))).toEqual([]);
    expect(await list(`keyPersonId=${tigrinya}`, scopedIntake('GM0356'))).toEqual([]);
    expect(await list(`newcomerId=${amsterdam.newcomerId}`, scopedIntake('GM0356'))).toEqual([]);
    const refused = await t.http.get(`/api/v1/matches/${amsterdam.id}`).set(bearer(scopedIntake('GM0356'))).expect(404);
    const unknown = await t.http.get(`/api/v1/matches/${randomUUID()}`).set(bearer(scopedIntake('GM0356'))).expect(404);
    expect(refused.body.detail).toBe(unknown.body.detail);
    // Their own newcomers' matches, wherever the key person lives.
    expect(ids(await list('', scopedIntake('GM0363')))).toEqual([amsterdam.id]);
    await t.http.get(`/api/v1/matches/${amsterdam.id}`).set(bearer(scopedIntake('GM0363'))).expect(200);
    // A token that is also a coordinator's manages the key person, and sees the match.
    const both = t.token(['intake', 'coordinator'], { municipalities: ['GM0356'] });
    expect(ids(await list('', both))).toEqual(ids([utrecht, amsterdam]));
  });

  it('lets the key person\'s coordinators read and act on a match, while the newcomer\'s profile stays out of their reach', async () => {
    const nieuwegein = t.token('coordinator', { municipalities: ['GM0356'] });
    expect((await t.http.get(`/api/v1/matches/${amsterdam.id}`).set(bearer(nieuwegein)).expect(200)).body.keyPersonId).toBe(tigrinya);
    await t.http.get(`/api/v1/newcomers/${amsterdam.newcomerId}`).set(bearer(nieuwegein)).expect(404);
    await t.http.get(`/api/v1/matches/${dariMatch.id}`).set(bearer(nieuwegein)).expect(404);
    await t.http.post(`/api/v1/matches/${dariMatch.id}/approve`).set(bearer(nieuwegein)).send({}).expect(404);
    const approved = await t.http.post(`/api/v1/matches/${amsterdam.id}/approve`).set(bearer(nieuwegein)).send({}).expect(200);
    expect(approved.body.status).toBe('approved');
  });

  it('moves a match with either person: the old municipality\'s list leaves it out (200, not 404), the new one\'s shows it', async () => {
    const scoped = (...municipalities: string[]) => t.token('coordinator', { municipalities });
    const move = async (path: string, token: string, municipality: string) => {
      const { headers } = await t.http.get(path).set(bearer(coordinator)).expect(200);
      await t.http.patch(path).set(bearer(token)).set('If-Match', headers.etag).send({ municipality, postcodeArea: null }).expect(200);
    };
    await move(`/api/v1/newcomers/${amsterdam.newcomerId}`, intake, 'GM0307');
    for (const token of [scoped('GM0363'), t.token('intake', { municipalities: ['GM0363'] })]) {
      expect(await list('', token)).toEqual([]);
      expect(await list(`newcomerId=${amsterdam.newcomerId}`, token)).toEqual([]);
    }
    await t.http.get(`/api/v1/matches/${amsterdam.id}`).set(bearer(scoped('GM0363'))).expect(404);
    expect(ids(await list('', scoped('GM0307')))).toEqual([amsterdam.id]);
    expect(ids(await list('', scoped('GM0356')))).toEqual(ids([utrecht, amsterdam]));

    await move(`/api/v1/key-persons/${tigrinya}`, coordinator, 'GM0345');
    expect(await list('', scoped('GM0356'))).toEqual([]);
    await t.http.get(`/api/v1/matches/${utrecht.id}`).set(bearer(scoped('GM0356'))).expect(404);
    expect(ids(await list('', scoped('GM0345')))).toEqual(ids([utrecht, amsterdam]));
    expect(ids(await list('', scoped('GM0344')))).toEqual(ids([utrecht, dariMatch]));
  });

  it('forgets an erased key person\'s municipality: their coordinators no longer see the matches, the newcomers\' still do', async () => {
    const scoped = (...municipalities: string[]) => t.token('coordinator', { municipalities });
    await t.http.post('/api/v1/erasures').set(bearer(t.token('admin'))).send({ subjectType: 'key-person', subjectId: tigrinya }).expect(200);
    expect(await list('', scoped('GM0345'))).toEqual([]);
    await t.http.get(`/api/v1/matches/${utrecht.id}`).set(bearer(scoped('GM0345'))).expect(404);
    expect(ids(await list(`keyPersonId=${tigrinya}`, scoped('GM0344')))).toEqual([utrecht.id]);
    expect(ids(await list(`keyPersonId=${tigrinya}`, scoped('GM0307')))).toEqual([amsterdam.id]);
  });

  it('takes an id in upper case as the same id (UUIDs are case-insensitive, RFC 9562 §4), as path ids and doNotMatch are', async () => {
    expect(ids(await list(`keyPersonId=${tigrinya.toUpperCase()}`))).toEqual(ids([utrecht, amsterdam]));
    expect(ids(await list(`newcomerId=${dariMatch.newcomerId.toUpperCase()}`))).toEqual([dariMatch.id]);
    expect((await t.http.get(`/api/v1/matches/${dariMatch.id.toUpperCase()}`).set(bearer(coordinator)).expect(200)).body.id).toBe(dariMatch.id);
  });

  it('refuses a keyPersonId that is not a UUID with a 400 problem naming the field', async () => {
    const refused = await t.http.get('/api/v1/matches?keyPersonId=kidane').set(bearer(coordinator)).expect(400);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'keyPersonId' })]);
  });
});
