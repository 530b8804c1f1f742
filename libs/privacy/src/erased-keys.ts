import { EventStore } from '@sleutel/event-store';
import { DataSubject, ERASURE_EVENT_TYPES, erasureIn, subjectStream } from './data-subject';
import { KeyStore, Tombstone } from './key-store.port';

const PAGE_SIZE = 500;

/**
 * The erasures the log records after `after` (from the start when null), in
 * log order, read as stored: erasure events keep their ids and time in
 * clear, so no key is needed and a key still cached opens nothing.
 */
export async function* erasuresInLog(
  store: EventStore, after: number | null, eventTypes: readonly string[] = ERASURE_EVENT_TYPES,
): AsyncGenerator<{ readonly subject: DataSubject; readonly erasedAt: string; readonly position: number }> {
  let from = after;
  for (;;) {
    const page = await store.readAll({ after: from, limit: PAGE_SIZE, filter: { eventTypes } });
    for (const event of page) {
      const erasure = erasureIn(event);
      if (erasure !== null) yield { ...erasure, position: event.position };
    }
    if (page.length < PAGE_SIZE) return;
    from = page[page.length - 1].position;
  }
}

/**
 * Destroys the key of every subject whose erasure event is in the log while
 * the key store still holds it: a process stopped between appending the
 * erasure and destroying the key (erasure destroys only after the event), or
 * a key store restored from a backup taken before the erasure. Without this
 * such a key would open the person's data again in explanations and trails.
 *
 * Reads only the erasure events after the position the key store says it was
 * last checked through, up to the log's head when the check began, and then
 * records that head in the store: a start reads what came since the last
 * one, and a store restored from a backup carries its own day's position, so
 * the check covers exactly the erasures it missed. A subject erased in the log
 * of whom the store knows nothing (restored from before their registration)
 * gets a tombstone too. Answers the subjects whose keys it destroyed.
 */
export async function destroyKeysOfErased(store: EventStore, keys: KeyStore): Promise<DataSubject[]> {
  const head = await store.headPosition();
  const checked = await keys.erasuresCheckedThrough();
  if (head === null || (checked !== null && checked >= head)) return [];
  const destroyed: DataSubject[] = [];
  for await (const { subject, position } of erasuresInLog(store, checked)) {
    if (position > head) break;
    const held = await keys.get(subject);
    if (held?.status === 'destroyed') continue;
    // No key at all: a store restored from before the subject's registration. A tombstone still, or their sealed
    // events would fail for a missing key instead of reading as erased, and a later event would make them a new key.
    await keys.destroy(subject);
    if (held !== null) destroyed.push(subject);
  }
  await keys.markErasuresCheckedThrough(head);
  return destroyed;
}

/** Tombstones read from the key store per page while checking them against the log. */
const TOMBSTONE_PAGE = 200;
/** Tombstones without an erasure named in the answer; the count goes on past them. */
const NAMED_AT_MOST = 100;

/** What `tombstonesWithoutErasure` found: ids and times only, never personal data. */
export interface TombstoneCheck {
  /** Tombstones in the key store. */
  readonly tombstones: number;
  /** Of those, how many have no erasure event of their subject in the log. */
  readonly withoutErasure: number;
  /** The first of them (at most 100), in the key store's order. */
  readonly subjects: readonly { readonly subjectType: string; readonly subjectId: string; readonly destroyedAt: string }[];
}

/**
 * Checks every tombstone in the key store against the log: each must have an
 * erasure event of its subject in the subject's own stream, where the erasure
 * command appends it before it destroys the key (and `destroyKeysOfErased`
 * makes tombstones only for subjects erased in the log). A tombstone without
 * one was made behind the application's back (a key deleted by hand from the
 * key store, and the person with it: every process then treats them as
 * erased, while the log, and so `audit verify`, says nothing happened), or
 * the log was restored from a backup older than the erasure, which lost the
 * event. The key is gone either way; this only finds it. Reads each
 * tombstone's stream (erasure events keep their ids in clear, so no key is
 * needed): one read per erased person, not the whole log.
 */
export async function tombstonesWithoutErasure(store: EventStore, keys: KeyStore): Promise<TombstoneCheck> {
  const seen = new Set<string>();
  const unexplained: Tombstone[] = [];
  let withoutErasure = 0;
  let cursor: string | null = null;
  do {
    const page = await keys.listTombstones(cursor, TOMBSTONE_PAGE);
    for (const tombstone of page.tombstones) {
      const name = subjectStream(tombstone.subject);
      // Redis's SCAN may list one twice.
      if (seen.has(name)) continue;
      seen.add(name);
      if (await erasedInLog(store, tombstone.subject)) continue;
      withoutErasure += 1;
      if (unexplained.length < NAMED_AT_MOST) unexplained.push(tombstone);
    }
    cursor = page.next;
  } while (cursor !== null);
  return {
    tombstones: seen.size,
    withoutErasure,
    subjects: unexplained.map(({ subject, destroyedAt }) => ({ subjectType: subject.type, subjectId: subject.id, destroyedAt })),
  };
}

async function erasedInLog(store: EventStore, subject: DataSubject): Promise<boolean> {
  const events = await store.readStream(subjectStream(subject));
  return events.some((event) => {
    const erasure = erasureIn(event);
    return erasure !== null && erasure.subject.type === subject.type && erasure.subject.id === subject.id;
  });
}
