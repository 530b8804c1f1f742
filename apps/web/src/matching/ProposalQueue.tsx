import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { Query } from '../app/api';
import { BusyButton, formatDateTime, Loading, Page, ProblemAlert } from '../app/ui';
import { useMoreRows, usePagedList } from '../app/use-paged-list';
import { Match, MATCH_STATUSES } from './match-types';
import { MatchOrigin } from './MatchOrigin';
import { formatFixed } from './numbers';
import { PersonLink, shortId, usePersonNames } from './people';
import { StatusBadge } from './StatusBadge';

const PAGE_SIZE = 25;

/** The list's query: a status (none for all) and, for one cohort run's proposals, its id. */
function listQuery(status: string | undefined, cohortRun: string | null): Query {
  return { status, cohortRunId: cohortRun ?? undefined };
}

/**
 * `/coordinator/proposals`: the proposals waiting for a coordinator's
 * decision, oldest first as the API orders them, with a filter for the other
 * statuses and for the proposals of one cohort run (`?cohortRun=`).
 */
export function ProposalQueue() {
  const { t, i18n } = useTranslation('matching');
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status') ?? 'proposed';
  const status = statusParam === 'all' || !(MATCH_STATUSES as readonly string[]).includes(statusParam) ? undefined : statusParam;
  const cohortRun = params.get('cohortRun');
  const list = usePagedList<Match>('/matches', listQuery(status, cohortRun), PAGE_SIZE);
  const more = useMoreRows(list);
  const lang = i18n.language;

  const names = usePersonNames(list.items.flatMap((m) => [{ kind: 'newcomer' as const, id: m.newcomerId }, { kind: 'key-person' as const, id: m.keyPersonId }]));
  const choose = (next: string) => {
    const updated = new URLSearchParams(params);
    if (next === 'proposed') updated.delete('status');
    else updated.set('status', next);
    setParams(updated);
  };
  const showStatus = status !== 'proposed';
  const countText = list.loading && list.items.length === 0 ? '' : t(status === 'proposed' && !cohortRun ? 'queue.countWaiting' : 'queue.count', { count: list.items.length, more: list.more ? '+' : '' });

  return (
    <Page
      title={t('queue.title')}
      actions={
        <BusyButton onClick={list.reload} busy={list.loading}>
          {t('queue.refresh')}
        </BusyButton>
      }
    >
      <p className="matching-intro">{t('queue.intro')}</p>
      <form className="matching-filters" onSubmit={(event) => event.preventDefault()} role="search" aria-label={t('queue.filters')}>
        <div className="field">
          <label htmlFor="matching-status-filter">{t('queue.statusFilter')}</label>
          <select id="matching-status-filter" value={status ?? 'all'} onChange={(event) => choose(event.target.value)}>
            {MATCH_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
            <option value="all">{t('queue.allStatuses')}</option>
          </select>
        </div>
        {cohortRun ? (
          <p className="matching-filter-note">
            {t('queue.cohortFilter', { id: shortId(cohortRun) })}{' '}
            <Link
              to={`/coordinator/proposals${status === 'proposed' ? '' : `?status=${status ?? 'all'}`}`}
            >
              {t('queue.clearCohortFilter')}
            </Link>
          </p>
        ) : null}
      </form>

      <p role="status" className="matching-count">
        {countText}
      </p>
      <ProblemAlert error={list.error} onRetry={list.reload} />
      {list.loading && list.items.length === 0 ? <Loading /> : null}
      {!list.loading && !list.error && list.items.length === 0 ? <p className="card">{status === 'proposed' ? t('queue.emptyWaiting') : t('queue.empty')}</p> : null}
      {list.items.length > 0 ? (
        <div className="matching-table-scroll">
          <table className="table matching-queue">
            <caption className="visually-hidden">{t('queue.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('queue.newcomer')}</th>
                <th scope="col">{t('queue.keyPerson')}</th>
                <th scope="col" className="number">{t('queue.score')}</th>
                <th scope="col" className="number">{t('queue.policy')}</th>
                <th scope="col">{t('queue.proposedAt')}</th>
                {status === 'proposed' ? <th scope="col">{t('queue.decideBefore')}</th> : null}
                <th scope="col">{t('queue.origin')}</th>
                {showStatus ? <th scope="col">{t('queue.status')}</th> : null}
                <th scope="col">
                  <span className="visually-hidden">{t('queue.open')}</span>
                </th>
              </tr>
            </thead>
            <tbody ref={more.rows}>
              {list.items.map((match) => {
                const newcomer = names('newcomer', match.newcomerId);
                return (
                  <tr key={match.id} data-match-id={match.id}>
                    <td>
                      <PersonLink kind="newcomer" id={match.newcomerId} name={newcomer} />
                    </td>
                    <td>
                      <PersonLink kind="key-person" id={match.keyPersonId} name={names('key-person', match.keyPersonId)} />
                    </td>
                    <td className="number">{formatFixed(match.score, lang, 3)}</td>
                    <td className="number">{match.policyVersion}</td>
                    <td>{formatDateTime(match.proposedAt, lang)}</td>
                    {status === 'proposed' ? <td>{formatDateTime(match.expiresAt, lang)}</td> : null}
                    <td>
                      <MatchOrigin match={match} />
                    </td>
                    {showStatus ? (
                      <td>
                        <StatusBadge status={match.status} />
                      </td>
                    ) : null}
                    <td>
                      <Link to={`/coordinator/matches/${match.id}`} className="button matching-open">
                        {match.status === 'proposed' ? t('queue.review') : t('queue.view')}
                        <span className="visually-hidden">
                          {' '}
                          {t('queue.forNewcomer', { name: newcomer.state === 'named' ? newcomer.name : shortId(match.newcomerId) })}
                        </span>
                      </Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {list.more ? (
        <div className="form-actions">
          <BusyButton onClick={more.loadMore} busy={list.loading}>
            {t('common:more')}
          </BusyButton>
        </div>
      ) : null}
    </Page>
  );
}
