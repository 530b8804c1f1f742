import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NO_STREAM, SqliteEventStore } from '@sleutel/event-store';

/** Longer than any test: followers on `followed` look at the log again only when their own connection appends. */
const PARKED_POLL_MS = 600_000;

/**
 * A log in one SQLite file with two connections: `store`, which the test and
 * the jobs write through, and `followed`, which followers (a candidate pool,
 * read models) are started on and which polls too seldom to matter. Nothing
 * written through `store` moves the followers on, only `readOn()`, an append
 * through their own connection, which wakes them as any append of their
 * process would: they stay behind exactly as long as the test says.
 */
export class ParkedLog {
  readonly dir = mkdtempSync(join(tmpdir(), 'sleutel-parked-'));
  readonly store: SqliteEventStore;
  readonly followed: SqliteEventStore;

  constructor() {
    const file = join(this.dir, 'events.sqlite');
    this.store = SqliteEventStore.open(file);
    this.followed = SqliteEventStore.open(file, { pollIntervalMs: PARKED_POLL_MS });
  }

  /** An append through the followers' own connection: they look at the log again at once and read up to its head. */
  async readOn(): Promise<void> {
    await this.followed.append(`test-${randomUUID()}`, [{
      id: randomUUID(), type: 'TestFollowersWoken', schemaVersion: 1, data: {},
      metadata: { actor: { id: 'test', role: 'system' }, command: 'WakeFollowers', correlationId: 'c', causationId: 'c', occurredAt: new Date().toISOString(), source: 'cli' },
    }], NO_STREAM);
  }

  /** After the followers stopped: a stopped follower leaves its poll's timer behind, and an append ends it. */
  async close(): Promise<void> {
    await this.readOn();
    await this.followed.close();
    await this.store.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
