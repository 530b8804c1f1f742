/**
 * TEST DOUBLE: a catch-up subscription to `$all`, shaped like the server's
 * filtered `$all` enumerator: a confirmation first; history read in pages of
 * 32 records, with a checkpoint every interval of looked-at records at the
 * later of the last sent event and the page's start `(position, 0)`; on
 * reaching the end a checkpoint and `caught_up`; then live records, with a
 * checkpoint at the record that completes each interval. An unfiltered
 * subscription gets no checkpoints. Start positions are exclusive.
 */
import { randomUUID } from 'node:crypto';
import { ServerWritableStream, status } from '@grpc/grpc-js';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { checkpointIntervalOf, RecordFilter, recordFilterOf } from './streams-double.filter';
import { InvalidPositionError, LogPosition, LogRecord, StreamsDoubleLog } from './streams-double.log';
import { checkpointResp, drained, positionOf, readEventResp } from './streams-double.messages';
import type { ReadTally } from './streams-double.read';

const PAGE = 32;

export type ReadCall = ServerWritableStream<ReadReq, ReadResp>;

export class StreamsDoubleSubscription {
  private stopped = false;
  private wake: () => void = () => undefined;
  private readonly filter: RecordFilter | null;
  private readonly interval: number;

  constructor(
    private readonly log: StreamsDoubleLog,
    private readonly call: ReadCall,
    private readonly options: ReadReq.Options,
    private readonly tally: ReadTally,
    private readonly onEnd: (subscription: StreamsDoubleSubscription) => void,
  ) {
    this.filter = recordFilterOf(options.getFilter());
    this.interval = checkpointIntervalOf(options.getFilter());
    call.on('cancelled', () => this.finish());
  }

  /** Runs until the client cancels or the double drops it; errors end the call. */
  start(): void {
    void this.run().catch((error: unknown) =>
      error instanceof InvalidPositionError ? this.fail(status.INVALID_ARGUMENT, error.message) : this.fail(status.INTERNAL, String(error)),
    );
  }

  /** Ends the call with a status, as a server going away or restarting does. */
  fail(code: status, details: string): void {
    if (this.stopped) return;
    this.finish();
    this.call.emit('error', { code, details });
  }

  private finish(): void {
    this.stopped = true;
    this.wake();
    this.onEnd(this);
  }

  private async run(): Promise<void> {
    const all = this.options.getAll();
    const from = all?.hasPosition() ? positionOf(all.getPosition()!) : null;
    // Resolving the start first: an invalid position fails the call before anything is sent.
    let index = from !== null ? this.log.indexAfter(from) : all?.hasEnd() ? this.log.length : 0;
    let checkpoint: LogPosition | null = from ?? (all?.hasEnd() ? { commit: this.log.end, prepare: this.log.end } : null);
    const unsubscribe = this.log.onAppend(() => this.wake());
    try {
      await this.send(new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID())));
      let considered = 0;
      let pageStart = checkpoint;
      // Catching up: pages of history until a page reaches the end of the log.
      while (!this.stopped) {
        const pageEnd = Math.min(index + PAGE, this.log.length);
        for (; index < pageEnd; index += 1) {
          const record = this.log.recordAt(index)!;
          considered += 1;
          if (this.filter === null || this.filter(record)) {
            await this.sendRecord(record);
            checkpoint = { commit: record.position, prepare: record.position };
          }
        }
        const reachedEnd = index >= this.log.length;
        if (this.filter !== null && (reachedEnd || considered >= this.interval)) {
          considered %= this.interval;
          checkpoint = later(checkpoint, pageStart);
          if (checkpoint !== null) await this.send(checkpointResp(checkpoint));
        }
        if (reachedEnd) break;
        pageStart = { commit: this.log.recordAt(index)!.position, prepare: 0n };
      }
      await this.send(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
      // Live: every record as it is appended.
      considered = 0;
      while (!this.stopped) {
        if (index >= this.log.length) {
          await new Promise<void>((resolve) => {
            this.wake = resolve;
          });
          continue;
        }
        const record = this.log.recordAt(index)!;
        index += 1;
        if (this.filter === null || this.filter(record)) await this.sendRecord(record);
        if (this.filter !== null && ++considered >= this.interval) {
          considered = 0;
          await this.send(checkpointResp({ commit: record.position, prepare: record.position }));
        }
      }
    } finally {
      unsubscribe();
    }
  }

  private async sendRecord(record: LogRecord): Promise<void> {
    if (this.stopped) return;
    this.tally.subscriptionRecordsSent += 1;
    await this.send(readEventResp(record, true));
  }

  private async send(response: ReadResp): Promise<void> {
    if (this.stopped) return;
    if (!this.call.write(response)) await drained(this.call);
  }
}

function later(a: LogPosition | null, b: LogPosition | null): LogPosition | null {
  if (a === null || b === null) return a ?? b;
  const aFirst = a.commit < b.commit || (a.commit === b.commit && a.prepare < b.prepare);
  return aFirst ? b : a;
}
