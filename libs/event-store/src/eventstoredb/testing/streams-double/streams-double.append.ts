/**
 * TEST DOUBLE: the two append methods of the Streams service. The client uses
 * `BatchAppend` when the server lists it among its features (servers from
 * 21.10) and the older client-streaming `Append` otherwise; the double serves
 * both so either path of the client can be exercised. Like the server, each
 * refuses an append whose events' data and metadata add up to more than its
 * maximum append size, in the form the client turns into
 * `MaxAppendSizeExceededError`.
 */
import { handleBidiStreamingCall, handleClientStreamingCall, Metadata, status } from '@grpc/grpc-js';
import { Code } from '@eventstore/db-client/generated/code_pb';
import { AllStreamPosition, Empty as SharedEmpty, MaximumAppendSizeExceeded, WrongExpectedVersion } from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { AppendReq, AppendResp, BatchAppendReq, BatchAppendResp } from '@eventstore/db-client/generated/streams_pb';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty } from 'google-protobuf/google/protobuf/empty_pb';
import { StreamsDoubleFaults } from './streams-double.faults';
import { AppendOutcome, Expected, ProposedEvent, StreamsDoubleLog } from './streams-double.log';
import { proposedEventOf, streamNameOf } from './streams-double.messages';

/** What a batch append comes to: the log's answer, or the server's refusal before the log is asked. */
type BatchOutcome = AppendOutcome | { readonly kind: 'too-large'; readonly maxAppendSize: number };

/** Bytes an append carries, as the server counts them against its maximum: each event's data and metadata. */
const appendSize = (events: readonly ProposedEvent[]): number => events.reduce((sum, event) => sum + event.data.length + event.metadata.length, 0);

export function handleAppend(log: StreamsDoubleLog, maxAppendSize: number, faults: StreamsDoubleFaults): handleClientStreamingCall<AppendReq, AppendResp> {
  return (call, callback) => {
    let options: AppendReq.Options | undefined;
    const events: ProposedEvent[] = [];
    call.on('data', (request: AppendReq) => {
      options = request.getOptions() ?? options;
      const message = request.getProposedMessage();
      if (message !== undefined) events.push(proposedEventOf(message));
    });
    call.on('end', () => {
      const failure = faults.take('append');
      if (failure !== null) {
        callback(failure);
        return;
      }
      if (options === undefined) {
        callback({ code: status.INVALID_ARGUMENT, details: 'The first message of an append must carry its options' });
        return;
      }
      if (appendSize(events) > maxAppendSize) {
        const metadata = new Metadata();
        metadata.set('exception', 'maximum-append-size-exceeded');
        metadata.set('maximum-append-size', String(maxAppendSize));
        callback({ code: status.INVALID_ARGUMENT, details: `Maximum Append Size of ${maxAppendSize} Exceeded.`, metadata });
        return;
      }
      const expected = expectedOfAppend(options);
      callback(null, appendResp(log.append(streamNameOf(options.getStreamIdentifier()), expected, events), expected));
    });
  };
}

export function handleBatchAppend(log: StreamsDoubleLog, maxAppendSize: number): handleBidiStreamingCall<BatchAppendReq, BatchAppendResp> {
  return (call) => {
    // A batch may arrive in several requests sharing a correlation id; the last one is final.
    const pending = new Map<string, { options?: BatchAppendReq.Options; events: ProposedEvent[] }>();
    call.on('data', (request: BatchAppendReq) => {
      const correlationId = request.getCorrelationId();
      const key = correlationId?.getString() ?? '';
      const batch = pending.get(key) ?? { events: [] };
      batch.options = request.getOptions() ?? batch.options;
      batch.events.push(...request.getProposedMessagesList().map(proposedEventOf));
      if (!request.getIsFinal()) {
        pending.set(key, batch);
        return;
      }
      pending.delete(key);
      const options = batch.options;
      if (options === undefined) {
        call.emit('error', { code: status.INVALID_ARGUMENT, details: 'A batch append needs its options' });
        return;
      }
      const expected = expectedOfBatch(options);
      const outcome: BatchOutcome = appendSize(batch.events) > maxAppendSize
        ? { kind: 'too-large', maxAppendSize }
        : log.append(streamNameOf(options.getStreamIdentifier()), expected, batch.events);
      const response = batchAppendResp(outcome, expected)
        .setCorrelationId(correlationId)
        .setStreamIdentifier(options.getStreamIdentifier());
      call.write(response);
    });
    call.on('end', () => call.end());
  };
}

