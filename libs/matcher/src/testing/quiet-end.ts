import { EventStore, SubscribeOptions } from '@sleutel/event-store';

/**
 * The store as a subscription filtered on the server sees it at a quiet end
 * of the log: no word of the events it filtered out. EventStoreDB says how
 * far a filtered subscription looked only every 32 events, so after its last
 * own event its position may stay there; the real store here, without its
 * progress callbacks, behaves so.
 */
export function withoutProgress(store: EventStore): EventStore {
  return new Proxy(store, {
    get(target, name) {
      const value = Reflect.get(target, name, target);
      if (name === 'subscribe') return (options: SubscribeOptions) => target.subscribe({ ...options, onProgress: undefined });
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
