/**
 * The event-store module: the port (`EventStore`, `CheckpointStore`), the
 * envelope and hash chain, a checkpointed subscription for projections and
 * workers, and three adapters that all pass `contract/event-store.contract.ts`:
 * SQLite (embedded default), EventStoreDB (several machines) and in-memory
 * (unit tests). The contract suite is not exported here because it needs Jest;
 * import it by path from a spec.
 */
export * from './event-envelope';
export * from './event-store.port';
export * from './event-store.errors';
export * from './checkpoint-store.port';
export { chainHash, parseMetadata, serialiseEvent } from './hash-chain';
export type { StoredBytes } from './hash-chain';
export { toRecordedEvent } from './stored-event-row';
export type { StoredEventRow, StoredRowReader } from './stored-event-row';
export { isProjectionReader } from './projection-reader';
export { isStreamPrefixReader } from './stream-prefix-reader';
export type { StreamCursor, StreamPrefixReader, StreamsByPrefixOptions } from './stream-prefix-reader';
export type { ProjectionEvent, ProjectionReader } from './projection-reader';
export { matchesFilter, noneOfFilterUpTo } from './event-filter';
export type { BackoffPolicy } from './backoff';
export { CheckpointedSubscription } from './checkpointed-subscription';
export type { CheckpointedSubscriptionOptions } from './checkpointed-subscription';

export { InMemoryEventStore } from './in-memory/in-memory-event-store.adapter';
export { InMemoryCheckpointStore } from './in-memory/in-memory-checkpoint-store.adapter';

export { SqliteEventStore } from './sqlite/sqlite-event-store.adapter';
export type { SqliteEventStoreOptions } from './sqlite/sqlite-event-store.adapter';
export { SqliteCheckpointStore } from './sqlite/sqlite-checkpoint-store.adapter';
export type { SqliteCheckpointStoreOptions } from './sqlite/sqlite-checkpoint-store.adapter';
export { createOwnerOnly, openSqliteDatabase } from './sqlite/sqlite-database';
export type { SqliteDatabaseOptions } from './sqlite/sqlite-database';
export type { BusyRetryPolicy } from './sqlite/sqlite-busy-retry';
export { isBusy, withBusyRetry } from './sqlite/sqlite-busy-retry';
export { describeWriteFailure, reportsWriteFailures, sqliteWriteFailure, STORAGE_RETRY_AFTER_SECONDS, WriteFailures } from './sqlite/sqlite-write-failure';
export type { ReportsWriteFailures, SqliteWriteFailure, WriteFailureReport } from './sqlite/sqlite-write-failure';
export { GroupCommit } from './sqlite/group-commit';
export type { GroupOutcome } from './sqlite/group-commit';
