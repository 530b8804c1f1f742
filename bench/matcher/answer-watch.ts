/**
 * Follows the shared log from the bench process and notes, for each
 * newcomer, when its registration and its first answer (a proposal or a
 * recorded deferral) appeared. The times are taken when the subscription
 * hands the event over, so they include this process's poll interval.
 */
import { performance } from 'node:perf_hooks';
import { NEWCOMER_CATEGORY } from '@sleutel/domain';
import { EventStore, RecordedEvent, Subscription } from '@sleutel/event-store';

export type AnswerType = 'MatchProposed' | 'NewcomerMatchingDeferred';

export interface Answer {
  readonly type: AnswerType;
  /** performance.now() when the bench's subscription delivered it. */
  readonly seenAt: number;
  readonly position: number;
  /** The event's `occurredAt` (decided by the worker), epoch ms. */
  readonly occurredAt: number;
}

const ANSWERS: readonly AnswerType[] = ['MatchProposed', 'NewcomerMatchingDeferred'];

export class AnswerWatch {
  private readonly answers = new Map<string, Answer>();
  private readonly registrations = new Map<string, RecordedEvent>();
  private readonly waiters = new Set<{ readonly pending: Set<string>; readonly done: () => void }>();
  private failure: Error | null = null;
  private readonly subscription: Subscription;

  constructor(store: EventStore) {
    this.subscription = store.subscribe({
      filter: { eventTypes: ['NewcomerRegistered', ...ANSWERS] },
      onEvent: (event) => this.seen(event),
      onError: (error) => {
        this.failure = error;
      },
    });
  }

  answer(newcomerId: string): Answer | undefined {
    return this.answers.get(newcomerId);
  }

  registration(newcomerId: string): RecordedEvent | undefined {
    return this.registrations.get(newcomerId);
  }

  /** Resolves true once every newcomer named has an answer, false after the timeout. */
  waitForAll(newcomerIds: readonly string[], timeoutMs: number): Promise<boolean> {
    const pending = new Set(newcomerIds.filter((id) => !this.answers.has(id)));
    if (pending.size === 0) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const waiter = {
        pending,
        done: (): void => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(true);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        resolve(false);
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  async stop(): Promise<void> {
    await this.subscription.stop();
    if (this.failure) throw this.failure;
  }

  private seen(event: RecordedEvent): void {
    const seenAt = performance.now();
    const newcomerId = event.streamId.startsWith(`${NEWCOMER_CATEGORY}-`)
      ? event.streamId.slice(NEWCOMER_CATEGORY.length + 1)
      : String((event.data as { newcomerId?: string }).newcomerId);
    if (event.type === 'NewcomerRegistered') {
      this.registrations.set(newcomerId, event);
      return;
    }
    if (this.answers.has(newcomerId)) return;
    this.answers.set(newcomerId, {
      type: event.type as AnswerType,
      seenAt,
      position: event.position,
      occurredAt: Date.parse(event.metadata.occurredAt),
    });
    for (const waiter of [...this.waiters]) {
      waiter.pending.delete(newcomerId);
      if (waiter.pending.size === 0) waiter.done();
    }
  }
}
