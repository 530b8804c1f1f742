import { randomUUID } from 'node:crypto';
import { deleteRedisKeys, TEST_REDIS_URL } from '../../../test/support/replicas';
import { RedisReplayBoard } from './redis-replay-board';
import { ReplayBoardUnavailableError, ReplayRegistry, ReplayRunningError, ReplayStatus } from './replay-registry';
import { ReplayResult } from './projection-replay';

const RESULT: ReplayResult = {
  position: 41, events: 42, seconds: 0.5,
  projections: [{ name: 'newcomer-directory', liveDigest: 'a'.repeat(64), rebuiltDigest: 'a'.repeat(64), equal: true, liveRows: 3, rebuiltRows: 3, firstDifference: null }],
};

const gates: (() => void)[] = [];

/** A replay's workload held open by the test: it reports progress and ends when told (at the latest after each test). */
function gatedRun(): { run: ConstructorParameters<typeof ReplayRegistry>[0]; report: (p: number) => void; finish: () => void; fail: (e: Error) => void } {
  let onProgress: (progress: number) => void = () => undefined;
  let settle!: { resolve: (r: ReplayResult) => void; reject: (e: Error) => void };
  const result = new Promise<ReplayResult>((resolve, reject) => (settle = { resolve, reject }));
  gates.push(() => settle.resolve(RESULT));
  return {
    run: (progress) => {
      onProgress = progress;
      return result;
    },
    report: (p) => onProgress(p),
    finish: () => settle.resolve(RESULT),
    fail: (e) => settle.reject(e),
  };
}

async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Two registries stand for two API processes; they share replays through the suite's real Redis. */
describe('ReplayRegistry shared through RedisReplayBoard', () => {
  const redisUrl = TEST_REDIS_URL;
  let prefix: string;
  const opened: ReplayRegistry[] = [];
  const boards = new Map<ReplayRegistry, RedisReplayBoard>();
  const registry = (run: ConstructorParameters<typeof ReplayRegistry>[0], options: { url?: string; onBoardError?: (e: unknown) => void } = {}) => {
    const board = RedisReplayBoard.connect(options.url ?? redisUrl, { prefix });
    const created = new ReplayRegistry(run, { board, publishEveryMs: 50, onBoardError: options.onBoardError });
    opened.push(created);
    boards.set(created, board);
    return created;
  };
  beforeEach(() => {
    prefix = `test-replays-${randomUUID()}:`;
  });
  afterEach(async () => {
    for (const open of gates.splice(0)) open();
    await Promise.all(opened.splice(0).map((r) => r.close()));
    await deleteRedisKeys(prefix, redisUrl);
  });

  it('lets any process follow a replay and refuses a second one anywhere while it runs', async () => {
    const work = gatedRun();
    const [a, b] = [registry(work.run), registry(gatedRun().run)];
    const started = await a.start();
    expect(started).toMatchObject({ status: 'running', progress: 0 });

    work.report(0.5);
    const seenOnB = await eventually(async () => {
      const status = await b.get(started.id);
      return status?.progress === 0.5 ? status : undefined;
    }, 'the progress on B');
    expect(seenOnB).toMatchObject({ id: started.id, status: 'running', startedAt: started.startedAt });
    await expect(b.start()).rejects.toEqual(new ReplayRunningError(started.id));
    await expect(a.start()).rejects.toEqual(new ReplayRunningError(started.id));

    work.finish();
    await a.idle();
    // The final report reaches the board before the slot is freed: B sees it at once.
    expect(await b.get(started.id)).toMatchObject({ status: 'done', progress: 1, position: 41, events: 42, eventsPerSecond: 84, projections: RESULT.projections });
    const next = await b.start();
    expect(next.id).not.toBe(started.id);
    expect((await a.get(next.id))?.status).toBe('running');
    expect(await a.get(randomUUID())).toBeUndefined();
  });

  it('reports a failure on every process', async () => {
    const work = gatedRun();
    const [a, b] = [registry(work.run), registry(gatedRun().run)];
    const started = await a.start();
    work.fail(new Error('the log could not be read'));
    await a.idle();
    expect(await b.get(started.id)).toMatchObject({ status: 'failed', error: 'the log could not be read', finishedAt: expect.any(String) });
  });

  it('reads a replay as failed once its process stopped, and frees the slot for another', async () => {
    const [a, b] = [registry(gatedRun().run), registry(gatedRun().run)];
    const started = await a.start();
    expect((await b.get(started.id))?.status).toBe('running');
    await expect(b.start()).rejects.toBeInstanceOf(ReplayRunningError);

    // A's process is gone: no more heartbeats reach Redis (its connection closed), and the lease (5 × 50 ms) runs out.
    await boards.get(a)!.close();
    const failed = await eventually(async () => {
      const status = await b.get(started.id);
      return status?.status === 'failed' ? status : undefined;
    }, 'the lease to run out');
    expect(failed.error).toMatch(/stopped before it finished/);
    expect((await b.start()).status).toBe('running');
  });

  it('runs a replay in this process when Redis does not answer, and says so instead of "not found" for the others', async () => {
    const errors: unknown[] = [];
    const work = gatedRun();
    const alone = registry(work.run, { url: 'redis://127.0.0.1:1', onBoardError: (e) => errors.push(e) });
    const started = await alone.start();
    expect(started.status).toBe('running');
    expect(errors.length).toBeGreaterThan(0);
    expect((await alone.get(started.id))?.status).toBe('running');
    await expect(alone.get(randomUUID())).rejects.toBeInstanceOf(ReplayBoardUnavailableError);
    await expect(alone.start()).rejects.toEqual(new ReplayRunningError(started.id));
    work.finish();
    await alone.idle();
    expect((await alone.get(started.id))?.status).toBe('done');
  });

  it('keeps one replay at a time within a process even while the board is asked', async () => {
    const a = registry(gatedRun().run);
    const results = await Promise.allSettled([a.start(), a.start()]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const running = results.find((r): r is PromiseFulfilledResult<ReplayStatus> => r.status === 'fulfilled')!.value;
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: new ReplayRunningError(running.id) });
  });
});
