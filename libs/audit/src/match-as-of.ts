import { fold, keyPersonStream, MatchEvent, matchDecider, MatchClosing, MatchParty, MatchState, newcomerStream, withoutBrokenConstraint } from '@sleutel/domain';
import { EventStore, RecordedEvent } from '@sleutel/event-store';
import { EventCodec, toDomainEvent } from '@sleutel/eventsourcing';
import { ERASED_PERSONAL_DATA, PERSONAL_FIELD } from '@sleutel/privacy';
import { erasedIn } from './erasures-in-log';

/**
 * A match's state as of a moment, for `stateAsOf`. A match has no erasure of
 * its own: its events name two people, and what they hold of them is sealed
 * (platformPairFields) — everything personal under the newcomer's key, the
 * explanation and a coordinator's written reason (rejected, declined, ended)
 * under the key person's too. Whose erasure the log records is read first,
 * from the two people's streams: a data key this process may still hold in its
 * cache then opens nothing, and the answer is the same whichever process gives
 * it. The state is folded all the same — ids, status, score, times, who
 * approved or rejected are clear and stand — with what can no longer be read as
 * `{ "erased": true }`, as the match's own read model shows it.
 */
export interface MatchAsOf {
  readonly state: MatchState;
  /** Whose personal data was erased since (now, not as of the moment): why parts of the state read `{ erased: true }`. */
  readonly erasedSince: readonly MatchParty[];
}

/** Closings whose reason a coordinator wrote, sealed under both people's keys; a withdrawal's is the system's. */
const WRITTEN_CLOSINGS: ReadonlySet<string> = new Set(['rejected', 'declined', 'ended']);

export async function matchAsOf(store: EventStore, codec: EventCodec, recorded: readonly RecordedEvent[]): Promise<MatchAsOf> {
  // Every match event carries both ids in clear.
  const { newcomerId, keyPersonId } = recorded[0].data as { newcomerId: string; keyPersonId: string };
  const [newcomerEvents, keyPersonEvents] = await Promise.all([store.readStream(newcomerStream(newcomerId)), store.readStream(keyPersonStream(keyPersonId))]);
  const erasedSince: MatchParty[] = [...(erasedIn(newcomerEvents) ? ['newcomer' as const] : []), ...(erasedIn(keyPersonEvents) ? ['key-person' as const] : [])];
  const newcomerErased = erasedSince.includes('newcomer');
  const events = await Promise.all(recorded.map((event) => codec.decode(newcomerErased ? sealedPartErased(event) : event)));
  const match = fold(matchDecider, events.map(toDomainEvent<MatchEvent>));
  return { state: withErasedPartsUnreadable(match, { newcomer: newcomerErased, keyPerson: erasedSince.includes('key-person') }), erasedSince };
}

/** The event as the codec yields it once its subject's key is destroyed, without touching the key. */
function sealedPartErased(event: RecordedEvent): RecordedEvent {
  return PERSONAL_FIELD in event.data ? { ...event, data: { ...event.data, [PERSONAL_FIELD]: { ...ERASED_PERSONAL_DATA } } } : event;
}

/**
 * A match as it reads once the log records either person's erasure, whatever
 * keys this process still holds: the explanation (under both keys) and the
 * reasons that can no longer be read — all of them after the newcomer's
 * erasure; after the key person's, the written ones (matches closed before
 * 2026-11-30 sealed those under the newcomer's key alone; they are shown
 * erased too, on the safe side), while a withdrawal's still reads, but
 * without the hard constraint it may name (`withoutBrokenConstraint`: the name
 * tells what the key person's profile became). Unchanged when neither was erased.
 */
export function withErasedPartsUnreadable<M extends MatchState>(match: M, erased: { readonly newcomer: boolean; readonly keyPerson: boolean }): M {
  if (match.status === 'unproposed' || (!erased.newcomer && !erased.keyPerson)) return match;
  const marker = { ...ERASED_PERSONAL_DATA };
  return { ...match, explanation: marker, closing: closingReadable(match.closing, erased.newcomer, marker) };
}

function closingReadable(closing: MatchClosing | null, newcomerErased: boolean, marker: object): MatchClosing | null {
  if (closing === null || !('reason' in closing)) return closing;
  // The marker where the text was, as the read model shows it: the state's type holds text there.
  if (newcomerErased || WRITTEN_CLOSINGS.has(closing.status)) return { ...closing, reason: marker as unknown as string };
  return typeof closing.reason === 'string' ? { ...closing, reason: withoutBrokenConstraint(closing.reason) } : closing;
}
