import { JobLedger, LedgerEntry } from './job-ledger';

/**
 * Repeating jobs on timers. A tick adds a job with an id of its own (with ':',
 * so it can never collide with a caller's id), first at once and then every
 * `everyMs`; a tick is skipped while the previous run of that schedule still
 * waits, so a slow or absent worker does not pile sweeps up, as with BullMQ.
 */
export class JobSchedules {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly lastRun = new Map<string, LedgerEntry>();
  private sequence = 0;

  constructor(private readonly ledger: JobLedger) {}

  upsert(name: string, everyMs: number, data: object): void {
    if (!Number.isFinite(everyMs) || everyMs < 1) throw new RangeError(`everyMs must be at least 1, got ${everyMs}`);
    clearInterval(this.timers.get(name));
    const tick = (): void => this.tick(name, data);
    this.timers.set(name, setInterval(tick, everyMs));
    tick();
  }

  remove(name: string): void {
    clearInterval(this.timers.get(name));
    this.timers.delete(name);
  }

  stop(): void {
    for (const timer of this.timers.values()) clearInterval(timer);
    this.timers.clear();
  }

  private tick(name: string, data: object): void {
    const previous = this.lastRun.get(name);
    if (previous !== undefined && (previous.state === 'waiting' || previous.state === 'delayed')) return;
    this.sequence += 1;
    this.lastRun.set(name, this.ledger.admit({ name, id: `schedule:${name}:${this.sequence}`, data }, 0));
  }
}
