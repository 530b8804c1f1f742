import { describeJobQueueContract, TestJobs } from '../contract/job-queue.contract';
import { QueueUnavailableError } from '../job-queue.errors';
import { InProcessJobQueue } from './in-process-job-queue.adapter';

const silent = { warn: () => undefined, error: () => undefined };

describeJobQueueContract('in-process', async (tuning) => {
  const queue = new InProcessJobQueue<TestJobs>({ ...tuning, logger: silent });
  return { queue, dispose: () => queue.close() };
});

describe('in-process retention', () => {
  it('remembers the last 10,000 finished ids by default: an older id added again runs again, a recent one adds nothing', async () => {
    const queue = new InProcessJobQueue<TestJobs>({ logger: silent });
    const runs = new Map<string, number>();
    let finished = 0;
    queue.process({
      ping: async (job) => {
        runs.set(job.data.key, (runs.get(job.data.key) ?? 0) + 1);
        finished += 1;
      },
      sweep: async () => undefined,
    }, { concurrency: 8 });
    const until = async (count: number) => {
      while (finished < count) await new Promise((resolve) => setImmediate(resolve));
    };
    try {
      const total = 10_001;
      await queue.addBulk(Array.from({ length: total }, (_, i) => ({ name: 'ping' as const, id: `ping-${i}`, data: { key: `k${i}` } })));
      await until(total);
      expect((await queue.counts()).completed).toBe(10_000);
      await queue.add({ name: 'ping', id: 'ping-0', data: { key: 'k0' } });
      await queue.add({ name: 'ping', id: `ping-${total - 1}`, data: { key: `k${total - 1}` } });
      await until(total + 1);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(runs.get('k0')).toBe(2);
      expect(runs.get(`k${total - 1}`)).toBe(1);
    } finally {
      await queue.close();
    }
  });
});

describe('in-process line is bounded', () => {
  const ping = (i: number) => ({ name: 'ping' as const, id: `ping-${i}`, data: { key: `k${i}` } });
  const settled = async (promise: Promise<unknown>): Promise<boolean> => {
    let done = false;
    void promise.then(() => (done = true), () => (done = true));
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
    return done;
  };

  it('makes add wait while maxWaiting jobs wait, and lets it in once a worker takes one', async () => {
    const queue = new InProcessJobQueue<TestJobs>({ logger: silent, maxWaiting: 3 });
    try {
      for (let i = 0; i < 3; i++) await queue.add(ping(i));
      const fourth = queue.add(ping(3));
      expect(await settled(fourth)).toBe(false);
      expect((await queue.counts()).waiting).toBe(3);
      // A known id adds nothing, so it never waits, full line or not.
      expect(await settled(queue.add(ping(1)))).toBe(true);

      const ran: string[] = [];
      let release!: () => void;
      const blocked = new Promise<void>((resolve) => (release = resolve));
      queue.process({ ping: async (job) => { ran.push(job.id); await blocked; }, sweep: async () => undefined }, { concurrency: 1 });
      expect(await settled(fourth)).toBe(true);
      expect(await queue.counts()).toMatchObject({ waiting: 3, active: 1 });
      // The line is full again: the next add waits until the running job ends and another is taken.
      const fifth = queue.add(ping(4));
      expect(await settled(fifth)).toBe(false);
      release();
      expect(await settled(fifth)).toBe(true);
      while (ran.length < 5) await new Promise((resolve) => setImmediate(resolve));
      expect(ran).toEqual(['ping-0', 'ping-1', 'ping-2', 'ping-3', 'ping-4']);
    } finally {
      await queue.close();
    }
  });

  it('refuses an add still waiting for room when the queue closes', async () => {
    const queue = new InProcessJobQueue<TestJobs>({ logger: silent, maxWaiting: 1 });
    await queue.add(ping(0));
    const waiting = queue.add(ping(1));
    expect(await settled(waiting)).toBe(false);
    await queue.close();
    await expect(waiting).rejects.toBeInstanceOf(QueueUnavailableError);
    expect((await queue.counts()).waiting).toBe(1);
  });

  it('waits for room in addBulk too, job by job, and holds 1,000 waiting by default', async () => {
    const queue = new InProcessJobQueue<TestJobs>({ logger: silent });
    try {
      const bulk = queue.addBulk(Array.from({ length: 1_005 }, (_, i) => ping(i)));
      expect(await settled(bulk)).toBe(false);
      expect((await queue.counts()).waiting).toBe(1_000);
      queue.process({ ping: async () => undefined, sweep: async () => undefined }, { concurrency: 4 });
      await bulk;
      while ((await queue.counts()).completed < 1_005) await new Promise((resolve) => setImmediate(resolve));
    } finally {
      await queue.close();
    }
  });

  it('lets jobs added by running handlers in at once: handlers fanning out in every slot never wait on each other for room', async () => {
    // Each slot holds a handler that adds more jobs than the line holds (a retry asking again for every waiting newcomer).
    // Were they to wait for room, no slot would be left to take a job: the matcher would stop for good.
    const queue = new InProcessJobQueue<TestJobs>({ logger: silent, maxWaiting: 3 });
    let pings = 0;
    queue.process({
      sweep: async (job) => queue.addBulk(Array.from({ length: 10 }, (_, i) => ping(Number(`${job.data.scope}${i}`)))),
      ping: async () => void (pings += 1),
    }, { concurrency: 2 });
    try {
      await queue.add({ name: 'sweep', id: 'fan-out-1', data: { scope: '1' } });
      await queue.add({ name: 'sweep', id: 'fan-out-2', data: { scope: '2' } });
      for (let turn = 0; pings < 20 && turn < 1_000; turn++) await new Promise((resolve) => setImmediate(resolve));
      expect(pings).toBe(20);
      expect(await queue.counts()).toMatchObject({ waiting: 0, active: 0, completed: 22 });
      // Outside a handler, add still waits while the line is full.
      const blocked = new InProcessJobQueue<TestJobs>({ logger: silent, maxWaiting: 1 });
      await blocked.add(ping(100));
      expect(await settled(blocked.add(ping(101)))).toBe(false);
      await blocked.close().catch(() => undefined);
    } finally {
      await queue.close();
    }
  });

  it('refuses a maxWaiting that is not a positive integer', () => {
    expect(() => new InProcessJobQueue<TestJobs>({ maxWaiting: 0 })).toThrow(RangeError);
  });
});

