import { EventStore, RecordedEvent } from '@sleutel/event-store';
import { EventCodec } from '@sleutel/eventsourcing';
import { isErasedMarker } from './personal-data.codec';
import { PERSONAL_FIELD } from './personal-data.fields';
import { KeyStoreMismatchError, MissingDataKeyError } from './privacy.errors';

const PAGE_SIZE = 500;
/** How far into the log the check looks for a person whose data it can try to open. */
const MAX_PAGES = 20;

const holdsSealedData = (event: RecordedEvent): boolean => {
  const stored = event.data?.[PERSONAL_FIELD];
  return typeof stored === 'object' && stored !== null && !isErasedMarker(stored);
};

/**
 * Refuses to go on with a key store that is not the log's: one deleted and
 * made anew empty, or another installation's, opens nobody's data, and a
 * process that went on would make the people it registers keys in it, which
 * the log's key store, once restored, does not hold. Opens the sealed data of
 * the log's first people, in log order, until one opens (the store fits) or
 * one has no key at all (it does not); people erased since (a tombstone, or
 * no key and an erasure in the log, which the start-up pass has given a
 * tombstone) are passed over. A log without personal data in its first pages
 * passes. Run after `destroyKeysOfErased`.
 */
export async function assertKeyStoreFitsLog(store: EventStore, codec: EventCodec): Promise<void> {
  let after: number | null = null;
  for (let pages = 0; pages < MAX_PAGES; pages += 1) {
    const page = await store.readAll({ after, limit: PAGE_SIZE });
    for (const event of page.filter(holdsSealedData)) {
      try {
        const opened = await codec.decode(event);
        if (!isErasedMarker(opened.data?.[PERSONAL_FIELD])) return;
      } catch (error) {
        if (error instanceof MissingDataKeyError) throw new KeyStoreMismatchError(error);
        throw error;
      }
    }
    if (page.length < PAGE_SIZE) return;
    after = page[page.length - 1].position;
  }
}
