import { randomUUID } from 'node:crypto';
import { eventSchemaVersions, eventUpcasters, KeyPersonCommand, keyPersonStream, MatchCommand, matchStream, NewcomerCommand, newcomerStream } from '@sleutel/domain';
import { InMemoryEventStore } from '@sleutel/event-store';
import { CommandContext, CommandRunner, identityCodec, upcastingCodec } from '@sleutel/eventsourcing';
import { keyPersonAggregate, matchAggregate, newcomerAggregate } from '@sleutel/platform';
import { Settlement } from './settlement';
import { fittingNewcomerProfile, proposeFittingPair } from './testing/fitting-people';

const context = (): CommandContext => ({ actor: { id: 'test', role: 'coordinator' }, source: 'cli', correlationId: 'c', causationId: 'c', commandId: randomUUID() });

describe('Settlement', () => {
  let store: InMemoryEventStore;
  let runner: CommandRunner;
  let settlement: Settlement;
  let newcomerId: string;
  let keyPersonId: string;
  let matchId: string;

  /** A proposal of a pair that fits (SPEC §4 inv. 5), made in the three steps the proposer takes. */
  beforeEach(async () => {
    store = new InMemoryEventStore();
    runner = new CommandRunner(store, identityCodec);
    settlement = new Settlement(runner);
    ({ newcomerId, keyPersonId, matchId } = await proposeFittingPair(runner));
  });

  const match = (command: (at: string) => MatchCommand) => runner.run(matchAggregate, matchStream(matchId), (_, at): MatchCommand[] => [command(at)], context());
  const job = (id = randomUUID()) => ({ id: `settle-match-${id}`, data: { matchId, causePosition: 0, causeEventId: id, correlationId: 'c' } });
  const types = async (stream: string) => (await store.readStream(stream)).map((e) => e.type);

  it('a declined match releases the place and bars the pair; settling twice changes nothing', async () => {
    await match((at) => ({ type: 'DeclineMatch', data: { matchId, at, party: 'key-person', reason: 'No time this month' } }));
    await settlement.settle(job());
    const before = (await store.readAll()).length;
    await settlement.settle(job());
    expect((await store.readAll()).length).toBe(before);
    expect(await types(keyPersonStream(keyPersonId))).toContain('KeyPersonCapacityReleased');
    const released = (await store.readStream(newcomerStream(newcomerId))).find((e) => e.type === 'NewcomerMatchReleased');
    expect(released?.data).toMatchObject({ outcome: 'failed', keyPersonId });
  });

  it('an open proposal that its newcomer no longer holds is withdrawn', async () => {
    await runner.run(newcomerAggregate, newcomerStream(newcomerId), (_, at): NewcomerCommand[] => [
      { type: 'ReleaseNewcomerMatch', data: { newcomerId, at, matchId, outcome: 'cancelled' } },
    ], context());
    await settlement.settle(job());
    expect(await types(matchStream(matchId))).toEqual(['MatchProposed', 'MatchWithdrawn']);
  });

  it('an open proposal still held is left alone', async () => {
    await settlement.settle(job());
    expect(await types(matchStream(matchId))).toEqual(['MatchProposed']);
  });

  it('an open proposal still held whose pair no longer fits is withdrawn, naming the constraint; settling twice withdraws once', async () => {
    await runner.run(newcomerAggregate, newcomerStream(newcomerId), (_, at): NewcomerCommand[] => [
      { type: 'ChangeNewcomerPreferences', data: { newcomerId, at, preferences: { ...fittingNewcomerProfile.preferences, keyPersonGender: 'female', genderRequired: true } } },
    ], context());
    await settlement.settle(job());
    await settlement.settle(job());
    const withdrawals = (await store.readStream(matchStream(matchId))).filter((e) => e.type === 'MatchWithdrawn');
    expect(withdrawals.map((e) => e.data)).toEqual([expect.objectContaining({ reason: 'The pair no longer meets the hard constraint gender-required after a profile change' })]);
  });

  it('withdrawing a newcomer withdraws the open match', async () => {
    await settlement.withdrawNewcomer({ id: `withdraw-matches-${randomUUID()}`, data: { newcomerId, causePosition: 0, causeEventId: 'x', correlationId: 'c' } });
    expect(await types(matchStream(matchId))).toEqual(['MatchProposed', 'MatchWithdrawn']);
  });

  it('a retired key person\'s proposals awaiting an answer are withdrawn; accepted matches run on', async () => {
    await runner.run(keyPersonAggregate, keyPersonStream(keyPersonId), (_, at): KeyPersonCommand[] => [
      { type: 'RetireKeyPerson', data: { keyPersonId, at, reason: 'moved abroad' } },
    ], context());
    const job = { id: `withdraw-proposals-${randomUUID()}`, data: { keyPersonId, causePosition: 0, causeEventId: 'x', correlationId: 'c' } };
    await settlement.withdrawProposalsOf(job);
    await settlement.withdrawProposalsOf(job);
    expect(await types(matchStream(matchId))).toEqual(['MatchProposed', 'MatchWithdrawn']);
  });

  describe('a key person who pauses', () => {
    const pause = () => runner.run(keyPersonAggregate, keyPersonStream(keyPersonId), (_, at): KeyPersonCommand[] => [
      { type: 'PauseKeyPerson', data: { keyPersonId, at, reason: 'On holiday' } },
    ], context());
    const resume = () => runner.run(keyPersonAggregate, keyPersonStream(keyPersonId), (_, at): KeyPersonCommand[] => [
      { type: 'ResumeKeyPerson', data: { keyPersonId, at } },
    ], context());
    const pauseJob = () => ({ id: `withdraw-proposals-${randomUUID()}`, data: { keyPersonId, causePosition: 0, causeEventId: 'x', correlationId: 'c', paused: true } });

    it('has their proposals awaiting an answer withdrawn, once, saying so; the place is released and the pair is not barred', async () => {
      await match((at) => ({ type: 'ApproveMatch', data: { matchId, at, by: 'coordinator-1', expiresAt: '2099-01-01T00:00:00.000Z' } }));
      await pause();
      const paused = pauseJob();
      await settlement.withdrawProposalsOf(paused);
      await settlement.withdrawProposalsOf(paused);
      const withdrawals = (await store.readStream(matchStream(matchId))).filter((e) => e.type === 'MatchWithdrawn');
      expect(withdrawals.map((e) => e.data)).toEqual([expect.objectContaining({ reason: 'The key person was paused' })]);
      await settlement.settle(job());
      expect(await types(keyPersonStream(keyPersonId))).toContain('KeyPersonCapacityReleased');
      const released = (await store.readStream(newcomerStream(newcomerId))).find((e) => e.type === 'NewcomerMatchReleased');
      expect(released?.data).toMatchObject({ outcome: 'withdrawn', keyPersonId });
      expect((await runner.load(newcomerAggregate, newcomerStream(newcomerId))).state.failedKeyPersonIds).toEqual([]);
    });

    it('leaves their proposals when the job finds them resumed already', async () => {
      await pause();
      await resume();
      await settlement.withdrawProposalsOf(pauseJob());
      expect(await types(matchStream(matchId))).toEqual(['MatchProposed']);
    });

    it('leaves a match both had accepted before the pause', async () => {
      await match((at) => ({ type: 'ApproveMatch', data: { matchId, at, by: 'coordinator-1', expiresAt: '2099-01-01T00:00:00.000Z' } }));
      await match((at) => ({ type: 'AcceptMatch', data: { matchId, at, party: 'newcomer' } }));
      await match((at) => ({ type: 'AcceptMatch', data: { matchId, at, party: 'key-person' } }));
      await pause();
      await settlement.withdrawProposalsOf(pauseJob());
      await settlement.settle(job());
      expect(await types(matchStream(matchId))).not.toContain('MatchWithdrawn');
    });

    it('undoes an acceptance that landed after the pause (the API read them just before) and after the pause\'s job looked', async () => {
      await match((at) => ({ type: 'ApproveMatch', data: { matchId, at, by: 'coordinator-1', expiresAt: '2099-01-01T00:00:00.000Z' } }));
      await match((at) => ({ type: 'AcceptMatch', data: { matchId, at, party: 'newcomer' } }));
      await pause();
      await match((at) => ({ type: 'AcceptMatch', data: { matchId, at, party: 'key-person' } }));
      await settlement.withdrawProposalsOf(pauseJob());
      expect(await types(matchStream(matchId))).not.toContain('MatchWithdrawn');
      await settlement.settle(job());
      await settlement.settle(job());
      const closing = (await store.readStream(matchStream(matchId))).filter((e) => e.type === 'MatchWithdrawn');
      expect(closing.map((e) => e.data)).toEqual([expect.objectContaining({ reason: 'The key person was paused before the match was accepted' })]);
    });
  });

  describe('an acceptance stored before 2026-11-30 (MatchAccepted version 1), settled again (an in-process queue settles the whole log at each start)', () => {
    /** Both parties' answers as the older release stored them, under rules that allowed a paused key person and a pair that no longer fit. */
    const acceptAsBefore = async () => {
      await match((at) => ({ type: 'ApproveMatch', data: { matchId, at, by: 'coordinator-1', expiresAt: '2099-01-01T00:00:00.000Z' } }));
      const stream = matchStream(matchId);
      const at = new Date().toISOString();
      const old = (type: string, schemaVersion: number, data: Record<string, unknown>) => ({
        id: randomUUID(), type, schemaVersion, data: { matchId, newcomerId, keyPersonId, ...data } as never,
        metadata: { actor: { id: 'coordinator-1', role: 'coordinator' }, command: 'AcceptMatch', correlationId: 'c', causationId: 'c', occurredAt: at, source: 'api' as const },
      });
      await store.append(stream, [
        old('MatchPartyAccepted', 1, { party: 'newcomer', acceptedAt: at }),
        old('MatchPartyAccepted', 1, { party: 'key-person', acceptedAt: at }),
        old('MatchAccepted', 1, { acceptedAt: at }),
      ], (await store.readStream(stream)).length - 1);
    };
    /** The settlement as the platform runs it: events read through the upcasters. */
    const upgraded = () => new Settlement(new CommandRunner(store, upcastingCodec(eventSchemaVersions, eventUpcasters)));

    it('reads as given under the older rules', async () => {
      await acceptAsBefore();
      const { events } = await new CommandRunner(store, upcastingCodec(eventSchemaVersions, eventUpcasters)).load(matchAggregate, matchStream(matchId));
      expect(events.find((event) => event.type === 'MatchAccepted')).toMatchObject({ schemaVersion: 2, data: { acceptanceRules: 1 } });
    });

    it('is not undone for a pause that came before it, which those rules allowed; the key person resumed since', async () => {
      await runner.run(keyPersonAggregate, keyPersonStream(keyPersonId), (_, at): KeyPersonCommand[] => [
        { type: 'PauseKeyPerson', data: { keyPersonId, at, reason: null } },
      ], context());
      await acceptAsBefore();
      await runner.run(keyPersonAggregate, keyPersonStream(keyPersonId), (_, at): KeyPersonCommand[] => [{ type: 'ResumeKeyPerson', data: { keyPersonId, at } }], context());
      await upgraded().settle(job());
      expect(await types(matchStream(matchId))).not.toContain('MatchWithdrawn');
    });

    it('is not undone for a do-not-match entry that came before it', async () => {
      await runner.run(newcomerAggregate, newcomerStream(newcomerId), (_, at): NewcomerCommand[] => [
        { type: 'ChangeNewcomerDoNotMatch', data: { newcomerId, at, keyPersonIds: [keyPersonId] } },
      ], context());
      await acceptAsBefore();
      await upgraded().settle(job());
      expect(await types(matchStream(matchId))).not.toContain('MatchWithdrawn');
    });
  });

  describe('an acceptance racing a retirement', () => {
    const retire = () => runner.run(keyPersonAggregate, keyPersonStream(keyPersonId), (_, at): KeyPersonCommand[] => [
      { type: 'RetireKeyPerson', data: { keyPersonId, at, reason: 'moved abroad' } },
    ], context());
    const approve = () => match((at) => ({ type: 'ApproveMatch', data: { matchId, at, by: 'coordinator-1', expiresAt: '2099-01-01T00:00:00.000Z' } }));
    const acceptBoth = async () => {
      await match((at) => ({ type: 'AcceptMatch', data: { matchId, at, party: 'newcomer' } }));
      await match((at) => ({ type: 'AcceptMatch', data: { matchId, at, party: 'key-person' } }));
    };

    it('undoes an acceptance that landed after the key person retired (the API read them just before), once', async () => {
      await approve();
      await match((at) => ({ type: 'AcceptMatch', data: { matchId, at, party: 'newcomer' } }));
      await retire();
      // The key person's acceptance was checked against their state before the retirement, and lands after it...
      await match((at) => ({ type: 'AcceptMatch', data: { matchId, at, party: 'key-person' } }));
      // ...before the retirement's settlement looks, which finds an accepted match and leaves it.
      await settlement.withdrawProposalsOf({ id: `withdraw-proposals-${randomUUID()}`, data: { keyPersonId, causePosition: 0, causeEventId: 'x', correlationId: 'c' } });
      expect(await types(matchStream(matchId))).not.toContain('MatchWithdrawn');
      await settlement.settle(job());
      await settlement.settle(job());
      const closing = (await store.readStream(matchStream(matchId))).filter((e) => e.type === 'MatchWithdrawn');
      expect(closing.map((e) => e.data)).toEqual([expect.objectContaining({ reason: 'The key person retired before the match was accepted' })]);
    });

    it('leaves a match that was accepted before the key person retired', async () => {
      await approve();
      await acceptBoth();
      await retire();
      await settlement.settle(job());
      expect(await types(matchStream(matchId))).toEqual(['MatchProposed', 'MatchApproved', 'MatchPartyAccepted', 'MatchPartyAccepted', 'MatchAccepted']);
    });

    it('leaves an accepted match whose key person is still active', async () => {
      await approve();
      await acceptBoth();
      await settlement.settle(job());
      expect(await types(matchStream(matchId))).not.toContain('MatchWithdrawn');
    });
  });

  describe('an acceptance racing a profile change', () => {
    const approve = () => match((at) => ({ type: 'ApproveMatch', data: { matchId, at, by: 'coordinator-1', expiresAt: '2099-01-01T00:00:00.000Z' } }));
    const acceptBoth = async () => {
      await match((at) => ({ type: 'AcceptMatch', data: { matchId, at, party: 'newcomer' } }));
      await match((at) => ({ type: 'AcceptMatch', data: { matchId, at, party: 'key-person' } }));
    };
    const barKeyPerson = () => runner.run(newcomerAggregate, newcomerStream(newcomerId), (_, at): NewcomerCommand[] => [
      { type: 'ChangeNewcomerDoNotMatch', data: { newcomerId, at, keyPersonIds: [keyPersonId] } },
    ], context());
    const stopSpeaking = () => runner.run(keyPersonAggregate, keyPersonStream(keyPersonId), (_, at): KeyPersonCommand[] => [
      { type: 'ChangeKeyPersonLanguages', data: { keyPersonId, at, languages: [{ code: 'nld', level: 'native' }] } },
    ], context());

    it('undoes an acceptance that landed after the newcomer put the key person on their do-not-match list (the API read them just before), once', async () => {
      await approve();
      await barKeyPerson();
      // The acceptance was checked against the profile before the change, and lands after it; the check of the change,
      // queued behind, finds an accepted match and leaves it.
      await acceptBoth();
      await settlement.settle(job());
      await settlement.settle(job());
      const closing = (await store.readStream(matchStream(matchId))).filter((e) => e.type === 'MatchWithdrawn');
      expect(closing.map((e) => e.data)).toEqual([expect.objectContaining({ reason: 'The pair no longer meets the hard constraint do-not-match after a profile change' })]);
    });

    it('undoes an acceptance that landed after the key person stopped speaking the newcomer\'s language', async () => {
      await approve();
      await stopSpeaking();
      await acceptBoth();
      await settlement.settle(job());
      const closing = (await store.readStream(matchStream(matchId))).filter((e) => e.type === 'MatchWithdrawn');
      expect(closing.map((e) => e.data)).toEqual([expect.objectContaining({ reason: 'The pair no longer meets the hard constraint no-shared-language after a profile change' })]);
    });

    it('leaves a match whose profiles changed only after it was accepted', async () => {
      await approve();
      await acceptBoth();
      await barKeyPerson();
      await stopSpeaking();
      await settlement.settle(job());
      expect(await types(matchStream(matchId))).not.toContain('MatchWithdrawn');
    });
  });

  describe('once the pair has accepted', () => {
    beforeEach(async () => {
      await match((at) => ({ type: 'ApproveMatch', data: { matchId, at, by: 'coordinator-1', expiresAt: '2099-01-01T00:00:00.000Z' } }));
      await match((at) => ({ type: 'AcceptMatch', data: { matchId, at, party: 'newcomer' } }));
      await match((at) => ({ type: 'AcceptMatch', data: { matchId, at, party: 'key-person' } }));
    });
    const withdrawal = async () => (await store.readStream(matchStream(matchId))).find((e) => e.type === 'MatchWithdrawn')?.data;
    const cause = { causePosition: 0, causeEventId: 'x', correlationId: 'c' };

    it('a retired key person\'s accepted match runs on', async () => {
      await settlement.withdrawProposalsOf({ id: `withdraw-proposals-${randomUUID()}`, data: { ...cause, keyPersonId } });
      expect(await types(matchStream(matchId))).toEqual(['MatchProposed', 'MatchApproved', 'MatchPartyAccepted', 'MatchPartyAccepted', 'MatchAccepted']);
    });

    it('an erased key person\'s accepted match is withdrawn, saying why', async () => {
      await settlement.withdrawProposalsOf({ id: `withdraw-proposals-${randomUUID()}`, data: { ...cause, keyPersonId, erased: true } });
      expect(await withdrawal()).toMatchObject({ reason: "The key person's data was erased" });
    });

    it('an erased newcomer\'s match is withdrawn, saying erased rather than withdrawn', async () => {
      await settlement.withdrawNewcomer({ id: `withdraw-matches-${randomUUID()}`, data: { ...cause, newcomerId, erased: true } });
      expect(await withdrawal()).toMatchObject({ reason: "The newcomer's data was erased" });
    });
  });
});
