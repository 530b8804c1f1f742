import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../app/api';
import { useApi } from '../app/session';
import { Loading, Page, ProblemAlert, useLoad } from '../app/ui';
import { ProposalExplanation, storedExplanationOf } from './audit.types';
import { formatExact, formatInstant, formatScore, Instant } from './format';
import { RankingComparison, rankingFieldWords } from './RankingComparison';
import { ScoreComparison } from './ScoreComparison';
import { StoredExplanation } from './StoredExplanation';
import { trailPath } from './subjects';
import { Verdict, verdictOf } from './verdict';

/**
 * `/audit/matches/:id`: why a proposal was made (its stored explanation), and
 * the proof: the score and the ranking computed again from the log as it was
 * at the recorded position, with the recorded policy version (SPEC §4
 * invariant 7).
 */
export function ExplanationPage() {
  const id = (useParams().id ?? '').toLowerCase();
  return <ExplanationOf key={id} id={id} />;
}

function ExplanationOf({ id }: { id: string }) {
  const { t } = useTranslation('audit');
  const api = useApi();
  const { data, error, loading, reload } = useLoad(async () => (await api.get<ProposalExplanation>(`/audit/matches/${id}/explanation`)).body, [id]);
  return (
    <Page title={t('explanation.title')} actions={<Link to={trailPath('matches', id)}>{t('explanation.matchTrail')}</Link>}>
      {loading && !data ? <Loading /> : null}
      {error ? (
        error instanceof ApiError && error.status === 404 ? (
          <div className="alert alert-warn" role="alert">
            <p>{t('explanation.notFound', { id })}</p>
          </div>
        ) : (
          <ProblemAlert error={error} onRetry={reload} />
        )
      ) : null}
      {data ? <Explanation proposal={data} /> : null}
    </Page>
  );
}

function Explanation({ proposal }: { proposal: ProposalExplanation }) {
  const { t, i18n } = useTranslation('audit');
  const { reproduction } = proposal;
  const verdict = verdictOf(proposal);
  const stored = storedExplanationOf(proposal);
  const hasExplanation = Array.isArray(stored.components);
  return (
    <>
      <section className="card audit-verdict" aria-labelledby="audit-verdict-heading">
        <h2 id="audit-verdict-heading" className="visually-hidden">
          {t('explanation.verdictHeading')}
        </h2>
        <p className="audit-verdict-line">
          <span className={`audit-verdict-badge audit-verdict-${verdict}`}>{t(`explanation.verdict.${verdict}`)}</span>
          <span className="audit-verdict-scores">
            {t('explanation.storedScore')} <strong>{formatScore(proposal.score, i18n.language)}</strong>
            <span aria-hidden="true"> · </span>
            {t('explanation.reproducedScore')} <strong>{formatScore(reproduction.score, i18n.language)}</strong>
          </span>
        </p>
        <p>{verdictWords(t, proposal, verdict, i18n.language)}</p>
        <dl className="audit-facts">
          <div>
            <dt>{t('explanation.newcomer')}</dt>
            <dd>
              <Link to={trailPath('newcomers', proposal.newcomerId)}>
                <code>{proposal.newcomerId}</code>
              </Link>
            </dd>
          </div>
          <div>
            <dt>{t('explanation.keyPerson')}</dt>
            <dd>
              <Link to={trailPath('key-persons', proposal.keyPersonId)}>
                <code>{proposal.keyPersonId}</code>
              </Link>
            </dd>
          </div>
          <div>
            <dt>{t('explanation.proposedAt')}</dt>
            <dd>
              <Instant iso={proposal.proposedAt} />
            </dd>
          </div>
          <div>
            <dt>{t('explanation.policyVersion')}</dt>
            <dd>{proposal.policyVersion}</dd>
          </div>
          <div>
            <dt>{t('explanation.logPosition')}</dt>
            <dd>{proposal.logPosition}</dd>
          </div>
          <div className="audit-fact-wide">
            <dt>{t('explanation.exactScores')}</dt>
            <dd>
              <code className="audit-exact" data-testid="stored-score">{formatExact(proposal.score, i18n.language)}</code>
              {' / '}
              <code className="audit-exact" data-testid="reproduced-score">{reproduction.score === null ? '—' : formatExact(reproduction.score, i18n.language)}</code>
            </dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="audit-stored-heading" className="audit-section">
        <h2 id="audit-stored-heading">{t('explanation.storedHeading')}</h2>
        {hasExplanation ? <StoredExplanation explanation={stored} /> : <p className="alert alert-warn">{t('explanation.storedErased')}</p>}
      </section>

      {reproduction.components ? (
        <section aria-labelledby="audit-score-heading" className="audit-section">
          <h2 id="audit-score-heading">{t('explanation.scoreHeading')}</h2>
          <ScoreComparison proposal={proposal} />
        </section>
      ) : null}

      {reproduction.ranking ? (
        <section aria-labelledby="audit-ranking-heading" className="audit-section">
          <h2 id="audit-ranking-heading">{t('explanation.rankingHeading')}</h2>
          <RankingComparison proposal={proposal} ranking={reproduction.ranking} />
        </section>
      ) : null}
    </>
  );
}

