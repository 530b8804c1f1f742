/**
 * A writer in a process of its own, for the multi-process SQLite tests. It
 * opens the store, says "ready", waits for "go" on stdin so that both
 * children start together, then writes and prints one JSON line of results.
 *
 *   race <file> <stream> <expectedRevision>   one append at that revision
 *   loop <file> <stream> <count>              `count` appends, each at the
 *                                             revision it last read, retrying
 *                                             conflicts (optimistic concurrency)
 */
import { createInterface } from 'node:readline';
import { sampleEvent } from '../../contract/sample-events';
import { WrongExpectedRevisionError } from '../../event-store.errors';
import { NO_STREAM } from '../../event-store.port';
import { SqliteEventStore } from '../sqlite-event-store.adapter';

async function main(): Promise<void> {
  const [mode, file, streamId, argument] = process.argv.slice(2);
  const store = SqliteEventStore.open(file);
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => createInterface({ input: process.stdin }).once('line', () => resolve()));
  try {
    const result = mode === 'race' ? await race(store, streamId, Number(argument)) : await loop(store, streamId, Number(argument));
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await store.close();
  }
}

async function race(store: SqliteEventStore, streamId: string, expected: number): Promise<object> {
  const event = sampleEvent();
  try {
    await store.append(streamId, [event], expected);
    return { outcome: 'won', eventId: event.id };
  } catch (error) {
    if (error instanceof WrongExpectedRevisionError) return { outcome: 'conflict', actual: error.actual };
    throw error;
  }
}

async function loop(store: SqliteEventStore, streamId: string, count: number): Promise<object> {
  let conflicts = 0;
  for (let written = 0; written < count; ) {
    const [last] = (await store.readStream(streamId)).slice(-1);
    try {
      await store.append(streamId, [sampleEvent()], last === undefined ? NO_STREAM : last.revision);
      written += 1;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      conflicts += 1;
    }
  }
  return { outcome: 'done', conflicts };
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
