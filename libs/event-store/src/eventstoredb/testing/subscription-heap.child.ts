/**
 * Run by eventstoredb-event-store.spec.ts in a process of its own (`--expose-gc`), so that nothing
 * else on the heap moves between the two measurements: how much a live EventStoreDB subscription
 * holds after delivering EVENTS events beyond what the same subscription holds once stopped.
 * Prints `{ "delivered": n, "heldBytes": n }`.
 */
import { sampleEvents } from '../../contract/sample-events';
import { NO_STREAM } from '../../event-store.port';
import { EventStoreDbEventStore } from '../eventstoredb-event-store.adapter';
import { StandInEventStoreDb } from './stand-in-eventstoredb';

const EVENTS = Number(process.argv[2] ?? 60_000);
const BATCH = 500;

const heap = (): number => {
  (global as unknown as { gc: () => void }).gc();
  return process.memoryUsage().heapUsed;
};

async function main(): Promise<void> {
  const server = new StandInEventStoreDb();
  const store = new EventStoreDbEventStore(server.client());
  let delivered = 0;
  const subscription = store.subscribe({ onEvent: () => void (delivered += 1) });
  for (let batch = 0; batch < EVENTS / BATCH; batch += 1) await store.append(`newcomer-${batch}`, sampleEvents(BATCH), NO_STREAM);
  while (delivered < EVENTS) await new Promise((resolve) => setTimeout(resolve, 5));
  // The server keeps every event either way; what the live subscription holds beyond that, stop() frees.
  const live = heap();
  await subscription.stop();
  const stopped = heap();
  await store.close();
  process.stdout.write(`${JSON.stringify({ delivered, heldBytes: live - stopped })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
