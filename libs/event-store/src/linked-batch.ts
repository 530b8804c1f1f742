import { ChainLink, NewEvent } from './event-envelope';
import { chainHash, serialiseEvent, StoredBytes } from './hash-chain';

/** One event of a batch, serialised once and linked into its stream's hash chain. */
export interface LinkedEvent {
  readonly event: NewEvent;
  readonly revision: number;
  readonly stored: StoredBytes;
  readonly chain: ChainLink;
}

/**
 * Serialises and chains a batch that will sit at `firstRevision` onwards, after
 * an event whose hash is `previousHash` (null for a new stream). Adapters store
 * `stored` verbatim so a verifier can recompute every hash from what is on disk.
 */
export function linkBatch(
  streamId: string,
  previousHash: string | null,
  firstRevision: number,
  events: readonly NewEvent[],
): LinkedEvent[] {
  const linked: LinkedEvent[] = [];
  let previous = previousHash;
  events.forEach((event, index) => {
    const revision = firstRevision + index;
    const stored = serialiseEvent(event);
    const hash = chainHash(previous, streamId, revision, event, stored);
    linked.push({ event, revision, stored, chain: { previousHash: previous, hash } });
    previous = hash;
  });
  return linked;
}
