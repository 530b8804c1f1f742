import { RecordedEvent } from '../event-envelope';

/** Collects what a subscription delivers and lets a test wait for a count. */
export class EventCollector {
  readonly events: RecordedEvent[] = [];

  readonly handle = (event: RecordedEvent): void => {
    this.events.push(event);
  };

  get ids(): string[] {
    return this.events.map((event) => event.id);
  }

  async waitForCount(count: number, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.events.length < count) {
      if (Date.now() > deadline) {
        throw new Error(`Expected ${count} events within ${timeoutMs} ms, got ${this.events.length}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

/** Lets the store run a few poll rounds, so a test can assert that nothing more arrives. */
export function settle(ms = 150): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
