import { EventStore } from '@sleutel/event-store';

/**
 * The same store as the port alone, for specs: none of an adapter's extra
 * capabilities (an index of streams to read through, progress reported past
 * filtered events), as on EventStoreDB.
 */
export function portOnly(store: EventStore): EventStore {
  return {
    append: (streamId, events, expected) => store.append(streamId, events, expected),
    readStream: (streamId, options) => store.readStream(streamId, options),
    readStreams: (streamIds) => store.readStreams(streamIds),
    readAll: (options) => store.readAll(options),
    readAllBackwards: (options) => store.readAllBackwards(options),
    subscribe: (options) => store.subscribe(options),
    headPosition: () => store.headPosition(),
    close: () => store.close(),
  };
}
