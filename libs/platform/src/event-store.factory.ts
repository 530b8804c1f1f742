import { join } from 'node:path';
import { AppConfig } from '@sleutel/config';
import { EventStore, EventStoreDbEventStore, SqliteEventStore } from '@sleutel/event-store';

/** SPEC §8: EventStoreDB when a connection string is configured, else SQLite in DATA_DIR. */
export function createEventStore(config: AppConfig): EventStore {
  if (config.eventStoreConnectionString) return EventStoreDbEventStore.connect(config.eventStoreConnectionString);
  return SqliteEventStore.open(config.sqliteEventStoreFile ?? join(config.dataDir, 'events.sqlite'), { pollIntervalMs: config.sqlitePollIntervalMs });
}
