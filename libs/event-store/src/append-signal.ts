/**
 * Wakes log followers as soon as this process appends, so live subscribers
 * need not wait for the next poll. Waiting takes a ticket read *before* the
 * follower looked at the log: an append that lands between the look and the
 * wait has already moved the version on, so the wake-up cannot be missed.
 */
export class AppendSignal {
  private version = 0;
  private readonly waiters = new Set<() => void>();

  get ticket(): number {
    return this.version;
  }

  notify(): void {
    this.version += 1;
    for (const wake of [...this.waiters]) wake();
  }

  /**
   * Resolves on the first append after `ticket`, after `timeoutMs`, or when
   * `abort` fires. Each ends the wait whole: a wait ended by its caller's stop
   * that left its timer running held the process open (and the waiter in
   * memory) for up to the poll interval, 60 s at most, after a close.
   */
  wait(ticket: number, timeoutMs: number, abort?: AbortSignal): Promise<void> {
    if (ticket !== this.version || abort?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        abort?.removeEventListener('abort', wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      this.waiters.add(wake);
      abort?.addEventListener('abort', wake, { once: true });
    });
  }
}
