import { BACKWARDS, END, ResolvedEvent, StreamNotFoundError } from '@eventstore/db-client';
import { EventStoreDbClient } from './eventstoredb-client';

/** A stream's events from a revision; [] when the stream does not exist. */
export async function readStreamEvents(
  client: EventStoreDbClient,
  streamId: string,
  fromRevision: number,
  maxCount?: number,
): Promise<ResolvedEvent[]> {
  return collect(client.readStream(streamId, { fromRevision: BigInt(fromRevision), maxCount }));
}

/** The stream's last event, or null when it does not exist. */
export async function readLastEvent(client: EventStoreDbClient, streamId: string): Promise<ResolvedEvent | null> {
  const [last] = await collect(client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }));
  return last ?? null;
}

async function collect(reading: AsyncIterable<ResolvedEvent>): Promise<ResolvedEvent[]> {
  const events: ResolvedEvent[] = [];
  try {
    for await (const resolved of reading) events.push(resolved);
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
  return events;
}
