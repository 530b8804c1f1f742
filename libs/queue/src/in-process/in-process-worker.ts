import { settlesWithin } from '../bounded-wait';
import { JobWorker } from '../job-queue.port';
import { LedgerEntry } from './job-ledger';

export interface InProcessWorkerHooks {
  /** Runs one job to its outcome; never rejects. */
  readonly run: (entry: LedgerEntry) => Promise<void>;
  /** A slot came free: hand out the next job. */
  readonly onSlotFree: () => void;
  /** Jobs still running when the close bound ran out: put them back in line. */
  readonly handBack: (entries: readonly LedgerEntry[]) => void;
  readonly onClosed: (worker: InProcessWorker) => void;
}

/**
 * One `process()` call of the in-process queue: runs up to `concurrency`
 * jobs and, on close, waits for them at most `closeTimeoutMs`.
 */
export class InProcessWorker implements JobWorker {
  private readonly running = new Map<LedgerEntry, Promise<void>>();
  private closing: Promise<void> | null = null;

  constructor(
    private readonly hooks: InProcessWorkerHooks,
    private readonly concurrency: number,
    private readonly closeTimeoutMs: number,
  ) {}

  get hasRoom(): boolean {
    return this.closing === null && this.running.size < this.concurrency;
  }

  start(entry: LedgerEntry): void {
    const run = this.hooks.run(entry).finally(() => {
      this.running.delete(entry);
      this.hooks.onSlotFree();
    });
    this.running.set(entry, run);
  }

  close(): Promise<void> {
    this.closing ??= this.stop();
    return this.closing;
  }

  private async stop(): Promise<void> {
    const finished = await settlesWithin(Promise.all(this.running.values()), this.closeTimeoutMs);
    // A handler still running cannot be stopped; its job goes back in line and
    // whatever the handler finishes later is ignored (effects are idempotent).
    if (!finished) this.hooks.handBack([...this.running.keys()]);
    this.running.clear();
    this.hooks.onClosed(this);
  }
}
