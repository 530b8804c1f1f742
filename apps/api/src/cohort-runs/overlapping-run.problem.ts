import { CohortRunScope } from '@sleutel/domain';
import { ProblemException } from '../common/problem';

export const OVERLAPPING_RUN = 'COHORT_RUN.OVERLAPPING_RUN';

/**
 * 409 for a cohort run asked for while another over some of the same
 * newcomers is running. The running run is named (`runningRunId`, and
 * `Location` as a replay already running is) only to a token that may read
 * it: to any other it is a run outside its municipalities, which answer 404.
 */
export function overlappingRunProblem(running: { readonly id: string; readonly municipalities: CohortRunScope } | null): ProblemException {
  const title = 'A cohort run over the same newcomers is running';
  if (running === null) {
    return new ProblemException(409, OVERLAPPING_RUN, title,
      'A cohort run that covers newcomers of your municipalities, and others too, is still running. Start another once it is done.',
      undefined, {}, { runningRunId: null });
  }
  const scope = running.municipalities === null ? 'all municipalities' : running.municipalities.length === 0 ? 'no municipality' : running.municipalities.join(', ');
  return new ProblemException(409, OVERLAPPING_RUN, title,
    `Cohort run ${running.id} over ${scope} is still running and covers newcomers this run would. Follow it, or start another once it is done.`,
    undefined, { Location: `/api/v1/cohort-runs/${running.id}` }, { runningRunId: running.id });
}
