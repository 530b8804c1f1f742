/**
 * `@sleutel/event-store/eventstoredb`: the EventStoreDB adapter, apart from
 * the library's main entry so that a process on the embedded SQLite store
 * (the default) does not load `@eventstore/db-client` and gRPC, about 0.25 s
 * of every start-up; `createEventStore` loads it when a connection string is
 * configured.
 */
export { EventStoreDbEventStore } from './eventstoredb-event-store.adapter';
export type { EventStoreDbEventStoreOptions } from './eventstoredb-event-store.adapter';
export type { ResubscribePolicy } from './eventstoredb-subscription';
