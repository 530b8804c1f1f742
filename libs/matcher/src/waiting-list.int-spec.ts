import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NewcomerCommand, newcomerStream } from '@sleutel/domain';
import { InMemoryEventStore } from '@sleutel/event-store';
import { CommandContext, CommandRunner, identityCodec } from '@sleutel/eventsourcing';
import { newcomerAggregate, ReadSide } from '@sleutel/platform';
import { createJobQueue, JobQueue, JobWorker } from '@sleutel/queue';
import { amalInput } from '../../domain/src/newcomer/newcomer.fixtures';
import { MatcherJobs } from './matcher.jobs';
import { WaitingList } from './waiting-list';

const context = (): CommandContext => ({ actor: { id: 'test', role: 'intake' }, source: 'cli', correlationId: 'c', causationId: 'c', commandId: randomUUID() });

describe('WaitingList (real read models in SQLite, the in-process queue)', () => {
  const PAGE = 3;
  let dir: string;
  let store: InMemoryEventStore;
  let runner: CommandRunner;
  let readSide: ReadSide;
  let queue: JobQueue<MatcherJobs>;
  let worker: JobWorker | null;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sleutel-waiting-'));
    store = new InMemoryEventStore();
    runner = new CommandRunner(store, identityCodec);
    readSide = ReadSide.open(dir, 2000);
    await readSide.start(store);
    queue = await createJobQueue<MatcherJobs>({ redisUrl: null, queueName: 'waiting-test' });
    worker = null;
  });
  afterEach(async () => {
    await worker?.close();
    await queue.close();
    await readSide.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function waiting(count: number): Promise<{ ids: string[]; position: number }> {
    const ids: string[] = [];
    let position = 0;
    for (let i = 0; i < count; i += 1) {
      const newcomerId = randomUUID();
      const outcome = await runner.run(newcomerAggregate, newcomerStream(newcomerId), (_, at): NewcomerCommand[] => [
        { type: 'RegisterNewcomer', data: { newcomerId, at, profile: amalInput } },
      ], context());
      ids.push(newcomerId);
      position = outcome.position!;
    }
    await readSide.waitFor(position);
    return { ids, position };
  }

  it('asks for every waiting newcomer once, a page per job, each job adding at most a page and its continuation', async () => {
    const { ids, position } = await waiting(8);
    const list = new WaitingList(readSide, queue, PAGE);
    const asked: string[] = [];
    const addedPerRetry: number[] = [];
    const retries: string[] = [];
    let settle!: () => void;
    const settled = new Promise<void>((resolve) => (settle = resolve));
    worker = queue.process({
      'match-request': async (job) => {
        asked.push(job.data.newcomerId);
        if (asked.length === ids.length) settle();
      },
      'retry-waiting': async (job) => {
        retries.push(job.id);
        const before = (await queue.counts()).waiting;
        await list.retry(job);
        addedPerRetry.push((await queue.counts()).waiting - before);
      },
      'settle-match': async () => undefined,
      'withdraw-matches': async () => undefined,
      'withdraw-proposals': async () => undefined,
      'recheck-pairs': async () => undefined,
      'expiry-sweep': async () => undefined,
      'cohort-run': async () => undefined,
      'cohort-schedule': async () => undefined,
    }, { concurrency: 1 });
    await queue.add({ name: 'retry-waiting', id: 'retry-waiting-1764583200', data: { causePosition: position, causeEventId: 'cause-1', correlationId: 'c' } });
    await settled;

    expect([...asked].sort()).toEqual([...ids].sort());
    // 8 waiting in pages of 3: 3 + the rest, 3 + the rest, 2.
    expect(retries).toHaveLength(3);
    expect(retries.slice(1).every((id) => /^retry-waiting-1764583200-after-\d+$/.test(id))).toBe(true);
    expect(Math.max(...addedPerRetry)).toBeLessThanOrEqual(PAGE + 1);
  });

  it('adds the same jobs again on a redelivery of the same page, which the queue keeps once', async () => {
    const { position } = await waiting(4);
    const list = new WaitingList(readSide, queue, PAGE);
    const job = { id: 'retry-waiting-1764583201', data: { causePosition: position, causeEventId: 'cause-2', correlationId: 'c' } };
    await list.retry(job);
    const once = await queue.counts();
    await list.retry(job);
    expect(await queue.counts()).toEqual(once);
    expect(once.waiting).toBe(PAGE + 1);
  });
});