function expectedOfAppend(options: AppendReq.Options): Expected {
  if (options.hasRevision()) return BigInt(options.getRevision());
  if (options.hasNoStream()) return 'no-stream';
  if (options.hasStreamExists()) return 'stream-exists';
  return 'any';
}

function expectedOfBatch(options: BatchAppendReq.Options): Expected {
  if (options.hasStreamPosition()) return BigInt(options.getStreamPosition());
  if (options.hasNoStream()) return 'no-stream';
  if (options.hasStreamExists()) return 'stream-exists';
  return 'any';
}

function appendResp(outcome: AppendOutcome, expected: Expected): AppendResp {
  if (outcome.kind === 'wrong-expected-version') {
    const wrong = new AppendResp.WrongExpectedVersion();
    if (outcome.current === null) wrong.setCurrentNoStream(new SharedEmpty());
    else wrong.setCurrentRevision(outcome.current.toString());
    if (typeof expected === 'bigint') wrong.setExpectedRevision(expected.toString());
    else if (expected === 'no-stream') wrong.setExpectedNoStream(new SharedEmpty());
    else if (expected === 'stream-exists') wrong.setExpectedStreamExists(new SharedEmpty());
    else wrong.setExpectedAny(new SharedEmpty());
    return new AppendResp().setWrongExpectedVersion(wrong);
  }
  const success = new AppendResp.Success().setCurrentRevision(outcome.revision.toString());
  if (outcome.kind === 'written') {
    const position = outcome.position.toString();
    success.setPosition(new AppendResp.Position().setCommitPosition(position).setPreparePosition(position));
  } else {
    success.setNoPosition(new SharedEmpty());
  }
  return new AppendResp().setSuccess(success);
}

function batchAppendResp(outcome: BatchOutcome, expected: Expected): BatchAppendResp {
  const response = new BatchAppendResp();
  if (typeof expected === 'bigint') response.setStreamPosition(expected.toString());
  else if (expected === 'no-stream') response.setNoStream(new Empty());
  else if (expected === 'stream-exists') response.setStreamExists(new Empty());
  else response.setAny(new Empty());
  if (outcome.kind === 'wrong-expected-version') return response.setError(wrongExpectedVersionStatus(outcome.current, expected));
  if (outcome.kind === 'too-large') return response.setError(maximumAppendSizeExceededStatus(outcome.maxAppendSize));
  const success = new BatchAppendResp.Success().setCurrentRevision(outcome.revision.toString());
  if (outcome.kind === 'written') {
    const position = outcome.position.toString();
    success.setPosition(new AllStreamPosition().setCommitPosition(position).setPreparePosition(position));
  } else {
    success.setNoPosition(new Empty());
  }
  return response.setSuccess(success);
}

/** A batch append over the maximum size: a google.rpc.Status whose details pack a MaximumAppendSizeExceeded. */
function maximumAppendSizeExceededStatus(maxAppendSize: number): Status {
  const packed = new Any();
  packed.pack(new MaximumAppendSizeExceeded().setMaxappendsize(maxAppendSize).serializeBinary(), 'event_store.client.MaximumAppendSizeExceeded');
  return new Status().setCode(Code.INVALID_ARGUMENT).setMessage(`Maximum Append Size of ${maxAppendSize} Exceeded.`).setDetails(packed);
}

/** The error a batch append reports: a google.rpc.Status whose details pack a WrongExpectedVersion. */
function wrongExpectedVersionStatus(current: bigint | null, expected: Expected): Status {
  const details = new WrongExpectedVersion();
  if (current === null) details.setCurrentNoStream(new Empty());
  else details.setCurrentStreamRevision(current.toString());
  if (typeof expected === 'bigint') details.setExpectedStreamPosition(expected.toString());
  else if (expected === 'no-stream') details.setExpectedNoStream(new Empty());
  else if (expected === 'stream-exists') details.setExpectedStreamExists(new Empty());
  else details.setExpectedAny(new Empty());
  const packed = new Any();
  packed.pack(details.serializeBinary(), 'event_store.client.WrongExpectedVersion');
  return new Status().setCode(Code.FAILED_PRECONDITION).setMessage('WrongExpectedVersion').setDetails(packed);
}
