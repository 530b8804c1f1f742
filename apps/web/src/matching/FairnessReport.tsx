import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguageNames } from '../profiles/fields/reference';
import { formatNumber } from '../app/ui';
import { BarChart, ChartFigure } from './BarChart';
import type { FairnessReport as Report, GroupFigures } from './cohort-run-types';
import { formatFixed } from './numbers';

type Dimension = 'byLanguage' | 'byGender' | 'byAgeBand';
const DIMENSIONS: readonly Dimension[] = ['byLanguage', 'byGender', 'byAgeBand'];

/** A group as a coordinator reads it: a language by name, a gender or age band in words. */
function groupLabel(dimension: Dimension, group: string, t: TFunction, languageNameOf: (code: string) => string): string {
  if (dimension === 'byLanguage') return group === 'none' ? t('fairness.group.none') : `${languageNameOf(group)} (${group})`;
  return t(`fairness.group.${group}`, { defaultValue: group });
}

const percent = (share: number, lang: string) => `${formatNumber(share * 100, lang, 0)}%`;

/**
 * A cohort run's fairness report (SPEC §5): per language spoken best (a
 * newcomer tied between several counts under each, so those groups overlap,
 * as the caption says), gender and age band, how many waiting newcomers were matched and how long they had
 * waited, as bar charts with their tables; and how the work spread over the
 * key persons. It shows; it decides nothing.
 */
export function FairnessReport({ report }: { report: Report }) {
  const { t, i18n } = useTranslation('matching');
  const lang = i18n.language;
  const { overall, load } = report;
  const languageCodes = useMemo(() => report.byLanguage.map((g) => g.group).filter((group) => group !== 'none'), [report]);
  const languageNameOf = useLanguageNames(languageCodes);

  const figure = (dimension: Dimension) => {
    const groups: readonly GroupFigures[] = report[dimension];
    const label = (g: GroupFigures) => groupLabel(dimension, g.group, t, (code) => languageNameOf(code).name);
    // At least one day wide, so that waits of minutes do not fill the chart.
    const longestWait = Math.max(1, ...groups.map((g) => g.meanWaitingDays));
    return (
      <ChartFigure
        key={dimension}
        caption={t(`fairness.${dimension}`)}
        charts={
          groups.length === 0 ? (
            <p className="muted">{t('fairness.noGroups')}</p>
          ) : (
            <>
              <BarChart
                title={t('fairness.matchRate')}
                max={1}
                maxLabel="100%"
                bars={groups.map((g) => ({ label: label(g), value: g.matchRate, valueText: percent(g.matchRate, lang) }))}
              />
              <BarChart
                title={t('fairness.waiting')}
                max={longestWait}
                maxLabel={formatNumber(longestWait, lang, 1)}
                bars={groups.map((g) => ({ label: label(g), value: g.meanWaitingDays, valueText: formatNumber(g.meanWaitingDays, lang, 1) }))}
              />
            </>
          )
        }
        table={
          <table className="table matching-fairness-table" data-dimension={dimension}>
            <thead>
              <tr>
                <th scope="col">{t('fairness.group.title')}</th>
                <th scope="col" className="number">{t('fairness.newcomers')}</th>
                <th scope="col" className="number">{t('fairness.matched')}</th>
                <th scope="col" className="number">{t('fairness.matchRate')}</th>
                <th scope="col" className="number">{t('fairness.waiting')}</th>
                <th scope="col" className="number">{t('fairness.meanScore')}</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <tr key={g.group}>
                  <th scope="row">{label(g)}</th>
                  <td className="number">{formatNumber(g.newcomers, lang, 0)}</td>
                  <td className="number">{formatNumber(g.matched, lang, 0)}</td>
                  <td className="number">{percent(g.matchRate, lang)}</td>
                  <td className="number">{formatNumber(g.meanWaitingDays, lang, 1)}</td>
                  <td className="number">{formatFixed(g.meanScore, lang, 3)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    );
  };

  return (
    <section aria-labelledby="matching-fairness-title" className="matching-fairness">
      <h2 id="matching-fairness-title">{t('fairness.title')}</h2>
      <p>{t('fairness.intro')}</p>
      <p className="matching-fairness-overall" data-field="overall">
        {t('fairness.overall', {
          count: overall.newcomers,
          newcomers: formatNumber(overall.newcomers, lang, 0),
          matched: formatNumber(overall.matched, lang, 0),
          rate: percent(overall.matchRate, lang),
          days: formatNumber(overall.meanWaitingDays, lang, 1),
        })}{' '}
        {overall.meanScore === null ? t('fairness.noneMatched') : t('fairness.overallScore', { score: formatFixed(overall.meanScore, lang, 3) })}
      </p>
      <p className="field-hint" data-field="basis" data-basis={report.basis ?? 'planned'}>
        {t(`fairness.basis.${report.basis ?? 'planned'}`)}
      </p>
      {report.erasedNewcomers ? (
        <p className="matching-fairness-erased" data-field="erasedNewcomers">
          {t('fairness.erased', { count: report.erasedNewcomers, erased: formatNumber(report.erasedNewcomers, lang, 0) })}
        </p>
      ) : null}
      {DIMENSIONS.map(figure)}
      <ChartFigure
        caption={t('fairness.load.title')}
        charts={
          <BarChart
            title={t('fairness.load.chart')}
            max={1}
            maxLabel="1"
            bars={[
              { label: t('fairness.load.utilisation'), value: load.meanUtilisation, valueText: percent(load.meanUtilisation, lang) },
              { label: t('fairness.load.gini'), value: load.gini, valueText: formatFixed(load.gini, lang, 2) },
            ]}
          />
        }
        table={
          <table className="table matching-load-table">
            <thead>
              <tr>
                <th scope="col" className="number">{t('fairness.load.keyPersons')}</th>
                <th scope="col" className="number">{t('fairness.load.minLoad')}</th>
                <th scope="col" className="number">{t('fairness.load.utilisation')}</th>
                <th scope="col" className="number">{t('fairness.load.maxLoad')}</th>
                <th scope="col" className="number">{t('fairness.load.gini')}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td className="number">{formatNumber(load.keyPersons, lang, 0)}</td>
                <td className="number">{formatNumber(load.minLoad, lang, 0)}</td>
                <td className="number">{percent(load.meanUtilisation, lang)}</td>
                <td className="number">{formatNumber(load.maxLoad, lang, 0)}</td>
                <td className="number">{formatFixed(load.gini, lang, 2)}</td>
              </tr>
            </tbody>
          </table>
        }
      />
      <p className="field-hint">{t('fairness.load.hint')}</p>
    </section>
  );
}
