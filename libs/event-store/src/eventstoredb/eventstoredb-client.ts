import { EventStoreDBClient } from '@eventstore/db-client';

/**
 * The part of the EventStoreDB client the adapter uses. Depending on this
 * rather than the whole client lets tests stand a small in-process server in
 * for a real one.
 */
export type EventStoreDbClient = Pick<EventStoreDBClient, 'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'>;
