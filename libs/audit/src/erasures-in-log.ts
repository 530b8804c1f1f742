import { RecordedEvent } from '@sleutel/event-store';
import { erasureIn } from '@sleutel/privacy';

/**
 * Erasures read from the log itself, before anything is decoded: a data key
 * this process may still hold in its cache (another process erased, and this
 * one's read side is not there yet) must not make an erased person readable
 * here, nor make the audit's answer depend on which process gives it.
 */

/** Whether a subject's own stream records its erasure. */
export function erasedIn(stream: readonly RecordedEvent[]): boolean {
  return stream.some((event) => erasureIn(event) !== null);
}
