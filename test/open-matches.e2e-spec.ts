import { randomUUID } from 'node:crypto';
import { KeyPersonCommand, keyPersonStream, MatchCommand, matchStream, NewcomerCommand, newcomerStream } from '@sleutel/domain';
import { CommandContext, CommandRunner } from '@sleutel/eventsourcing';
import { MATCHER_QUEUE, MatcherJobs } from '@sleutel/matcher';
import { keyPersonAggregate, matchAggregate, newcomerAggregate } from '@sleutel/platform';
import { JobQueue } from '@sleutel/queue';
import { eventually } from './support/eventually';
import { bearer, people } from './support/people';
import { QUEUE_DRIVERS } from './support/queue-drivers';
import { startTestApp, TestApp } from './support/test-app';

type Match = { id: string; keyPersonId: string; status: string; closing: { status: string; reason?: string } | null };

/**
 * Open proposals and matches when a person changes or is erased. A proposal
 * must go on meeting the hard constraints between the two people after either
 * profile changes (SPEC §4 inv. 3 and 5 "at all times"): one the change breaks
 * is withdrawn, naming the constraint, and the newcomer is matched again; one
 * that still fits, or a match both have accepted, stands. Erasing a person
 * (SPEC §7) withdraws even an accepted match, saying it was an erasure.
 */

/** PATCH with the current ETag, as a client that read the profile first does. */
async function patchCurrent(t: TestApp, path: string, token: string, body: object): Promise<void> {
  const { etag } = (await t.http.get(path).set(bearer(token)).expect(200)).headers;
  await t.http.patch(path).set(bearer(token)).set('If-Match', etag).send(body).expect(200);
}

