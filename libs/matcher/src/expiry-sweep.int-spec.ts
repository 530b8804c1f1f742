import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyPersonCommand, keyPersonStream, MatchCommand, matchStream, NewcomerCommand, newcomerStream } from '@sleutel/domain';
import { InMemoryEventStore, NO_STREAM } from '@sleutel/event-store';
import { CommandContext, CommandRunner, identityCodec } from '@sleutel/eventsourcing';
import { keyPersonAggregate, matchAggregate, newcomerAggregate, ReadSide } from '@sleutel/platform';
import { createJobQueue, DeliveredJob, JobHandlers, JobQueue } from '@sleutel/queue';
import { amalInput } from '../../domain/src/newcomer/newcomer.fixtures';
import { ExpirySweep } from './expiry-sweep';
import { MatcherJobs } from './matcher.jobs';
import { Settlement } from './settlement';
import { fittingKeyPersonProfile, proposeFittingPair } from './testing/fitting-people';

const context = (): CommandContext => ({ actor: { id: 'test', role: 'coordinator' }, source: 'cli', correlationId: 'c', causationId: 'c', commandId: randomUUID() });

/** A handler for every job name: those given, and ones that do nothing for the rest. */
function handlers(given: Partial<JobHandlers<MatcherJobs>>): JobHandlers<MatcherJobs> {
  const none = async () => undefined;
  return {
    'match-request': none, 'settle-match': none, 'withdraw-matches': none, 'withdraw-proposals': none, 'retry-waiting': none,
    'recheck-pairs': none, 'expiry-sweep': none, 'cohort-run': none, 'cohort-schedule': none, ...given,
  };
}

