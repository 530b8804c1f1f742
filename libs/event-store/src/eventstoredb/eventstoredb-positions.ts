import { ResolvedEvent } from '@eventstore/db-client';

/** Commit positions at or above this are the server's "no position" value, not a place in the log. */
const NO_POSITION = 2n ** 63n;

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

export function isLogPosition(commit: bigint | undefined): commit is bigint {
  return commit !== undefined && commit >= 0n && commit < NO_POSITION;
}
