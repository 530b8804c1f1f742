import { eventually } from './support/eventually';
import { proposedPair } from './support/proposed-pair';
import { startTestApp, TestApp } from './support/test-app';

type TrailEvent = { id: string; type: string; streamId: string; relation: string; metadata: { causationId: string } };

/**
 * SPEC §6: the trail of a match, newcomer or key person holds what happened to
 * it in causal order, the causes included: the event of the other party that
 * ended a match (a withdrawal, an erasure, a retirement) is in the match's
 * trail and in the other party's.
 */
describe('audit trails and the event that ended a match', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ matcher: true });
  });
  afterAll(() => t.close());
  const as = (role: 'intake' | 'coordinator' | 'auditor' | 'admin') => ({ Authorization: `Bearer ${t.token(role)}` });

  const proposed = (language: string) => proposedPair(t, language);

  async function trail(kind: 'matches' | 'newcomers' | 'key-persons', id: string): Promise<TrailEvent[]> {
    return (await t.http.get(`/api/v1/audit/trails/${kind}/${id}`).set(as('auditor')).expect(200)).body.events as TrailEvent[];
  }

  /** The event of `stream` that caused the match's withdrawal, and the withdrawal. */
  async function causeOfWithdrawal(matchId: string, stream: string): Promise<{ cause: { id: string; type: string }; withdrawal: { id: string } }> {
    const withdrawal = await eventually(async () => (await t.store.readStream(`match-${matchId}`)).find((event) => event.type === 'MatchWithdrawn'), { what: 'the withdrawal' });
    const cause = (await t.store.readStream(stream)).find((event) => event.id === withdrawal.metadata.causationId);
    if (!cause) throw new Error(`The withdrawal of ${matchId} was not caused by an event of ${stream}`);
    return { cause, withdrawal };
  }

  it.each([
    ['withdrawn', 'NewcomerWithdrawn', 'tir'],
    ['erased', 'NewcomerErased', 'amh'],
  ])('newcomer %s: the match\'s and the key person\'s trails hold the newcomer\'s %s before the withdrawal it caused', async (how, type, language) => {
    const { keyPersonId, newcomerId, matchId } = await proposed(language);
    if (how === 'withdrawn') await t.http.post(`/api/v1/newcomers/${newcomerId}/withdraw`).set(as('intake')).send({}).expect(200);
    else await t.http.post('/api/v1/erasures').set(as('admin')).send({ subjectType: 'newcomer', subjectId: newcomerId }).expect(200);
    const { cause, withdrawal } = await causeOfWithdrawal(matchId, `newcomer-${newcomerId}`);
    expect(cause.type).toBe(type);
    for (const events of [await trail('matches', matchId), await trail('key-persons', keyPersonId)]) {
      const ids = events.map((event) => event.id);
      expect(events.find((event) => event.id === cause.id)).toMatchObject({ type, relation: 'names-subject' });
      expect(ids.indexOf(cause.id)).toBeLessThan(ids.indexOf(withdrawal.id));
    }
  });

  it('key person retired: the match\'s and the newcomer\'s trails hold the retirement, as the cause of the withdrawal', async () => {
    const { keyPersonId, newcomerId, matchId } = await proposed('som');
    await t.http.post(`/api/v1/key-persons/${keyPersonId}/retire`).set(as('coordinator')).send({}).expect(200);
    const { cause, withdrawal } = await causeOfWithdrawal(matchId, `key-person-${keyPersonId}`);
    expect(cause.type).toBe('KeyPersonRetired');
    for (const events of [await trail('matches', matchId), await trail('newcomers', newcomerId)]) {
      const ids = events.map((event) => event.id);
      expect(events.find((event) => event.id === cause.id)).toMatchObject({ type: 'KeyPersonRetired', relation: 'cause' });
      expect(ids.indexOf(cause.id)).toBeLessThan(ids.indexOf(withdrawal.id));
    }
    // The key person's other events, which neither name the match nor caused anything in it, stay out of the newcomer's trail.
    expect((await trail('newcomers', newcomerId)).filter((event) => event.streamId === `key-person-${keyPersonId}`).map((event) => event.type))
      .toEqual(['KeyPersonCapacityReserved', 'KeyPersonRetired', 'KeyPersonCapacityReleased']);
  });
});
