import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useApi, useSession } from '../app/session';
import { formatDateTime, Loading, Page, ProblemAlert, useLoad } from '../app/ui';
import { closingWords } from './closing-reason';
import { ExplanationBreakdown } from './ExplanationBreakdown';
import { MatchActions } from './MatchActions';
import { isPending, Match, readExplanation } from './match-types';
import { MatchOrigin } from './MatchOrigin';
import { formatFixed } from './numbers';
import { PersonLink, usePersonNames } from './people';
import { StatusBadge } from './StatusBadge';

/**
 * `/coordinator/matches/:id`: one proposal or match, why it was proposed, and
 * what a coordinator can do with it now. Intake workers read it too, without
 * the actions.
 */
export function MatchPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('matching');
  const api = useApi();
  const { has } = useSession();
  const loaded = useLoad(async () => (await api.get<Match>(`/matches/${encodeURIComponent(id)}`)).body, [api, id]);
  const match = loaded.data;
  const names = usePersonNames(
    match
      ? [
          { kind: 'newcomer', id: match.newcomerId },
          { kind: 'key-person', id: match.keyPersonId },
          ...(readExplanation(match.explanation).alternatives ?? []).map((a) => ({ kind: 'key-person' as const, id: a.keyPersonId })),
        ]
      : [],
  );
  const lang = i18n.language;
  const title = match && !isPending(match.status) ? t('match.titleMatch') : t('match.titleProposal');

  return (
    <Page title={title} actions={<Link to="/coordinator/proposals">{t('match.back')}</Link>}>
      {!match && loaded.loading ? <Loading /> : null}
      {loaded.error && !match ? <ProblemAlert error={loaded.error} onRetry={loaded.reload} /> : null}
      {match ? (
        <>
          <div className={has('coordinator') ? 'matching-match-layout' : undefined}>
            <section className="card matching-card" aria-labelledby="matching-facts-title">
              <h2 id="matching-facts-title">{t('match.facts')}</h2>
              <dl className="matching-facts">
                <dt>{t('match.status')}</dt>
                <dd>
                  <StatusBadge status={match.status} />
                </dd>
                <dt>{t('match.newcomer')}</dt>
                <dd>
                  <PersonLink kind="newcomer" id={match.newcomerId} name={names('newcomer', match.newcomerId)} />
                </dd>
                <dt>{t('match.keyPerson')}</dt>
                <dd>
                  <PersonLink kind="key-person" id={match.keyPersonId} name={names('key-person', match.keyPersonId)} />
                </dd>
                <dt>{t('match.score')}</dt>
                <dd data-field="score">{formatFixed(match.score, lang, 3)}</dd>
                <dt>{t('match.policyVersion')}</dt>
                <dd>{match.policyVersion}</dd>
                <dt>{t('match.proposedAt')}</dt>
                <dd>{formatDateTime(match.proposedAt, lang)}</dd>
                <dt>{t('match.origin')}</dt>
                <dd>
                  <MatchOrigin match={match} />
                </dd>
                {isPending(match.status) ? (
                  <>
                    <dt>{match.status === 'proposed' ? t('match.decideBefore') : t('match.answerBefore')}</dt>
                    <dd>{formatDateTime(match.expiresAt, lang)}</dd>
                  </>
                ) : null}
                {match.approvedAt ? (
                  <>
                    <dt>{t('match.approved')}</dt>
                    <dd>{t('match.byAt', { by: match.approvedBy ?? '—', at: formatDateTime(match.approvedAt, lang) })}</dd>
                  </>
                ) : null}
                {match.acceptedBy.length > 0 ? (
                  <>
                    <dt>{t('match.acceptedBy')}</dt>
                    <dd>{match.acceptedBy.map((party) => t(`party.${party}`)).join(', ')}</dd>
                  </>
                ) : null}
                {match.closing ? (
                  <>
                    <dt>{t('match.closed')}</dt>
                    <dd>{closingWords(match.closing, formatDateTime(match.closedAt, lang), t)}</dd>
                  </>
                ) : null}
              </dl>
            </section>
            {has('coordinator') ? <MatchActions match={match} onChanged={loaded.reload} /> : null}
          </div>
          {loaded.error ? <ProblemAlert error={loaded.error} onRetry={loaded.reload} /> : null}
          <ExplanationBreakdown
            explanation={match.explanation}
            renderKeyPerson={(keyPersonId) => <PersonLink kind="key-person" id={keyPersonId} name={names('key-person', keyPersonId)} />}
          />
        </>
      ) : null}
    </Page>
  );
}

