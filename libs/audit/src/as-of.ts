import { fold, instantMillis, KeyPersonEvent, keyPersonDecider, MatchParty, NewcomerEvent, newcomerDecider } from '@sleutel/domain';
import { EventStore, RecordedEvent } from '@sleutel/event-store';
import { EventCodec, isReadable, toDomainEvent } from '@sleutel/eventsourcing';
import { StateKind, streamOf } from './audit-subject';
import { erasedIn } from './erasures-in-log';
import { matchAsOf } from './match-as-of';

/**
 * A moment in history: a log position (inclusive) or an instant (the stream's
 * events up to the first that occurred after it, by the clock of the process
 * that appended each).
 */
export type AsOf = { readonly position: number } | { readonly time: string };

/**
 * `asOf` as a client writes it: a non-negative integer is a log position, an
 * ISO 8601 instant with a zone is a time; anything else is refused (null).
 */
export function parseAsOf(text: string): AsOf | null {
  if (/^\d{1,15}$/.test(text)) return { position: Number(text) };
  const ms = instantMillis(text);
  return Number.isNaN(ms) ? null : { time: new Date(ms).toISOString() };
}

export interface StateAsOf {
  readonly kind: StateKind;
  readonly id: string;
  readonly asOf: AsOf;
  /** The stream's revision and log position at that moment: the last event folded. */
  readonly revision: number;
  readonly position: number;
  readonly occurredAt: string;
  readonly state: unknown;
  /**
   * Matches only: whose personal data was erased since, which is why parts of the state (the explanation, the
   * closing reason) read `{ erased: true }`; empty while everything reads. A match is never refused as erased.
   */
  readonly erasedSince?: readonly MatchParty[];
}

/** The kinds whose own stream records their erasure. */
type PersonKind = Exclude<StateKind, 'matches'>;

/** The subject had events by then, but was erased since: its state then can no longer be read. */
export class ErasedStateError extends Error {
  constructor(readonly kind: PersonKind, readonly id: string) {
    super(`The ${kind === 'newcomers' ? 'newcomer' : 'key person'}'s personal data was erased: their state before the erasure can no longer be read`);
    this.name = 'ErasedStateError';
  }
}

/**
 * A newcomer's, key person's or match's state as it was at a moment: its stream up to
 * then, upcast through the codec and folded with the domain's own `evolve`,
 * so the past is read by the same rules as the present. Null when the subject
 * had no events yet at that moment (or never had); `ErasedStateError` when
 * the subject was erased since (its stream holds the erasure event) or
 * nothing it said by then can be read any more. A match, which has no erasure
 * of its own, is never refused: the parts sealed under an erased person's key
 * read `{ erased: true }`, and `erasedSince` says whose (`matchAsOf`).
 */
export async function stateAsOf(store: EventStore, codec: EventCodec, kind: StateKind, id: string, asOf: AsOf): Promise<StateAsOf | null> {
  const stream = await store.readStream(streamOf(kind, id));
  // A prefix of the stream: its state at some revision. Each event's time is its appending process's clock, so
  // within a stream a later revision can carry an earlier time; the first event stamped after the moment ends it.
  const after = stream.findIndex((event) => !happenedBy(event, asOf));
  const recorded = after < 0 ? stream : stream.slice(0, after);
  if (recorded.length === 0) return null;
  if (kind === 'matches') {
    const last = recorded[recorded.length - 1];
    const { state, erasedSince } = await matchAsOf(store, codec, recorded);
    return { kind, id, asOf, revision: last.revision, position: last.position, occurredAt: last.metadata.occurredAt, state, erasedSince };
  }
  // Erased since, by the log itself: refused before anything is decoded, so a data key this process may
  // still hold in its cache (another process erased, and this one's read side is not there yet) opens nothing.
  if (erasedIn(stream)) throw new ErasedStateError(kind, id);
  const events = (await Promise.all(recorded.map((event) => codec.decode(event)))).filter((event) => isReadable(codec, event));
  // Events there were, none of them readable: the subject was erased later, and what they said then is gone.
  if (events.length === 0) throw new ErasedStateError(kind, id);
  const last = events[events.length - 1];
  const state = kind === 'newcomers'
    ? fold(newcomerDecider, events.map(toDomainEvent<NewcomerEvent>))
    : fold(keyPersonDecider, events.map(toDomainEvent<KeyPersonEvent>));
  return { kind, id, asOf, revision: last.revision, position: last.position, occurredAt: last.metadata.occurredAt, state };
}

function happenedBy(event: RecordedEvent, asOf: AsOf): boolean {
  // Compared as instants: occurredAt is always written as UTC ISO, asOf was normalised to it.
  return 'position' in asOf ? event.position <= asOf.position : Date.parse(event.metadata.occurredAt) <= Date.parse(asOf.time);
}
