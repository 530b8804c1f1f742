import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useSession } from '../app/session';
import { cohortRunIdOf, isErasedExplanation, Match } from './match-types';
import { shortId } from './people';

/** Where a proposal came from: a cohort run (a link for coordinators), a request for one newcomer, or unknown once its explanation was erased. */
export function MatchOrigin({ match }: { match: Match }) {
  const { t } = useTranslation('matching');
  const { has } = useSession();
  const runId = cohortRunIdOf(match);
  if (runId) {
    const label = t('origin.cohortRun', { id: shortId(runId) });
    return has('coordinator') ? <Link to={`/coordinator/cohort-runs/${runId}`}>{label}</Link> : <>{label}</>;
  }
  return <>{isErasedExplanation(match.explanation) ? t('origin.unknown') : t('origin.onDemand')}</>;
}
