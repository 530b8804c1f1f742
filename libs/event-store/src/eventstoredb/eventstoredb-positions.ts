import { ReadPosition, ResolvedEvent, START, UnknownError } from '@eventstore/db-client';

/** Commit positions at or above this are the server's "no position" value, not a place in the log. */
const NO_POSITION = 2n ** 63n;
/** gRPC status INVALID_ARGUMENT, which the server answers a read from an invalid position with. */
const INVALID_ARGUMENT = 3;

/**
 * The `$all` position of an event read from a stream. Servers from 22.6 put it
 * on the event; older ones give none (or the maximum value), reported as -1.
 */
export function positionOf(resolved: ResolvedEvent): number {
  for (const commit of [resolved.event?.position?.commit, resolved.commitPosition]) {
    if (commit !== undefined && commit >= 0n && commit < NO_POSITION) return Number(commit);
  }
  return -1;
}

/** A position we handed out, as the client wants it (ours come from events, where commit = prepare). */
export function toClientPosition(position: number): { commit: bigint; prepare: bigint } {
  return { commit: BigInt(position), prepare: BigInt(position) };
}

/**
 * Where to read or subscribe from for "strictly after `after`", to try in
 * order. The server reads only from the start of a record and answers any
 * other position with INVALID_ARGUMENT. Our numbers are event positions (a
 * record starts there) or `commit - 1` of a checkpoint taken at a page start
 * (the next record starts one byte later, and `(commit, 0)` is where the
 * server itself resumes); for any other number (a checkpoint another store
 * wrote, a cursor we did not hand out) both are refused, and a read or a
 * subscription starts at the record before it (`startAtOrBefore`). A negative
 * number is the start.
 */
export function positionsAfter(after: number | null): ReadPosition[] {
  // Below every record: a reader that has handled nothing says -1 (the candidate pool does), which the other stores
  // read as "from the start"; as a position the client cannot even encode it (13 INTERNAL, serialization failure).
  if (after === null || after < 0) return [START];
  return [toClientPosition(after), { commit: BigInt(after + 1), prepare: 0n }];
}

export function isInvalidPosition(error: unknown): boolean {
  return error instanceof UnknownError && error.code === INVALID_ARGUMENT && /invalid position/i.test(error.message);
}

/**
 * The port position a server checkpoint stands for: every event at or before
 * it has been looked at. At an event (commit = prepare) that includes the
 * event; at a page start `(commit, 0)` it ends just before `commit`.
 */
export function checkpointReached(checkpoint: { commit: bigint; prepare: bigint }): number {
  return Number(checkpoint.prepare >= checkpoint.commit ? checkpoint.commit : checkpoint.commit - 1n);
}

export function isLogPosition(commit: bigint | undefined): commit is bigint {
  return commit !== undefined && commit >= 0n && commit < NO_POSITION;
}
