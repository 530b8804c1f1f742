import { randomUUID } from 'node:crypto';
import { eventually } from './support/eventually';
import { bearer, people } from './support/people';
import { startTestApp, TestApp } from './support/test-app';

type Match = { id: string; newcomerId: string; keyPersonId: string; status: string };

/**
 * `GET /api/v1/matches?keyPersonId=` over HTTP (SPEC §9): a key person's
 * proposals and matches, alone or with `status=`, within the token's
 * municipalities (the newcomer's municipality decides), and a 400 naming the
 * field for an id that is not one.
 */
describe('GET /api/v1/matches filtered by key person', () => {
  let t: TestApp;
  let coordinator: string;
  let intake: string;
  /** Tigrinya in Utrecht, reaching Amsterdam too; Dari in Utrecht. */
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
    tigrinya = await registerKeyPerson({ languages: [{ code: 'tir', level: 'native' }], travelRadiusKm: 60, capacity: 3 });
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

  it('shows a scoped coordinator only the matches of newcomers in their municipalities', async () => {
    const scoped = (...municipalities: string[]) => t.token('coordinator', { municipalities });
    expect(ids(await list(`keyPersonId=${tigrinya}`, scoped('GM0363')))).toEqual([amsterdam.id]);
    expect(ids(await list(`keyPersonId=${tigrinya}`, scoped('GM0344')))).toEqual([utrecht.id]);
    expect(ids(await list(`keyPersonId=${tigrinya}`, scoped('GM0344', 'GM0363')))).toEqual(ids([utrecht, amsterdam]));
    expect(await list(`keyPersonId=${tigrinya}`, scoped('GM0307'))).toEqual([]);
    expect(await list(`keyPersonId=${dari}`, scoped('GM0363'))).toEqual([]);
    // Amsterdam's coordinator asking for the approved one, which is Utrecht's, gets nothing.
    expect(await list(`keyPersonId=${tigrinya}&status=approved`, scoped('GM0363'))).toEqual([]);
  });

  it('moves a newcomer\'s matches with them: the old municipality\'s list leaves them out (200, not 404), the new one\'s shows them', async () => {
    const scoped = (...municipalities: string[]) => t.token('coordinator', { municipalities });
    const newcomerId = dariMatch.newcomerId;
    const { headers } = await t.http.get(`/api/v1/newcomers/${newcomerId}`).set(bearer(coordinator)).expect(200);
    await t.http.patch(`/api/v1/newcomers/${newcomerId}`).set(bearer(intake)).set('If-Match', headers.etag)
      .send({ municipality: 'GM0363', postcodeArea: null }).expect(200);
    for (const token of [scoped('GM0344'), t.token('intake', { municipalities: ['GM0344'] })]) {
      expect(ids(await list('', token))).toEqual([utrecht.id]);
      expect(await list(`newcomerId=${newcomerId}`, token)).toEqual([]);
    }
    expect(ids(await list(`newcomerId=${newcomerId}`, scoped('GM0363')))).toEqual([dariMatch.id]);
    expect(ids(await list('', scoped('GM0363')))).toEqual(ids([amsterdam, dariMatch]));
    await t.http.get(`/api/v1/matches/${dariMatch.id}`).set(bearer(scoped('GM0344'))).expect(404);
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
