import { EventStore } from '@sleutel/event-store';
import { DataSubject, ERASURE_EVENT_TYPES, erasureIn } from './data-subject';
import { KeyStore } from './key-store.port';

const PAGE_SIZE = 500;

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
 * the check covers exactly the erasures it missed. Answers the subjects whose
 * keys it destroyed.
 */
export async function destroyKeysOfErased(store: EventStore, keys: KeyStore): Promise<DataSubject[]> {
  const head = await store.headPosition();
  const checked = await keys.erasuresCheckedThrough();
  if (head === null || (checked !== null && checked >= head)) return [];
  const destroyed: DataSubject[] = [];
  let after: number | null = checked;
  for (;;) {
    const page = await store.readAll({ after, limit: PAGE_SIZE, filter: { eventTypes: ERASURE_EVENT_TYPES } });
    const upToHead = page.filter((event) => event.position <= head);
    for (const event of upToHead) {
      // Erasure events keep their ids and time in clear: read as stored, no key needed.
      const erasure = erasureIn(event);
      if (erasure === null || (await keys.get(erasure.subject))?.status !== 'active') continue;
      await keys.destroy(erasure.subject);
      destroyed.push(erasure.subject);
    }
    if (page.length < PAGE_SIZE || upToHead.length < page.length) break;
    after = page[page.length - 1].position;
  }
  await keys.markErasuresCheckedThrough(head);
  return destroyed;
}
