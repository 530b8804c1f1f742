import { AllStreamSubscription, END, Filter, START, SubscribeToAllOptions } from '@eventstore/db-client';
import { Readable } from 'node:stream';
import type { StandInEventStoreDb, StandInRecord } from './stand-in-eventstoredb';
import { toResolved } from './stand-in-eventstoredb';

/** `subscribeToAll` on the stand-in: history after the start position, then live appends. */
export class StandInSubscription extends Readable {
  id?: string;
  private stopped = false;
  private cursor: bigint | null;
  private wake: () => void = () => undefined;

  constructor(private readonly server: StandInEventStoreDb, private readonly options: SubscribeToAllOptions) {
    super({ objectMode: true, read: () => undefined });
    const from = options.fromPosition ?? START;
    this.cursor = from === START ? null : from === END ? server.lastPosition : from.commit;
    server.track(this);
    void this.pump().catch((error: unknown) => this.sever(error instanceof Error ? error : new Error(String(error))));
  }

  async unsubscribe(): Promise<void> {
    this.finish();
  }

  /** Ends with an error, as a lost connection does. */
  sever(error: Error): void {
    this.stopped = true;
    this.wake();
    this.server.forget(this);
    this.destroy(error);
  }

  private finish(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.wake();
    this.server.forget(this);
    this.push(null);
  }

  private async pump(): Promise<void> {
    const filter = this.options.filter;
    let considered = 0;
    while (!this.stopped) {
      const records = this.server.recordsAfter(this.cursor);
      if (records.length === 0) {
        const next = this.server.nextAppend();
        this.wake = next.cancel;
        await next.appended;
        continue;
      }
      for (const record of records) {
        if (this.stopped) return;
        considered += 1;
        this.cursor = record.position;
        if (filter === undefined || passes(filter, record)) this.push(toResolved(record, true));
        if (filter?.checkpointReached !== undefined && considered % (32 * filter.checkpointInterval) === 0) {
          // Like the server's live checkpoints: the position of the record that completed the interval.
          const checkpoint = record.position;
          await filter.checkpointReached(this as unknown as AllStreamSubscription, { commit: checkpoint, prepare: checkpoint });
        }
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

function passes(filter: Filter, record: StandInRecord): boolean {
  const subject = filter.filterOn === 'streamName' ? record.streamId : record.type;
  if ('prefixes' in filter) return filter.prefixes.some((prefix) => subject.startsWith(prefix));
  return new RegExp(filter.regex).test(subject);
}
