import { backoffDelay, BackoffPolicy } from './backoff';
import { CheckpointStore } from './checkpoint-store.port';
import { RecordedEvent } from './event-envelope';
import { EventFilter, EventHandler, EventStore, Subscription } from './event-store.port';
import { PositionWatch } from './position-watch';
import { toError } from './to-error';

export interface CheckpointedSubscriptionOptions {
  readonly store: EventStore;
  readonly checkpoints: CheckpointStore;
  /** Stable name under which the checkpoint is kept, e.g. `projection:newcomer-overview`. */
  readonly subscriber: string;
  readonly filter?: EventFilter;
  readonly handle: EventHandler;
  /** Told about every failure; the subscription itself retries from its checkpoint. */
  readonly onError?: (error: Error, attempt: number) => void;
  readonly retry?: BackoffPolicy;
  /**
   * Save the checkpoint after this many handled events (default 1). Larger
   * values speed up rebuilds; the checkpoint is still saved whenever the
   * subscriber catches up and on stop, so a clean stop loses and repeats
   * nothing, while a crash repeats at most this many events.
   */
  readonly checkpointEvery?: number;
}

const DEFAULT_RETRY: BackoffPolicy = { initialDelayMs: 100, maxDelayMs: 5000 };
/** Events of its own a wait reads at a time (`waitForPosition`). */
const OWN_EVENTS_PAGE = 100;

/**
 * A subscriber that survives restarts and failures: it resumes after its saved
 * checkpoint, saves as it goes, and when the store or the handler fails it
 * subscribes again from the last handled event after a capped back-off.
 */
export class CheckpointedSubscription {
  private subscription: Subscription | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private attempt = 0;
  private saved: number | null;
  private unsaved = 0;
  private failure: Error | null = null;

  private constructor(
    private readonly options: CheckpointedSubscriptionOptions,
    checkpoint: number | null,
    private readonly watch = new PositionWatch(checkpoint),
  ) {
    this.saved = checkpoint;
  }

  static async start(options: CheckpointedSubscriptionOptions): Promise<CheckpointedSubscription> {
    const checkpoint = await options.checkpoints.load(options.subscriber);
    const subscription = new CheckpointedSubscription(options, checkpoint);
    subscription.subscribe();
    return subscription;
  }

  /** The log position up to which every matching event has been handled. */
  get position(): number | null {
    return this.watch.position;
  }

  /** The last failure, until an event is handled again: for health checks. */
  get lastError(): Error | null {
    return this.failure;
  }

  /**
   * Resolves true once the subscriber has handled every event of its filter
   * up to `position`, false on timeout or stop. A filtered subscription need
   * not say it got past the events it skips: on EventStoreDB it hears of them
   * only from a checkpoint every 32 the server looked at, so at a quiet end
   * of the log its position stays at its last own event. Waiting for
   * `position` itself then ran into the timeout whenever the newest events
   * were none of its own (a read-your-writes wait of 2 s after an edit, a
   * matcher job 5 s before it ranked); so the log is read for its own events
   * up to `position`, and the wait is for the last of them. A store whose
   * subscriptions report their progress past what they skip at once (SQLite,
   * in memory: `reportsFilteredProgress`) needs no such read, and its waits,
   * one per write on the request path, pay none.
   */
  async waitForPosition(position: number, timeoutMs: number): Promise<boolean> {
    if (this.stopped) return this.position !== null && this.position >= position;
    const { filter, store } = this.options;
    const deadline = Date.now() + timeoutMs;
    const left = (): number => Math.max(0, deadline - Date.now());
    try {
      for (;;) {
        const after = this.position;
        if (filter === undefined || store.reportsFilteredProgress === true || (after !== null && after >= position)) break;
        const page = await store.readAll({ after, filter, limit: OWN_EVENTS_PAGE });
        const own = page.filter((event) => event.position <= position);
        if (own.length === 0) {
          // None of its own after where it is: done, once the log has got to `position` at all.
          if (page.length > 0 || ((await store.headPosition()) ?? -1) >= position) return true;
          break;
        }
        if (!(await this.watch.waitFor(own[own.length - 1].position, left()))) return false;
        if (own.length < page.length || page.length < OWN_EVENTS_PAGE) return true;
      }
    } catch {
      // The log could not be read: wait as the subscription goes, which retries by itself.
    }
    return this.watch.waitFor(position, left());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    await this.subscription?.stop();
    this.subscription = null;
    await this.flush();
    this.watch.end();
  }

  private subscribe(): void {
    try {
      this.subscription = this.options.store.subscribe({
        after: this.position,
        filter: this.options.filter,
        onEvent: (event) => this.handle(event),
        onProgress: (position) => this.progress(position),
        onError: (error) => this.fail(error),
      });
    } catch (error) {
      // e.g. the store was closed under us: retry like any other failure, never throw from a timer.
      this.fail(toError(error));
    }
  }

  private async handle(event: RecordedEvent): Promise<void> {
    await this.options.handle(event);
    this.attempt = 0;
    this.failure = null;
    this.watch.advance(event.position);
    this.unsaved += 1;
    if (this.unsaved >= (this.options.checkpointEvery ?? 1)) await this.flush();
  }

  /**
   * Called when caught up. Saves what a batch left unsaved; a stretch of
   * filtered-out events alone is not worth a write (it is saved on stop), as
   * a busy log would otherwise cost a write per poll.
   */
  private async progress(position: number): Promise<void> {
    this.watch.advance(position);
    if (this.unsaved > 0) await this.flush();
  }

  private async flush(): Promise<void> {
    const position = this.position;
    if (position === null || position === this.saved) return;
    await this.options.checkpoints.save(this.options.subscriber, position);
    this.saved = position;
    this.unsaved = 0;
  }

  private fail(error: Error): void {
    this.failure = error;
    this.attempt += 1;
    this.options.onError?.(error, this.attempt);
    // Stopped, not just dropped: the store tracks what it handed out until it is stopped, and an outage retried
    // every few seconds would otherwise leave one more behind at each attempt. Not awaited: this may run inside
    // the failed subscription's own delivery, which its stop waits for.
    const failed = this.subscription;
    this.subscription = null;
    failed?.stop().catch(() => undefined);
    if (this.stopped) return;
    const delay = backoffDelay(this.options.retry ?? DEFAULT_RETRY, this.attempt);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) this.subscribe();
    }, delay);
  }
}
