import { EventStore } from '@sleutel/event-store';
import { DataSubject, ERASURE_EVENT_TYPES, erasureIn } from './data-subject';
import { KeyStore } from './key-store.port';

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
