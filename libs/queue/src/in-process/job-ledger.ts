import { JobCounts } from '../job-queue.port';
import { Fifo } from './fifo';

export type JobState = keyof JobCounts;

/** One job in memory, from add until retention forgets it. */
export interface LedgerEntry {
  readonly name: string;
  readonly id: string;
  readonly data: object;
  state: JobState;
  /** Runs that threw; decides retry or failure. */
  failedRuns: number;
  /** Every start, including those after a hand-back: the handler's `attempt`. */
  deliveries: number;
  /** When it last joined the ready line (epoch ms): how long it waited is reported to observers. */
  readyAt?: number;
  timer?: NodeJS.Timeout;
}

export interface Retention {
  readonly ageMs: number;
  readonly count: number;
}

/**
 * Every job this process knows, by id: the deduplication memory, the ready
 * line and the state counts. Finished ids are forgotten after `ageMs` or when
 * more than `count` of one state are kept, like BullMQ's `removeOnComplete`
 * and `removeOnFail`; until then adding the id again adds nothing.
 */
export class JobLedger {
  private readonly entries = new Map<string, LedgerEntry>();
  private readonly ready = new Fifo<LedgerEntry>();
  private readonly finishedAt = { completed: new Map<string, number>(), failed: new Map<string, number>() };
  private readonly tally: Record<JobState, number> = { waiting: 0, active: 0, delayed: 0, completed: 0, failed: 0 };

  constructor(
    private readonly retention: Retention,
    private readonly onReady: () => void,
    private readonly now: () => number = Date.now,
  ) {}

  has(id: string): boolean {
    return this.entries.has(id);
  }

  /** Records a new job, ready now or after `delayMs`. */
  admit(entry: Omit<LedgerEntry, 'state' | 'failedRuns' | 'deliveries'>, delayMs: number): LedgerEntry {
    const admitted: LedgerEntry = { ...entry, state: 'waiting', failedRuns: 0, deliveries: 0 };
    this.tally.waiting += 1;
    this.entries.set(admitted.id, admitted);
    this.makeReady(admitted, delayMs);
    return admitted;
  }

  /** Puts a known job back in line (retry, hand-back), now or after `delayMs`. */
  makeReady(entry: LedgerEntry, delayMs: number): void {
    if (delayMs > 0) {
      this.move(entry, 'delayed');
      entry.timer = setTimeout(() => {
        entry.timer = undefined;
        this.makeReady(entry, 0);
      }, delayMs);
      return;
    }
    this.move(entry, 'waiting');
    entry.readyAt = this.now();
    this.ready.push(entry);
    this.onReady();
  }

  /** The next waiting job, now active; undefined when none waits. */
  takeNext(): LedgerEntry | undefined {
    for (let entry = this.ready.take(); entry !== undefined; entry = this.ready.take()) {
      // An entry forgotten or moved while in line is skipped, not run.
      if (entry.state !== 'waiting' || this.entries.get(entry.id) !== entry) continue;
      this.move(entry, 'active');
      entry.deliveries += 1;
      return entry;
    }
    return undefined;
  }

  finish(entry: LedgerEntry, state: 'completed' | 'failed'): void {
    this.move(entry, state);
    this.finishedAt[state].set(entry.id, this.now());
    this.forgetOld(state);
  }

  /** Failed jobs still retained that ended at or after `since`, in the order they ended, at most `limit`. */
  failedSince(since: number, limit: number): { entry: LedgerEntry; failedAt: number }[] {
    const found: { entry: LedgerEntry; failedAt: number }[] = [];
    for (const [id, failedAt] of this.finishedAt.failed) {
      if (found.length >= limit) break;
      const entry = this.entries.get(id);
      if (failedAt >= since && entry !== undefined) found.push({ entry, failedAt });
    }
    return found;
  }

  counts(): JobCounts {
    return { ...this.tally };
  }

  /** Jobs in line now (not delayed, not running). */
  get waiting(): number {
    return this.tally.waiting;
  }

  /** Stops every delay timer, so a closed queue holds no handles. */
  stopTimers(): void {
    for (const entry of this.entries.values()) {
      if (entry.timer !== undefined) clearTimeout(entry.timer);
      entry.timer = undefined;
    }
  }

  private move(entry: LedgerEntry, state: JobState): void {
    this.tally[entry.state] -= 1;
    this.tally[state] += 1;
    entry.state = state;
  }

  // Maps iterate in insertion order, which is finishing order: the oldest first.
  private forgetOld(state: 'completed' | 'failed'): void {
    const finished = this.finishedAt[state];
    const oldestKept = this.now() - this.retention.ageMs;
    for (const [id, at] of finished) {
      if (finished.size <= this.retention.count && at >= oldestKept) break;
      finished.delete(id);
      this.entries.delete(id);
      this.tally[state] -= 1;
    }
  }
}
