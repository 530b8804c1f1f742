/**
 * Preloaded (`node -r`) into the bench's matcher workers to see where their
 * writes to the shared event log wait: it times every `BEGIN IMMEDIATE` on
 * the SQLITE_EVENT_STORE_FILE (waiting for its one write lock, including
 * SQLite's own busy-handler sleeps) and every `COMMIT` there (the WAL append
 * and its fsync, synchronous=FULL). Commits of the worker's own read models
 * are counted apart. The worker itself is unchanged; the cost is a property
 * read per statement run.
 *
 * The bench asks for the running totals over the IPC channel.
 */
import Database from 'better-sqlite3';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

export interface TimedStatement {
  count: number;
  ms: number;
  maxMs: number;
  /** Runs that took 1 ms or more: for BEGIN, the lock was taken and SQLite slept at least once. */
  slow: number;
}

export interface ProbeTotals {
  /** BEGIN IMMEDIATE on the event log. */
  readonly begin: TimedStatement;
  /** COMMIT on the event log. */
  readonly commit: TimedStatement;
  /** COMMIT on any other file (this worker's read models and checkpoints). */
  readonly otherCommit: TimedStatement;
  /** SQLITE_BUSY past the busy timeout (then retried asynchronously by the store). */
  readonly busy: number;
}

const totals: ProbeTotals & { busy: number } = {
  begin: { count: 0, ms: 0, maxMs: 0, slow: 0 },
  commit: { count: 0, ms: 0, maxMs: 0, slow: 0 },
  otherCommit: { count: 0, ms: 0, maxMs: 0, slow: 0 },
  busy: 0,
};

function install(eventLog: string): void {
  const probe = new Database(':memory:');
  const prototype = Object.getPrototypeOf(probe.prepare('SELECT 1')) as { run: (...args: unknown[]) => unknown };
  probe.close();
  const run = prototype.run;
  prototype.run = function timedRun(this: { source: string; database: { name: string } }, ...args: unknown[]): unknown {
    const source = this.source;
    const onLog = (): boolean => resolve(this.database.name) === eventLog;
    const timed =
      source === 'COMMIT' ? (onLog() ? totals.commit : totals.otherCommit) : source === 'BEGIN IMMEDIATE' && onLog() ? totals.begin : null;
    if (timed === null) return run.apply(this, args);
    const start = performance.now();
    try {
      return run.apply(this, args);
    } catch (error) {
      if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) totals.busy += 1;
      throw error;
    } finally {
      const ms = performance.now() - start;
      timed.count += 1;
      timed.ms += ms;
      timed.maxMs = Math.max(timed.maxMs, ms);
      if (ms >= 1) timed.slow += 1;
    }
  };
}

const eventLog = process.env.SQLITE_EVENT_STORE_FILE;
if (typeof process.send === 'function' && eventLog) {
  install(resolve(eventLog));
  process.on('message', (message) => {
    if (message === 'sqlite-probe') process.send?.({ sqliteProbe: totals });
  });
  // The channel must not keep a worker alive that is shutting down.
  process.channel?.unref();
}
