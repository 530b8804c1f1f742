/** The proposals and matches of one newcomer or key person (`GET /matches?newcomerId=` or `keyPersonId=`). */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PersonKind, PersonLink, usePersonNames } from '../../matching/people';
import { BusyButton, formatDateTime, formatNumber, ProblemAlert, usePoll } from '../../app/ui';
import type { MatchSummary } from '../model/profile.types';
import { PagedList, useMoreRows, usePagedList } from '../../app/use-paged-list';

/** A match's page in the matching area (coordinators and intake workers). */
const matchPath = (id: string) => `/coordinator/matches/${id}`;

/** What the matcher withdraws once a newcomer is withdrawn: every open match. */
export const CLOSED_BY_WITHDRAWAL: readonly string[] = ['proposed', 'approved', 'accepted'];
/** What it withdraws once a key person retires or pauses: what still awaits an answer; accepted matches run on. */
export const CLOSED_BY_RETIREMENT: readonly string[] = ['proposed', 'approved'];
/** A newcomer's match in one of these statuses is open: the API refuses a match request meanwhile (NEWCOMER.ALREADY_MATCHING). */
export const OPEN_MATCH_STATUSES: readonly string[] = ['proposed', 'approved', 'accepted'];

const SETTLE_MS = 500;
const SETTLE_TRIES = 30;

/**
 * The list read again whenever the subject changes (`revision`), and, while
 * matches with a status in `closing` are still listed, every half second for
 * a while: the matcher withdraws them shortly after the withdrawal or
 * retirement that closes them, and the page should show that, not a stale "proposed".
 */
function useSettledList(list: PagedList<MatchSummary>, revision: number, closing: readonly string[]): void {
  const [tries, setTries] = useState(0);
  const seen = useRef(revision);
  useEffect(() => {
    if (seen.current === revision) return;
    seen.current = revision;
    setTries(0);
    list.reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [revision]);
  const unsettled = tries < SETTLE_TRIES && list.items.some((match) => closing.includes(match.status));
  usePoll(() => {
    setTries((n) => n + 1);
    list.reload();
  }, SETTLE_MS, unsettled && !list.loading);
}

export function SubjectMatches({ query, counterpart, revision, closing = [] }: {
  query: { newcomerId: string } | { keyPersonId: string };
  counterpart: 'newcomer' | 'keyPerson';
  /** The subject's revision: the list is read again when it changes. */
  revision: number;
  /** Statuses the matcher is about to withdraw (the subject was withdrawn or retired). */
  closing?: readonly string[];
}) {
  const { t, i18n } = useTranslation('profiles');
  const list = usePagedList<MatchSummary>('/matches', query, 20);
  const more = useMoreRows(list);
  useSettledList(list, revision, closing);
  // The other party by name, as the proposal queue shows them (read with the user's role; the id where it may not).
  const kind: PersonKind = counterpart === 'keyPerson' ? 'key-person' : 'newcomer';
  const otherOf = (match: MatchSummary) => (counterpart === 'keyPerson' ? match.keyPersonId : match.newcomerId);
  const nameOf = usePersonNames(list.items.map((match) => ({ kind, id: otherOf(match) })));
  const headingId = 'profiles-matches-title';
  return (
    <section className="profiles-matches" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('matches.title')}</h2>
      <ProblemAlert error={list.error} onRetry={list.reload} />
      {list.loading && list.items.length === 0 ? <p className="muted">{t('common:loading')}</p> : null}
      {!list.loading && !list.error && list.items.length === 0 ? <p className="muted">{t('matches.none')}</p> : null}
      {list.items.length > 0 ? (
        <table className="table">
          <caption className="visually-hidden">{t('matches.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('matches.status')}</th>
              <th scope="col">{counterpart === 'keyPerson' ? t('matches.keyPerson') : t('matches.newcomer')}</th>
              <th scope="col" className="number">{t('matches.score')}</th>
              <th scope="col">{t('matches.proposedAt')}</th>
              <th scope="col"><span className="visually-hidden">{t('matches.details')}</span></th>
            </tr>
          </thead>
          <tbody ref={more.rows}>
            {list.items.map((match) => {
              const other = otherOf(match);
              return (
                <tr key={match.id}>
                  <td>
                    <span className={`badge ${match.status}`}>{i18n.exists(`profiles:matches.statuses.${match.status}`) ? t(`matches.statuses.${match.status}`) : match.status}</span>
                  </td>
                  <td>
                    <PersonLink kind={kind} id={other} name={nameOf(kind, other)} />
                  </td>
                  <td className="number">{formatNumber(match.score, i18n.language, 3)}</td>
                  <td>{formatDateTime(match.proposedAt, i18n.language)}</td>
                  <td>
                    <Link to={matchPath(match.id)}>
                      {t('matches.open')}
                      <span className="visually-hidden"> {t('matches.ofDate', { date: formatDateTime(match.proposedAt, i18n.language) })}</span>
                    </Link>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {list.more ? (
        <BusyButton onClick={more.loadMore} busy={list.loading}>
          {t('common:more')}
        </BusyButton>
      ) : null}
    </section>
  );
}
