import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../app/ui';
import type { UnplacedNewcomer } from './cohort-run-types';
import { exclusionLabel, exclusionsWithCount } from './explanation-words';
import { formatFixed } from './numbers';
import { PersonLink, usePersonNames } from './people';

/** Rows shown at once; a run over a whole region can leave thousands out, and the API gives them all. */
const SHOWN = 200;

/**
 * The waiting newcomers a cohort run left out, each with why: nobody passed
 * the hard constraints (and which constraints excluded how many key persons,
 * the first each failed), or eligible key persons' places did more for others.
 * A coordinator reads it to act (recruit for a language, widen a radius);
 * an auditor, to see nobody was left out without a reason. A newcomer erased
 * since is listed by id, saying their reasons went with their data.
 */
export function UnplacedNewcomers({ unplaced }: { unplaced: readonly UnplacedNewcomer[] | null }) {
  const { t, i18n } = useTranslation('matching');
  const lang = i18n.language;
  const shown = useMemo(() => (unplaced ?? []).slice(0, SHOWN), [unplaced]);
  const nameOf = usePersonNames(useMemo(() => shown.map((u) => ({ kind: 'newcomer' as const, id: u.newcomerId })), [shown]));
  const excludedBy = (excluded: UnplacedNewcomer['excluded']): string =>
    excluded === null
      ? '—'
      : exclusionsWithCount(excluded).map((reason) => `${exclusionLabel(reason, t)}: ${formatNumber(excluded[reason], lang, 0)}`).join('; ') || '—';

  return (
    <section aria-labelledby="matching-run-unplaced" className="matching-run-unplaced">
      <h2 id="matching-run-unplaced">{t('unplaced.title')}</h2>
      {unplaced === null ? (
        <p className="muted">{t('unplaced.notRecorded')}</p>
      ) : unplaced.length === 0 ? (
        <p className="muted">{t('unplaced.none')}</p>
      ) : (
        <>
          <p>{t('unplaced.intro', { count: unplaced.length })}</p>
          <table className="table matching-unplaced">
            <caption className="visually-hidden">{t('unplaced.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('unplaced.newcomer')}</th>
                <th scope="col">{t('unplaced.reasonColumn')}</th>
                <th scope="col" className="number">{t('unplaced.eligible')}</th>
                <th scope="col" className="number">{t('unplaced.bestScore')}</th>
                <th scope="col">{t('unplaced.excludedBy')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((u) => (
                <tr key={u.newcomerId} data-newcomer={u.newcomerId} data-reason={u.reason ?? 'erased'}>
                  <td>
                    <PersonLink kind="newcomer" id={u.newcomerId} name={nameOf('newcomer', u.newcomerId)} />
                  </td>
                  <td>{u.reason === null ? t('unplaced.erased') : t(`unplaced.reason.${u.reason}`, { defaultValue: u.reason })}</td>
                  <td className="number">{formatNumber(u.eligible, lang, 0)}</td>
                  <td className="number">{formatFixed(u.bestScore, lang, 3)}</td>
                  <td>{excludedBy(u.excluded)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {unplaced.length > shown.length ? <p className="muted">{t('unplaced.more', { count: unplaced.length - shown.length })}</p> : null}
        </>
      )}
    </section>
  );
}
