import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Alternative, ProposalExplanation, RankingReproduction, storedExplanationOf } from './audit.types';
import { formatCount, formatPercent, formatScore, shortId } from './format';
import { Same } from './ScoreComparison';
import { trailPath } from './subjects';

/**
 * The whole ranking computed again against every key person as of the
 * recorded position, beside what the proposal stored: who was considered,
 * who was excluded by which hard constraint, the best attainable score and
 * the next best alternatives. Key persons erased since the scoring are left
 * out by the API; a difference that leaving them out accounts for is marked
 * as such, apart from those nothing accounts for.
 */
export function RankingComparison({ proposal, ranking }: { proposal: ProposalExplanation; ranking: RankingReproduction }) {
  const { t, i18n } = useTranslation('audit');
  const language = i18n.language;
  const stored = storedExplanationOf(proposal);
  const storedExcluded = stored.excluded ?? {};
  const reasons = [...new Set([...Object.keys(ranking.excluded), ...Object.keys(storedExcluded)])];
  const rows: { key: string; field: string; label: string; stored: string; reproduced: string; equal: boolean }[] = [
    row('considered', 'considered', t('ranking.considered'), stored.considered, ranking.considered, (n) => formatCount(n, language)),
    ...reasons.map((reason) =>
      row(`excluded-${reason}`, 'excluded', t('ranking.excludedBy', { reason: t(`exclusions.${reason}`, { defaultValue: reason }) }), storedExcluded[reason], ranking.excluded[reason], (n) =>
        formatCount(n, language),
      ),
    ),
    row('bestAttainable', 'bestAttainable', t('ranking.bestAttainable'), stored.bestAttainable, ranking.bestAttainable, (n) => formatScore(n, language)),
    row('shareOfBest', 'shareOfBest', t('ranking.shareOfBest'), stored.shareOfBest ?? undefined, ranking.shareOfBest ?? undefined, (n) => formatPercent(n, language)),
  ];
  const explained = explainedFields(ranking);
  const ranked = { count: ranking.considered, position: proposal.logPosition };
  return (
    <>
      <p className="audit-verdict-line">
        {ranking.equal ? <Same equal /> : ranking.unexplained.length === 0 && explained.length > 0 ? <ExplainedByErasures /> : <Same equal={false} />}{' '}
        {ranking.equal ? t('ranking.equal') : t('ranking.differs', { fields: rankingFieldWords(t, ranking.differences) })}
      </p>
      {ranking.equal ? null : (
        <ul className="audit-ranking-differences">
          {explained.length > 0 ? <li>{t('ranking.explainedFields', { fields: rankingFieldWords(t, explained) })}</li> : null}
          {ranking.unexplained.length > 0 ? <li>{t('ranking.unexplainedFields', { fields: rankingFieldWords(t, ranking.unexplained) })}</li> : null}
        </ul>
      )}
      {ranking.erasedSince > 0 ? <p data-testid="ranking-erased-since">{t('ranking.erasedSince', { count: ranking.erasedSince, position: proposal.logPosition })}</p> : null}
      <p>
        {ranking.erasedSince > 0 ? t('ranking.summaryRankedReadable', ranked) : t('ranking.summaryRanked', ranked)} {t('ranking.summaryFeasible', { count: ranking.feasible })}{' '}
        {ranking.place === null ? t('ranking.notPlaced') : t('ranking.place', { place: ranking.place, total: ranking.feasible })}
      </p>
      <table className="table audit-compare">
        <caption className="audit-caption">{t('ranking.countsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('compare.what')}</th>
            <th scope="col" className="number">
              {t('compare.stored')}
            </th>
            <th scope="col" className="number">
              {t('compare.reproduced')}
            </th>
            <th scope="col">{t('compare.result')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td className="number">{r.stored}</td>
              <td className="number">{r.reproduced}</td>
              <td>
                <Result equal={r.equal} explained={explained.includes(r.field)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Alternatives stored={stored.alternatives ?? []} reproduced={ranking.alternatives} proposedScore={proposal.score} explained={explained.includes('alternatives')} />
    </>
  );
}

/** The ranking's fields (`differences`, `unexplained`) in the user's language, as a list. */
export function rankingFieldWords(t: TFunction<'audit'>, fields: readonly string[]): string {
  return fields.map((field) => t(`ranking.fields.${field}`, { defaultValue: field })).join(', ');
}

/** Those of the differences that leaving out the key persons erased since accounts for. */
function explainedFields(ranking: RankingReproduction): readonly string[] {
  return ranking.erasedSince > 0 ? ranking.differences.filter((field) => !ranking.unexplained.includes(field)) : [];
}

/** A difference accounted for by erasures is still a difference: said so, not shown as equal. */
function Result({ equal, explained }: { equal: boolean; explained: boolean }) {
  return !equal && explained ? <ExplainedByErasures /> : <Same equal={equal} />;
}

function ExplainedByErasures() {
  const { t } = useTranslation('audit');
  return <span className="badge audit-explained">{t('compare.explainedByErasures')}</span>;
}

function row(key: string, field: string, label: string, stored: number | undefined, reproduced: number | undefined, format: (n: number) => string) {
  return {
    key,
    field,
    label,
    stored: stored === undefined ? '—' : format(stored),
    reproduced: reproduced === undefined ? '—' : format(reproduced),
    equal: stored === reproduced,
  };
}

function Alternatives({ stored, reproduced, proposedScore, explained }: { stored: readonly Alternative[]; reproduced: readonly Alternative[]; proposedScore: number; explained: boolean }) {
  const { t, i18n } = useTranslation('audit');
  const ids = [...new Set([...stored.map((a) => a.keyPersonId), ...reproduced.map((a) => a.keyPersonId)])];
  if (ids.length === 0) return <p>{t('ranking.noAlternatives')}</p>;
  return (
    <table className="table audit-compare">
      <caption className="audit-caption">{t('ranking.alternativesCaption', { score: formatScore(proposedScore, i18n.language) })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('ranking.keyPerson')}</th>
          <th scope="col" className="number">
            {t('ranking.storedScore')}
          </th>
          <th scope="col" className="number">
            {t('ranking.reproducedScore')}
          </th>
          <th scope="col" className="number">
            {t('ranking.gap')}
          </th>
          <th scope="col">{t('compare.result')}</th>
        </tr>
      </thead>
      <tbody>
        {ids.map((id, index) => {
          const a = stored.find((x) => x.keyPersonId === id);
          const b = reproduced.find((x) => x.keyPersonId === id);
          const equal = a !== undefined && b !== undefined && a.score === b.score && a.gap === b.gap && stored.indexOf(a) === reproduced.indexOf(b);
          return (
            <tr key={id}>
              <th scope="row">
                <span className="muted">{index + 1}.</span>{' '}
                <Link to={trailPath('key-persons', id)} title={id}>
                  <code>{shortId(id)}</code>
                  <span className="visually-hidden"> {t('data.openTrail')}</span>
                </Link>
              </th>
              <td className="number">{formatScore(a?.score, i18n.language)}</td>
              <td className="number">{formatScore(b?.score, i18n.language)}</td>
              <td className="number">{formatScore(a?.gap ?? b?.gap, i18n.language)}</td>
              <td>
                <Result equal={equal} explained={explained} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
