import { Subscription } from './event-store.port';

/**
 * The subscriptions a store has handed out, so `close()` can stop them first
 * instead of leaving them to fail against a closed connection.
 */
export class OpenSubscriptions {
  private readonly open = new Set<Subscription>();

  track(subscription: Subscription): Subscription {
    const tracked: Subscription = {
      stop: async () => {
        this.open.delete(tracked);
        await subscription.stop();
      },
    };
    this.open.add(tracked);
    return tracked;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.open].map((subscription) => subscription.stop()));
  }
}
