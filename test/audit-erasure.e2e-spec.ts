import { keyPersonBody, newcomerBody } from './support/bodies';
import { eventually } from './support/eventually';
import { startTestApp, TestApp } from './support/test-app';

/**
 * SPEC §4 invariant 7 against §7 over HTTP: erasing key persons after a
 * proposal was made. The proposal's ranking is checked again without those
 * no longer readable, and says so; erasing the proposal's own key person
 * seals its explanation, and the reproduction says that is why it stops.
 */
describe('the audit of a proposal after key persons are erased', () => {
  let t: TestApp;
  const as = (role: 'intake' | 'coordinator' | 'auditor' | 'admin') => ({ Authorization: `Bearer ${t.token(role)}` });
  const evenings = { slots: [{ day: 'tue', start: '18:00', end: '21:00' }] };
  const somali = { languages: [{ code: 'som', level: 'native' }], availability: evenings };
  let speakers: string[];
  let outOfReach: string;
  let matchId: string;
  let chosen: string;

  type Reproduction = {
    score: number | null; equal: boolean; scoreEqual: boolean; reason?: string; newcomerRevision: number | null; components?: unknown[];
    ranking?: { equal: boolean; differences: string[]; erasedSince: number; unexplained: string[]; reason?: string; considered: number; alternatives: { keyPersonId: string }[] };
  };
  const audit = async (): Promise<{ score: number; explanation: Record<string, unknown>; reproduction: Reproduction }> =>
    (await t.http.get(`/api/v1/audit/matches/${matchId}/explanation`).set(as('auditor')).expect(200)).body;
  const erase = async (keyPersonId: string) => {
    await t.http.post('/api/v1/erasures').set(as('admin')).send({ subjectType: 'key-person', subjectId: keyPersonId }).expect(200);
  };

  beforeAll(async () => {
    t = await startTestApp({ matcher: true });
    // Four who can serve the newcomer, and one who shares no language with them (excluded, but counted as considered).
    speakers = [];
    for (const expertise of [['health'], ['work'], ['housing'], ['language']]) {
      speakers.push((await t.http.post('/api/v1/key-persons').set(as('coordinator')).send(keyPersonBody({ ...somali, expertise })).expect(201)).body.id);
    }
    outOfReach = (await t.http.post('/api/v1/key-persons').set(as('coordinator')).send(keyPersonBody({ languages: [{ code: 'tir', level: 'native' }], availability: evenings })).expect(201)).body.id;
    const newcomer = (await t.http.post('/api/v1/newcomers').set(as('intake')).send(newcomerBody({
      ...somali, preferences: { keyPersonGender: 'any', genderRequired: false, sameOrigin: 'no-preference', remoteOk: false },
    })).expect(201)).body.id as string;
    const match = await eventually(async () =>
      ((await t.http.get(`/api/v1/matches?newcomerId=${newcomer}`).set(as('coordinator')).expect(200)).body.items as { id: string; keyPersonId: string }[])[0], { what: 'a proposal' });
    matchId = match.id;
    chosen = match.keyPersonId;
  });
  afterAll(() => t.close());

  it('reproduces the proposal whole before anyone is erased', async () => {
    const { reproduction } = await audit();
    expect(reproduction).toMatchObject({ equal: true, scoreEqual: true, ranking: { equal: true, differences: [], erasedSince: 0, unexplained: [], considered: 5 } });
    expect(reproduction.ranking?.reason).toBeUndefined();
  });

  it('puts the smaller counts down to an erased key person who had been excluded, and keeps the score check green; equal (score and ranking) is false, saying why', async () => {
    await erase(outOfReach);

    const { reproduction } = await audit();

    expect({ equal: reproduction.equal, scoreEqual: reproduction.scoreEqual }).toEqual({ equal: false, scoreEqual: true });
    expect(reproduction.reason).toMatch(/^the score is equal; the ranking differs: 1 key person known at the recorded position was erased since/);
    expect(reproduction.ranking).toMatchObject({ equal: false, differences: ['considered', 'excluded'], erasedSince: 1, unexplained: [], considered: 4 });
    expect(reproduction.ranking?.reason).toMatch(/^1 key person known at the recorded position was erased since/);
  });

  it('leaves an erased alternative out of the alternatives, and says the erasures account for it', async () => {
    const stored = (await audit()).explanation as { alternatives: { keyPersonId: string }[] };
    const [alternative] = stored.alternatives;
    expect(speakers).toContain(alternative.keyPersonId);
    await erase(alternative.keyPersonId);

    const { reproduction } = await audit();

    expect({ equal: reproduction.equal, scoreEqual: reproduction.scoreEqual }).toEqual({ equal: false, scoreEqual: true });
    expect(reproduction.ranking).toMatchObject({ equal: false, differences: ['considered', 'excluded', 'alternatives'], erasedSince: 2, unexplained: [], considered: 3 });
    expect(reproduction.ranking?.alternatives.map((a) => a.keyPersonId)).toEqual(stored.alternatives.slice(1).map((a) => a.keyPersonId));
    expect(reproduction.ranking?.reason).toMatch(/^2 key persons known at the recorded position were erased since/);
  });

  it("says the key person's erasure stopped the reproduction when the proposal's own key person is erased", async () => {
    await erase(chosen);

    const { explanation, reproduction } = await audit();

    expect(explanation).toEqual({ erased: true });
    expect(reproduction).toMatchObject({ score: null, equal: false, scoreEqual: false, reason: "the key person's personal data was erased", newcomerRevision: null });
    // Nothing computed again is shown beside it: no components, no ranking.
    expect({ components: reproduction.components, ranking: reproduction.ranking }).toEqual({ components: undefined, ranking: undefined });
  });
});
