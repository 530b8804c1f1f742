import { CohortRunState } from '@sleutel/domain';
import { FairnessBasis, fairnessReport, LoadSpread } from '@sleutel/matching';
import { FairnessReportDto } from './cohort-run.dto';

/**
 * The run's fairness report, computed from the rows of its newcomers whose
 * data still exists (each sealed under the newcomer's key, so an erased one
 * reads as erased and is counted apart); for a run solved before those rows
 * were recorded, the report as it was recorded then.
 *
 * Matched means proposed once the run has completed and recorded whose pairs
 * it did not propose (`basis: 'proposed'`): a pair dropped at proposing time
 * (the newcomer withdrawn or matched meanwhile, the key person's place taken
 * or no longer feasible) counts as not matched. Until then (a run still
 * proposing, or one that failed), and for a run completed before 2026-11-30
 * that did not propose every pair, it is the optimiser's plan
 * (`basis: 'planned'`). Either way a pair's score is the one it was chosen
 * for, at solve time.
 */
export function fairnessOf(state: CohortRunState): FairnessReportDto | null {
  if (state.newcomers === null || state.load === null) {
    if (state.recordedFairness === null) return null;
    return { ...state.recordedFairness, basis: 'planned', erasedNewcomers: null } as unknown as FairnessReportDto;
  }
  const readable = state.newcomers.filter(isReadable);
  const proposed = state.status === 'done' && state.notProposedNewcomerIds !== null;
  const notProposed = new Set(proposed ? state.notProposedNewcomerIds : []);
  const basis: FairnessBasis = proposed ? 'proposed' : 'planned';
  return fairnessReport({
    newcomers: readable,
    scores: new Map((state.assignments ?? []).filter((a) => !notProposed.has(a.newcomerId)).map((a) => [a.newcomerId, a.score])),
    basis,
    load: state.load as unknown as LoadSpread,
    erasedNewcomers: state.newcomers.length - readable.length,
  }) as unknown as FairnessReportDto;
}

/** A newcomer's row that still holds their data: not `{ newcomerId, personal: { erased: true } }`. */
export const isReadable = <Row extends object>(row: Row): row is Exclude<Row, { readonly personal: unknown }> => !('personal' in row);
