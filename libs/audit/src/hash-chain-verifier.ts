import { chainHash, StoredEventRow, StoredRowReader } from '@sleutel/event-store';

export interface BrokenLink {
  readonly streamId: string;
  readonly revision: number;
  readonly position: number;
  readonly reason: 'hash-mismatch' | 'previous-hash-mismatch' | 'revision-gap';
}

export interface ChainVerification {
  readonly intact: boolean;
  readonly streams: number;
  readonly events: number;
  /** The first broken link of each broken stream, in log order; later events of that stream are not judged. */
  readonly broken: readonly BrokenLink[];
}

export interface VerifyOptions {
  /** Verify only this stream (the whole log is still read: the chain is per stream, rows are in log order). */
  readonly streamId?: string;
  readonly pageSize?: number;
  /** Called after each page with the last position checked, for progress. */
  readonly onProgress?: (position: number) => void;
}

/**
 * Recomputes every stream's hash chain from the bytes on disk (SPEC §6):
 * each event's hash must be sha256 over the previous hash and exactly what
 * was stored, each must link to the hash before it, and revisions must run
 * 0, 1, 2, … without a gap. One changed byte anywhere in an event breaks that
 * event's own hash; a deleted event leaves a gap; a rewritten-and-rehashed
 * event breaks the link of the event after it. (Removing a stream's newest
 * events leaves a shorter chain that is still whole: the chain proves that
 * nothing was altered, not that nothing was cut from the end.)
 */
export async function verifyHashChains(reader: StoredRowReader, options: VerifyOptions = {}): Promise<ChainVerification> {
  const pageSize = options.pageSize ?? 5000;
  const tails = new Map<string, { revision: number; hash: string } | 'broken'>();
  const broken: BrokenLink[] = [];
  let events = 0;
  let after: number | null = null;
  for (;;) {
    const rows = await reader.readStoredRows(after, pageSize);
    for (const row of rows) {
      if (options.streamId !== undefined && row.streamId !== options.streamId) continue;
      events++;
      const tail = tails.get(row.streamId);
      if (tail === 'broken') continue;
      const reason = brokenReason(row, tail ?? null);
      if (reason === null) {
        tails.set(row.streamId, { revision: row.revision, hash: row.hash });
      } else {
        tails.set(row.streamId, 'broken');
        broken.push({ streamId: row.streamId, revision: row.revision, position: row.position, reason });
      }
    }
    if (rows.length === 0) break;
    after = rows[rows.length - 1].position;
    options.onProgress?.(after);
    if (rows.length < pageSize) break;
  }
  return { intact: broken.length === 0, streams: tails.size, events, broken };
}

function brokenReason(row: StoredEventRow, tail: { revision: number; hash: string } | null): BrokenLink['reason'] | null {
  if (row.revision !== (tail?.revision ?? -1) + 1) return 'revision-gap';
  if (row.previousHash !== (tail?.hash ?? null)) return 'previous-hash-mismatch';
  const recomputed = chainHash(row.previousHash, row.streamId, row.revision, { id: row.eventId, type: row.type, schemaVersion: row.schemaVersion }, row);
  return recomputed === row.hash ? null : 'hash-mismatch';
}

/** Whether a store can hand out its stored bytes (SQLite and in-memory can; EventStoreDB's adapter cannot yet). */
export function isStoredRowReader(store: unknown): store is StoredRowReader {
  return typeof (store as Partial<StoredRowReader>).readStoredRows === 'function';
}
