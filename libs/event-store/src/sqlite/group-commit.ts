/** What one request of a group came to: its own answer, or its own failure. */
export type GroupOutcome<R> = { readonly result: R } | { readonly error: unknown };

interface Waiting<Q, R> {
  readonly request: Q;
  readonly resolve: (result: R) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit for a synchronous SQLite connection: requests that arrive in
 * the same turn of the event loop (concurrent HTTP requests) are handed to
 * `commit` together, in arrival order, so they share one transaction and one
 * fsync. `commit` answers each request separately; when it throws, every
 * request of that group fails with the error. Nobody is answered before
 * `commit` returns, so durability is that of one transaction per request.
 * Used by the event log and the key store.
 */
export class GroupCommit<Q, R> {
  private waiting: Waiting<Q, R>[] = [];
  /** Set while a commit is scheduled or running; resolves once no request is waiting. */
  private draining: Promise<void> | null = null;

  constructor(
    private readonly commit: (requests: readonly Q[]) => Promise<readonly GroupOutcome<R>[]>,
    private readonly maxPerGroup: number,
  ) {}

  submit(request: Q): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ request, resolve, reject });
      // Commit after the I/O of this turn of the event loop: requests read meanwhile join the group.
      this.draining ??= new Promise<void>((done) => setImmediate(() => void this.drain().finally(done)));
    });
  }

  /** Resolves once every request submitted so far has been answered. */
  idle(): Promise<void> {
    return this.draining ?? Promise.resolve();
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const group = this.waiting.splice(0, Math.max(1, this.maxPerGroup));
      let outcomes: readonly GroupOutcome<R>[];
      try {
        outcomes = await this.commit(group.map((entry) => entry.request));
      } catch (error) {
        for (const entry of group) entry.reject(error);
        continue;
      }
      outcomes.forEach((outcome, index) => ('result' in outcome ? group[index].resolve(outcome.result) : group[index].reject(outcome.error)));
      // Let the callers just answered move on (and others submit) before the next group.
      if (this.waiting.length > 0) await new Promise((resolve) => setImmediate(resolve));
    }
    this.draining = null;
  }
}