describe.each(QUEUE_DRIVERS)('open matches after a profile change or an erasure, with the %s', (_driver, env) => {
  let t: TestApp;
  let coordinator: string;
  let intake: string;
  let rechecks = 0;

  beforeAll(async () => {
    t = await startTestApp({ matcher: true, env: env() });
    coordinator = t.token('coordinator');
    intake = t.token('intake');
    t.app.get<JobQueue<MatcherJobs>>(MATCHER_QUEUE).observe({
      runEnded: ({ name, outcome }) => {
        if (name === 'recheck-pairs' && outcome === 'completed') rechecks += 1;
      },
    });
  });
  afterAll(() => t.close());

  const as = bearer;
  const { registerKeyPerson, registerNewcomer, matchesOf } = people<Match>(() => t, () => ({ coordinator, intake }));
  const match = async (id: string): Promise<Match> => (await t.http.get(`/api/v1/matches/${id}`).set(as(coordinator)).expect(200)).body;
  const proposalFor = (newcomerId: string, excluding: string[] = []) =>
    eventually(async () => (await matchesOf(newcomerId)).find((m) => m.status === 'proposed' && !excluding.includes(m.id)), { what: 'a proposal' });
  const patch = (path: string, token: string, body: object) => patchCurrent(t, path, token, body);
  /** Waits for the check the change caused, then the proposal's status says what it did. */
  const afterRecheck = async (change: () => Promise<unknown>) => {
    const before = rechecks;
    await change();
    await eventually(async () => rechecks > before, { what: 'the check of proposed pairs' });
  };

  const evenings = { slots: [{ day: 'tue', start: '18:00', end: '21:00' }] };
  const anyone = { keyPersonGender: 'any', genderRequired: false, sameOrigin: 'no-preference', remoteOk: false };

  it('withdraws a proposal whose key person the newcomer puts on their do-not-match list, and proposes someone else', async () => {
    const best = await registerKeyPerson({ languages: [{ code: 'ckb', level: 'native' }], expertise: ['health', 'housing'], availability: evenings });
    const next = await registerKeyPerson({ languages: [{ code: 'ckb', level: 'native' }], expertise: ['work'], availability: evenings });
    const newcomer = await registerNewcomer({ languages: [{ code: 'ckb', level: 'native' }], availability: evenings, preferences: anyone });
    const first = await proposalFor(newcomer);
    expect(first.keyPersonId).toBe(best);

    await patch(`/api/v1/newcomers/${newcomer}`, intake, { doNotMatch: [best] });
    const withdrawn = await eventually(async () => {
      const now = await match(first.id);
      return now.status === 'withdrawn' && now;
    }, { what: 'the proposal to be withdrawn' });
    expect(withdrawn.closing).toMatchObject({ status: 'withdrawn', reason: expect.stringContaining('do-not-match') });
    const second = await proposalFor(newcomer, [first.id]);
    expect(second.keyPersonId).toBe(next);
  });

  it('withdraws an approved proposal when the key person no longer speaks the newcomer\'s language', async () => {
    const keyPerson = await registerKeyPerson({ languages: [{ code: 'lit', level: 'native' }, { code: 'nld', level: 'fluent' }], availability: evenings });
    const newcomer = await registerNewcomer({ languages: [{ code: 'lit', level: 'native' }], availability: evenings, preferences: anyone });
    const proposal = await proposalFor(newcomer);
    expect(proposal.keyPersonId).toBe(keyPerson);
    await t.http.post(`/api/v1/matches/${proposal.id}/approve`).set(as(coordinator)).expect(200);

    await patch(`/api/v1/key-persons/${keyPerson}`, coordinator, { languages: [{ code: 'nld', level: 'fluent' }] });
    const withdrawn = await eventually(async () => {
      const now = await match(proposal.id);
      return now.status === 'withdrawn' && now;
    }, { what: 'the approved proposal to be withdrawn' });
    expect(withdrawn.closing!.reason).toContain('no-shared-language');
    // Nobody else speaks Lithuanian: the newcomer waits, with the reason recorded.
    await eventually(async () => (await t.store.readStream(`newcomer-${newcomer}`)).some((e) => e.type === 'NewcomerMatchingDeferred'), { what: 'a deferral' });
  });

  it('withdraws the proposals awaiting an answer of a key person who pauses and proposes someone else; the pair is not barred, so once resumed they can be proposed again', async () => {
    const speaks = { languages: [{ code: 'fin', level: 'native' }], availability: evenings };
    const resting = await registerKeyPerson(speaks);
    const newcomer = await registerNewcomer({ ...speaks, preferences: anyone });
    const first = await proposalFor(newcomer);
    expect(first.keyPersonId).toBe(resting);
    await t.http.post(`/api/v1/matches/${first.id}/approve`).set(as(coordinator)).expect(200);
    const other = await registerKeyPerson(speaks);

    await t.http.post(`/api/v1/key-persons/${resting}/pause`).set(as(coordinator)).send({ reason: 'On holiday' }).expect(200);
    const withdrawn = await eventually(async () => {
      const now = await match(first.id);
      return now.status === 'withdrawn' && now;
    }, { what: 'the approved proposal to be withdrawn' });
    expect(withdrawn.closing).toMatchObject({ status: 'withdrawn', reason: 'The key person was paused' });
    const second = await proposalFor(newcomer, [first.id]);
    expect(second.keyPersonId).toBe(other);

    // Back from holiday; the newcomer turns down the other key person and is proposed to the first again.
    await t.http.post(`/api/v1/key-persons/${resting}/resume`).set(as(coordinator)).send({}).expect(200);
    await t.http.post(`/api/v1/matches/${second.id}/reject`).set(as(coordinator)).send({ reason: 'Prefers the first' }).expect(200);
    const third = await proposalFor(newcomer, [first.id, second.id]);
    expect(third.keyPersonId).toBe(resting);
  });

  it('leaves a proposal that still fits, and a match both have accepted', async () => {
    const keyPerson = await registerKeyPerson({ languages: [{ code: 'lav', level: 'native' }], availability: evenings, capacity: 2 });
    const [waiting, agreed] = [
      await registerNewcomer({ languages: [{ code: 'lav', level: 'native' }], availability: evenings, preferences: anyone }),
      await registerNewcomer({ languages: [{ code: 'lav', level: 'native' }], availability: evenings, preferences: anyone }),
    ];
    const [proposal, accepted] = [await proposalFor(waiting), await proposalFor(agreed)];
    const call = (action: string, body: object = {}) => t.http.post(`/api/v1/matches/${accepted.id}/${action}`).set(as(coordinator)).send(body).expect(200);
    await call('approve');
    await call('accept', { party: 'newcomer' });
    await call('accept', { party: 'key-person' });

    // Someone else on the list (a key person: an id that names none is refused): the proposal still fits.
    const someoneElse = await registerKeyPerson({ languages: [{ code: 'fao', level: 'native' }], availability: evenings });
    await afterRecheck(() => patch(`/api/v1/newcomers/${waiting}`, intake, { doNotMatch: [someoneElse] }));
    expect((await match(proposal.id)).status).toBe('proposed');
    // The accepted pair breaks do-not-match now, but the two have agreed: ending it is the coordinator's call.
    await afterRecheck(() => patch(`/api/v1/newcomers/${agreed}`, intake, { doNotMatch: [keyPerson] }));
    expect((await match(accepted.id)).status).toBe('accepted');
  });

  it('withdraws an erased key person\'s accepted match, saying so, and frees the newcomer', async () => {
    const keyPerson = await registerKeyPerson({ languages: [{ code: 'est', level: 'native' }], availability: evenings });
    const newcomer = await registerNewcomer({ languages: [{ code: 'est', level: 'native' }], availability: evenings, preferences: anyone });
    const proposal = await proposalFor(newcomer);
    const call = (action: string, body: object = {}) => t.http.post(`/api/v1/matches/${proposal.id}/${action}`).set(as(coordinator)).send(body).expect(200);
    await call('approve');
    await call('accept', { party: 'newcomer' });
    expect((await call('accept', { party: 'key-person' })).body.status).toBe('accepted');

    await t.http.post('/api/v1/erasures').set(as(t.token('admin'))).send({ subjectType: 'key-person', subjectId: keyPerson }).expect(200);
    const withdrawn = await eventually(async () => {
      const now = await match(proposal.id);
      return now.status === 'withdrawn' && now;
    }, { what: 'the accepted match to be withdrawn' });
    expect(withdrawn.closing!.reason).toBe("The key person's data was erased");
    const released = await eventually(async () => (await t.store.readStream(`newcomer-${newcomer}`)).find((e) => e.type === 'NewcomerMatchReleased' && e.data.matchId === proposal.id), { what: 'the newcomer to be released' });
    // Their time in the accepted match was not waiting: the wait starts again at the release.
    expect(released.data).toMatchObject({ outcome: 'withdrawn', waitStartedAt: released.data.releasedAt });
  });

  it('names the constraint a withdrawn pair broke only to someone who may read both people, and to nobody once the key person is erased', async () => {
    const keyPerson = await registerKeyPerson({ gender: 'female', municipality: 'GM0356', languages: [{ code: 'hye', level: 'native' }], availability: evenings });
    const newcomer = await registerNewcomer({
      municipality: 'GM0344', languages: [{ code: 'hye', level: 'native' }], availability: evenings,
      preferences: { ...anyone, keyPersonGender: 'female', genderRequired: true },
    });
    const proposal = await proposalFor(newcomer);
    expect(proposal.keyPersonId).toBe(keyPerson);

    await patch(`/api/v1/key-persons/${keyPerson}`, coordinator, { gender: 'male' });
    const withdrawn = await eventually(async () => {
      const now = await match(proposal.id);
      return now.status === 'withdrawn' && now;
    }, { what: 'the proposal to be withdrawn' });
    // Whoever reads both people is told which constraint broke.
    expect(withdrawn.closing!.reason).toBe('The pair no longer meets the hard constraint gender-required after a profile change');
    const both = t.token('coordinator', { municipalities: ['GM0344', 'GM0356'] });
    expect((await t.http.get(`/api/v1/matches/${proposal.id}`).set(as(both)).expect(200)).body.closing.reason).toContain('gender-required');

    // The newcomer's coordinator alone would learn the key person's gender now; the key person's, the newcomer's requirement.
    const unnamed = 'The pair no longer meets a hard constraint after a profile change';
    for (const municipality of ['GM0344', 'GM0356']) {
      const scoped = t.token('coordinator', { municipalities: [municipality] });
      const one = await t.http.get(`/api/v1/matches/${proposal.id}`).set(as(scoped)).expect(200);
      const listed = (await t.http.get(`/api/v1/matches?${municipality === 'GM0344' ? `newcomerId=${newcomer}` : `keyPersonId=${keyPerson}`}`).set(as(scoped)).expect(200)).body.items;
      expect({ one: one.body.closing.reason, listed: listed.map((m: Match) => m.closing?.reason) }).toEqual({ one: unnamed, listed: [unnamed] });
    }

    await t.http.post('/api/v1/erasures').set(as(t.token('admin'))).send({ subjectType: 'key-person', subjectId: keyPerson }).expect(200);
    const afterErasure = (await t.http.get(`/api/v1/matches/${proposal.id}`).set(as(coordinator)).expect(200)).body;
    const asOf = (await t.http.get(`/api/v1/audit/matches/${proposal.id}`).set(as(t.token('auditor'))).expect(200)).body;
    expect({ api: afterErasure.closing.reason, audit: asOf.state.closing.reason, erasedSince: asOf.erasedSince })
      .toEqual({ api: unnamed, audit: unnamed, erasedSince: ['key-person'] });
  });
});

