import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MatchCommand, matchStream, NewcomerCommand, newcomerStream } from '@sleutel/domain';
import { InMemoryEventStore } from '@sleutel/event-store';
import { CommandContext, CommandRunner, identityCodec } from '@sleutel/eventsourcing';
import { matchAggregate, newcomerAggregate, ReadSide } from '@sleutel/platform';
import { createJobQueue, DeliveredJob, JobQueue } from '@sleutel/queue';
import { amalInput } from '../../domain/src/newcomer/newcomer.fixtures';
import { ExpirySweep } from './expiry-sweep';
import { MatcherJobs } from './matcher.jobs';

const context = (): CommandContext => ({ actor: { id: 'test', role: 'coordinator' }, source: 'cli', correlationId: 'c', causationId: 'c', commandId: randomUUID() });

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

  it('asks again for newcomers whose reservation no proposal followed', async () => {
    const held = await registeredNewcomer();
    await registeredNewcomer();
    const matchId = randomUUID();
    const outcome = await runner.run(newcomerAggregate, newcomerStream(held), (_, at): NewcomerCommand[] => [
      { type: 'ReserveNewcomerForMatch', data: { newcomerId: held, at, matchId, keyPersonId: randomUUID() } },
    ], context());
    await readSide.waitFor(outcome.position!);

    const asked: DeliveredJob<'match-request', MatcherJobs['match-request']>[] = [];
    const worker = queue.process({
      'match-request': async (job) => void asked.push(job),
      'settle-match': async () => undefined,
      'withdraw-matches': async () => undefined,
      'withdraw-proposals': async () => undefined,
      'retry-waiting': async () => undefined,
      'recheck-pairs': async () => undefined,
      'expiry-sweep': async () => undefined,
      'cohort-run': async () => undefined,
      'cohort-schedule': async () => undefined,
    }, { concurrency: 1 });
    expect(await sweep.resumeDangling()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await worker.close();
    expect(asked.map((job) => job.data.newcomerId)).toEqual([held]);
  });
});
