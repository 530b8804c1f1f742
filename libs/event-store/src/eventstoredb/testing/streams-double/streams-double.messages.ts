/**
 * TEST DOUBLE: conversions between the client's generated protobuf messages
 * and the double's log records, field by field as the server fills them.
 */
import { ServerWritableStream } from '@grpc/grpc-js';
import { Empty, StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { AppendReq, BatchAppendReq, ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { LogPosition, LogRecord, ProposedEvent } from './streams-double.log';

export function streamNameOf(identifier: StreamIdentifier | undefined): string {
  return Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');
}

export function streamIdentifier(streamId: string): StreamIdentifier {
  return new StreamIdentifier().setStreamName(Buffer.from(streamId, 'utf8'));
}

export function uuidOf(uuid: UUID | undefined): string {
  if (uuid === undefined) throw new Error('Proposed message without an id');
  const structured = uuid.getStructured();
  if (structured === undefined) return uuid.getString();
  const bytes = Buffer.alloc(16);
  bytes.writeBigUInt64BE(BigInt.asUintN(64, BigInt(structured.getMostSignificantBits())), 0);
  bytes.writeBigUInt64BE(BigInt.asUintN(64, BigInt(structured.getLeastSignificantBits())), 8);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function proposedEventOf(message: AppendReq.ProposedMessage | BatchAppendReq.ProposedMessage): ProposedEvent {
  const metadata = message.getMetadataMap();
  return {
    id: uuidOf(message.getId()),
    type: metadata.get('type') ?? '',
    contentType: metadata.get('content-type') ?? 'application/octet-stream',
    data: message.getData_asU8(),
    metadata: message.getCustomMetadata_asU8(),
  };
}

export function positionOf(position: ReadReq.Options.Position): LogPosition {
  return { commit: BigInt(position.getCommitPosition()), prepare: BigInt(position.getPreparePosition()) };
}

/**
 * One event as the server sends it. Reads of `$all` carry the commit position
 * on the ReadEvent; stream reads say `no_position` there, while the recorded
 * event itself carries its log position (servers from 22.6).
 */
export function readEventResp(record: LogRecord, fromAll: boolean): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(new UUID().setString(record.id))
    .setStreamIdentifier(streamIdentifier(record.streamId))
    .setStreamRevision(record.revision.toString())
    .setPreparePosition(record.position.toString())
    .setCommitPosition(record.position.toString())
    .setCustomMetadata(record.metadata)
    .setData(record.data);
  const metadata = recorded.getMetadataMap();
  metadata.set('type', record.type);
  metadata.set('content-type', record.contentType);
  metadata.set('created', record.created.toString());
  const event = new ReadResp.ReadEvent().setEvent(recorded);
  if (fromAll) event.setCommitPosition(record.position.toString());
  else event.setNoPosition(new Empty());
  return new ReadResp().setEvent(event);
}

export function checkpointResp(position: LogPosition): ReadResp {
  const checkpoint = new ReadResp.Checkpoint()
    .setCommitPosition(position.commit.toString())
    .setPreparePosition(position.prepare.toString());
  return new ReadResp().setCheckpoint(checkpoint);
}

/** Resolves when the call can take more writes, or will never need to (cancelled or closed). */
export function drained(call: ServerWritableStream<ReadReq, ReadResp>): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      for (const name of ['drain', 'cancelled', 'close']) call.off(name, done);
      resolve();
    };
    for (const name of ['drain', 'cancelled', 'close']) call.on(name, done);
  });
}