/**
 * The same judgement when a coordinator approves or a party accepts: the
 * matcher's check runs after the change, through the queue, and must not be
 * overtaken. With the matcher off here, nothing else would withdraw the pair.
 */
describe('approving or accepting a pair a profile change broke', () => {
  let t: TestApp;
  let coordinator: string;
  let intake: string;

  beforeAll(async () => {
    t = await startTestApp();
    coordinator = t.token('coordinator');
    intake = t.token('intake');
  });
  afterAll(() => t.close());

  const { registerKeyPerson, registerNewcomer } = people<Match>(() => t, () => ({ coordinator, intake }));
  const evenings = { slots: [{ day: 'tue', start: '18:00', end: '21:00' }] };
  const anyone = { keyPersonGender: 'any', genderRequired: false, sameOrigin: 'no-preference', remoteOk: false };
  const context = (): CommandContext => ({ actor: { id: 'test-matcher', role: 'coordinator' }, source: 'cli', correlationId: randomUUID(), causationId: 'test', commandId: randomUUID() });
  /** A proposal made in the proposer's three steps. */
  async function proposed(newcomerId: string, keyPersonId: string): Promise<string> {
    const runner = t.app.get(CommandRunner);
    const matchId = randomUUID();
    await runner.run(newcomerAggregate, newcomerStream(newcomerId), (_, at): NewcomerCommand[] => [{ type: 'ReserveNewcomerForMatch', data: { newcomerId, at, matchId, keyPersonId } }], context());
    await runner.run(keyPersonAggregate, keyPersonStream(keyPersonId), (_, at): KeyPersonCommand[] => [{ type: 'ReserveKeyPersonCapacity', data: { keyPersonId, at, matchId, newcomerId } }], context());
    await runner.run(matchAggregate, matchStream(matchId), (_, at): MatchCommand[] => [{
      type: 'ProposeMatch', data: { matchId, at, newcomerId, keyPersonId, score: 0.8, policyVersion: 1, logPosition: 1, expiresAt: '2099-01-01T00:00:00.000Z', explanation: {} },
    }], context());
    return matchId;
  }
  const call = (matchId: string, action: string, body: object = {}) => t.http.post(`/api/v1/matches/${matchId}/${action}`).set(bearer(coordinator)).send(body);
  const patch = (path: string, token: string, body: object) => patchCurrent(t, path, token, body);

  it('refuses to approve once the newcomer has put the key person on their do-not-match list, and approves a pair that still fits', async () => {
    const keyPerson = await registerKeyPerson({ languages: [{ code: 'ckb', level: 'native' }], availability: evenings });
    const [vetoing, content] = [
      await registerNewcomer({ languages: [{ code: 'ckb', level: 'native' }], availability: evenings, preferences: anyone }),
      await registerNewcomer({ languages: [{ code: 'ckb', level: 'native' }], availability: evenings, preferences: anyone }),
    ];
    const [vetoed, fitting] = [await proposed(vetoing, keyPerson), await proposed(content, keyPerson)];
    await patch(`/api/v1/newcomers/${vetoing}`, intake, { doNotMatch: [keyPerson] });

    const refused = await call(vetoed, 'approve').expect(409);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'MATCH.PAIR_NO_LONGER_FITS', detail: expect.stringContaining('do-not-match') });
    expect((await t.http.get(`/api/v1/matches/${vetoed}`).set(bearer(coordinator)).expect(200)).body.status).toBe('proposed');
    await call(fitting, 'approve').expect(200);
  });

  it('names the broken constraint only to someone who may read both people: a coordinator of the key person alone is not told the newcomer\'s veto', async () => {
    const keyPerson = await registerKeyPerson({ municipality: 'GM0356', languages: [{ code: 'ckb', level: 'native' }], availability: evenings });
    const newcomer = await registerNewcomer({ municipality: 'GM0344', languages: [{ code: 'ckb', level: 'native' }], availability: evenings, preferences: anyone });
    const matchId = await proposed(newcomer, keyPerson);
    await patch(`/api/v1/newcomers/${newcomer}`, intake, { doNotMatch: [keyPerson] });

    const nieuwegein = t.token('coordinator', { municipalities: ['GM0356'] });
    const refused = await t.http.post(`/api/v1/matches/${matchId}/approve`).set(bearer(nieuwegein)).send({}).expect(409);
    expect(refused.body).toMatchObject({ code: 'MATCH.PAIR_NO_LONGER_FITS', detail: expect.stringContaining('no longer meets a hard constraint') });
    expect(JSON.stringify(refused.body)).not.toContain('do-not-match');
    const both = t.token('coordinator', { municipalities: ['GM0344', 'GM0356'] });
    const named = await t.http.post(`/api/v1/matches/${matchId}/approve`).set(bearer(both)).send({}).expect(409);
    expect(named.body.detail).toContain('the hard constraint do-not-match');
  });

  it('refuses a party\'s acceptance once the key person no longer speaks the newcomer\'s language', async () => {
    const keyPerson = await registerKeyPerson({ languages: [{ code: 'lit', level: 'native' }, { code: 'nld', level: 'fluent' }], availability: evenings });
    const newcomer = await registerNewcomer({ languages: [{ code: 'lit', level: 'native' }], availability: evenings, preferences: anyone });
    const matchId = await proposed(newcomer, keyPerson);
    await call(matchId, 'approve').expect(200);
    await patch(`/api/v1/key-persons/${keyPerson}`, coordinator, { languages: [{ code: 'nld', level: 'fluent' }] });

    const refused = await call(matchId, 'accept', { party: 'newcomer' }).expect(409);
    expect(refused.body).toMatchObject({ code: 'MATCH.PAIR_NO_LONGER_FITS', detail: expect.stringContaining('no-shared-language') });
    // Declining is still possible: it moves away from the pair, not towards it.
    await call(matchId, 'decline', { party: 'newcomer', reason: 'No shared language any more' }).expect(200);
  });

  it('refuses approval and acceptance once the newcomer is withdrawn or the key person retired, before any settlement has run', async () => {
    const speaks = { languages: [{ code: 'hye', level: 'native' }], availability: evenings };
    const [keyPerson, retiring] = [await registerKeyPerson(speaks), await registerKeyPerson(speaks)];
    const [leaving, staying] = [await registerNewcomer({ ...speaks, preferences: anyone }), await registerNewcomer({ ...speaks, preferences: anyone })];
    const [ofLeaving, ofRetiring] = [await proposed(leaving, keyPerson), await proposed(staying, retiring)];
    await call(ofRetiring, 'approve').expect(200);
    await t.http.post(`/api/v1/newcomers/${leaving}/withdraw`).set(bearer(intake)).send({}).expect(200);
    await t.http.post(`/api/v1/key-persons/${retiring}/retire`).set(bearer(coordinator)).send({}).expect(200);

    expect((await call(ofLeaving, 'approve').expect(409)).body.code).toBe('NEWCOMER.WITHDRAWN');
    expect((await call(ofLeaving, 'accept').expect(409)).body.code).toBe('NEWCOMER.WITHDRAWN');
    expect((await call(ofRetiring, 'accept', { party: 'key-person' }).expect(409)).body.code).toBe('KEY_PERSON.RETIRED');
    expect((await call(ofRetiring, 'accept').expect(409)).body.code).toBe('KEY_PERSON.RETIRED');
    for (const [matchId, status] of [[ofLeaving, 'proposed'], [ofRetiring, 'approved']]) {
      expect((await t.http.get(`/api/v1/matches/${matchId}`).set(bearer(coordinator)).expect(200)).body).toMatchObject({ status, acceptedBy: [] });
    }
    // Moving away from the pair stays open to the coordinator.
    await call(ofLeaving, 'reject', { reason: 'He moved away' }).expect(200);
    await call(ofRetiring, 'decline', { reason: 'She retired' }).expect(200);
  });

  it('refuses approval and acceptance while the key person is paused, before the pause\'s job has withdrawn the proposal, and approves once they resume', async () => {
    const speaks = { languages: [{ code: 'slk', level: 'native' }], availability: evenings };
    const keyPerson = await registerKeyPerson(speaks);
    const [first, second] = [await registerNewcomer({ ...speaks, preferences: anyone }), await registerNewcomer({ ...speaks, preferences: anyone })];
    const [proposedOne, approvedOne] = [await proposed(first, keyPerson), await proposed(second, keyPerson)];
    await call(approvedOne, 'approve').expect(200);
    await t.http.post(`/api/v1/key-persons/${keyPerson}/pause`).set(bearer(coordinator)).send({}).expect(200);

    const refused = await call(proposedOne, 'approve').expect(409);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'KEY_PERSON.PAUSED', detail: expect.stringContaining('paused') });
    expect((await call(approvedOne, 'accept', { party: 'newcomer' }).expect(409)).body.code).toBe('KEY_PERSON.PAUSED');
    expect((await t.http.get(`/api/v1/matches/${approvedOne}`).set(bearer(coordinator)).expect(200)).body).toMatchObject({ status: 'approved', acceptedBy: [] });
    // Moving away from the pair stays open.
    await call(approvedOne, 'decline', { party: 'newcomer', reason: 'Found help elsewhere' }).expect(200);

    await t.http.post(`/api/v1/key-persons/${keyPerson}/resume`).set(bearer(coordinator)).send({}).expect(200);
    await call(proposedOne, 'approve').expect(200);
  });

  it('refuses approval and acceptance of a proposal its newcomer no longer holds, and approves the one they do (SPEC §4 inv. 2)', async () => {
    const speaks = { languages: [{ code: 'kat', level: 'native' }], availability: evenings };
    const [first, second, third] = [await registerKeyPerson(speaks), await registerKeyPerson(speaks), await registerKeyPerson(speaks)];
    const newcomer = await registerNewcomer({ ...speaks, preferences: anyone });
    /** A matcher worker lets go of the newcomer's reservation while another, slower one still proposes on it. */
    const orphaned = async (matchId: string) => t.app.get(CommandRunner).run(newcomerAggregate, newcomerStream(newcomer), (_, at): NewcomerCommand[] => [
      { type: 'ReleaseNewcomerMatch', data: { newcomerId: newcomer, at, matchId, outcome: 'cancelled' } },
    ], context());
    const approvedOrphan = await proposed(newcomer, first);
    await call(approvedOrphan, 'approve').expect(200);
    await orphaned(approvedOrphan);
    const proposedOrphan = await proposed(newcomer, second);
    await orphaned(proposedOrphan);
    const held = await proposed(newcomer, third);

    const refused = await call(proposedOrphan, 'approve').expect(409);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'MATCH.NOT_AWAITED', detail: expect.stringContaining('no longer awaits') });
    expect((await call(approvedOrphan, 'accept', { party: 'newcomer' }).expect(409)).body.code).toBe('MATCH.NOT_AWAITED');
    expect((await call(approvedOrphan, 'accept').expect(409)).body.code).toBe('MATCH.NOT_AWAITED');
    await call(held, 'approve').expect(200);
  });

  /** As the subject lifecycle commands do (`parseIfMatch`): optional, `*` or a weak tag taken, a stale one 412 with the current ETag. */
  it('honours an optional If-Match on every match command: a stale one is a 412 with the current ETag and changes nothing', async () => {
    const speaks = { languages: [{ code: 'est', level: 'native' }], availability: evenings };
    const keyPersons = [await registerKeyPerson(speaks), await registerKeyPerson(speaks)];
    const newcomers = [await registerNewcomer({ ...speaks, preferences: anyone }), await registerNewcomer({ ...speaks, preferences: anyone })];
    const [toEnd, toDecline] = [await proposed(newcomers[0], keyPersons[0]), await proposed(newcomers[1], keyPersons[1])];
    const ifMatch = (matchId: string, action: string, tag: string, body: object = {}) =>
      t.http.post(`/api/v1/matches/${matchId}/${action}`).set(bearer(coordinator)).set('If-Match', tag).send(body);
    const stale = async (matchId: string, action: string, tag: string, current: string, body: object = {}) => {
      const before = await t.logLength();
      const response = await ifMatch(matchId, action, tag, body).expect(412);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.headers.etag).toBe(current);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'If-Match', rule: 'current-revision' })]);
      expect(await t.logLength()).toBe(before);
    };

    expect((await t.http.get(`/api/v1/matches/${toEnd}`).set(bearer(coordinator)).expect(200)).headers.etag).toBe('"0"');
    await stale(toEnd, 'approve', '"41"', '"0"');
    await stale(toEnd, 'reject', '"1"', '"0"', { reason: 'Not this one' });
    expect((await ifMatch(toEnd, 'approve', 'yesterday').expect(400)).body.errors).toEqual([expect.objectContaining({ field: 'If-Match', rule: 'etag' })]);
    expect((await ifMatch(toEnd, 'approve', 'W/"0"').expect(200)).headers.etag).toBe('"1"');
    await stale(toEnd, 'accept', '"0"', '"1"', { party: 'newcomer' });
    await stale(toEnd, 'accept', '"0"', '"1"');
    expect((await ifMatch(toEnd, 'accept', '"1"').expect(200)).body.status).toBe('accepted');
    const accepted = (await t.http.get(`/api/v1/matches/${toEnd}`).set(bearer(coordinator)).expect(200)).headers.etag;
    await stale(toEnd, 'end', '"1"', accepted, { reason: 'Done' });
    expect((await ifMatch(toEnd, 'end', accepted, { reason: 'Done' }).expect(200)).body.status).toBe('ended');

    await stale(toDecline, 'decline', '"3"', '"0"', { reason: 'No time' });
    expect((await ifMatch(toDecline, 'decline', '*', { reason: 'No time' }).expect(200)).body.status).toBe('declined');
  });
});
