/**
 * Whether some groups are served worse than others (SPEC §5): for one cohort
 * run, per language spoken best, gender and age band, how many newcomers were
 * matched, how long they had waited and the mean score they got; and how the
 * work spread over key persons. Coordinators read it next to the run; it
 * decides nothing. Pure: the caller passes `now`. Computed when read, from
 * each newcomer's facts, so an erased newcomer drops out of it.
 */
import type { MatchingNewcomer } from '../matching-newcomer';
import { amsterdamDay } from '../measures/calendar';
import { compareIds } from '../ranking/ranking-order';

/**
 * What the report knows of one newcomer: the groups they fall in and how
 * long they had waited. Personal data: a cohort run records these under the
 * newcomer's own key, so that erasing them takes them out of the report.
 */
export interface FairnessFacts {
  readonly newcomerId: string;
  /**
   * The languages they speak best: every one at their best level (native
   * before fluent before conversational before basic), by code; `['none']`
   * without any. A newcomer native in two counts under both, so the
   * language groups overlap.
   */
  readonly languages: readonly string[];
  /** Their gender, or `not given`. */
  readonly gender: string;
  /** By the age reached in the year of `now`. */
  readonly ageBand: string;
  /** Days waited until `now`. */
  readonly waitingDays: number;
}

/**
 * What `matched` counts: `proposed`, the pairs the run proposed (a completed
 * run); `planned`, the pairs the optimiser chose, some of which may not be
 * proposed in the end (the newcomer or the place was taken meanwhile).
 */
export type FairnessBasis = 'planned' | 'proposed';

export interface FairnessInput {
  /** The run's newcomers whose facts are still readable. */
  readonly newcomers: readonly FairnessFacts[];
  /**
   * Newcomer id → the score of the pair counted as their match, as the
   * optimiser scored it when it chose the pair; absent when unmatched.
   */
  readonly scores: ReadonlyMap<string, number>;
  /** Which pairs `scores` holds. */
  readonly basis: FairnessBasis;
  readonly load: LoadSpread;
  /** How many of the run's newcomers were erased since, and so are in no figure; null when not known (a report recorded whole). */
  readonly erasedNewcomers: number | null;
}

export interface GroupFigures {
  readonly group: string;
  readonly newcomers: number;
  readonly matched: number;
  /** matched / newcomers. */
  readonly matchRate: number;
  /** Mean days waited over the group's newcomers. */
  readonly meanWaitingDays: number;
  /** Mean score over the matched newcomers of the group, each the score the pair was chosen for; null when none was matched. */
  readonly meanScore: number | null;
}

export interface LoadSpread {
  readonly keyPersons: number;
  /** Mean of load / capacity. */
  readonly meanUtilisation: number;
  readonly minLoad: number;
  readonly maxLoad: number;
  /** Gini coefficient of the loads, 0 (even) to 1 (all on one). */
  readonly gini: number;
}

export interface FairnessReport {
  readonly basis: FairnessBasis;
  readonly overall: GroupFigures;
  readonly byLanguage: readonly GroupFigures[];
  readonly byGender: readonly GroupFigures[];
  readonly byAgeBand: readonly GroupFigures[];
  readonly load: LoadSpread;
  readonly erasedNewcomers: number | null;
}

/** Age bands by the age reached this calendar year. */
const AGE_BANDS: readonly (readonly [string, number, number])[] = [
  ['under 18', 0, 17], ['18–25', 18, 25], ['26–35', 26, 35], ['36–50', 36, 50], ['51–65', 51, 65], ['over 65', 66, 200],
];

const DAY_MS = 86_400_000;

/** One newcomer's facts as of `now` (an ISO time). */
export function fairnessFacts(newcomer: MatchingNewcomer, now: string): FairnessFacts {
  return {
    newcomerId: newcomer.id,
    languages: bestLanguages(newcomer),
    gender: newcomer.gender ?? 'not given',
    ageBand: ageBand(amsterdamYear(now) - newcomer.birthYear),
    waitingDays: Math.max(0, (Date.parse(now) - Date.parse(newcomer.waitingSince)) / DAY_MS),
  };
}

