/** TEST DOUBLE: the server-side `$all` filter (stream name or event type; prefixes or a regex). */
import { ReadReq } from '@eventstore/db-client/generated/streams_pb';
import { LogRecord } from './streams-double.log';

export type RecordFilter = (record: LogRecord) => boolean;

export function recordFilterOf(options: ReadReq.Options.FilterOptions | undefined): RecordFilter | null {
  if (options === undefined) return null;
  const onStream = options.hasStreamIdentifier();
  const expression = onStream ? options.getStreamIdentifier() : options.getEventType();
  if (expression === undefined) return null;
  const prefixes = expression.getPrefixList();
  const regex = prefixes.length === 0 ? new RegExp(expression.getRegex()) : null;
  return (record) => {
    const subject = onStream ? record.streamId : record.type;
    return regex === null ? prefixes.some((prefix) => subject.startsWith(prefix)) : regex.test(subject);
  };
}

/** Events the server looks at between two checkpoints: the multiplier times the search window (32 by default). */
export function checkpointIntervalOf(options: ReadReq.Options.FilterOptions | undefined): number {
  if (options === undefined) return Number.POSITIVE_INFINITY;
  const window = options.hasMax() ? options.getMax() : 32;
  return Math.max(1, options.getCheckpointintervalmultiplier()) * window;
}
