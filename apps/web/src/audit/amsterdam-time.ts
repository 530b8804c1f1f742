/**
 * The programme's clock: every time the console shows is Europe/Amsterdam,
 * so a time the auditor types is read as Amsterdam time too, whatever zone
 * the browser is set to. `datetime-local` inputs hold wall-clock time without
 * a zone (`2026-11-30T14:05:09`); these turn it into an instant and back.
 */
const ZONE = 'Europe/Amsterdam';
const HOUR = 3_600_000;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

/** The wall-clock time in Amsterdam at an instant, as a `datetime-local` input takes it; null for what is no instant. */
export function amsterdamLocal(instant: string | number): string | null {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return null;
  const part = Object.fromEntries(wallClock.formatToParts(date).map(({ type, value }) => [type, value]));
  return `${part.year}-${part.month}-${part.day}T${part.hour}:${part.minute}:${part.second}`;
}

/**
 * The instant (ISO 8601, UTC) at which Amsterdam's clocks showed `local`. In
 * the hour that repeats when summer time ends, the first of the two; in the
 * hour skipped when it starts, the time as winter time reads it. Null for
 * what is no time of day on a real date.
 */
export function instantOfAmsterdamLocal(local: string): string | null {
  const found = LOCAL.exec(local.trim());
  if (!found) return null;
  const [year, month, day, hour, minute, second = '00'] = found.slice(1);
  const asUtc = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  const wanted = `${year}-${month}-${day}T${hour}:${minute}:${second}`;
  if (new Date(asUtc).toISOString().slice(0, 19) !== wanted) return null;
  // Amsterdam runs one or two hours ahead of UTC: the earlier instant whose clock reads `local`.
  for (const ahead of [2, 1]) {
    if (amsterdamLocal(asUtc - ahead * HOUR) === wanted) return new Date(asUtc - ahead * HOUR).toISOString();
  }
  return new Date(asUtc - HOUR).toISOString();
}
