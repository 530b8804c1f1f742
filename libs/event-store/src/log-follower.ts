import { AppendSignal } from './append-signal';
import { RecordedEvent } from './event-envelope';
import { ReadAllOptions, SubscribeOptions, Subscription } from './event-store.port';
import { toError } from './to-error';

/** What a follower needs from a store that keeps its log where it can page through it. */
export interface PageableLog {
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  headPosition(): Promise<number | null>;
}

export interface FollowSettings {
  /** How often to look for appends made by other processes. */
  readonly pollIntervalMs: number;
  readonly pageSize: number;
}

/**
 * A catch-up subscription built on paging the log: it reads history page by
 * page, then keeps polling, and wakes at once when this process appends.
 *
 * Correctness rests on one property of the stores that use it (SQLite,
 * in-memory): positions are handed out in commit order, so once the head is
 * H, no event at or below H can still appear. That lets the follower report
 * progress up to H even when a filter hid every event in between.
 */
export function followLog(
  log: PageableLog,
  signal: AppendSignal,
  options: SubscribeOptions,
  settings: FollowSettings,
): Subscription {
  return new LogFollower(log, signal, options, settings);
}

class LogFollower implements Subscription {
  private stopped = false;
  /**
   * Ends the current wait early, for `stop`, its timer included. Each wait
   * adds its listener and takes it off when it ends: racing every wait against
   * one long-lived "stop requested" promise left a handler on it per wake-up,
   * held until stop — memory that grew with every append for as long as the
   * subscription lived.
   */
  private readonly stopping = new AbortController();
  private readonly done: Promise<void>;

  constructor(
    private readonly log: PageableLog,
    private readonly signal: AppendSignal,
    private readonly options: SubscribeOptions,
    private readonly settings: FollowSettings,
  ) {
    // Start on the next tick so the caller holds the Subscription before any handler runs.
    this.done = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.run());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    await this.done;
  }

  private async run(): Promise<void> {
    try {
      await this.follow();
    } catch (error) {
      if (!this.stopped) this.options.onError?.(toError(error));
    }
  }

  private async follow(): Promise<void> {
    const { filter, onEvent, onProgress } = this.options;
    let cursor = this.options.after ?? null;
    let reported = cursor;
    while (!this.stopped) {
      const ticket = this.signal.ticket;
      const head = await this.log.headPosition();
      const page = await this.log.readAll({ after: cursor, limit: this.settings.pageSize, filter });
      for (const event of page) {
        if (this.stopped) return;
        await onEvent(event);
        cursor = event.position;
      }
      if (this.stopped) return;
      if (page.length === this.settings.pageSize) {
        // More history to read. The stores that use this read synchronously, and handlers mostly settle in
        // microtasks, so without this a catch-up of a long log (read models rebuilt at start: 30 s for 460,000
        // events) held the event loop for its whole length: no request answered, not even /health/live.
        await yieldToEventLoop();
        continue;
      }

      // Caught up: everything up to the head read before the page has been seen.
      const reached = head !== null && (cursor === null || head > cursor) ? head : cursor;
      if (reached !== null && reached !== reported) {
        cursor = reached;
        reported = reached;
        await onProgress?.(reached);
      }
      if (this.stopped) break;
      await this.signal.wait(ticket, this.settings.pollIntervalMs, this.stopping.signal);
    }
  }
}

/** Lets timers, I/O and requests that are waiting run before the next page. */
function yieldToEventLoop(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}
