import { join } from 'node:path';
import { AppConfig } from '@sleutel/config';
import { EventStore, SqliteEventStore } from '@sleutel/event-store';

/** SPEC §8: EventStoreDB when a connection string is configured, else SQLite in DATA_DIR. */
export function createEventStore(config: AppConfig): EventStore {
  if (config.eventStoreConnectionString) {
    // Loaded only here: on the SQLite default the client and gRPC would be a quarter of a second of each start-up.
    const { EventStoreDbEventStore } = require('@sleutel/event-store/eventstoredb') as typeof import('@sleutel/event-store/eventstoredb');
    return EventStoreDbEventStore.connect(config.eventStoreConnectionString);
  }
  return SqliteEventStore.open(config.sqliteEventStoreFile ?? join(config.dataDir, 'events.sqlite'), { pollIntervalMs: config.sqlitePollIntervalMs });
}