export function fairnessReport(input: FairnessInput): FairnessReport {
  const figures = (group: string, members: readonly FairnessFacts[]) => groupFigures(group, members, input.scores);
  const by = (keys: (facts: FairnessFacts) => readonly string[]) => groupBy(input.newcomers, keys).map(([group, members]) => figures(group, members));
  return {
    basis: input.basis,
    overall: figures('all', input.newcomers),
    // Each newcomer under every language they speak best: the groups overlap, and their sizes may add up to more than `overall`.
    byLanguage: by((n) => n.languages),
    byGender: by((n) => [n.gender]),
    byAgeBand: by((n) => [n.ageBand]),
    load: input.load,
    erasedNewcomers: input.erasedNewcomers,
  };
}

const LEVEL_ORDER = ['native', 'fluent', 'conversational', 'basic'];

/** Every language at the newcomer's best level, by code: a tie is no reason to count them under one alone. */
function bestLanguages(newcomer: MatchingNewcomer): string[] {
  const rank = (level: string) => LEVEL_ORDER.indexOf(level);
  const best = Math.min(...newcomer.languages.map((l) => rank(l.level)));
  const codes = [...new Set(newcomer.languages.filter((l) => rank(l.level) === best).map((l) => l.code))].sort(compareIds);
  return codes.length === 0 ? ['none'] : codes;
}

/** The year in Amsterdam at `now`, as a birth year is judged when it is entered (a child born on New Year's Day is 0, not -1). */
function amsterdamYear(now: string): number {
  return new Date(amsterdamDay(Date.parse(now)) * DAY_MS).getUTCFullYear();
}

function ageBand(age: number): string {
  return AGE_BANDS.find(([, low, high]) => age >= low && age <= high)?.[0] ?? 'unknown';
}

/** Items by group, an item in each group `keys` names. */
function groupBy<T>(items: readonly T[], keys: (item: T) => readonly string[]): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    for (const name of new Set(keys(item))) {
      const members = groups.get(name);
      if (members) members.push(item);
      else groups.set(name, [item]);
    }
  }
  return [...groups.entries()].sort(([a], [b]) => compareIds(a, b));
}

function groupFigures(group: string, members: readonly FairnessFacts[], scores: ReadonlyMap<string, number>): GroupFigures {
  const matched = members.map((n) => scores.get(n.newcomerId)).filter((score): score is number => score !== undefined);
  return {
    group,
    newcomers: members.length,
    matched: matched.length,
    matchRate: members.length === 0 ? 0 : matched.length / members.length,
    meanWaitingDays: mean(members.map((n) => n.waitingDays)) ?? 0,
    meanScore: mean(matched),
  };
}

/** How the load spreads over key persons, each with their load after a run and their capacity. */
export function loadSpread(loads: readonly { load: number; capacity: number }[]): LoadSpread {
  const values = loads.map((l) => l.load);
  return {
    keyPersons: loads.length,
    meanUtilisation: mean(loads.map((l) => (l.capacity === 0 ? 0 : l.load / l.capacity))) ?? 0,
    // Folded, not spread into Math.min: a call takes at most about 125,000 arguments.
    minLoad: values.length ? values.reduce((a, b) => Math.min(a, b)) : 0,
    maxLoad: values.length ? values.reduce((a, b) => Math.max(a, b)) : 0,
    gini: gini(values),
  };
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** Mean absolute difference over twice the mean, computed on sorted values in O(n log n). */
export function gini(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const total = sorted.reduce((sum, v) => sum + v, 0);
  if (n === 0 || total === 0) return 0;
  const weighted = sorted.reduce((sum, v, i) => sum + (2 * (i + 1) - n - 1) * v, 0);
  return weighted / (n * total);
}
