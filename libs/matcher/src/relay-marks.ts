import { createHash } from 'node:crypto';
import { CheckpointStore, EventStore, StoredRowReader } from '@sleutel/event-store';
import { JobMarks } from '@sleutel/queue';

/** The mark naming the log the others were taken in: 48 bits of the SHA-256 of its first event's id. */
export const LOG_IDENTITY_MARK = 'log-identity';

/**
 * The relay's checkpoint: the mark kept with its jobs (`JobQueue.marks`),
 * checked against the log it is read in. A mark belongs to one log; pointed
 * at a new one (an emptied `DATA_DIR` or a new EventStoreDB, with Redis kept),
 * the relay would wait for positions the new log has not reached, or skip the
 * ones it has, and match nobody. A mark is taken for another log's when this
 * log is empty; where positions run 1, 2, 3, … (SQLite), when it lies past
 * this log's last event; and, whatever the positions, when the log it was
 * taken in had another first event (`LOG_IDENTITY_MARK`, kept since
 * 2026-11-30: before, a new log that had grown past an old mark before the
 * matcher started was read from that mark on, its first events never
 * relayed). It is then cleared, with `alsoClear` (other marks of positions in
 * that log), and the log read from its start (every job is idempotent). A
 * mark from before the identity was kept is taken as this log's, and the
 * identity recorded.
 */
export function marksOfLog(marks: JobMarks, store: EventStore, warn: (message: string) => void, alsoClear: readonly string[] = []): CheckpointStore {
  let identityRecorded = false;
  /** Once per process, after the log has its first event. */
  const recordIdentity = async (): Promise<void> => {
    if (identityRecorded) return;
    const identity = await identityOf(store);
    if (identity === null) return;
    await marks.save(LOG_IDENTITY_MARK, identity);
    identityRecorded = true;
  };
  return {
    load: async (name) => {
      const mark = await marks.load(name);
      if (mark === null) return null;
      const identity = await identityOf(store);
      const head = await store.headPosition();
      const dense = (store as Partial<StoredRowReader>).densePositions === true;
      const known = await marks.load(LOG_IDENTITY_MARK);
      const sameLog = head !== null && !(dense && mark > head) && (known === null || known === identity);
      if (sameLog) {
        await recordIdentity();
        return mark;
      }
      warn(`The queue's mark for ${name} (${mark}) belongs to another event log (this one's last event is ${head ?? 'none'}${known !== null && known !== identity ? ', and it began with another event' : ''}), so this one is read from its start`);
      for (const other of [name, ...alsoClear]) await marks.clear(other);
      await marks.clear(LOG_IDENTITY_MARK);
      await recordIdentity();
      return null;
    },
    save: async (name, position) => {
      await recordIdentity();
      await marks.save(name, position);
    },
  };
}

/** A number naming the log, from its first event; null while it is empty. */
async function identityOf(store: EventStore): Promise<number | null> {
  const [first] = await store.readAll({ limit: 1 });
  return first === undefined ? null : Number.parseInt(createHash('sha256').update(first.id).digest('hex').slice(0, 12), 16);
}
