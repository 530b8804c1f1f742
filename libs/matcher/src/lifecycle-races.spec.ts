/**
 * The match lifecycle (SPEC §4) when other jobs, people and crashes come
 * between the proposer's three steps. A runner with hooks places a change,
 * or a worker's death, exactly between two appends, so each race is played
 * out the same way every time; the code under test is the real one.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DomainCommand, DomainEvent, fold, KeyPersonCommand, keyPersonDecider, keyPersonStream, Match, MatchCommand, matchDecider, matchStream, NewcomerCommand, newcomerDecider,
  newcomerStream,
} from '@sleutel/domain';
import { InMemoryEventStore } from '@sleutel/event-store';
import {
  AggregateType, CommandBuilder, CommandContext, CommandOutcome, CommandRunner, identityCodec, RunOptions, toDomainEvent,
} from '@sleutel/eventsourcing';
import { keyPersonAggregate, matchAggregate, newcomerAggregate, ReadSide } from '@sleutel/platform';
import { CandidatePool } from './candidate-pool';
import { jobsFor, recheckFor } from './match-request.relay';
import { PairCheck } from './pair-check';
import { Proposer } from './proposer';
import { Settlement } from './settlement';
import { WaitingList } from './waiting-list';
import { fittingKeyPersonProfile, fittingNewcomerProfile, testContext as context } from './testing/fitting-people';

type Hook = { readonly prefix: string; readonly when: 'before' | 'after'; readonly hook: () => Promise<void> };

/** A runner that runs one-shot hooks right before or after its next command on a stream of a given category. */
class HookedRunner extends CommandRunner {
  private readonly hooks: Hook[] = [];

  before(prefix: string, hook: () => Promise<void>): void {
    this.hooks.push({ prefix, when: 'before', hook });
  }

  after(prefix: string, hook: () => Promise<void>): void {
    this.hooks.push({ prefix, when: 'after', hook });
  }

  override async run<C extends DomainCommand, E extends DomainEvent, S>(
    aggregate: AggregateType<C, E, S>, streamId: string, build: CommandBuilder<C, S>, context: CommandContext, options?: RunOptions<S>,
  ): Promise<CommandOutcome<S>> {
    await this.fire('before', streamId);
    const outcome = await super.run(aggregate, streamId, build, context, options);
    await this.fire('after', streamId);
    return outcome;
  }

  private async fire(when: Hook['when'], streamId: string): Promise<void> {
    const index = this.hooks.findIndex((hook) => hook.when === when && streamId.startsWith(hook.prefix));
    if (index < 0) return;
    const [{ hook }] = this.hooks.splice(index, 1);
    await hook();
  }
}

