/** `/intake/newcomers`: the newcomers in the user's municipalities, filtered by status and municipality. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useSession } from '../../app/session';
import { BusyButton, formatDateTime, ProblemAlert } from '../../app/ui';
import { Page } from '../../app/ui';
import { ProfileFormProvider } from '../fields/form-context';
import { FormErrors } from '../fields/form-errors';
import { SelectField } from '../fields/inputs';
import { useReferenceNames } from '../fields/reference';
import { ReferencePicker } from '../fields/reference-picker';
import type { NewcomerView } from '../model/profile.types';
import { StatusBadge } from '../view/status-badge';
import { useMoreRows, usePagedList } from '../../app/use-paged-list';

export function NewcomerListPage() {
  const { t, i18n } = useTranslation('profiles');
  const { has } = useSession();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const municipality = params.get('municipality') ?? '';
  const list = usePagedList<NewcomerView>('/newcomers', { status, municipality });
  const more = useMoreRows(list);
  const codes = useMemo(() => list.items.map((item) => item.municipality ?? ''), [list.items]);
  const municipalityName = useReferenceNames('municipalities', codes);

  function filter(name: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  }

  return (
    <Page
      title={t('newcomers.list.title')}
      actions={has('intake') ? <Link className="button primary" to="/intake/newcomers/new">{t('newcomers.list.register')}</Link> : undefined}
    >
      <ProfileFormProvider form="newcomer-filter" errors={FormErrors.none}>
        <form className="profiles-filters" role="search" aria-label={t('list.filters')} onSubmit={(event) => event.preventDefault()}>
          <SelectField
            path="status"
            label={t('fields.status')}
            optional
            unmarked
            placeholder={t('list.allStatuses')}
            choices={['active', 'withdrawn'].map((value) => ({ value, label: t(`statuses.${value}`) }))}
            value={status}
            onChange={(value) => filter('status', value)}
          />
          <ReferencePicker kind="municipalities" path="municipality" label={t('fields.municipality')} optional unmarked value={municipality} onChange={(value) => filter('municipality', value)} />
        </form>
      </ProfileFormProvider>
      <ProblemAlert error={list.error} onRetry={list.reload} />
      <p role="status" className="profiles-count">
        {list.loading ? t('common:loading') : t('newcomers.list.count', { count: list.items.length })}
      </p>
      {list.items.length > 0 ? (
        <table className="table">
          <caption className="visually-hidden">{t('newcomers.list.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('fields.displayName')}</th>
              <th scope="col">{t('fields.status')}</th>
              <th scope="col">{t('fields.municipality')}</th>
              <th scope="col">{t('fields.registeredAt')}</th>
            </tr>
          </thead>
          <tbody ref={more.rows}>
            {list.items.map((newcomer) => (
              <tr key={newcomer.id}>
                <td>
                  <Link to={`/intake/newcomers/${newcomer.id}`}>{newcomer.displayName ?? t('view.erasedName')}</Link>
                </td>
                <td>
                  <StatusBadge status={newcomer.status} />
                </td>
                <td>{newcomer.municipality ? municipalityName(newcomer.municipality) : '—'}</td>
                <td>{formatDateTime(newcomer.registeredAt, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : !list.loading && !list.error ? (
        <p className="muted">{status || municipality ? t('list.noneMatching') : t('newcomers.list.empty')}</p>
      ) : null}
      {list.more ? (
        <p>
          <BusyButton onClick={more.loadMore} busy={list.loading}>
            {t('common:more')}
          </BusyButton>
        </p>
      ) : null}
    </Page>
  );
}
