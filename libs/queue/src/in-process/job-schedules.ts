import { JobLedger, LedgerEntry } from './job-ledger';

/**
 * The longest wait one Node timer takes (2^31 - 1 ms, about 24.8 days). A
 * longer one fires after 1 ms instead, so a monthly schedule on a plain
 * `setInterval` ran every millisecond.
 */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/**
 * Repeating jobs on timers. A tick adds a job with an id of its own (with ':',
 * so it can never collide with a caller's id), first at once and then every
 * `everyMs`; a tick is skipped while the previous run of that schedule still
 * waits, so a slow or absent worker does not pile sweeps up, as with BullMQ.
 * An interval longer than one timer can wait is waited out in several.
 */
export class JobSchedules {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly lastRun = new Map<string, LedgerEntry>();
  private sequence = 0;

  constructor(private readonly ledger: JobLedger) {}

  upsert(name: string, everyMs: number, data: object): void {
    if (!Number.isFinite(everyMs) || everyMs < 1) throw new RangeError(`everyMs must be at least 1, got ${everyMs}`);
    this.remove(name);
    const run = (): void => {
      this.tick(name, data);
      this.wait(name, Date.now() + everyMs, run);
    };
    run();
  }

  remove(name: string): void {
    clearTimeout(this.timers.get(name));
    this.timers.delete(name);
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** Calls `then` at `due`, through as many timers as that takes. */
  private wait(name: string, due: number, then: () => void): void {
    const remaining = due - Date.now();
    const timer = setTimeout(() => (remaining > LONGEST_TIMER_MS ? this.wait(name, due, then) : then()), Math.min(Math.max(remaining, 1), LONGEST_TIMER_MS));
    this.timers.set(name, timer);
  }

  private tick(name: string, data: object): void {
    const previous = this.lastRun.get(name);
    if (previous !== undefined && (previous.state === 'waiting' || previous.state === 'delayed')) return;
    this.sequence += 1;
    this.lastRun.set(name, this.ledger.admit({ name, id: `schedule:${name}:${this.sequence}`, data }, 0));
  }
}
