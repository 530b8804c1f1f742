import { EventStore } from '@sleutel/event-store';
import { DataSubject, ERASURE_EVENT_TYPES, erasureIn } from './data-subject';
import { KeyStore } from './key-store.port';

const PAGE_SIZE = 500;

/**
 * Destroys the key of every subject whose erasure event is in the log while
 * the key store still holds it: a process stopped between appending the
 * erasure and destroying the key (erasure destroys only after the event), or
 * a key store restored from a backup taken before the erasure. Without this
 * such a key would open the person's data again in trails and exports. Reads
 * only the erasure events; answers the subjects whose keys it destroyed.
 */
export async function destroyKeysOfErased(store: EventStore, keys: KeyStore): Promise<DataSubject[]> {
  const destroyed: DataSubject[] = [];
  let after: number | null = null;
  for (;;) {
    const page = await store.readAll({ after, limit: PAGE_SIZE, filter: { eventTypes: ERASURE_EVENT_TYPES } });
    for (const event of page) {
      // Erasure events keep their ids and time in clear: read as stored, no key needed.
      const erasure = erasureIn(event);
      if (erasure === null || (await keys.get(erasure.subject))?.status !== 'active') continue;
      await keys.destroy(erasure.subject);
      destroyed.push(erasure.subject);
    }
    if (page.length < PAGE_SIZE) return destroyed;
    after = page[page.length - 1].position;
  }
}
