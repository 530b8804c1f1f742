import { ReactNode, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNumber } from '../app/ui';
import { useLanguageNames } from '../profiles/fields/reference';
import { componentLabel, describeComponent, exclusionLabel, exclusionsWithCount, languageCodesOf } from './explanation-words';
import { Explanation, ExplanationComponent, isErasedExplanation, readExplanation } from './match-types';
import { formatFixed } from './numbers';
import { shortId } from './people';

/**
 * Why a key person was proposed (SPEC §5), as a coordinator or auditor reads
 * it: each score component in words with its raw value, weight and
 * contribution (a bar and the number), the total; how many candidates were
 * considered and which hard constraint excluded how many; the next best
 * alternatives. `explanation` is the object the API stores with the proposal
 * (`GET /matches/{id}` or `GET /audit/matches/{id}/explanation`).
 */
export interface ExplanationBreakdownProps {
  /** As the API returns it; read defensively, since it is stored JSON. `{ erased: true }` or absent: it can no longer be read. */
  readonly explanation: Explanation | Readonly<Record<string, unknown>> | null | undefined;
  /** How to show an alternative key person (a name, a link); their short id by default. */
  readonly renderKeyPerson?: (keyPersonId: string) => ReactNode;
  /** Level of the section's heading; its parts take the next level. */
  readonly headingLevel?: 2 | 3;
}

