/**
 * When the console says that the session is about to end. A token's `exp` is
 * a moment on the wall clock, and timers are not: a laptop that sleeps stops
 * them, and a browser slows them in a tab in the background. So nothing waits
 * for the moment itself; each check reads the clock, and the next comes
 * within a minute, or at once when the page is shown or focused again.
 */
import { useEffect, useState } from 'react';

/** How long before the token's expiry the notice appears: time enough to ask for a new token and paste it. */
export const WARNING_LEAD_SECONDS = 5 * 60;

/** The longest one check waits for the next: how late a notice can be after a laptop wakes or a throttled tab runs again. */
export const LONGEST_WAIT_MS = 60_000;

export type SessionPhase = 'lasting' | 'ending' | 'ended';

/** Where a session expiring at `expiresAt` (seconds since the epoch, as `exp`; null: not said) stands at `now` (milliseconds). */
export function sessionPhase(expiresAt: number | null, now: number): SessionPhase {
  if (expiresAt === null) return 'lasting';
  const left = expiresAt * 1000 - now;
  if (left <= 0) return 'ended';
  return left <= WARNING_LEAD_SECONDS * 1000 ? 'ending' : 'lasting';
}

/** Milliseconds from `now` to the next check: the next change of phase, but no more than LONGEST_WAIT_MS; null when no change is to come. */
export function nextCheckIn(expiresAt: number | null, now: number): number | null {
  if (expiresAt === null) return null;
  const end = expiresAt * 1000;
  const next = [end - WARNING_LEAD_SECONDS * 1000, end].find((moment) => moment > now);
  return next === undefined ? null : Math.min(next - now, LONGEST_WAIT_MS);
}

/** The phase of a session expiring at `expiresAt`, kept up to date by the clock. */
export function useSessionPhase(expiresAt: number | null): SessionPhase {
  const [phase, setPhase] = useState(() => sessionPhase(expiresAt, Date.now()));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      clearTimeout(timer);
      const now = Date.now();
      setPhase(sessionPhase(expiresAt, now));
      const wait = nextCheckIn(expiresAt, now);
      timer = wait === null ? undefined : setTimeout(check, wait);
    };
    const checkWhenShown = () => {
      if (document.visibilityState === 'visible') check();
    };
    check();
    document.addEventListener('visibilitychange', checkWhenShown);
    window.addEventListener('focus', check);
    window.addEventListener('pageshow', check);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', checkWhenShown);
      window.removeEventListener('focus', check);
      window.removeEventListener('pageshow', check);
    };
  }, [expiresAt]);
  return phase;
}
