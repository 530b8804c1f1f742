import { createHash } from 'node:crypto';
import { chainHash, StoredEventRow, StoredRowReader } from '@sleutel/event-store';

export interface BrokenLink {
  readonly streamId: string;
  readonly revision: number;
  readonly position: number;
  /**
   * `position-out-of-range`: an event at a position below 1 where positions run 1, 2, 3, … (SQLite): the store never
   * hands one out, so it was put there by hand. Reading the log in order from its start passed such an event by
   * (projections, export, the digest before 2026-12-02), while reading its stream returns it (trails, state as of,
   * the aggregate a command loads).
   */
  readonly reason: 'hash-mismatch' | 'previous-hash-mismatch' | 'revision-gap' | 'position-out-of-range';
}

/**
 * A hole in the log's positions: the events between `afterPosition` and `position` are gone. At the log's
 * end (its newest events removed) `position` is the one after the last the store handed out.
 */
export interface PositionGap {
  readonly afterPosition: number;
  readonly position: number;
}

/**
 * The whole log up to one position, as one digest: sha256 over the previous
 * digest, the position and the hash of each event in log order (as
 * verification recomputes it from the stored bytes: the stored hash while the
 * event is as it was written). Written
 * down (or published, signed, sent to a supervisor) as `anchor`, it lets a
 * later verification prove that nothing up to that position was changed,
 * removed, reordered or rewritten with a recomputed chain.
 */
export interface LogDigest {
  readonly position: number;
  readonly digest: string;
  /** `position:digest`, as `anchor` takes it back. */
  readonly anchor: string;
}

/** An anchor recorded earlier, checked against the log as it is now. */
export interface AnchorCheck {
  readonly position: number;
  readonly expected: string;
  /** The digest of the log up to that position now; null when the log has no event there any more. */
  readonly found: string | null;
  readonly matches: boolean;
}

export interface ChainVerification {
  /** Every chain whole, no hole in the positions, and the anchor (when given) matching. */
  readonly intact: boolean;
  readonly streams: number;
  readonly events: number;
  /** The first broken link of each broken stream, in log order; later events of that stream are not judged. */
  readonly broken: readonly BrokenLink[];
  /** Holes in the positions, where the store numbers its log without gaps (see `gapsChecked`). */
  readonly gaps: readonly PositionGap[];
  /**
   * Whether holes could be looked for: true where positions run 1, 2, 3, …
   * (SQLite); false on EventStoreDB, whose positions are byte offsets, so a
   * removed newest event there shows only against an anchor.
   */
  readonly gapsChecked: boolean;
  /** The digest of the whole log as read; null for an empty log. */
  readonly head: LogDigest | null;
  /** The check of `VerifyOptions.anchor`, when one was given. */
  readonly anchor?: AnchorCheck;
}

/** `position:digest` (a hex sha256), as `LogDigest.anchor` writes it. */
export const ANCHOR_PATTERN = /^([1-9][0-9]{0,14}):([0-9a-f]{64})$/;

/** An anchor as `LogDigest.anchor` writes it; null when the text is not one. */
export function parseAnchor(text: string): { position: number; digest: string } | null {
  const match = ANCHOR_PATTERN.exec(text);
  return match === null ? null : { position: Number(match[1]), digest: match[2] };
}

export interface VerifyOptions {
  /** Verify only this stream (the whole log is still read: the chain is per stream, rows are in log order). */
  readonly streamId?: string;
  readonly pageSize?: number;
  /** Called after each page with the last position checked, for progress. */
  readonly onProgress?: (position: number) => void;
  /** A digest written down earlier (`LogDigest`): checked against the log as it is now. */
  readonly anchor?: { readonly position: number; readonly digest: string };
}

/**
 * Recomputes every stream's hash chain from the bytes on disk (SPEC §6):
 * each event's hash must be sha256 over the previous hash and exactly what
 * was stored, each must link to the hash before it, and revisions must run
 * 0, 1, 2, … without a gap. One changed byte anywhere in an event breaks that
 * event's own hash; a deleted event leaves a gap; a rewritten-and-rehashed
 * event breaks the link of the event after it.
 *
 * Two things the chains alone cannot show, the log's positions and digest
 * do: removing a stream's newest events leaves a shorter chain that is still
 * whole, but a hole in the positions, or, for the log's own newest events, a
 * last row below the highest position the store handed out
 * (`StoredRowReader.highestPositionIssued`); and
 * someone who rewrites an event and recomputes its stream's chain leaves every
 * chain whole, but changes the digest of the log from there on, which an
 * anchor written down earlier (`LogDigest`) then no longer matches. The same
 * anchor shows the log's tail cut off before it. Holes are looked for only
 * where positions are dense (`StoredRowReader.densePositions`); on
 * EventStoreDB a removed event shows against an anchor instead.
 */
