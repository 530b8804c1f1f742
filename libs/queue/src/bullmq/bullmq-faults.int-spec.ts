import { TestJobs } from '../contract/contract-queue';
import { eventually, JobRecorder, sleep } from '../contract/job-recorder';
import { QueueUnavailableError } from '../job-queue.errors';
import { BullMqJobQueue, BullMqJobQueueOptions } from './bullmq-job-queue.adapter';
import { ChildWorker } from './testing/child-worker';
import { OwnRedisServer } from './testing/own-redis-server';
import { FAST_STALLS, obliterateQueue, RecordingLogger, TEST_REDIS_URL, testQueueName } from './testing/test-queue';

/**
 * Faults only a real Redis and real processes show: a worker killed while it
 * holds a job, a Redis that goes away and comes back, and a close that has to
 * give up on a job. Stall settings are short (FAST_STALLS) to keep this fast.
 */
describe('bullmq: faults', () => {
  const opened: BullMqJobQueue<TestJobs>[] = [];
  const cleanUps: (() => Promise<void>)[] = [];
  const connect = async (options: BullMqJobQueueOptions): Promise<BullMqJobQueue<TestJobs>> => {
    const queue = await BullMqJobQueue.connect<TestJobs>({ ...FAST_STALLS, attempts: 3, backoffMs: 20, logger: new RecordingLogger(), ...options });
    opened.push(queue);
    return queue;
  };

  afterEach(async () => {
    for (const queue of opened.splice(0)) await queue.close();
    for (const cleanUp of cleanUps.splice(0).reverse()) await cleanUp();
  });

  it('redelivers the job of a worker killed with SIGKILL to one other worker, which completes it once', async () => {
    const queueName = testQueueName();
    cleanUps.push(() => obliterateQueue(TEST_REDIS_URL, queueName));
    const producer = await connect({ redisUrl: TEST_REDIS_URL, queueName });
    const child = new ChildWorker(TEST_REDIS_URL, queueName);
    cleanUps.push(() => child.kill());
    await child.line(/^ready$/);
    await producer.add({ name: 'ping', id: 'held-by-the-dead', data: { key: 'h' } });
    await child.line(/^started held-by-the-dead 1$/);
    await child.kill();

    // Two surviving workers, in two queue instances, race for the stalled job.
    const survivors = [new JobRecorder(), new JobRecorder()];
    for (const recorder of survivors) (await connect({ redisUrl: TEST_REDIS_URL, queueName })).process(recorder.handlers, { concurrency: 2 });
    const runs = () => survivors.flatMap((recorder) => recorder.runs);
    const completions = () => survivors.flatMap((recorder) => recorder.completed);
    await eventually(() => expect(completions()).toEqual(['held-by-the-dead']), 10_000);
    expect(runs().map((run) => run.attempt)).toEqual([2]);
    // Longer than a lock and many stall checks: nothing delivers it again.
    await sleep(FAST_STALLS.lockDurationMs + 300);
    expect(runs()).toHaveLength(1);
    expect(await producer.counts()).toEqual({ waiting: 0, active: 0, delayed: 0, completed: 1, failed: 0 });
  });

  it('hands a job still running at the close bound back to the queue for another worker', async () => {
    const queueName = testQueueName();
    cleanUps.push(() => obliterateQueue(TEST_REDIS_URL, queueName));
    const closing = await connect({ redisUrl: TEST_REDIS_URL, queueName, closeTimeoutMs: 200 });
    const stuck = new JobRecorder(() => new Promise<void>(() => undefined));
    closing.process(stuck.handlers, { concurrency: 1 });
    await closing.add({ name: 'ping', id: 'handed-back', data: { key: 'h' } });
    await eventually(() => expect(stuck.running).toBe(1));
    await closing.close();

    const next = await connect({ redisUrl: TEST_REDIS_URL, queueName });
    expect(await next.counts()).toMatchObject({ waiting: 1, active: 0, failed: 0 });
    const recorder = new JobRecorder();
    next.process(recorder.handlers, { concurrency: 1 });
    await eventually(() => expect(recorder.completed).toEqual(['handed-back']));
    expect(recorder.runs[0].attempt).toBe(2);
  });

  describe('with a Redis server of its own', () => {
    let server: OwnRedisServer;

    afterEach(async () => {
      for (const queue of opened.splice(0)) await queue.close();
      await server.kill();
    });

    it('fails adds fast while Redis is down, and workers resume on their own once it is back', async () => {
      server = await OwnRedisServer.start();
      // A short command timeout bounds an add written just before the socket's close is noticed.
      const queue = await connect({ redisUrl: server.url, queueName: testQueueName(), reconnectMaxDelayMs: 200, commandTimeoutMs: 500 });
      const recorder = new JobRecorder();
      queue.process(recorder.handlers, { concurrency: 2 });
      await queue.add({ name: 'ping', id: 'before', data: { key: 'b' } });
      await eventually(() => expect(recorder.completed).toEqual(['before']));

      await server.kill();
      // It fails while the server is still down: an add held in the client's offline line would settle only after
      // the restart below, so this await would never return (Jest's timeout ends the test).
      await expect(queue.add({ name: 'ping', id: 'during', data: { key: 'd' } })).rejects.toBeInstanceOf(QueueUnavailableError);

      // Down long enough for the workers' reconnect attempts to back off a few times.
      await sleep(1_000);
      // Without persistence the restarted server is empty: only new jobs remain to do.
      await server.restart();
      await eventually(() => queue.add({ name: 'ping', id: 'after', data: { key: 'a' } }), 10_000);
      await eventually(() => expect(recorder.completed).toEqual(['before', 'after']), 10_000);
    });

    it('warns when Redis may evict keys, and still starts', async () => {
      server = await OwnRedisServer.start(['--maxmemory-policy', 'allkeys-lru']);
      // BullMQ prints its own warning on the console too; keep the test output clean.
      const console = jest.spyOn(global.console, 'warn').mockImplementation(() => undefined);
      const logger = new RecordingLogger();
      try {
        await connect({ redisUrl: server.url, queueName: testQueueName(), logger });
      } finally {
        console.mockRestore();
      }
      expect(logger.warnings).toEqual([expect.stringContaining('maxmemory-policy is allkeys-lru')]);
    });
  });

  it('gives up connecting after the connect timeout with a clear error', async () => {
    const { freePort } = await import('./testing/own-redis-server');
    const url = `redis://127.0.0.1:${await freePort()}`;
    // Nothing ever listens there: without the timeout the connect would wait for good (Jest's timeout ends the test).
    await expect(connect({ redisUrl: url, queueName: testQueueName(), connectTimeoutMs: 300 })).rejects.toThrow(/not ready after 300 ms/);
  });
});
