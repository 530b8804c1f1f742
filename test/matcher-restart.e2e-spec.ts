import { MATCHER_QUEUE, MatcherJobs, MatchRequestRelay, RELAY_EVENT_TYPES } from '@sleutel/matcher';
import { JobQueue } from '@sleutel/queue';
import { eventually } from './support/eventually';
import { bearer, people } from './support/people';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The embedded matcher restarted on the same DATA_DIR, in cohort mode. Its
 * in-process queue keeps nothing across a restart, so its relay derives the
 * jobs of the whole log again at every start. A newcomer's explicit request
 * that was proposed, rejected, and asked for again (deferred then) is
 * answered in the log: derived again, it appended a fresh deferral (its
 * first look had proposed, so its deferral's id was new, and the counts had
 * moved since). Now a start appends nothing; a new request still records
 * the counts as they are.
 */
describe('the in-process matcher restarted on the same DATA_DIR', () => {
  const env = { MATCHING_MODE: 'cohort' };
  const evenings = { slots: [{ day: 'tue', start: '18:00', end: '21:00' }] };
  const anyone = { keyPersonGender: 'any', genderRequired: false, sameOrigin: 'no-preference', remoteOk: false };
  let t: TestApp;
  const tokens = () => ({ coordinator: t.token('coordinator'), intake: t.token('intake') });
  const { registerKeyPerson, registerNewcomer, matchesOf } = people<{ id: string; status: string }>(() => t, tokens);

  afterAll(() => t.close());

  const deferralsOf = async (newcomerId: string) => (await t.store.readStream(`newcomer-${newcomerId}`)).filter((e) => e.type === 'NewcomerMatchingDeferred');
  const request = (newcomerId: string) => t.http.post(`/api/v1/newcomers/${newcomerId}/match-requests`).set(bearer(tokens().coordinator)).expect(202);

  /** The relay has derived every job of the log, and the queue has run them. */
  async function matcherIdle(): Promise<void> {
    const relay = t.app.get(MatchRequestRelay);
    const queue = t.app.get<JobQueue<MatcherJobs>>(MATCHER_QUEUE);
    const last = (await t.store.readAll()).filter((e) => RELAY_EVENT_TYPES.includes(e.type)).pop()!.position;
    await eventually(async () => {
      const counts = await queue.counts();
      return (relay.position ?? -1) >= last && counts.waiting === 0 && counts.active === 0 && counts.delayed === 0;
    }, { what: `the matcher through ${last}, its queue empty` });
  }

  it('appends nothing at a start for requests answered before it, and records a new request', async () => {
    t = await startTestApp({ matcher: true, env });
    const kurmanji = { languages: [{ code: 'kmr', level: 'native' }], availability: evenings };
    await registerKeyPerson({ ...kurmanji, capacity: 1 });
    const newcomer = await registerNewcomer({ ...kurmanji, preferences: anyone });
    await request(newcomer);
    const proposal = await eventually(async () => (await matchesOf(newcomer)).find((m) => m.status === 'proposed'), { what: 'the proposal' });
    await t.http.post(`/api/v1/matches/${proposal.id}/reject`).set(bearer(tokens().coordinator)).send({ reason: 'Too far apart' }).expect(200);
    await eventually(async () => (await t.store.readStream(`newcomer-${newcomer}`)).some((e) => e.type === 'NewcomerMatchReleased'), { what: 'the release' });
    // Asked again: nobody left (the pair failed), so a deferral.
    await request(newcomer);
    await eventually(async () => (await deferralsOf(newcomer)).length === 1, { what: 'the deferral' });
    // A key person who cannot take her moves the counts; in cohort mode no look follows.
    await registerKeyPerson({ languages: [{ code: 'prs', level: 'native' }], availability: evenings });
    await matcherIdle();
    const before = { log: await t.logLength(), deferrals: (await deferralsOf(newcomer)).map((e) => e.id) };
    await t.stop();

    for (let start = 0; start < 2; start++) {
      t = await startTestApp({ dataDir: t.dataDir, matcher: true, env });
      await matcherIdle();
      expect((await deferralsOf(newcomer)).map((e) => e.id)).toEqual(before.deferrals);
      expect(await t.logLength()).toBe(before.log);
      if (start === 0) await t.stop();
    }

    // A new request is looked at, and records the counts as they are now (two key persons considered).
    await request(newcomer);
    const deferrals = await eventually(async () => {
      const found = await deferralsOf(newcomer);
      return found.length > before.deferrals.length && found;
    }, { what: 'a fresh deferral' });
    expect(deferrals.map((e) => e.id).slice(0, -1)).toEqual(before.deferrals);
    expect(deferrals.at(-1)!.data).toMatchObject({ considered: 2 });
  });
});
