/**
 * TEST DOUBLE: the Streams service's `Read`: a stream forwards or backwards
 * from a revision, `$all` forwards (inclusive of its start) or backwards
 * (records ending at or before it), or a subscription to `$all`.
 */
import { handleServerStreamingCall, status } from '@grpc/grpc-js';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { StreamsDoubleFaults } from './streams-double.faults';
import { recordFilterOf } from './streams-double.filter';
import { InvalidPositionError, LogRecord, StreamsDoubleLog } from './streams-double.log';
import { drained, positionOf, readEventResp, streamIdentifier, streamNameOf } from './streams-double.messages';
import { ReadCall } from './streams-double.subscription';

const BACKWARDS = ReadReq.Options.ReadDirection.BACKWARDS;

/** What the reads of `$all` and the subscriptions to it have sent, for tests of how much a reader asks for. */
export interface ReadTally {
  allReads: number;
  allRecordsSent: number;
  /** Events sent by subscriptions (not their confirmations or checkpoints). */
  subscriptionRecordsSent: number;
}

export function handleRead(
  log: StreamsDoubleLog,
  faults: StreamsDoubleFaults,
  subscribe: (call: ReadCall, options: ReadReq.Options) => void,
  tally: ReadTally,
): handleServerStreamingCall<ReadReq, ReadResp> {
  return (call) => {
    const options = call.request.getOptions();
    try {
      if (options === undefined) throw new RangeError('A read needs its options');
      if (options.hasSubscription()) {
        if (!options.hasAll()) throw new RangeError('The double serves subscriptions to $all only');
        subscribe(call, options);
        return;
      }
      const failure = faults.take('read');
      if (failure !== null) {
        call.emit('error', failure);
        return;
      }
      const count = Number(options.getCount());
      if (options.hasStream()) {
        const streamId = streamNameOf(options.getStream()?.getStreamIdentifier());
        const records = readStream(log, streamId, options);
        if (records === null) {
          call.write(new ReadResp().setStreamNotFound(new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(streamId))));
          call.end();
          return;
        }
        void respond(call, records.slice(0, count), false);
        return;
      }
      const filter = recordFilterOf(options.getFilter());
      const records = readAll(log, options).filter((record) => filter === null || filter(record)).slice(0, count);
      tally.allReads += 1;
      tally.allRecordsSent += records.length;
      void respond(call, records, true);
    } catch (error) {
      if (error instanceof InvalidPositionError) call.emit('error', { code: status.INVALID_ARGUMENT, details: error.message });
      else call.emit('error', { code: status.INVALID_ARGUMENT, details: String(error) });
    }
  };
}

function readStream(log: StreamsDoubleLog, streamId: string, options: ReadReq.Options): LogRecord[] | null {
  const records = log.stream(streamId);
  if (records === undefined) return null;
  const stream = options.getStream()!;
  const backwards = options.getReadDirection() === BACKWARDS;
  if (backwards) {
    const from = stream.hasRevision() ? Number(stream.getRevision()) : stream.hasStart() ? 0 : records.length - 1;
    return records.slice(0, from + 1).reverse();
  }
  const from = stream.hasRevision() ? Number(stream.getRevision()) : stream.hasEnd() ? records.length : 0;
  return records.slice(from);
}

function readAll(log: StreamsDoubleLog, options: ReadReq.Options): LogRecord[] {
  const all = options.getAll()!;
  const records = Array.from({ length: log.length }, (_, index) => log.recordAt(index)!);
  if (options.getReadDirection() === BACKWARDS) {
    const before = all.hasPosition() ? log.indexBefore(positionOf(all.getPosition()!)) : all.hasStart() ? 0 : log.length;
    return records.slice(0, before).reverse();
  }
  const from = all.hasPosition() ? log.indexFrom(positionOf(all.getPosition()!)) : all.hasEnd() ? log.length : 0;
  return records.slice(from);
}

async function respond(call: ReadCall, records: readonly LogRecord[], fromAll: boolean): Promise<void> {
  for (const record of records) {
    if (call.cancelled) return;
    if (!call.write(readEventResp(record, fromAll))) await drained(call);
  }
  call.end();
}
