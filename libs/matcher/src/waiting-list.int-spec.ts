import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NewcomerCommand, newcomerStream } from '@sleutel/domain';
import { InMemoryEventStore, NO_STREAM } from '@sleutel/event-store';
import { sampleEvents } from '../../event-store/src/contract/sample-events';
import { CommandContext, CommandRunner, identityCodec } from '@sleutel/eventsourcing';
import { newcomerAggregate, ReadSide } from '@sleutel/platform';
import { AnyJobSpec, createJobQueue, JobQueue, JobWorker } from '@sleutel/queue';
import { amalInput } from '../../domain/src/newcomer/newcomer.fixtures';
import { MatcherJobs } from './matcher.jobs';
import { withoutProgress } from './testing/quiet-end';
import { WAITING_LIST_COVERED_MARK, WaitingList } from './waiting-list';

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
    const list = new WaitingList(store, readSide, queue, PAGE);
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
    const list = new WaitingList(store, readSide, queue, PAGE);
    const job = { id: 'retry-waiting-1764583201', data: { causePosition: position, causeEventId: 'cause-2', correlationId: 'c' } };
    await list.retry(job);
    const once = await queue.counts();
    await list.retry(job);
    expect(await queue.counts()).toEqual(once);
    expect(once.waiting).toBe(PAGE + 1);
  });

  /** The jobs the lists below added to the queue, in order (WaitingList adds with addBulk and keeps its mark in the queue's marks). */
  const added: AnyJobSpec<MatcherJobs>[] = [];
  const recording = (): JobQueue<MatcherJobs> => ({
    marks: queue.marks,
    addBulk: async (jobs: readonly AnyJobSpec<MatcherJobs>[]) => {
      added.push(...jobs);
      await queue.addBulk(jobs);
    },
  }) as unknown as JobQueue<MatcherJobs>;
  beforeEach(() => {
    added.length = 0;
  });
  const askedFor = async (): Promise<string[]> => added.filter((job) => job.name === 'match-request').map((job) => (job.data as { newcomerId: string }).newcomerId);
  const retryFor = (id: string, causePosition: number) => ({ id: `retry-waiting-${id}`, data: { causePosition, causeEventId: id, correlationId: 'c' } });

  it('takes one look for a burst of causes: those at or before a position already looked at ask for nothing more', async () => {
    const { ids, position } = await waiting(2);
    const list = new WaitingList(store, readSide, recording(), PAGE);
    await list.retry(retryFor('cause-a', position - 1));
    expect((await askedFor()).sort()).toEqual([...ids].sort());
    await list.retry(retryFor('cause-b', position));
    await list.retry(retryFor('cause-c', position - 1));
    expect(await askedFor()).toHaveLength(2);
    expect(await queue.marks.load(WAITING_LIST_COVERED_MARK)).toBe(position);
  });

  it('takes a new look for a cause after the last look, however late it is relayed (one second\'s causes shared a job before)', async () => {
    const first = await waiting(1);
    const list = new WaitingList(store, readSide, recording(), PAGE);
    await list.retry(retryFor('cause-a', first.position));
    const second = await waiting(1);
    // A cause appended after the first look (a key person registered, a place released): the list is read again.
    await list.retry(retryFor('cause-b', second.position));
    const asked = await askedFor();
    expect(asked.filter((id) => id === first.ids[0])).toHaveLength(2);
    expect(asked).toContain(second.ids[0]);
    // Asked with the position the look read the list at, which the proposer's pool waits for.
    const requests = added.filter((job) => job.id.startsWith('match-request-cause-b-'));
    expect(requests.map((job) => (job.data as { causePosition: number }).causePosition)).toEqual([second.position, second.position]);
  });

  it('passes only its cause on to the jobs it adds: a re-driven look\'s re-drive marks stay its own', async () => {
    const { ids, position } = await waiting(PAGE + 1);
    const list = new WaitingList(store, readSide, recording(), PAGE);
    // A look tried again after it failed for good, as its handler is given it (`asFirstAttempt`).
    await list.retry({ id: 'retry-waiting-cause-r', data: { causePosition: position, causeEventId: 'cause-r', correlationId: 'c', redrive: 3, origin: 'retry-waiting-cause-r' } });
    expect(added).toHaveLength(PAGE + 1);
    expect(added.map((job) => Object.keys(job.data).sort())).toEqual([
      ...ids.slice(0, PAGE).map(() => ['causeEventId', 'causePosition', 'correlationId', 'newcomerId', 'retry']),
      ['after', 'causeEventId', 'causePosition', 'correlationId'],
    ]);
    expect(added[PAGE].id).toMatch(/^retry-waiting-cause-r-after-\d+$/);
  });

  it('ignores a covered mark past the log\'s head, which belongs to another log (a replaced event store), and clears it', async () => {
    const { ids, position } = await waiting(1);
    await queue.marks.save(WAITING_LIST_COVERED_MARK, position + 1000);
    await new WaitingList(store, readSide, recording(), PAGE).retry(retryFor('cause-a', position));
    expect(await askedFor()).toEqual(ids);
    expect(await queue.marks.load(WAITING_LIST_COVERED_MARK)).toBe(position);
  });

  it('marks nothing as looked at when the read models did not reach the cause in time: the job fails and is tried again, and another look asks (found by a review)', async () => {
    const { ids } = await waiting(1);
    const cause = async (): Promise<number> => (await store.append(`sample-${randomUUID()}`, sampleEvents(1), NO_STREAM)).position;
    const [first, second] = [await cause(), await cause()];
    await readSide.waitFor(second);
    // Worker A's read models are still catching up (here: they have not begun reading the log), and wait 200 ms.
    const behindDir = mkdtempSync(join(tmpdir(), 'sleutel-waiting-behind-'));
    const behind = ReadSide.open(behindDir, 200);
    try {
      await expect(new WaitingList(store, behind, recording(), PAGE).retry(retryFor('cause-a', first))).rejects.toThrow(/behind the cause/);
    } finally {
      await behind.close();
      rmSync(behindDir, { recursive: true, force: true });
    }
    expect(await queue.marks.load(WAITING_LIST_COVERED_MARK)).toBeNull();
    // Worker B's are current: the later cause is looked at, and the waiting newcomer asked for.
    await new WaitingList(store, readSide, recording(), PAGE).retry(retryFor('cause-b', second));
    expect(await askedFor()).toEqual(ids);
  });

  it('counts the whole log as looked at when the read models hold all they project of it, though their position stays before a cause they do not project', async () => {
    // A quiet end of a log filtered on the server (EventStoreDB): the read models never hear of the last events.
    const quietDir = mkdtempSync(join(tmpdir(), 'sleutel-waiting-quiet-'));
    const quiet = ReadSide.open(quietDir, 200);
    await quiet.start(withoutProgress(store));
    try {
      const { ids, position } = await waiting(1);
      await quiet.waitFor(position);
      const cause = (await store.append(`sample-${randomUUID()}`, sampleEvents(1), NO_STREAM)).position;
      expect(quiet.position).toBeLessThan(cause);
      await new WaitingList(store, quiet, recording(), PAGE).retry(retryFor('cause-quiet', cause));
      expect(await askedFor()).toEqual(ids);
      expect(await queue.marks.load(WAITING_LIST_COVERED_MARK)).toBe(cause);
    } finally {
      await quiet.close();
      rmSync(quietDir, { recursive: true, force: true });
    }
  });
});
