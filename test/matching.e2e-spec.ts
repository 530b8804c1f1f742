import { keyPersonBody, newcomerBody } from './support/bodies';
import { eventually } from './support/eventually';
import { QUEUE_DRIVERS } from './support/queue-drivers';
import { startTestApp, TestApp } from './support/test-app';
import { MATCHER_QUEUE, MatcherJobs, WAITING_LIST_COVERED_MARK } from '@sleutel/matcher';
import { JobQueue } from '@sleutel/queue';
import { EventCodec } from '@sleutel/eventsourcing';
import { EVENT_CODEC } from '@sleutel/platform';

type Match = { id: string; keyPersonId: string; newcomerId: string; status: string; score: number; explanation: { components: { name: string; contribution: number }[]; considered: number; excluded: Record<string, number>; alternatives: { keyPersonId: string }[] } };

/**
 * The queued matcher end to end over HTTP (SPEC §4, §5), under both queue
 * drivers: proposals appear with explanations; rejection, decline and expiry
 * lead to a new proposal that never repeats a failed pair.
 */

describe.each(QUEUE_DRIVERS)('matching with the %s', (_driver, env) => {
  let t: TestApp;
  let coordinator: string;
  let intake: string;

  beforeAll(async () => {
    t = await startTestApp({ matcher: true, env: { ...env(), PROPOSAL_DEADLINE_SECONDS: '2', EXPIRY_SWEEP_INTERVAL_MS: '200' } });
    coordinator = t.token('coordinator');
    intake = t.token('intake');
  });
  afterAll(() => t.close());

  const registerKeyPerson = async (overrides: Record<string, unknown> = {}) =>
    (await t.http.post('/api/v1/key-persons').set('Authorization', `Bearer ${coordinator}`).send(keyPersonBody(overrides)).expect(201)).body.id as string;
  const registerNewcomer = async (overrides: Record<string, unknown> = {}) =>
    (await t.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${intake}`).send(newcomerBody(overrides)).expect(201)).body.id as string;
  const matchesOf = async (newcomerId: string): Promise<Match[]> =>
    (await t.http.get(`/api/v1/matches?newcomerId=${newcomerId}&limit=100`).set('Authorization', `Bearer ${coordinator}`).expect(200)).body.items;
  /** The newcomer's last deferral's exclusions, opened (they are sealed under the newcomer's key); undefined before one. */
  const lastExclusions = async (newcomerId: string): Promise<Record<string, number> | undefined> => {
    const deferral = (await t.store.readStream(`newcomer-${newcomerId}`)).filter((e) => e.type === 'NewcomerMatchingDeferred').pop();
    return deferral === undefined ? undefined : (await t.app.get<EventCodec>(EVENT_CODEC).decode(deferral)).data.excluded as Record<string, number>;
  };
  const openProposal = (newcomerId: string, excluding: string[] = []) =>
    eventually(async () => (await matchesOf(newcomerId)).find((m) => m.status === 'proposed' && !excluding.includes(m.id)), { what: 'a proposal' });

  /** A Tigrinya speaker in Utrecht free on Tuesday evenings, for a newcomer who is too. */
  const tigrinya = { languages: [{ code: 'tir', level: 'native' }], origin: { country: 'ER' }, gender: 'female' };
  const newcomerForTigrinya = {
    languages: [{ code: 'tir', level: 'native' }], origin: { country: 'ER' },
    availability: { slots: [{ day: 'tue', start: '18:00', end: '21:00' }] },
    preferences: { keyPersonGender: 'any', genderRequired: false, sameOrigin: 'no-preference', remoteOk: false },
  };

  it('proposes the best key person with an explanation whose contributions add up to the score', async () => {
    const best = await registerKeyPerson({ ...tigrinya, expertise: ['health', 'housing'] });
    const other = await registerKeyPerson({ ...tigrinya, expertise: ['work'] });
    await registerKeyPerson({ languages: [{ code: 'prs', level: 'native' }], origin: { country: 'AF' } });
    const newcomer = await registerNewcomer(newcomerForTigrinya);

    const proposal = await openProposal(newcomer);
    expect(proposal.keyPersonId).toBe(best);
    expect(proposal.score).toBeGreaterThan(0);
    expect(proposal.score).toBeLessThanOrEqual(1);
    const { explanation } = proposal;
    expect(explanation.components.map((c) => c.name)).toEqual(expect.arrayContaining(['language', 'expertise', 'availability', 'proximity', 'load']));
    expect(explanation.components.reduce((sum, c) => sum + c.contribution, 0)).toBeCloseTo(proposal.score, 9);
    expect(explanation.considered).toBeGreaterThanOrEqual(3);
    expect(explanation.excluded['no-shared-language']).toBeGreaterThanOrEqual(1);
    expect(explanation.alternatives.map((a) => a.keyPersonId)).toContain(other);

    const single = await t.http.get(`/api/v1/matches/${proposal.id}`).set('Authorization', `Bearer ${intake}`).expect(200);
    expect(single.body).toMatchObject({ id: proposal.id, newcomerId: newcomer, keyPersonId: best, status: 'proposed', policyVersion: 1 });
  });

  it('tells whoever reads the newcomer why she waits, and then that a proposal is open, and that she no longer waits once withdrawn', async () => {
    // Nobody speaks Georgian yet: the look finds nobody, and the newcomer's own record says why.
    const georgian = { ...newcomerForTigrinya, languages: [{ code: 'kat', level: 'native' }] };
    await registerKeyPerson({ languages: [{ code: 'prs', level: 'native' }], origin: { country: 'AF' } });
    const newcomer = await registerNewcomer(georgian);
    const read = async () => (await t.http.get(`/api/v1/newcomers/${newcomer}`).set('Authorization', `Bearer ${intake}`).expect(200)).body;
    const waiting = await eventually(async () => {
      const body = await read();
      return body.matching.lastDeferral === null ? undefined : body;
    }, { what: 'a deferral on the newcomer' });
    expect(waiting.matching).toMatchObject({ state: 'waiting', openMatchId: null, waitingSince: waiting.registeredAt });
    const deferral = waiting.matching.lastDeferral;
    expect(deferral.policyVersion).toBe(1);
    expect(deferral.considered).toBeGreaterThanOrEqual(1);
    expect(deferral.excluded['no-shared-language']).toBeGreaterThanOrEqual(1);
    expect(Object.values(deferral.excluded as Record<string, number>).reduce((sum, n) => sum + n, 0)).toBe(deferral.considered);
    expect(deferral.excluded).toEqual(await lastExclusions(newcomer));
    // The revision (and ETag) counts the profile only: the matcher's bookkeeping does not make an edit stale.
    expect(waiting.revision).toBe(0);

    // A Georgian speaker joins: the waiting list is looked at again, and the newcomer's record names the proposal.
    const keyPerson = await registerKeyPerson({ ...tigrinya, languages: [{ code: 'kat', level: 'native' }], capacity: 2 });
    const places = async () => (await t.http.get(`/api/v1/key-persons/${keyPerson}`).set('Authorization', `Bearer ${coordinator}`).expect(200)).body.placesTaken;
    const proposal = await openProposal(newcomer);
    // The proposal takes one of the key person's two places, and the withdrawal below frees it.
    expect(await places()).toBe(1);
    const proposed = await eventually(async () => {
      const body = await read();
      return body.matching.state === 'open-match' ? body : undefined;
    }, { what: 'the open match on the newcomer' });
    expect(proposed.matching).toEqual({ state: 'open-match', openMatchId: proposal.id, waitingSince: null, lastDeferral: null });

    await t.http.post(`/api/v1/newcomers/${newcomer}/withdraw`).set('Authorization', `Bearer ${intake}`).send({}).expect(200);
    expect((await read()).matching).toEqual({ state: 'not-matching', openMatchId: null, waitingSince: null, lastDeferral: null });
    await eventually(async () => (await places()) === 0, { what: 'the place freed' });
  });

  it('after a rejection and a decline proposes someone new each time, and then records why nobody is left', async () => {
    const first = await registerKeyPerson({ ...tigrinya, postcodeArea: '3511', expertise: ['health', 'housing'] });
    const second = await registerKeyPerson({ ...tigrinya, municipality: 'GM0363', postcodeArea: null, travelRadiusKm: 60 });
    const newcomer = await registerNewcomer({ ...newcomerForTigrinya, doNotMatch: [] });
    // Other tests' key persons are candidates too: note every key person this newcomer is offered.
    const offered: string[] = [];

    const p1 = await openProposal(newcomer);
    offered.push(p1.keyPersonId);
    const rejected = await t.http.post(`/api/v1/matches/${p1.id}/reject`).set('Authorization', `Bearer ${coordinator}`).send({ reason: 'Too far apart' }).expect(200);
    expect(rejected.headers.etag).toBe(`"${rejected.body.revision}"`);

    const p2 = await openProposal(newcomer, [p1.id]);
    expect(p2.keyPersonId).not.toBe(p1.keyPersonId);
    offered.push(p2.keyPersonId);
    await t.http.post(`/api/v1/matches/${p2.id}/approve`).set('Authorization', `Bearer ${coordinator}`).send({}).expect(200);
    const declined = await t.http.post(`/api/v1/matches/${p2.id}/decline`).set('Authorization', `Bearer ${coordinator}`).send({ party: 'newcomer', reason: 'Prefers someone nearer' }).expect(200);
    expect(declined.headers.etag).toBe(`"${declined.body.revision}"`);

    // Either a third key person is proposed (never one offered before), or the newcomer waits with a reason.
    await eventually(async () => {
      const matches = await matchesOf(newcomer);
      const open = matches.find((m) => m.status === 'proposed');
      if (open) {
        expect(offered).not.toContain(open.keyPersonId);
        return true;
      }
      return ((await lastExclusions(newcomer))?.['previously-failed'] ?? 0) >= 2;
    }, { what: 'a third proposal or a recorded reason' });
    // The two who fit this newcomer best were offered first.
    expect(offered.some((id) => id === first || id === second)).toBe(true);
  });

  it('expires an unanswered proposal and proposes someone else', async () => {
    await registerKeyPerson({ ...tigrinya, languages: [{ code: 'som', level: 'native' }] });
    await registerKeyPerson({ ...tigrinya, languages: [{ code: 'som', level: 'fluent' }] });
    const newcomer = await registerNewcomer({ ...newcomerForTigrinya, languages: [{ code: 'som', level: 'native' }], origin: { country: 'SO' } });
    const p1 = await openProposal(newcomer);
    const expired = await eventually(async () => (await matchesOf(newcomer)).find((m) => m.id === p1.id && m.status === 'expired'), { what: 'the expiry' });
    expect(expired.status).toBe('expired');
    const p2 = await openProposal(newcomer, [p1.id]);
    expect(p2.keyPersonId).not.toBe(p1.keyPersonId);
  });

  it('approve, accept by both parties, end: the key person\'s place is freed again', async () => {
    const keyPerson = await registerKeyPerson({ ...tigrinya, languages: [{ code: 'amh', level: 'native' }], capacity: 1 });
    const newcomer = await registerNewcomer({ ...newcomerForTigrinya, languages: [{ code: 'amh', level: 'native' }], origin: { country: 'ET' } });
    const proposal = await openProposal(newcomer);
    expect(proposal.keyPersonId).toBe(keyPerson);
    const call = (action: string, body: object = {}) => t.http.post(`/api/v1/matches/${proposal.id}/${action}`).set('Authorization', `Bearer ${coordinator}`).send(body);

    // Each answer that is the match carries its revision as the ETag, the one its GET then sends, not a content hash.
    const revisionTagged = async (response: { headers: Record<string, string>; body: { revision: number; status: string } }) => {
      const read = await t.http.get(`/api/v1/matches/${proposal.id}`).set('Authorization', `Bearer ${coordinator}`).expect(200);
      expect({ etag: response.headers.etag, read: read.headers.etag }).toEqual({ etag: `"${response.body.revision}"`, read: `"${response.body.revision}"` });
      return response.body.status;
    };

    const early = await call('accept', { party: 'newcomer' });
    expect(early.status).toBe(409);
    expect(await revisionTagged(await call('approve').expect(200))).toBe('approved');
    expect(await revisionTagged(await call('accept', { party: 'newcomer' }).expect(200))).toBe('approved');
    expect(await revisionTagged(await call('accept', { party: 'key-person' }).expect(200))).toBe('accepted');
    expect(await revisionTagged(await call('end', { outcome: 'completed', reason: 'Found her way' }).expect(200))).toBe('ended');
    // A list is no resource with a revision: it carries no ETag at all.
    expect((await t.http.get(`/api/v1/matches?newcomerId=${newcomer}`).set('Authorization', `Bearer ${coordinator}`).expect(200)).headers.etag).toBeUndefined();

    await eventually(async () => {
      const stream = await t.store.readStream(`key-person-${keyPerson}`);
      return stream.some((e) => e.type === 'KeyPersonCapacityReleased' && e.data.matchId === proposal.id);
    }, { what: 'the place to be released' });
    // Settlement releases the two sides in separate appends, in no promised order: wait for the newcomer's too.
    const released = await eventually(async () => {
      const outcomes = (await t.store.readStream(`newcomer-${newcomer}`)).filter((e) => e.type === 'NewcomerMatchReleased').map((e) => e.data.outcome);
      return outcomes.length > 0 && outcomes;
    }, { what: 'the newcomer to be released' });
    expect(released).toEqual(['ended']);
  });

  it('takes the lifecycle calls as SPEC §9 shows them: accept with no body, decline and end with only a reason', async () => {
    const language = { languages: [{ code: 'ukr', level: 'native' }], origin: { country: 'UA' } };
    const keyPerson = await registerKeyPerson({ ...tigrinya, ...language, capacity: 1 });
    const newcomer = await registerNewcomer({ ...newcomerForTigrinya, ...language });
    const proposal = await openProposal(newcomer);
    expect(proposal.keyPersonId).toBe(keyPerson);
    const call = (id: string, action: string) => t.http.post(`/api/v1/matches/${id}/${action}`).set('Authorization', `Bearer ${coordinator}`);

    // Accept on a proposal not yet approved: the coordinator's call approves it and records both answers, in one append.
    const accepted = (await call(proposal.id, 'accept').expect(200)).body;
    expect(accepted).toMatchObject({ status: 'accepted', approvedBy: 'tester', acceptedBy: ['newcomer', 'key-person'] });
    const stream = await t.store.readStream(`match-${proposal.id}`);
    const steps = stream.slice(1);
    expect(steps.map((e) => [e.type, (e.metadata as { command: string }).command])).toEqual([
      ['MatchApproved', 'ApproveMatch'], ['MatchPartyAccepted', 'AcceptMatch'], ['MatchPartyAccepted', 'AcceptMatch'], ['MatchAccepted', 'AcceptMatch'],
    ]);
    // Again: no change.
    await call(proposal.id, 'accept').send({}).expect(200);
    expect(await t.store.readStream(`match-${proposal.id}`)).toHaveLength(stream.length);

    const ended = (await call(proposal.id, 'end').send({ reason: 'Found her way' }).expect(200)).body;
    expect(ended).toMatchObject({ status: 'ended', closing: { status: 'ended', outcome: 'completed', reason: 'Found her way' } });

    // The place is free again: a second newcomer is proposed to the same key person and declined without naming a party.
    const second = await registerNewcomer({ ...newcomerForTigrinya, ...language });
    const next = await openProposal(second);
    expect(next.keyPersonId).toBe(keyPerson);
    const declined = (await call(next.id, 'decline').send({ reason: 'Not now' }).expect(200)).body;
    expect(declined).toMatchObject({ status: 'declined', closing: { status: 'declined', party: null, reason: 'Not now' } });
    // Never this pair again: the newcomer waits, with the failed pair counted.
    await eventually(async () => {
      return (await lastExclusions(second))?.['previously-failed'] === 1;
    }, { what: 'the newcomer to wait without the declined pair' });
    expect((await matchesOf(second)).filter((m) => m.keyPersonId === keyPerson)).toHaveLength(1);
  });

  it('does not match a newcomer again after their match ended, until someone asks (SPEC §4)', async () => {
    const pashto = { languages: [{ code: 'pus', level: 'native' }], origin: { country: 'AF' } };
    const first = await registerKeyPerson({ ...tigrinya, ...pashto, gender: 'male', capacity: 1 });
    const ended = await registerNewcomer({ ...newcomerForTigrinya, ...pashto });
    const match = await openProposal(ended);
    expect(match.keyPersonId).toBe(first);
    const call = (action: string, body: object = {}) => t.http.post(`/api/v1/matches/${match.id}/${action}`).set('Authorization', `Bearer ${coordinator}`).send(body);
    await call('accept').expect(200);
    await call('end', { outcome: 'completed', reason: 'Found her way' }).expect(200);
    await eventually(async () => (await t.store.readStream(`newcomer-${ended}`)).some((e) => e.type === 'NewcomerMatchReleased'), { what: 'the release' });

    // Someone still waiting: she needs a woman, and the only key person so far is a man.
    const waiting = await registerNewcomer({ ...newcomerForTigrinya, ...pashto, preferences: { ...newcomerForTigrinya.preferences, keyPersonGender: 'female', genderRequired: true } });
    await eventually(async () => (await t.store.readStream(`newcomer-${waiting}`)).some((e) => e.type === 'NewcomerMatchingDeferred'), { what: 'a deferral' });
    // A new key person sends the matcher through everyone waiting, in registration order: the ended newcomer would come first.
    const second = await registerKeyPerson({ ...tigrinya, ...pashto, gender: 'female', capacity: 2 });
    expect((await openProposal(waiting)).keyPersonId).toBe(second);
    expect((await matchesOf(ended)).map((m) => m.status)).toEqual(['ended']);
    expect((await t.store.readStream(`newcomer-${ended}`)).filter((e) => e.type === 'NewcomerMatchingDeferred')).toEqual([]);

    // Asked for, they are matched again; ended is not failed, so the same key person may be proposed.
    await t.http.post(`/api/v1/newcomers/${ended}/match-requests`).set('Authorization', `Bearer ${intake}`).send().expect(202);
    const again = await openProposal(ended, [match.id]);
    expect([first, second]).toContain(again.keyPersonId);
  });

  it('counts the waiting of a newcomer asked for again after an ended match from that request, not from registration (SPEC §5)', async () => {
    const armenian = { languages: [{ code: 'hye', level: 'native' }], origin: { country: 'AM' } };
    await registerKeyPerson({ ...tigrinya, ...armenian, capacity: 1 });
    const newcomer = await registerNewcomer({ ...newcomerForTigrinya, ...armenian });
    const match = await openProposal(newcomer);
    const call = (action: string, body: object = {}) => t.http.post(`/api/v1/matches/${match.id}/${action}`).set('Authorization', `Bearer ${coordinator}`).send(body);
    await call('accept').expect(200);
    await call('end', { outcome: 'ended-early', reason: 'Moved to another city' }).expect(200);
    await eventually(async () => (await t.store.readStream(`newcomer-${newcomer}`)).some((e) => e.type === 'NewcomerMatchReleased'), { what: 'the release' });
    await t.http.post(`/api/v1/newcomers/${newcomer}/match-requests`).set('Authorization', `Bearer ${intake}`).send().expect(202);
    const again = await openProposal(newcomer, [match.id]);

    // Times are kept in clear in the log: the registration, and the request that started the new wait (it says so).
    const stream = await t.store.readStream(`newcomer-${newcomer}`);
    const registeredAt = Date.parse(stream.find((e) => e.type === 'NewcomerRegistered')!.data.registeredAt as string);
    const request = stream.find((e) => e.type === 'NewcomerMatchingRequested')!;
    expect(request.data.waitStartedAt).toBe(request.data.requestedAt);
    const requestedAt = Date.parse(request.data.requestedAt as string);
    expect(requestedAt).toBeGreaterThan(registeredAt);
    // The waiting component's days are (scoredAt − waiting since) in whole milliseconds: since the request, the time in the match left out.
    const explanation = again.explanation as unknown as { scoredAt: string; components: { name: string; raw: { days: number } }[] };
    const waitedMs = Math.round(explanation.components.find((c) => c.name === 'waiting')!.raw.days * 86_400_000);
    expect({ waitedMs }).toEqual({ waitedMs: Date.parse(explanation.scoredAt) - requestedAt });
    // And the proposal reproduces from the log (invariant 7): the request's own record of the restart is what the fold reads.
    const audit = await t.http.get(`/api/v1/audit/matches/${again.id}/explanation`).set('Authorization', `Bearer ${t.token('auditor')}`).expect(200);
    expect({ equal: audit.body.reproduction.equal, ranking: audit.body.reproduction.ranking?.equal }).toEqual({ equal: true, ranking: true });
  });

  it('keeps one deferral for a newcomer waiting for a rare language while key persons who cannot take her arrive and change, shown as of its time, and proposes one who can', async () => {
    const finnish = { languages: [{ code: 'fin', level: 'native' }], origin: { country: 'FI' } };
    const newcomer = await registerNewcomer({ ...newcomerForTigrinya, ...finnish });
    const deferralsOf = async () => (await t.store.readStream(`newcomer-${newcomer}`)).filter((e) => e.type === 'NewcomerMatchingDeferred');
    const [first] = await eventually(async () => (await deferralsOf()).length > 0 && deferralsOf(), { what: 'a deferral' });
    const queue = t.app.get<JobQueue<MatcherJobs>>(MATCHER_QUEUE);
    /** A look at the waiting list has covered the log as it is now, and the requests it added have run. */
    const looked = async () => {
      const head = (await t.store.headPosition())!;
      await eventually(async () => {
        const [covered, counts] = await Promise.all([queue.marks.load(WAITING_LIST_COVERED_MARK), queue.counts()]);
        return covered !== null && covered >= head && counts.waiting === 0 && counts.active === 0;
      }, { what: `a look at the waiting list through ${head}` });
    };

    const other = await registerKeyPerson();
    await looked();
    await registerKeyPerson({ languages: [{ code: 'prs', level: 'native' }], origin: { country: 'AF' } });
    await looked();
    await t.http.patch(`/api/v1/key-persons/${other}`).set('Authorization', `Bearer ${coordinator}`).set('If-Match', '"0"').send({ capacity: 5 }).expect(200);
    await looked();
    expect((await deferralsOf()).map((e) => e.id)).toEqual([first.id]);

    // The auditor reads the deferral on record with the time it stood for.
    const state = await t.http.get(`/api/v1/audit/newcomers/${newcomer}`).set('Authorization', `Bearer ${t.token('auditor')}`).expect(200);
    expect(state.body.state.lastDeferral).toMatchObject({ policyVersion: 1, considered: first.data.considered, deferredAt: first.data.deferredAt });

    const fits = await registerKeyPerson({ ...tigrinya, ...finnish });
    expect((await openProposal(newcomer)).keyPersonId).toBe(fits);
  });

  it('ran every job through the configured queue', async () => {
    const counts = await t.app.get<JobQueue<MatcherJobs>>(MATCHER_QUEUE).counts();
    expect(counts.completed).toBeGreaterThan(10);
    expect(counts.failed).toBe(0);
  });

  it('answers an explicit match request with 202 and refuses one while a match is open', async () => {
    const newcomer = await registerNewcomer({ ...newcomerForTigrinya, languages: [{ code: 'kmr', level: 'native' }], origin: { country: 'TR' } });
    await eventually(async () => (await t.store.readStream(`newcomer-${newcomer}`)).some((e) => e.type === 'NewcomerMatchingDeferred'), { what: 'a deferral' });
    await t.http.post(`/api/v1/newcomers/${newcomer}/match-requests`).set('Authorization', `Bearer ${intake}`).send().expect(202);
    await registerKeyPerson({ ...tigrinya, languages: [{ code: 'kmr', level: 'native' }] });
    await openProposal(newcomer);
    const again = await t.http.post(`/api/v1/newcomers/${newcomer}/match-requests`).set('Authorization', `Bearer ${coordinator}`).send();
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('NEWCOMER.ALREADY_MATCHING');
  });
});
