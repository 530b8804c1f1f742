/**
 * Lets callers wait until a subscriber has reached a log position, e.g. an API
 * that appended at position P waits for the projection to handle P before it
 * answers (read-your-writes).
 */
export class PositionWatch {
  private current: number | null;
  private readonly waiters = new Set<{ readonly position: number; readonly settle: (reached: boolean) => void }>();

  constructor(initial: number | null) {
    this.current = initial;
  }

  get position(): number | null {
    return this.current;
  }

  advance(position: number): void {
    if (this.current !== null && position <= this.current) return;
    this.current = position;
    for (const waiter of [...this.waiters]) {
      if (waiter.position <= position) waiter.settle(true);
    }
  }

  /** True once the position is reached; false when `timeoutMs` passes first or the watch ends. */
  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (this.current !== null && this.current >= position) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const waiter = {
        position,
        settle: (reached: boolean): void => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(reached);
        },
      };
      const timer = setTimeout(() => waiter.settle(false), timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Releases every waiter with `false`: nothing will advance the watch any more. */
  end(): void {
    for (const waiter of [...this.waiters]) waiter.settle(false);
  }
}