function verdictWords(t: TFunction<'audit'>, proposal: ProposalExplanation, verdict: Verdict, language: string): string {
  const { reproduction } = proposal;
  const basis = t('explanation.basis', {
    position: reproduction.logPosition,
    version: reproduction.policyVersion,
    newcomerRevision: reproduction.newcomerRevision ?? '—',
    keyPersonRevision: reproduction.keyPersonRevision ?? '—',
    time: formatInstant(reproduction.scoredAt, language),
    scoredAt: t(`explanation.scoredAtSource.${reproduction.scoredAtSource}`, { defaultValue: reproduction.scoredAtSource }),
  });
  if (verdict === 'unreproducible') return t('explanation.unreproducible', { reason: reasonWords(t, reproduction.reason) });
  const score = formatScore(reproduction.score, language);
  if (verdict === 'equal') return `${basis} ${t('explanation.equalWords', { score })}`;
  if (!reproduction.scoreEqual) return `${basis} ${t('explanation.scoreDiffers', { reproduced: score, stored: formatScore(proposal.score, language) })}`;
  const erasedSince = reproduction.ranking?.erasedSince ?? 0;
  if (verdict === 'erased-since') return `${basis} ${t('explanation.erasedSinceWords', { score, count: erasedSince })}`;
  const fields = rankingFieldWords(t, reproduction.ranking?.unexplained ?? []);
  return `${basis} ${erasedSince > 0 ? t('explanation.rankingDiffersDespiteErasures', { fields, count: erasedSince }) : t('explanation.rankingDiffers', { fields })}`;
}

/** Why the API could not score again, in the user's language where the console knows the reason (libs/audit/src/proposal-reproduction.ts). */
function reasonWords(t: TFunction<'audit'>, reason: string | undefined): string {
  if (!reason) return '—';
  if (reason === "the newcomer's personal data was erased") return t('explanation.reasons.newcomerErased');
  if (reason === "the key person's personal data was erased") return t('explanation.reasons.keyPersonErased');
  if (reason === 'the newcomer was not registered at the recorded position') return t('explanation.reasons.newcomerMissing');
  if (reason === 'the key person was not registered at the recorded position') return t('explanation.reasons.keyPersonMissing');
  const policy = /^policy version (\d+) is not in the policy's history$/.exec(reason);
  if (policy) return t('explanation.reasons.policyMissing', { version: policy[1] });
  const constraint = /^the pair fails the hard constraint (.+)$/.exec(reason);
  if (constraint) return t('explanation.reasons.hardConstraint', { constraint: t(`exclusions.${constraint[1]}`, { defaultValue: constraint[1] }) });
  return reason;
}
