import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { BusyButton, formatDateTime, formatNumber, Loading, Page, ProblemAlert } from '../app/ui';
import { useMoreRows, usePagedList } from '../app/use-paged-list';
import type { CohortRun } from './cohort-run-types';
import { StartCohortRunForm } from './StartCohortRunForm';
import { StatusBadge } from './StatusBadge';

/**
 * `/coordinator/cohort-runs`: start a cohort run, and the runs so far, newest
 * first (`GET /cohort-runs`), each linking to its progress and fairness report.
 */
export function CohortRunsPage() {
  const { t, i18n } = useTranslation('matching');
  const lang = i18n.language;
  const runs = usePagedList<CohortRun>('/cohort-runs', {}, 20);
  const more = useMoreRows(runs);
  const { loading, error } = runs;

  return (
    <Page title={t('runs.title')}>
      <p className="matching-intro">{t('runs.intro')}</p>
      <StartCohortRunForm />
      <section aria-labelledby="matching-runs-title">
        <div className="matching-section-header">
          <h2 id="matching-runs-title">{t('runs.listTitle')}</h2>
          <BusyButton onClick={() => runs.reload()} busy={loading}>
            {t('queue.refresh')}
          </BusyButton>
        </div>
        <ProblemAlert error={error} onRetry={() => runs.reload()} />
        {loading && runs.items.length === 0 ? <Loading /> : null}
        {!loading && !error && runs.items.length === 0 ? <p className="card">{t('runs.empty')}</p> : null}
        {runs.items.length > 0 ? (
          <div className="matching-table-scroll">
            <table className="table matching-runs">
              <caption className="visually-hidden">{t('runs.listTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('runs.startedAt')}</th>
                  <th scope="col">{t('runs.status')}</th>
                  <th scope="col">{t('runs.requestedBy')}</th>
                  <th scope="col">{t('runs.scope')}</th>
                  <th scope="col" className="number">{t('summary.newcomers')}</th>
                  <th scope="col" className="number">{t('summary.assigned')}</th>
                  <th scope="col" className="number">{t('summary.proposed')}</th>
                  <th scope="col">{t('runs.finishedAt')}</th>
                </tr>
              </thead>
              <tbody ref={more.rows}>
                {runs.items.map((run) => (
                  <tr key={run.id} data-run-id={run.id}>
                    <td>
                      <Link to={`/coordinator/cohort-runs/${run.id}`}>{formatDateTime(run.startedAt, lang)}</Link>
                    </td>
                    <td>
                      <StatusBadge status={run.status} kind="run" />
                      {run.status === 'running' && run.stage ? (
                        <span className="muted"> · {t(`stage.${run.stage}`)}</span>
                      ) : null}
                    </td>
                    <td>{run.requestedBy === 'schedule' ? t('runs.schedule') : run.requestedBy}</td>
                    <td>{run.municipalities ? run.municipalities.join(', ') : t('common:allMunicipalities')}</td>
                    <td className="number">{formatNumber(run.summary?.newcomers, lang, 0)}</td>
                    <td className="number">{formatNumber(run.summary?.assigned, lang, 0)}</td>
                    <td className="number">{formatNumber(run.summary?.proposed, lang, 0)}</td>
                    <td>{formatDateTime(run.finishedAt, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {runs.more ? (
          <div className="form-actions">
            <BusyButton onClick={more.loadMore} busy={loading}>
              {t('common:more')}
            </BusyButton>
          </div>
        ) : null}
      </section>
    </Page>
  );
}