export function ExplanationBreakdown({ explanation: stored, renderKeyPerson, headingLevel = 2 }: ExplanationBreakdownProps) {
  const { t, i18n } = useTranslation('matching');
  const explanation = useMemo(() => readExplanation(stored), [stored]);
  const languageCodes = useMemo(() => (explanation.components ?? []).flatMap(languageCodesOf), [explanation]);
  const languageNameOf = useLanguageNames(languageCodes);
  const lang = i18n.language;
  const titleId = useId();
  const Heading = `h${headingLevel}` as 'h2' | 'h3';
  const Sub = `h${headingLevel + 1}` as 'h3' | 'h4';
  // Sealed under both people's keys: once either is erased, the API gives `{ erased: true }` in its place (an older API, nothing).
  if (isErasedExplanation(stored)) {
    return (
      <section className="matching-explanation" aria-labelledby={titleId}>
        <Heading id={titleId}>{t('explanation.title')}</Heading>
        <p>{t('explanation.erased')}</p>
      </section>
    );
  }

  const components = explanation.components ?? [];
  const totalWeight = components.reduce((sum, c) => sum + (Number.isFinite(c.weight) ? c.weight : 0), 0);
  const possible = (c: ExplanationComponent) => (totalWeight > 0 ? c.weight / totalWeight : 0);
  const scale = Math.max(0, ...components.map(possible), ...components.map((c) => c.contribution));
  const score = explanation.score ?? components.reduce((sum, c) => sum + c.contribution, 0);
  const keyPerson = renderKeyPerson ?? ((id: string) => <span className="matching-id">{shortId(id)}</span>);

  const excluded = explanation.excluded ?? {};
  const withCount = exclusionsWithCount(excluded);
  const excludedTotal = withCount.reduce((sum, r) => sum + excluded[r], 0);
  const considered = explanation.considered;
  const alternatives = explanation.alternatives ?? [];

  return (
    <section className="matching-explanation" aria-labelledby={titleId}>
      <Heading id={titleId}>{t('explanation.title')}</Heading>
      <p className="matching-explanation-lead">
        {t('explanation.lead', { score: formatFixed(score, lang, 3) })}
        {explanation.shareOfBest !== undefined ? ` ${t('explanation.shareOfBest', { share: formatNumber(explanation.shareOfBest * 100, lang, 0) })}` : ''}
      </p>

      <div className="matching-table-scroll">
        <table className="table matching-components">
          <caption className="visually-hidden">{t('explanation.componentsCaption', { score: formatFixed(score, lang, 3) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('explanation.component')}</th>
              <th scope="col">{t('explanation.measured')}</th>
              <th scope="col" className="number">{t('explanation.value')}</th>
              <th scope="col" className="number">{t('explanation.weight')}</th>
              <th scope="col">{t('explanation.contribution')}</th>
            </tr>
          </thead>
          <tbody>
            {components.map((component) => (
              <tr key={component.name} data-component={component.name}>
                <th scope="row">{componentLabel(component.name, t)}</th>
                <td>{describeComponent(component, t, lang, (code) => languageNameOf(code).name)}</td>
                <td className="number" data-field="value">{formatFixed(typeof component.raw.value === 'number' ? component.raw.value : null, lang, 2)}</td>
                <td className="number" data-field="weight">{formatNumber(component.weight, lang, 2)}</td>
                <td className="matching-contribution">
                  <ContributionBar value={component.contribution} possible={possible(component)} scale={scale} />
                  <span className="matching-contribution-number" data-field="contribution">
                    {formatFixed(component.contribution, lang, 3)}
                  </span>
                  <span className="visually-hidden"> {t('explanation.ofPossible', { possible: formatFixed(possible(component), lang, 3) })}</span>
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={4}>
                {t('explanation.total')}
              </th>
              <td className="matching-contribution">
                <span className="matching-bar-spacer" aria-hidden="true" />
                <span className="matching-contribution-number" data-field="total">
                  {formatFixed(score, lang, 3)}
                </span>
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="field-hint">{t('explanation.barHint')}</p>

      <div className="matching-explanation-parts">
        <div>
          <Sub>{t('excluded.title')}</Sub>
          <p data-field="considered">
            {considered === undefined
              ? t('excluded.unknownConsidered')
              : t('excluded.summary', { count: considered, considered: formatNumber(considered, lang, 0), excluded: formatNumber(excludedTotal, lang, 0), feasible: formatNumber(Math.max(0, considered - excludedTotal), lang, 0) })}
          </p>
          {withCount.length === 0 ? (
            <p className="muted">{t('excluded.none')}</p>
          ) : (
            <table className="table matching-excluded">
              <caption className="visually-hidden">{t('excluded.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('excluded.reasonColumn')}</th>
                  <th scope="col" className="number">{t('excluded.count')}</th>
                </tr>
              </thead>
              <tbody>
                {withCount.map((reason) => (
                  <tr key={reason} data-reason={reason}>
                    <td>{exclusionLabel(reason, t)}</td>
                    <td className="number">{formatNumber(excluded[reason], lang, 0)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <div>
          <Sub>{t('alternatives.title')}</Sub>
          {alternatives.length === 0 ? (
            <p className="muted">{t('alternatives.none')}</p>
          ) : (
            <table className="table matching-alternatives">
              <caption className="visually-hidden">{t('alternatives.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('alternatives.keyPerson')}</th>
                  <th scope="col" className="number">{t('alternatives.score')}</th>
                  <th scope="col" className="number">{t('alternatives.difference')}</th>
                </tr>
              </thead>
              <tbody>
                {alternatives.map((alternative) => (
                  <tr key={alternative.keyPersonId}>
                    <td>{keyPerson(alternative.keyPersonId)}</td>
                    <td className="number">{formatFixed(alternative.score, lang, 3)}</td>
                    <td className="number">{formatFixed(-(alternative.gap ?? score - alternative.score), lang, 3)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>

      {explanation.cohortRunId ? (
        <p className="matching-explanation-note">
          {t('explanation.cohort', { id: shortId(explanation.cohortRunId), weight: formatFixed(explanation.cohortWeight ?? null, lang, 3) })}
          {explanation.cohortScore !== undefined && formatFixed(explanation.cohortScore, lang, 3) !== formatFixed(score, lang, 3)
            ? ` ${t('explanation.cohortScore', { run: formatFixed(explanation.cohortScore, lang, 3), score: formatFixed(score, lang, 3) })}`
            : null}
        </p>
      ) : null}
      {explanation.policyVersion !== undefined || explanation.scoredAt ? (
        <p className="muted matching-explanation-note">
          {t('explanation.scored', { version: explanation.policyVersion ?? '—', time: formatDateTime(explanation.scoredAt, lang) })}
        </p>
      ) : null}
    </section>
  );
}

/** The contribution against what the component could have given at most (the track), on one scale for every row. */
function ContributionBar({ value, possible, scale }: { value: number; possible: number; scale: number }) {
  const width = 120;
  const at = (x: number) => (scale > 0 ? Math.max(0, Math.min(width, (x / scale) * width)) : 0);
  return (
    <svg className="matching-bar" width={width} height={14} viewBox={`0 0 ${width} 14`} aria-hidden="true" focusable="false">
      <rect x={0} y={2} width={at(possible)} height={10} rx={2} className="matching-bar-track" />
      <rect x={0} y={2} width={at(value)} height={10} rx={2} className="matching-bar-fill" />
    </svg>
  );
}
