/**
 * An independent, brute-force reading of the hard constraints (SPEC §4
 * inv. 3–5) for property tests: availability minute by minute over the
 * actual calendar days, today's date from the runtime's time-zone database,
 * macrolanguages straight from the reference data. Slow and obvious on
 * purpose; it shares no code with the matcher except the centroid distance.
 */
import { DAYS, LanguageLevel } from '@sleutel/domain';
import { macrolanguageOf } from '@sleutel/reference';
import type { MatchingKeyPerson } from '../matching-key-person';
import type { MatchingNewcomer } from '../matching-newcomer';
import { kmBetween } from '../measures/municipality-distance';
import { ScoringPolicy } from '../policy/scoring-policy';

const LEVELS: readonly LanguageLevel[] = ['basic', 'conversational', 'fluent', 'native'];
const amsterdamDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The constraints a pair breaks, by reason code in the documented order; empty means the pair may be proposed. */
export function brokenConstraints(n: MatchingNewcomer, k: MatchingKeyPerson, policy: ScoringPolicy, now: string): string[] {
  const broken: string[] = [];
  const remoteBoth = n.preferences.remoteOk && k.remoteOnly;
  if (k.status !== 'active') broken.push('not-active');
  if (k.load >= k.capacity) broken.push('no-capacity');
  if (n.doNotMatch.includes(k.id)) broken.push('do-not-match');
  if (n.excludedKeyPersons.includes(k.id)) broken.push('previously-failed');
  const km = kmBetween(n.municipality, k.municipality);
  if (!remoteBoth && (k.remoteOnly || km === null || km > (k.travelRadiusKm ?? 0))) broken.push('out-of-radius');
  if (!sharedLanguage(n, k, policy)) broken.push('no-shared-language');
  const { keyPersonGender, genderRequired } = n.preferences;
  if (genderRequired && keyPersonGender !== 'any' && k.gender !== keyPersonGender) broken.push('gender-required');
  if (n.preferences.sameOrigin === 'no' && n.origin.country === k.origin.country) broken.push('same-origin-declined');
  const { days, minutes } = commonAvailability(n, k, now);
  const waived = remoteBoth && policy.constraints.allowAsynchronousRemote;
  if (days === 0 || (!waived && minutes < policy.constraints.minOverlapMinutes)) broken.push('no-availability-overlap');
  return broken;
}

/** The same code, or one family (a macrolanguage or its members) unless the policy keeps that macrolanguage separate. */
function sharedLanguage(n: MatchingNewcomer, k: MatchingKeyPerson, policy: ScoringPolicy): boolean {
  const min = LEVELS.indexOf(policy.constraints.minSharedLevel);
  const separate = policy.parameters.language.separateMacrolanguages ?? [];
  const family = (code: string): string => macrolanguageOf(code) ?? code;
  const understood = (a: string, b: string): boolean => a === b || (family(a) === family(b) && !separate.includes(family(a)));
  return n.languages.some((a) => k.languages.some((b) => LEVELS.indexOf(a.level) >= min && LEVELS.indexOf(b.level) >= min && understood(a.code, b.code)));
}

/**
 * Weekdays of the first (up to) seven calendar days on which both
 * availabilities apply, starting today or at the later `from`, and the weekly
 * minutes both are free on those weekdays.
 */
function commonAvailability(n: MatchingNewcomer, k: MatchingKeyPerson, now: string): { days: number; minutes: number } {
  const today = amsterdamDate.format(new Date(now));
  const start = [today, n.availability.from ?? today, k.availability.from ?? today].sort().at(-1) ?? today;
  const weekdays = new Set<number>();
  for (let offset = 0; offset < 7; offset += 1) {
    const date = new Date(Date.parse(`${start}T12:00:00Z`) + offset * 86_400_000);
    const iso = date.toISOString().slice(0, 10);
    const within = [n.availability, k.availability].every((a) => (a.from === null || a.from <= iso) && (a.until === null || iso <= a.until));
    if (within) weekdays.add((date.getUTCDay() + 6) % 7);
  }
  const mine = freeMinutes(n.availability.slots);
  const theirs = freeMinutes(k.availability.slots);
  let minutes = 0;
  for (const day of weekdays) {
    for (let minute = day * 1440; minute < (day + 1) * 1440; minute += 1) if (mine[minute] === 1 && theirs[minute] === 1) minutes += 1;
  }
  return { days: weekdays.size, minutes };
}

/** One flag per minute of the week. */
function freeMinutes(slots: MatchingNewcomer['availability']['slots']): Uint8Array {
  const clock = (t: string): number => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  const week = new Uint8Array(7 * 1440);
  for (const s of slots) {
    const base = DAYS.indexOf(s.day) * 1440;
    week.fill(1, base + clock(s.start), base + clock(s.end));
  }
  return week;
}
