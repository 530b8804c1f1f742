import { RecordedEvent } from '@sleutel/event-store';

/**
 * Whether the newcomer's stream already holds the answer to one of their own
 * match requests (intake, a profile change, a release, an explicit request),
 * recorded after the request's cause: a deferral, or a reservation that went
 * on to a proposal (released since as anything but `cancelled`, the mark of a
 * race for a place lost before proposing). Either was a look at the newcomer
 * as the cause left them. A failed match puts them back in line by a request
 * of its own (on demand) or for the next cohort run, not by this one.
 *
 * The in-process queue keeps no jobs across a restart, so the relay derives
 * the whole log's jobs again at every start. Without this, a re-derived
 * request of a waiting newcomer whose first look had proposed looked again:
 * its deferral's id was new, so the counts, moved by every place taken
 * since, appended a fresh deferral at every start; in cohort mode the look
 * could even propose outside a run. A request whose look appended nothing
 * (its reasons were those on record) leaves no trace, and is looked at again.
 */
export function answeredInLog(events: readonly RecordedEvent[], causeEventId: string): boolean {
  const cause = events.findIndex((event) => event.id === causeEventId);
  if (cause < 0) return false;
  const reserved = new Set<string>();
  for (const { type, data } of events.slice(cause + 1)) {
    if (type === 'NewcomerMatchingDeferred') return true;
    if (type === 'NewcomerMatchReserved') reserved.add(String(data.matchId));
    if (type === 'NewcomerMatchReleased' && data.outcome !== 'cancelled' && reserved.has(String(data.matchId))) return true;
  }
  return false;
}
