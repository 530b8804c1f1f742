import { RecordedEvent } from '@sleutel/event-store';
import { eventually } from './support/eventually';
import { proposedPair } from './support/proposed-pair';
import { startTestApp, TestApp } from './support/test-app';

type MatchStateAsOf = {
  kind: string; id: string; position: number; erasedSince: string[];
  state: { status: string; explanation: unknown; closing: { status: string; by?: string; reason: unknown } | null };
};

/**
 * SPEC §6 and §8: why a match was withdrawn by the matcher, or rejected by a
 * coordinator, is sealed personal data, so the trail cannot show it; the
 * match's state as of the closing event can, to auditors only. After an
 * erasure the state still answers, saying whose erasure made which part
 * unreadable.
 */
describe("the audit of a match's state as of an event", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ matcher: true });
  });
  afterAll(() => t.close());
  const as = (role: 'intake' | 'coordinator' | 'auditor' | 'admin') => ({ Authorization: `Bearer ${t.token(role)}` });

  const proposed = (language: string) => proposedPair(t, language);

  const event = (matchId: string, type: string): Promise<RecordedEvent> =>
    eventually(async () => (await t.store.readStream(`match-${matchId}`)).find((candidate) => candidate.type === type), { what: type });
  const stateAsOf = async (matchId: string, position: number): Promise<MatchStateAsOf> =>
    (await t.http.get(`/api/v1/audit/matches/${matchId}?asOf=${position}`).set(as('auditor')).expect(200)).body;

  let rejected: { keyPersonId: string; newcomerId: string; matchId: string };
  let rejection: RecordedEvent;
  const written = 'They live at opposite ends of the city; weekly meetings would not last';
  let withdrawn: { keyPersonId: string; newcomerId: string; matchId: string };
  let withdrawal: RecordedEvent;

  it("reads the reason a coordinator wrote when rejecting, as of the rejection, and nothing of it before", async () => {
    rejected = await proposed('tir');
    await t.http.post(`/api/v1/matches/${rejected.matchId}/reject`).set(as('coordinator')).send({ reason: written }).expect(200);
    rejection = await event(rejected.matchId, 'MatchRejected');

    const after = await stateAsOf(rejected.matchId, rejection.position);
    expect(after).toMatchObject({ kind: 'matches', id: rejected.matchId, position: rejection.position, erasedSince: [] });
    expect(after.state.status).toBe('rejected');
    expect(after.state.closing).toEqual({ status: 'rejected', by: expect.any(String), reason: written });

    const proposal = await event(rejected.matchId, 'MatchProposed');
    const before = await stateAsOf(rejected.matchId, proposal.position);
    expect({ status: before.state.status, closing: before.state.closing, position: before.position }).toEqual({ status: 'proposed', closing: null, position: proposal.position });
  });

  it('reads why the matcher withdrew a match, as of the withdrawal', async () => {
    withdrawn = await proposed('amh');
    await t.http.post(`/api/v1/key-persons/${withdrawn.keyPersonId}/retire`).set(as('coordinator')).send({}).expect(200);
    withdrawal = await event(withdrawn.matchId, 'MatchWithdrawn');

    const { state, erasedSince } = await stateAsOf(withdrawn.matchId, withdrawal.position);
    expect({ status: state.status, closing: state.closing, erasedSince }).toEqual({ status: 'withdrawn', closing: { status: 'withdrawn', reason: 'The key person retired' }, erasedSince: [] });
  });

  it.each(['coordinator', 'intake', 'admin'] as const)('refuses a %s', async (role) => {
    await t.http.get(`/api/v1/audit/matches/${rejected.matchId}?asOf=${rejection.position}`).set(as(role)).expect(403);
  });

  it("says the newcomer's erasure made the reason unreadable, and keeps what the match's state holds in clear", async () => {
    await t.http.post('/api/v1/erasures').set(as('admin')).send({ subjectType: 'newcomer', subjectId: rejected.newcomerId }).expect(200);

    const { state, erasedSince } = await stateAsOf(rejected.matchId, rejection.position);

    expect(erasedSince).toEqual(['newcomer']);
    expect({ status: state.status, explanation: state.explanation, closing: state.closing })
      .toEqual({ status: 'rejected', explanation: { erased: true }, closing: { status: 'rejected', by: expect.any(String), reason: { erased: true } } });
  });

  it("still reads a withdrawal's reason after the key person's erasure, the explanation no more", async () => {
    await t.http.post('/api/v1/erasures').set(as('admin')).send({ subjectType: 'key-person', subjectId: withdrawn.keyPersonId }).expect(200);

    const { state, erasedSince } = await stateAsOf(withdrawn.matchId, withdrawal.position);

    expect(erasedSince).toEqual(['key-person']);
    expect({ explanation: state.explanation, closing: state.closing }).toEqual({ explanation: { erased: true }, closing: { status: 'withdrawn', reason: 'The key person retired' } });
  });

  it('answers 404 for a match never proposed, and before its proposal', async () => {
    await t.http.get('/api/v1/audit/matches/0b6c4f7e-3d1a-4c55-9a0e-5d8f7f0b2a11?asOf=0').set(as('auditor')).expect(404);
    await t.http.get(`/api/v1/audit/matches/${rejected.matchId}?asOf=0`).set(as('auditor')).expect(404);
  });
});