describe('the match lifecycle between the proposer\'s steps', () => {
  let store: InMemoryEventStore;
  let runner: HookedRunner;
  let pool: CandidatePool;
  let proposer: Proposer;
  let settlement: Settlement;
  let pairCheck: PairCheck;

  beforeEach(async () => {
    store = new InMemoryEventStore();
    runner = new HookedRunner(store, identityCodec);
    pool = new CandidatePool();
    await pool.start(store);
    proposer = new Proposer(runner, pool, { proposalDeadlineSeconds: 3600, indexWaitTimeoutMs: 2000, candidatesPerRound: 3, rounds: 3, resumeAfterMs: 0 });
    settlement = new Settlement(runner);
    pairCheck = new PairCheck(runner, pool, settlement, 2000);
  });
  afterEach(async () => {
    await pool.stop();
    await store.close();
  });

  async function keyPerson(capacity = 1): Promise<string> {
    const keyPersonId = randomUUID();
    await runner.run(keyPersonAggregate, keyPersonStream(keyPersonId), (_, at): KeyPersonCommand[] => [
      { type: 'RegisterKeyPerson', data: { keyPersonId, at, profile: { ...fittingKeyPersonProfile, capacity } } },
    ], context());
    return keyPersonId;
  }
  async function newcomer(): Promise<string> {
    const newcomerId = randomUUID();
    await runner.run(newcomerAggregate, newcomerStream(newcomerId), (_, at): NewcomerCommand[] => [
      { type: 'RegisterNewcomer', data: { newcomerId, at, profile: fittingNewcomerProfile } },
    ], context());
    return newcomerId;
  }
  const keyPersonDoes = (keyPersonId: string, command: (at: string) => KeyPersonCommand) =>
    runner.run(keyPersonAggregate, keyPersonStream(keyPersonId), (_, at): KeyPersonCommand[] => [command(at)], context());
  const cause = async () => ({ causePosition: (await store.headPosition()) ?? 0, causeEventId: randomUUID(), correlationId: 'c' });
  const job = async (newcomerId: string, id = `match-request-${randomUUID()}`) => ({ id, data: { newcomerId, ...(await cause()) } });
  const stateOf = {
    match: async (id: string) => fold(matchDecider, (await store.readStream(matchStream(id))).map(toDomainEvent)),
    keyPerson: async (id: string) => fold(keyPersonDecider, (await store.readStream(keyPersonStream(id))).map(toDomainEvent)),
    newcomer: async (id: string) => fold(newcomerDecider, (await store.readStream(newcomerStream(id))).map(toDomainEvent)),
  };
  const proposals = async (): Promise<Match[]> => {
    const proposed = (await store.readAll()).filter((event) => event.type === 'MatchProposed');
    return Promise.all(proposed.map(async (event) => (await stateOf.match((event.data as { matchId: string }).matchId)) as Match));
  };
  /** What the settle-match jobs of every match event do, in log order, including those of the events they append. */
  const settleAll = async () => {
    for (let after = -1; ;) {
      const events = (await store.readAll()).filter((event) => event.position > after);
      if (events.length === 0) return;
      after = events[events.length - 1].position;
      for (const event of events.filter((each) => each.streamId.startsWith('match-'))) {
        const data = { matchId: (event.data as { matchId: string }).matchId, causePosition: event.position, causeEventId: event.id, correlationId: 'c' };
        await settlement.settle({ id: `settle-match-${event.id}`, data });
      }
    }
  };

  /** Runs `test` with a read side (the directory a waiting-list retry reads) following the store. */
  async function withReadSide(test: (readSide: ReadSide) => Promise<void>): Promise<void> {
    const dataDir = mkdtempSync(join(tmpdir(), 'lifecycle-races-'));
    const readSide = ReadSide.open(dataDir, 2000);
    await readSide.start(store);
    try {
      await test(readSide);
    } finally {
      await readSide.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }

  it('gives back a place reserved for a newcomer withdrawn mid-proposal, when the worker dies after reserving it', async () => {
    const k = await keyPerson(1);
    const a = await newcomer();
    // Between steps 1 and 2: A is withdrawn and the withdrawal's job lets go of K's place, not taken yet.
    runner.before('key-person-', async () => {
      await runner.run(newcomerAggregate, newcomerStream(a), (_, at): NewcomerCommand[] => [
        { type: 'WithdrawNewcomer', data: { newcomerId: a, at, reason: null } },
      ], context());
      await settlement.withdrawNewcomer({ id: `withdraw-matches-${randomUUID()}`, data: { newcomerId: a, ...(await cause()) } });
      // Then the worker dies right after its next command on K's stream: step 2, or letting go of step 2's refusal.
      runner.after('key-person-', async () => { throw new Error('worker killed'); });
    });
    const first = await job(a);
    await expect(proposer.handle(first)).rejects.toThrow('worker killed');
    expect(await proposer.handle(first)).toBe('not-waiting'); // redelivered
    await settleAll();

    expect((await stateOf.keyPerson(k)).reservations).toEqual([]);
    expect(await proposer.handle(await job(await newcomer()))).toBe('proposed');
  });

  describe('a key person who retires or pauses between the place and the proposal (SPEC §4 inv. 4)', () => {
    /** Step 2 takes K's place while K is active; `change` lands, and its own jobs run, before step 3. */
    async function proposeAcross(change: (keyPersonId: string) => Promise<void>): Promise<{ keyPersonId: string; match: Match }> {
      const keyPersonId = await keyPerson();
      const newcomerId = await newcomer();
      runner.before('match-', () => change(keyPersonId));
      await proposer.handle(await job(newcomerId));
      await settleAll();
      const [match] = await proposals();
      return { keyPersonId, match };
    }

    it('withdraws a proposal appended after its key person retired, whose withdrawal found nothing to withdraw yet', async () => {
      const { keyPersonId, match } = await proposeAcross(async (k) => {
        await keyPersonDoes(k, (at) => ({ type: 'RetireKeyPerson', data: { keyPersonId: k, at, reason: null } }));
        await settlement.withdrawProposalsOf({ id: `withdraw-proposals-${randomUUID()}`, data: { keyPersonId: k, ...(await cause()) } });
      });
      expect(match).toMatchObject({ status: 'withdrawn', closing: { status: 'withdrawn', reason: 'The key person retired' } });
      expect((await stateOf.keyPerson(keyPersonId)).reservations).toEqual([]);
    });

    it('withdraws a proposal appended after its key person was paused', async () => {
      const { match } = await proposeAcross(async (k) => {
        await keyPersonDoes(k, (at) => ({ type: 'PauseKeyPerson', data: { keyPersonId: k, at, reason: null } }));
      });
      expect(match).toMatchObject({ status: 'withdrawn', closing: { reason: 'The key person was paused when the proposal was made' } });
    });

    it('withdraws a proposal appended after its key person was paused, even once approved and accepted before its settlement ran', async () => {
      const keyPersonId = await keyPerson();
      const newcomerId = await newcomer();
      runner.before('match-', () => keyPersonDoes(keyPersonId, (at) => ({ type: 'PauseKeyPerson', data: { keyPersonId, at, reason: null } })).then(() => undefined));
      expect(await proposer.handle(await job(newcomerId))).toBe('proposed');
      const [{ matchId }] = await proposals();
      for (const command of [
        (at: string): MatchCommand => ({ type: 'ApproveMatch', data: { matchId, at, by: 'coordinator-1', expiresAt: '2099-01-01T00:00:00.000Z' } }),
        (at: string): MatchCommand => ({ type: 'AcceptMatch', data: { matchId, at, party: 'newcomer' } }),
        (at: string): MatchCommand => ({ type: 'AcceptMatch', data: { matchId, at, party: 'key-person' } }),
      ]) await runner.run(matchAggregate, matchStream(matchId), (_, at): MatchCommand[] => [command(at)], context());
      await settleAll();
      const [match] = await proposals();
      expect(match).toMatchObject({ status: 'withdrawn', closing: { reason: 'The key person was paused when the proposal was made' } });
      expect((await stateOf.keyPerson(keyPersonId)).reservations).toEqual([]);
    });

    it('leaves a proposal made before the pause, and one made after a pause was over', async () => {
      const pausedLater = await proposeAcross(async () => {});
      await keyPersonDoes(pausedLater.keyPersonId, (at) => ({ type: 'PauseKeyPerson', data: { keyPersonId: pausedLater.keyPersonId, at, reason: null } }));
      const resumed = await proposeAcross(async (k) => {
        await keyPersonDoes(k, (at) => ({ type: 'PauseKeyPerson', data: { keyPersonId: k, at, reason: null } }));
        await keyPersonDoes(k, (at) => ({ type: 'ResumeKeyPerson', data: { keyPersonId: k, at } }));
      });
      await settleAll();
      expect((await proposals()).map((match) => match.status)).toEqual(['proposed', 'proposed']);
      expect(resumed.match.status).toBe('proposed');
    });
  });

  describe('a pause\'s job racing a resumption', () => {
    it('stops withdrawing once the key person is resumed while it goes through their proposals: the rest stand', async () => {
      const k = await keyPerson(2);
      for (const n of [await newcomer(), await newcomer()]) expect(await proposer.handle(await job(n))).toBe('proposed');
      await keyPersonDoes(k, (at) => ({ type: 'PauseKeyPerson', data: { keyPersonId: k, at, reason: null } }));
      // The coordinator resumes them just as the job withdraws the first proposal.
      runner.before('match-', () => keyPersonDoes(k, (at) => ({ type: 'ResumeKeyPerson', data: { keyPersonId: k, at } })).then(() => undefined));
      await settlement.withdrawProposalsOf({ id: `withdraw-proposals-${randomUUID()}`, data: { keyPersonId: k, paused: true, ...(await cause()) } });
      expect((await proposals()).map((match) => match.status).sort()).toEqual(['proposed', 'withdrawn']);
    });
  });

  describe('step 3 when the pair came apart after step 2', () => {
    it('never gives a newcomer two open proposals: a reservation let go meanwhile is not proposed (SPEC §4 inv. 2)', async () => {
      const k = await keyPerson(2);
      const n = await newcomer();
      // Between steps 1 and 2: another job's resume cancels the reservation, and a new match request proposes K again.
      runner.before('key-person-', async () => {
        const { state } = await runner.load(newcomerAggregate, newcomerStream(n));
        await runner.run(newcomerAggregate, newcomerStream(n), (_, at): NewcomerCommand[] => [
          { type: 'ReleaseNewcomerMatch', data: { newcomerId: n, at, matchId: state.openMatch!.matchId, outcome: 'cancelled' } },
        ], context());
        expect(await proposer.handle(await job(n))).toBe('proposed');
      });
      expect(await proposer.handle(await job(n))).toBe('not-waiting');

      const open = (await proposals()).filter((match) => match.status === 'proposed');
      expect(open.map((match) => match.matchId)).toEqual([(await stateOf.newcomer(n)).openMatch?.matchId]);
      expect((await stateOf.keyPerson(k)).reservations.map((reservation) => reservation.matchId)).toEqual([open[0].matchId]);
    });

    it('never proposes again a pair whose orphan proposal a coordinator rejected before its settlement withdrew it (SPEC §4 inv. 3)', async () => {
      const k1 = await keyPerson();
      const n = await newcomer();
      let k2 = '';
      // After step 3's check, before its append: another job's resume lets go of N's reservation of M1, and N is proposed to K2.
      runner.before('match-', async () => {
        k2 = await keyPerson();
        const { state } = await runner.load(newcomerAggregate, newcomerStream(n));
        await runner.run(newcomerAggregate, newcomerStream(n), (_, at): NewcomerCommand[] => [
          { type: 'ReleaseNewcomerMatch', data: { newcomerId: n, at, matchId: state.openMatch!.matchId, outcome: 'cancelled' } },
        ], context());
        expect(await proposer.handle(await job(n))).toBe('proposed');
      });
      expect(await proposer.handle(await job(n))).toBe('proposed');
      const matchDoes = (matchId: string, command: (at: string) => MatchCommand) =>
        runner.run(matchAggregate, matchStream(matchId), (_, at): MatchCommand[] => [command(at)], context());
      const orphan = (await proposals()).find((match) => match.keyPersonId === k1)!;
      const current = (await proposals()).find((match) => match.keyPersonId === k2)!;
      // The coordinator rejects the orphan (N, K1) before its settlement withdrew it: rejecting is not refused.
      await matchDoes(orphan.matchId, (at) => ({ type: 'RejectMatch', data: { matchId: orphan.matchId, at, by: 'coordinator-1', reason: 'Not this key person' } }));
      await settleAll();
      expect((await stateOf.newcomer(n))).toMatchObject({ openMatch: { matchId: current.matchId }, failedKeyPersonIds: [k1] });
      // N's proposal with K2 is then declined, and N is matched again: K1 failed and K2 declined, so nobody is left.
      await matchDoes(current.matchId, (at) => ({ type: 'DeclineMatch', data: { matchId: current.matchId, at, party: 'newcomer', reason: 'Too far' } }));
      await settleAll();

      expect(await proposer.handle(await job(n))).toBe('deferred');
      expect((await proposals()).filter((match) => match.status === 'proposed')).toEqual([]);
    });

    it.each([
      ['retired', (keyPersonId: string, at: string): KeyPersonCommand => ({ type: 'RetireKeyPerson', data: { keyPersonId, at, reason: null } })],
      ['paused', (keyPersonId: string, at: string): KeyPersonCommand => ({ type: 'PauseKeyPerson', data: { keyPersonId, at, reason: null } })],
    ])('makes no proposal to a key person %s right after their place was taken, and gives the place back', async (_status, change) => {
      const k = await keyPerson();
      const n = await newcomer();
      runner.after('key-person-', async () => void (await keyPersonDoes(k, (at) => change(k, at))));
      // Deferred once the candidate pool has the change, given up if K still looked free to it every round.
      expect(['deferred', 'gave-up']).toContain(await proposer.handle(await job(n)));

      expect(await proposals()).toEqual([]);
      expect((await stateOf.keyPerson(k)).reservations).toEqual([]);
      expect((await stateOf.newcomer(n)).openMatch).toBeNull();
    });
  });

  describe('a profile change between the steps that the pair no longer fits (SPEC §4 inv. 3 and 5)', () => {
    /** Before step 3: `change` is appended and the relay's recheck job of it runs at once, finding no proposal yet. */
    async function proposeAcross(change: (newcomerId: string, keyPersonId: string) => Promise<void>): Promise<Match> {
      const keyPersonId = await keyPerson();
      const newcomerId = await newcomer();
      runner.before('match-', async () => {
        await change(newcomerId, keyPersonId);
        const events = await store.readAll();
        const recheck = recheckFor(events[events.length - 1])!;
        expect(await pairCheck.recheck({ id: recheck.id, data: recheck.data as never })).toEqual({ checked: 1, withdrawn: [] });
      });
      expect(await proposer.handle(await job(newcomerId))).toBe('proposed');
      await settleAll();
      const [match] = await proposals();
      return match;
    }

    it('withdraws a proposal to a key person the newcomer put on their do-not-match list meanwhile', async () => {
      const match = await proposeAcross((n, k) => runner.run(newcomerAggregate, newcomerStream(n), (_, at): NewcomerCommand[] => [
        { type: 'ChangeNewcomerDoNotMatch', data: { newcomerId: n, at, keyPersonIds: [k] } },
      ], context()).then(() => undefined));
      expect(match).toMatchObject({ status: 'withdrawn', closing: { reason: 'The pair no longer meets the hard constraint do-not-match after a profile change' } });
      expect((await stateOf.newcomer(match.newcomerId)).openMatch).toBeNull();
    });

    it('withdraws a proposal whose key person stopped sharing a language meanwhile', async () => {
      const match = await proposeAcross((_n, k) => keyPersonDoes(k, (at) => ({
        type: 'ChangeKeyPersonLanguages', data: { keyPersonId: k, at, languages: [{ code: 'nld', level: 'native' }] },
      })).then(() => undefined));
      expect(match.status).toBe('withdrawn');
      expect((await stateOf.keyPerson(match.keyPersonId)).reservations).toEqual([]);
    });

    it('leaves a proposal whose pair still fits after the change', async () => {
      const match = await proposeAcross((_n, k) => keyPersonDoes(k, (at) => ({
        type: 'ChangeKeyPersonLanguages', data: { keyPersonId: k, at, languages: [{ code: 'tir', level: 'fluent' }] },
      })).then(() => undefined));
      expect(match.status).toBe('proposed');
    });
  });

  it('records no deferral decided on a profile changed since, which would answer the change\'s own request: the newcomer is proposed (SPEC §5)', async () => {
    const keyPersonId = await keyPerson(); // speaks Tigrinya
    const newcomerId = randomUUID();
    await runner.run(newcomerAggregate, newcomerStream(newcomerId), (_, at): NewcomerCommand[] => [
      { type: 'RegisterNewcomer', data: { newcomerId, at, profile: { ...fittingNewcomerProfile, languages: [{ code: 'prs', level: 'native' }] } } },
    ], context());
    const registered = await job(newcomerId);
    // The intake worker adds Tigrinya after the request's look ranked her (nobody), before it records why.
    runner.before('newcomer-', async () => {
      await runner.run(newcomerAggregate, newcomerStream(newcomerId), (_, at): NewcomerCommand[] => [
        { type: 'ChangeNewcomerLanguages', data: { newcomerId, at, languages: [{ code: 'tir', level: 'native' }] } },
      ], context());
    });
    await proposer.handle(registered);
    // The change's own request, answered before by the deferral that landed after it.
    const changed = (await store.readStream(newcomerStream(newcomerId))).find((event) => event.type === 'NewcomerLanguagesChanged')!;
    const [request] = jobsFor(changed).filter((each) => each.name === 'match-request');
    await proposer.handle({ id: request.id, data: request.data as never });

    expect((await proposals()).map((match) => [match.newcomerId, match.keyPersonId])).toEqual([[newcomerId, keyPersonId]]);
    expect((await store.readStream(newcomerStream(newcomerId))).map((event) => event.type)).not.toContain('NewcomerMatchingDeferred');
  });

  it('asks again for a newcomer whose proposal was withdrawn because the key person retired, whenever the waiting list is read', () =>
    withReadSide(async (readSide) => {
      const queued: { name: string; id: string; data: { newcomerId?: string } }[] = [];
      const marks = { load: async () => null, save: async () => undefined, clear: async () => undefined };
      const waitingList = new WaitingList(store, readSide, { addBulk: async (jobs: typeof queued) => void queued.push(...jobs), marks } as never);
      const k = await keyPerson();
      const n = await newcomer();
      expect(await proposer.handle(await job(n))).toBe('proposed');
      await keyPerson(); // fits n too, and arrives while n holds a proposal
      await keyPersonDoes(k, (at) => ({ type: 'RetireKeyPerson', data: { keyPersonId: k, at, reason: null } }));
      await settlement.withdrawProposalsOf({ id: `withdraw-proposals-${randomUUID()}`, data: { keyPersonId: k, ...(await cause()) } });
      // Settling the withdrawal releases K's place, then n: the retry the freed place causes reads the list in between.
      runner.before('newcomer-', async () => {
        const freed = (await store.readAll()).find((event) => event.type === 'KeyPersonCapacityReleased')!;
        const [retry] = jobsFor(freed);
        await readSide.waitFor(freed.position);
        await waitingList.retry({ id: retry.id, data: retry.data as never });
      });
      await settleAll();

      expect((await stateOf.newcomer(n))).toMatchObject({ status: 'active', openMatch: null });
      const release = (await store.readAll()).find((event) => event.type === 'NewcomerMatchReleased')!;
      const requests = [...queued, ...jobsFor(release)].filter((each) => each.name === 'match-request' && each.data.newcomerId === n);
      expect(requests).toHaveLength(1);
    }));
});