describe('ExpirySweep (real read models in SQLite)', () => {
  let dir: string;
  let store: InMemoryEventStore;
  let runner: CommandRunner;
  let readSide: ReadSide;
  let queue: JobQueue<MatcherJobs>;
  let now: Date;
  let sweep: ExpirySweep;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sleutel-sweep-'));
    store = new InMemoryEventStore();
    runner = new CommandRunner(store, identityCodec, () => now);
    readSide = ReadSide.open(dir, 2000);
    await readSide.start(store);
    queue = await createJobQueue<MatcherJobs>({ redisUrl: null, queueName: 'sweep-test' });
    now = new Date('2026-12-01T10:00:00.000Z');
    sweep = new ExpirySweep(runner, readSide, queue, () => now);
  });
  afterEach(async () => {
    await queue.close();
    await readSide.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function registeredNewcomer(): Promise<string> {
    const newcomerId = randomUUID();
    const outcome = await runner.run(newcomerAggregate, newcomerStream(newcomerId), (_, at): NewcomerCommand[] => [
      { type: 'RegisterNewcomer', data: { newcomerId, at, profile: amalInput } },
    ], context());
    await readSide.waitFor(outcome.position!);
    return newcomerId;
  }

  async function proposal(expiresAt: string): Promise<string> {
    const matchId = randomUUID();
    const outcome = await runner.run(matchAggregate, matchStream(matchId), (_, at): MatchCommand[] => [
      { type: 'ProposeMatch', data: { matchId, at, newcomerId: randomUUID(), keyPersonId: randomUUID(), score: 0.5, policyVersion: 1, logPosition: 1, expiresAt, explanation: {} } },
    ], context());
    await readSide.waitFor(outcome.position!);
    return matchId;
  }

  it('expires only what is overdue, once', async () => {
    now = new Date('2026-12-01T08:00:00.000Z');
    const overdue = await proposal('2026-12-01T09:00:00.000Z');
    const due = await proposal('2026-12-02T09:00:00.000Z');
    now = new Date('2026-12-01T10:00:00.000Z');
    expect(await sweep.sweep()).toBe(1);
    const expired = await store.readStream(matchStream(overdue));
    expect(expired.map((e) => e.type)).toEqual(['MatchProposed', 'MatchExpired']);
    expect((await store.readStream(matchStream(due))).map((e) => e.type)).toEqual(['MatchProposed']);
    await readSide.waitFor(expired[1].position);
    expect(await sweep.sweep()).toBe(0);
  });

  it('goes on past a match its board still shows overdue though both accepted it in time, and expires the rest', async () => {
    now = new Date('2026-12-01T08:00:00.000Z');
    const accepted = await proposal('2026-12-01T09:00:00.000Z');
    const overdue = await proposal('2026-12-01T09:00:00.000Z');
    await runner.run(matchAggregate, matchStream(accepted), (_, at): MatchCommand[] => [
      { type: 'ApproveMatch', data: { matchId: accepted, at, by: 'c', expiresAt: '2026-12-01T09:30:00.000Z' } },
    ], context());
    // A second read side that has read the log only this far: a worker whose board lags behind what follows.
    const lagging = new InMemoryEventStore();
    for (const { streamId, revision, id, type, schemaVersion, data, metadata } of await store.readAll()) {
      await lagging.append(streamId, [{ id, type, schemaVersion, data, metadata }], revision === 0 ? NO_STREAM : revision - 1);
    }
    const laggingDir = mkdtempSync(join(tmpdir(), 'sleutel-sweep-lagging-'));
    const laggingSide = ReadSide.open(laggingDir, 2000);
    await laggingSide.start(lagging);
    await laggingSide.waitFor((await lagging.headPosition())!);
    try {
      // Both accept before their deadline; then the deadline passes before that board hears of it.
      now = new Date('2026-12-01T09:20:00.000Z');
      await runner.run(matchAggregate, matchStream(accepted), (_, at): MatchCommand[] => [
        { type: 'AcceptMatch', data: { matchId: accepted, at, party: 'newcomer' } },
        { type: 'AcceptMatch', data: { matchId: accepted, at, party: 'key-person' } },
      ], context());
      now = new Date('2026-12-01T09:40:00.000Z');

      expect(await new ExpirySweep(runner, laggingSide, queue, () => now).sweep()).toBe(1);
      expect((await store.readStream(matchStream(accepted))).map((e) => e.type)).not.toContain('MatchExpired');
      expect((await store.readStream(matchStream(overdue))).map((e) => e.type)).toEqual(['MatchProposed', 'MatchExpired']);
    } finally {
      await laggingSide.close();
      rmSync(laggingDir, { recursive: true, force: true });
    }
  });

  it('asks again for newcomers whose reservation no proposal followed', async () => {
    const held = await registeredNewcomer();
    await registeredNewcomer();
    const matchId = randomUUID();
    const outcome = await runner.run(newcomerAggregate, newcomerStream(held), (_, at): NewcomerCommand[] => [
      { type: 'ReserveNewcomerForMatch', data: { newcomerId: held, at, matchId, keyPersonId: randomUUID() } },
    ], context());
    await readSide.waitFor(outcome.position!);

    const asked: DeliveredJob<'match-request', MatcherJobs['match-request']>[] = [];
    const worker = queue.process(handlers({ 'match-request': async (job) => void asked.push(job) }), { concurrency: 1 });
    expect(await sweep.resumeDangling()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await worker.close();
    expect(asked.map((job) => job.data.newcomerId)).toEqual([held]);
  });

  /** A key person with a proposal, paused under the older release: no job of the pause withdrew it. */
  async function pausedWithProposal(): Promise<{ keyPersonId: string; matchId: string }> {
    const { keyPersonId, matchId } = await proposeFittingPair(runner);
    const paused = await runner.run(keyPersonAggregate, keyPersonStream(keyPersonId), (_, at): KeyPersonCommand[] => [
      { type: 'PauseKeyPerson', data: { keyPersonId, at, reason: null } },
    ], context());
    await readSide.waitFor(paused.position!);
    return { keyPersonId, matchId };
  }

  it('reads the paused key persons with proposals awaiting an answer a page at a time, in turn', async () => {
    const ids = [(await pausedWithProposal()).keyPersonId, (await pausedWithProposal()).keyPersonId].sort();
    expect(readSide.pausedWithProposals('', 1)).toEqual([ids[0]]);
    expect(readSide.pausedWithProposals(ids[0], 1)).toEqual([ids[1]]);
    expect(readSide.pausedWithProposals(ids[1], 1)).toEqual([]);
    expect(readSide.pausedWithProposals('', 200)).toEqual(ids);
  });

  it('has the proposals awaiting an answer of a key person paused before pausing withdrew them (an older release) withdrawn, and then finds none', async () => {
    const { matchId } = await pausedWithProposal();
    // Another paused key person with no proposal is not asked about.
    const idle = randomUUID();
    const other = await runner.run(keyPersonAggregate, keyPersonStream(idle), (_, at): KeyPersonCommand[] => [
      { type: 'RegisterKeyPerson', data: { keyPersonId: idle, at, profile: fittingKeyPersonProfile } },
      { type: 'PauseKeyPerson', data: { keyPersonId: idle, at, reason: null } },
    ], context());
    await readSide.waitFor(other.position!);

    const settlement = new Settlement(runner);
    const worker = queue.process(handlers({
      'settle-match': async (job) => settlement.settle(job),
      'withdraw-proposals': async (job) => settlement.withdrawProposalsOf(job),
    }), { concurrency: 1 });
    try {
      expect(await sweep.withdrawPausedProposals()).toBe(1);
      let withdrawn = (await store.readStream(matchStream(matchId))).find((e) => e.type === 'MatchWithdrawn');
      for (let tries = 0; withdrawn === undefined && tries < 200; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        withdrawn = (await store.readStream(matchStream(matchId))).find((e) => e.type === 'MatchWithdrawn');
      }
      if (withdrawn === undefined) throw new Error('the proposal was not withdrawn within 5 s');
      expect(withdrawn.data).toMatchObject({ reason: 'The key person was paused' });
      await readSide.waitFor(withdrawn.position);
      expect(await sweep.withdrawPausedProposals()).toBe(0);
    } finally {
      await worker.close();
    }
  });
});
