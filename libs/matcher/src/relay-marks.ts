import { CheckpointStore, EventStore, StoredRowReader } from '@sleutel/event-store';
import { JobMarks } from '@sleutel/queue';

/**
 * The relay's checkpoint: the mark kept with its jobs (`JobQueue.marks`),
 * checked against the log it is read in. A mark belongs to one log; pointed
 * at a new one (an emptied `DATA_DIR` or a new EventStoreDB, with Redis kept),
 * the relay would wait for positions the new log has not reached and match
 * nobody. A mark is taken for another log's when this log is empty, or, where
 * positions run 1, 2, 3, … (SQLite), when it lies past this log's last event;
 * it is then cleared and the log read from its start (every job is
 * idempotent). On EventStoreDB a checkpoint may sit on a system event past
 * our newest one, so there only an empty log says so.
 */
export function marksOfLog(marks: JobMarks, store: EventStore, warn: (message: string) => void): CheckpointStore {
  return {
    load: async (name) => {
      const mark = await marks.load(name);
      if (mark === null) return null;
      const head = await store.headPosition();
      const dense = (store as Partial<StoredRowReader>).densePositions === true;
      if (head !== null && !(dense && mark > head)) return mark;
      warn(`The queue's mark for ${name} (${mark}) lies past this event log's last event (${head ?? 'none'}): it belongs to another log, so this one is read from its start`);
      await marks.clear(name);
      return null;
    },
    save: (name, position) => marks.save(name, position),
  };
}
