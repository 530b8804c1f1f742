import { EventStore, RecordedEvent } from '@sleutel/event-store';
import { EventCodec } from '@sleutel/eventsourcing';
import { DataSubject, dataSubjectOf, erasureIn, subjectStream } from './data-subject';
import { isErasedMarker } from './personal-data.codec';
import { PERSONAL_FIELD } from './personal-data.fields';
import { KeyStoreMismatchError, KeyStoreOlderThanLogError, MissingDataKeyError } from './privacy.errors';

const PAGE_SIZE = 500;
/** How far into the log, from either end, the check looks for a person whose data it can open. */
const MAX_PAGES = 20;

const holdsSealedData = (event: RecordedEvent): boolean => {
  const stored = event.data?.[PERSONAL_FIELD];
  return typeof stored === 'object' && stored !== null && !isErasedMarker(stored);
};

/** A person's first event, in their own stream (their registration): their key was made for it. */
const isFirstOfItsPerson = (event: RecordedEvent): boolean => {
  const subject = dataSubjectOf(event.metadata);
  return subject !== null && event.revision === 0 && event.streamId === subjectStream(subject);
};

/** Opens an event's sealed data: whether it opened (false: it reads as erased), or the key it found missing. */
async function open(codec: EventCodec, event: RecordedEvent): Promise<boolean | MissingDataKeyError> {
  try {
    const opened = await codec.decode(event);
    return !isErasedMarker(opened.data?.[PERSONAL_FIELD]);
  } catch (error) {
    if (error instanceof MissingDataKeyError) return error;
    throw error;
  }
}

/**
 * Refuses to go on with a key store that is not the log's, or not as new as
 * it. Run after `destroyKeysOfErased`, whose tombstones make people erased
 * since read as erased here: they are passed over, from either end.
 *
 * From the start: one deleted and made anew empty, or another
 * installation's, opens nobody's data, and a process that went on would make
 * the people it registers keys in it, which the log's key store, once
 * restored, does not hold. Opens the sealed data of the log's first people,
 * in log order, until one opens (the store fits) or one has no key at all
 * (`KeyStoreMismatchError`). A log without personal data in its first pages
 * passes.
 *
 * From the head: one restored from a backup taken before the last
 * registrations holds the first people's keys but not the newest's, whose
 * data would answer 500. Walks back from the head, opening people's first
 * events (their registrations), until one opens: the key made for it is in
 * the store, and so are those made before it. Every registration met on the
 * way without a key is counted, the newest named
 * (`KeyStoreOlderThanLogError`). Both walks stop after 20 pages of 500
 * events, so a large log costs what a small one does.
 */
export async function assertKeyStoreFitsLog(store: EventStore, codec: EventCodec): Promise<void> {
  await assertFirstPeopleOpen(store, codec);
  await assertNewestPeopleOpen(store, codec);
}

/**
 * The first half of `assertKeyStoreFitsLog`: refuses (`KeyStoreMismatchError`)
 * a key store that opens none of the log's first people, as one deleted and
 * made anew, or another installation's, does. Also for `keys lost`, which
 * would otherwise take every person for one whose key was lost.
 */
export async function assertFirstPeopleOpen(store: EventStore, codec: EventCodec): Promise<void> {
  let after: number | null = null;
  for (let pages = 0; pages < MAX_PAGES; pages += 1) {
    const page = await store.readAll({ after, limit: PAGE_SIZE });
    for (const event of page.filter(holdsSealedData)) {
      const opened = await open(codec, event);
      if (opened instanceof MissingDataKeyError) throw new KeyStoreMismatchError(opened);
      if (opened) return;
    }
    if (page.length < PAGE_SIZE) return;
    after = page[page.length - 1].position;
  }
}

async function assertNewestPeopleOpen(store: EventStore, codec: EventCodec): Promise<void> {
  const missing = await newestPeopleWithoutKey(store, codec);
  const [newest] = missing.values();
  if (newest !== undefined) throw new KeyStoreOlderThanLogError(newest, missing.size);
}

/**
 * Walking back from the head to the newest registration that opens: the people registered after it without a key,
 * newest first. Only registrations are opened: a person's key is made for their first event, so later events of
 * people registered before add nothing, and opening each under its own key cost 1 s where the newest 10,000 events
 * were such changes of 10,000 people.
 */
async function newestPeopleWithoutKey(store: EventStore, codec: EventCodec): Promise<Map<string, MissingDataKeyError>> {
  const missing = new Map<string, MissingDataKeyError>();
  let before: number | null = null;
  for (let pages = 0; pages < MAX_PAGES; pages += 1) {
    const page = await store.readAllBackwards({ before, limit: PAGE_SIZE });
    for (const event of page.filter((candidate) => holdsSealedData(candidate) && isFirstOfItsPerson(candidate))) {
      const opened = await open(codec, event);
      if (opened instanceof MissingDataKeyError) missing.set(opened.subject, opened);
      else if (opened) return missing;
    }
    if (page.length < PAGE_SIZE) return missing;
    before = page[page.length - 1].position;
  }
  return missing;
}

/** A person registered in the log whose data cannot be read, and no erasure in the log says why. */
export interface PersonWithoutKey {
  readonly subject: DataSubject;
  /** Where their registration, the event their key was made for, stands in the log. */
  readonly registeredAt: number;
  /** `missing`: the key store never had their key (or lost it); `destroyed`: it holds a tombstone. */
  readonly key: 'missing' | 'destroyed';
}

/**
 * Every person in the log whose registration cannot be opened, in log order,
 * but those erased in the log: what a key store restored from a backup older
 * than the log lost (key missing), and keys destroyed outside an erasure (a
 * tombstone by hand, or an earlier `keys lost --record` stopped between a
 * tombstone and its erasure). Reads the whole log, opening registrations
 * only: an operator's one-off (`keys lost`), not a start-up check.
 */
export async function peopleWithoutKey(store: EventStore, codec: EventCodec): Promise<PersonWithoutKey[]> {
  const found: PersonWithoutKey[] = [];
  const erased = new Set<string>();
  let after: number | null = null;
  for (;;) {
    const page = await store.readAll({ after, limit: PAGE_SIZE });
    for (const event of page) {
      const erasure = erasureIn(event);
      if (erasure !== null) erased.add(subjectStream(erasure.subject));
      else if (holdsSealedData(event) && isFirstOfItsPerson(event)) {
        const opened = await open(codec, event);
        if (opened !== true) found.push({ subject: dataSubjectOf(event.metadata)!, registeredAt: event.position, key: opened === false ? 'destroyed' : 'missing' });
      }
    }
    if (page.length < PAGE_SIZE) break;
    after = page[page.length - 1].position;
  }
  // Erased in the log, key missing or not: the erasure is recorded already, and every start destroys the key.
  return found.filter(({ subject }) => !erased.has(subjectStream(subject)));
}
