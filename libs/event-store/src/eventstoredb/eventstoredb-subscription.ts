import { AllStreamResolvedEvent, AllStreamSubscription, Position, ReadPosition } from '@eventstore/db-client';
import { backoffDelay, BackoffPolicy, sleep } from '../backoff';
import { matchesFilter } from '../event-filter';
import { SubscribeOptions, Subscription } from '../event-store.port';
import { toError } from '../to-error';
import { EventStoreDbClient } from './eventstoredb-client';
import { fromEsdbEvent } from './eventstoredb-event-mapping';
import { toServerFilter } from './eventstoredb-filter';
import { startAtOrBefore } from './eventstoredb-log-reads';
import { checkpointReached, isInvalidPosition, positionsAfter } from './eventstoredb-positions';

export interface ResubscribePolicy extends BackoffPolicy {
  /** Consecutive failed attempts before the subscription gives up and reports. */
  readonly maxAttempts: number;
}

/**
 * A marker pushed into the subscription's own stream when the server reports
 * a checkpoint. Going through the stream keeps it behind every event received
 * before it, so progress is never reported ahead of an unhandled event.
 */
interface CheckpointMarker {
  readonly checkpoint: Position;
}

type SubscriptionItem = AllStreamResolvedEvent | CheckpointMarker;

class HandlerFailure extends Error {
  constructor(readonly failure: Error) {
    super(failure.message);
  }
}

/**
 * `subscribeToAll` with what the client leaves to us (field notes): it does
 * not resume a dropped subscription, so this one subscribes again from the
 * last position the server sent (event or checkpoint) with a capped back-off,
 * and only reports an error when the server stays away or the handler fails.
 * The server reads only from the start of a record, so positions it sent are
 * what it is resumed from; the caller's `after` is tried as the candidates of
 * `positionsAfter`, and when the server refuses them all (a number that starts
 * no record), from the record at or before it (`startAtOrBefore`), skipping
 * what lies up to it.
 */
export class EventStoreDbSubscription implements Subscription {
  private stopped = false;
  private cursor: number | null;
  /** The last position the server sent; null until it has sent one. */
  private resumeFrom: Position | null = null;
  /** Whether the current server subscription has delivered anything (an event or a checkpoint). */
  private deliveredSinceSubscribing = false;
  /** Where to start until the server has sent a position; once all are refused, `startAtOrBefore` each time. */
  private readonly startCandidates: ReadPosition[];
  /** Whoever is waiting now; each wait has its own promise, dropped when it settles (see `orStop`). */
  private readonly stopWaiters = new Set<() => void>();
  private readonly done: Promise<void>;

  constructor(
    private readonly client: EventStoreDbClient,
    private readonly options: SubscribeOptions,
    private readonly resubscribe: ResubscribePolicy,
  ) {
    this.cursor = options.after ?? null;
    this.startCandidates = positionsAfter(this.cursor);
    this.done = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const wake of this.stopWaiters) wake();
    this.stopWaiters.clear();
    await this.done;
  }

  /**
   * `promise`, or 'stopped' as soon as `stop()` is called. A promise of its own per wait: racing every wait
   * against one promise that settles only at stop left a reaction on it per wait, holding what the wait gave
   * (every delivered event) for the subscription's whole life.
   */
  private orStop<T>(promise: Promise<T>): Promise<T | 'stopped'> {
    if (this.stopped) return Promise.resolve('stopped');
    let wake: () => void = () => undefined;
    const stopped = new Promise<'stopped'>((resolve) => {
      wake = () => resolve('stopped');
    });
    this.stopWaiters.add(wake);
    return Promise.race([promise, stopped]).finally(() => this.stopWaiters.delete(wake));
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      this.deliveredSinceSubscribing = false;
      try {
        await this.consumeOnce();
        if (this.deliveredSinceSubscribing) failures = 0;
      } catch (error) {
        if (this.stopped) return;
        if (error instanceof HandlerFailure) {
          this.options.onError?.(error.failure);
          return;
        }
        if (this.resumeFrom === null && isInvalidPosition(error) && this.startCandidates.length > 0) {
          this.startCandidates.shift();
          continue;
        }
        // A drop after the server had delivered again is a new outage, not one more failure of the last one:
        // counting every drop of the subscription's life gave up on the server after `maxAttempts` drops however
        // far apart, and waited ever longer (up to the cap) to resubscribe after each one before that.
        if (this.deliveredSinceSubscribing) failures = 0;
        failures += 1;
        if (failures >= this.resubscribe.maxAttempts) {
          this.options.onError?.(toError(error));
          return;
        }
        await this.orStop(sleep(backoffDelay(this.resubscribe, failures)));
      }
    }
  }

  /** One server subscription, until it ends, fails or we stop; sets `deliveredSinceSubscribing` once anything arrives. */
  private async consumeOnce(): Promise<void> {
    const fromPosition = this.resumeFrom ?? this.startCandidates[0] ?? (await startAtOrBefore(this.client, this.options.after ?? -1)).from;
    if (this.stopped) return;
    const subscription = this.client.subscribeToAll({
      fromPosition,
      filter: toServerFilter(this.options.filter, (stream, checkpoint) => {
        pushMarker(stream, { checkpoint });
      }),
    });
    const items = subscription[Symbol.asyncIterator]() as AsyncIterator<SubscriptionItem>;
    try {
      while (!this.stopped) {
        const next = await this.orStop(items.next());
        if (next === 'stopped' || next.done === true) return;
        if (await this.deliver(next.value)) this.deliveredSinceSubscribing = true;
      }
    } finally {
      await subscription.unsubscribe().catch(() => undefined);
    }
  }

  private async deliver(item: SubscriptionItem): Promise<boolean> {
    if ('checkpoint' in item) {
      this.resumeFrom = item.checkpoint;
      const reached = checkpointReached(item.checkpoint);
      if (this.cursor !== null && reached <= this.cursor) return false;
      this.cursor = reached;
      await this.options.onProgress?.(reached);
      return true;
    }
    const raw = item.event;
    if (raw === undefined) return false;
    this.resumeFrom = raw.position;
    const position = Number(raw.position.commit);
    if (this.cursor !== null && position <= this.cursor) return false;
    const event = fromEsdbEvent(raw, position);
    if (event !== null && matchesFilter(this.options.filter, event.streamId, event.type)) {
      try {
        await this.options.onEvent(event);
      } catch (error) {
        throw new HandlerFailure(toError(error));
      }
    }
    this.cursor = position;
    return true;
  }
}

/**
 * Called by the client while it transforms the server's messages, before it
 * passes on any later event; pushing onto the same stream keeps the order.
 */
function pushMarker(stream: AllStreamSubscription, marker: CheckpointMarker): void {
  stream.push(marker);
}
