/**
 * Whether some groups are served worse than others (SPEC §5): for one cohort
 * run, per primary language, gender and age band, how many newcomers were
 * matched, how long they had waited and the mean score they got; and how the
 * work spread over key persons. Coordinators read it next to the run; it
 * decides nothing. Pure: the caller passes `now`.
 */
import type { MatchingNewcomer } from '../matching-newcomer';

export interface FairnessInput {
  readonly newcomers: readonly MatchingNewcomer[];
  /** Newcomer id → the score of the pair chosen for them; absent when unmatched. */
  readonly scores: ReadonlyMap<string, number>;
  /** Key person id → how many newcomers they carry after the run, and their capacity. */
  readonly keyPersonLoads: ReadonlyMap<string, { readonly load: number; readonly capacity: number }>;
  readonly now: string;
}

export interface GroupFigures {
  readonly group: string;
  readonly newcomers: number;
  readonly matched: number;
  /** matched / newcomers. */
  readonly matchRate: number;
  /** Mean days waited (until `now`) over the group's newcomers. */
  readonly meanWaitingDays: number;
  /** Mean score over the matched newcomers of the group; null when none was matched. */
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
  readonly overall: GroupFigures;
  readonly byLanguage: readonly GroupFigures[];
  readonly byGender: readonly GroupFigures[];
  readonly byAgeBand: readonly GroupFigures[];
  readonly load: LoadSpread;
}

/** Age bands by the age reached this calendar year. */
const AGE_BANDS: readonly (readonly [string, number, number])[] = [
  ['under 18', 0, 17], ['18–25', 18, 25], ['26–35', 26, 35], ['36–50', 36, 50], ['51–65', 51, 65], ['over 65', 66, 200],
];

export function fairnessReport(input: FairnessInput): FairnessReport {
  const year = Number(input.now.slice(0, 4));
  const figures = (group: string, members: readonly MatchingNewcomer[]) => groupFigures(group, members, input);
  return {
    overall: figures('all', input.newcomers),
    byLanguage: groupBy(input.newcomers, primaryLanguage).map(([group, members]) => figures(group, members)),
    byGender: groupBy(input.newcomers, (n) => n.gender ?? 'not given').map(([group, members]) => figures(group, members)),
    byAgeBand: groupBy(input.newcomers, (n) => ageBand(year - n.birthYear)).map(([group, members]) => figures(group, members)),
    load: loadSpread([...input.keyPersonLoads.values()]),
  };
}

/** The language a newcomer speaks best: native before fluent before the rest, then by code. */
function primaryLanguage(newcomer: MatchingNewcomer): string {
  const order = ['native', 'fluent', 'conversational', 'basic'];
  const best = [...newcomer.languages].sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level) || a.code.localeCompare(b.code))[0];
  return best?.code ?? 'none';
}

function ageBand(age: number): string {
  return AGE_BANDS.find(([, low, high]) => age >= low && age <= high)?.[0] ?? 'unknown';
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const name = key(item);
    groups.set(name, [...(groups.get(name) ?? []), item]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

function groupFigures(group: string, members: readonly MatchingNewcomer[], input: FairnessInput): GroupFigures {
  const now = Date.parse(input.now);
  const scores = members.map((n) => input.scores.get(n.id)).filter((score): score is number => score !== undefined);
  const waited = members.map((n) => Math.max(0, (now - Date.parse(n.waitingSince)) / 86_400_000));
  return {
    group,
    newcomers: members.length,
    matched: scores.length,
    matchRate: members.length === 0 ? 0 : scores.length / members.length,
    meanWaitingDays: mean(waited) ?? 0,
    meanScore: mean(scores),
  };
}

function loadSpread(loads: readonly { load: number; capacity: number }[]): LoadSpread {
  const values = loads.map((l) => l.load);
  return {
    keyPersons: loads.length,
    meanUtilisation: mean(loads.map((l) => (l.capacity === 0 ? 0 : l.load / l.capacity))) ?? 0,
    minLoad: values.length ? Math.min(...values) : 0,
    maxLoad: values.length ? Math.max(...values) : 0,
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
