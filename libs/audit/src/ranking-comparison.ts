import { isStructurallyEqual } from '@sleutel/domain';
import { JsonObject } from '@sleutel/event-store';
import { Alternative, ExclusionCounts } from '@sleutel/matching';

/** The parts of a stored explanation that come from the whole ranking, not from the chosen pair alone. */
export const RANKING_FIELDS = ['considered', 'excluded', 'bestAttainable', 'shareOfBest', 'alternatives'] as const;

export type RankingField = (typeof RANKING_FIELDS)[number];

/** Those parts as a ranking computed again gives them. */
export interface RankingFigures {
  readonly considered: number;
  readonly excluded: ExclusionCounts;
  readonly bestAttainable: number;
  readonly shareOfBest: number | null;
  readonly alternatives: readonly Alternative[];
}

/** Key persons the matcher's pool held at the recorded position whose personal data was erased since, so left out of the ranking computed again. */
export interface ErasedSince {
  readonly count: number;
  readonly ids: ReadonlySet<string>;
}

export interface RankingComparison {
  readonly equal: boolean;
  readonly differences: readonly RankingField[];
  readonly unexplained: readonly RankingField[];
  /** Present whenever something differs: what accounts for it, or that nothing does. */
  readonly reason?: string;
}

/**
 * The stored figures held against the recomputed ones, field by field, bit
 * for bit. A key person erased since the scoring can no longer be read, so
 * the recomputed ranking lacks them; a difference is put down to that only
 * where leaving exactly those key persons out gives it:
 *
 * - `considered`: the stored count less the erased ones, exactly (the pool
 *   considered every registered key person, active or not);
 * - `excluded`: per reason no more than stored, and all reasons together
 *   fewer by at most the erased ones;
 * - `alternatives`: the stored ones, less those erased, are the first of the
 *   recomputed ones, unchanged (score and gap), and no more of them appear
 *   than were stored (one erased makes room for at most one next in line).
 *
 * `bestAttainable` and `shareOfBest` depend on the newcomer and the policy
 * alone: erasures never account for a difference there. How the erased key
 * persons themselves were scored or excluded cannot be checked any more.
 * `reproduced` is null when the proposed key person is not in the recomputed
 * ranking: then nothing of it stands for the stored explanation.
 */
export function compareRanking(stored: JsonObject, reproduced: RankingFigures | null, erased: ErasedSince): RankingComparison {
  if (reproduced === null) {
    return { equal: false, differences: RANKING_FIELDS, unexplained: RANKING_FIELDS, reason: 'the proposed key person is not among the feasible key persons of the ranking computed again' };
  }
  const differences = RANKING_FIELDS.filter((field) => !isStructurallyEqual(reproduced[field], stored[field]));
  const unexplained = differences.filter((field) => erased.count === 0 || !ERASURE_ACCOUNTS_FOR[field](stored[field], reproduced, erased));
  if (differences.length === 0) return { equal: true, differences, unexplained };
  return { equal: false, differences, unexplained, reason: reasonFor(differences, unexplained, erased.count) };
}

type Explained = (stored: unknown, reproduced: RankingFigures, erased: ErasedSince) => boolean;

const ERASURE_ACCOUNTS_FOR: Readonly<Record<RankingField, Explained>> = {
  considered: (stored, reproduced, erased) => stored === reproduced.considered + erased.count,
  excluded: (stored, reproduced, erased) => {
    if (!isRecord(stored)) return false;
    const reasons = Object.keys(reproduced.excluded) as (keyof ExclusionCounts)[];
    if (!isStructurallyEqual(Object.keys(stored).sort(), [...reasons].sort())) return false;
    const fewer = reasons.map((reason) => (stored[reason] as number) - reproduced.excluded[reason]);
    return fewer.every((count) => Number.isSafeInteger(count) && count >= 0) && fewer.reduce((sum, count) => sum + count, 0) <= erased.count;
  },
  alternatives: (stored, reproduced, erased) => {
    if (!Array.isArray(stored)) return false;
    const kept = stored.filter((alternative) => !(isRecord(alternative) && typeof alternative.keyPersonId === 'string' && erased.ids.has(alternative.keyPersonId)));
    return reproduced.alternatives.length <= stored.length && isStructurallyEqual(kept, reproduced.alternatives.slice(0, kept.length));
  },
  bestAttainable: () => false,
  shareOfBest: () => false,
};

function reasonFor(differences: readonly RankingField[], unexplained: readonly RankingField[], erasedSince: number): string {
  const differ = (fields: readonly RankingField[]) => `${listed(fields)} ${fields.length === 1 ? 'differs' : 'differ'}`;
  if (erasedSince === 0) return `${differ(unexplained)} from the stored explanation, and no key person known at the recorded position was erased since: nothing accounts for it`;
  const erasures = erasedSince === 1
    ? '1 key person known at the recorded position was erased since and is left out of the ranking computed again (their personal data can no longer be read)'
    : `${erasedSince} key persons known at the recorded position were erased since and are left out of the ranking computed again (their personal data can no longer be read)`;
  const explained = differences.filter((field) => !unexplained.includes(field));
  if (unexplained.length === 0) {
    return `${erasures}; ${differ(explained)} only as leaving them out accounts for, though how they themselves were scored or excluded can no longer be checked`;
  }
  return `${erasures}; leaving them out accounts for ${explained.length === 0 ? 'none of the differences' : listed(explained)}, not for ${listed(unexplained)}`;
}

/** "a", "a and b", "a, b and c". */
function listed(fields: readonly string[]): string {
  return fields.length === 1 ? fields[0] : `${fields.slice(0, -1).join(', ')} and ${fields[fields.length - 1]}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