describe('in-process jobs share the event loop', () => {
  it('gives the process\'s I/O a turn between jobs whose handlers never wait on I/O, not only once the line is empty', async () => {
    // The relay derives every job again at each start of an embedded API: 22,000 match requests whose SQLite reads
    // answer synchronously. Handed out on a microtask, they ran back to back in one turn of the event loop, and the
    // API answered nothing, /health/live included, for a minute (found by a review of upgrades).
    const queue = new InProcessJobQueue<TestJobs>({ logger: silent, maxWaiting: 10_000 });
    const total = 2_000;
    let handled = 0;
    queue.process({ ping: async () => void (handled += 1), sweep: async () => undefined }, { concurrency: 4 });
    try {
      await queue.addBulk(Array.from({ length: total }, (_, i) => ({ name: 'ping' as const, id: `turn-${i}`, data: { key: `k${i}` } })));
      // What the event loop does between jobs: a socket's callback would run here.
      const handledAtNextTurn = await new Promise<number>((resolve) => setImmediate(() => resolve(handled)));
      expect(handledAtNextTurn).toBeLessThan(total);
      for (let turn = 0; handled < total && turn < 10 * total; turn++) await new Promise((resolve) => setImmediate(resolve));
      expect(handled).toBe(total);
    } finally {
      await queue.close();
    }
  });
});

describe('in-process schedules', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('runs a schedule longer than a timer can wait (a monthly cohort run) once a period, not every millisecond', async () => {
    // Node runs a timer of more than 2^31 - 1 ms (24.8 days) after 1 ms; fake timers do the same, without waiting.
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
    const month = 30 * 86_400_000;
    const queue = new InProcessJobQueue<{ monthly: { every: number } }>({ logger: silent });
    let runs = 0;
    queue.process({ monthly: async () => void (runs += 1) }, { concurrency: 1 });
    try {
      await queue.schedule('monthly', month, { every: month });
      await jest.advanceTimersByTimeAsync(1_000);
      expect(runs).toBe(1);
      await jest.advanceTimersByTimeAsync(month - 2_000);
      expect(runs).toBe(1);
      await jest.advanceTimersByTimeAsync(2_000);
      expect(runs).toBe(2);
    } finally {
      await queue.close();
    }
  });
});