export async function verifyHashChains(reader: StoredRowReader, options: VerifyOptions = {}): Promise<ChainVerification> {
  const pageSize = options.pageSize ?? 5000;
  const tails = new Map<string, { revision: number; hash: string } | 'broken'>();
  const broken: BrokenLink[] = [];
  const gaps: PositionGap[] = [];
  let events = 0;
  let after: number | null = null;
  // The last position at or above 1 read, for the holes: an event below 1 is named as such instead.
  let dense = 0;
  let digest = '';
  let anchorFound: string | null = null;
  // Read before the rows: every position up to it was committed by then, so the pages below must reach it; an
  // append made while they are read lies past it and is not taken for a removed event.
  const issued = reader.densePositions ? ((await reader.highestPositionIssued?.()) ?? null) : null;
  for (;;) {
    const rows = await reader.readStoredRows(after, pageSize);
    for (const row of rows) {
      // The log as a whole, whichever stream is verified: the whole log is read anyway.
      const outOfRange = reader.densePositions && row.position < 1;
      if (reader.densePositions && !outOfRange) {
        if (row.position !== dense + 1) gaps.push({ afterPosition: dense, position: row.position });
        dense = row.position;
      }
      // The digest folds each event's hash as recomputed from its stored bytes, equal to the stored one while nothing
      // was changed: so an anchor checks the bytes of every event up to it, also when one stream is verified and the
      // others' chains are not judged.
      const own = ownHash(row);
      digest = logDigestStep(digest, row, own);
      if (row.position === options.anchor?.position) anchorFound = digest;
      after = row.position;
      if (options.streamId !== undefined && row.streamId !== options.streamId) continue;
      events++;
      const tail = tails.get(row.streamId);
      if (tail === 'broken') continue;
      const reason = outOfRange ? 'position-out-of-range' : brokenReason(row, tail ?? null, own);
      if (reason === null) {
        tails.set(row.streamId, { revision: row.revision, hash: row.hash });
      } else {
        tails.set(row.streamId, 'broken');
        broken.push({ streamId: row.streamId, revision: row.revision, position: row.position, reason });
      }
    }
    if (rows.length === 0) break;
    options.onProgress?.(after!);
    if (rows.length < pageSize) break;
  }
  // The log's newest events removed: no hole between the rows left, but the store handed out a later position.
  const last = reader.densePositions ? dense : (after ?? 0);
  if (issued !== null && issued > last) gaps.push({ afterPosition: last, position: issued + 1 });
  const head = after === null ? null : { position: after, digest, anchor: `${after}:${digest}` };
  const anchor = options.anchor === undefined ? undefined : {
    position: options.anchor.position, expected: options.anchor.digest, found: anchorFound, matches: anchorFound === options.anchor.digest,
  };
  return {
    intact: broken.length === 0 && gaps.length === 0 && (anchor?.matches ?? true),
    streams: tails.size, events, broken, gaps, gapsChecked: reader.densePositions, head, ...(anchor === undefined ? {} : { anchor }),
  };
}

/**
 * One step of the log digest: the digest so far, then this event's position and hash: the stored one (a
 * `LogDigestFollower`, which trusts what it folds), or as verification recomputed it from the stored bytes, which is
 * the same while the event is as it was written.
 */
export function logDigestStep(previous: string, row: StoredEventRow, hash: string = row.hash): string {
  return createHash('sha256').update(`${previous}\n${row.position}\n${hash}`).digest('hex');
}

/** The event's own link recomputed from its stored bytes and the previous hash it stores. */
function ownHash(row: StoredEventRow): string {
  return chainHash(row.previousHash, row.streamId, row.revision, { id: row.eventId, type: row.type, schemaVersion: row.schemaVersion }, row);
}

function brokenReason(row: StoredEventRow, tail: { revision: number; hash: string } | null, recomputed: string): BrokenLink['reason'] | null {
  if (row.revision !== (tail?.revision ?? -1) + 1) return 'revision-gap';
  if (row.previousHash !== (tail?.hash ?? null)) return 'previous-hash-mismatch';
  return recomputed === row.hash ? null : 'hash-mismatch';
}

/** Whether a store can hand out its stored bytes (every adapter of ours can; a store of someone else's may not). */
export function isStoredRowReader(store: unknown): store is StoredRowReader {
  return typeof (store as Partial<StoredRowReader>).readStoredRows === 'function';
}
