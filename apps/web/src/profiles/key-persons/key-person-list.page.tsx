/** `/coordinator/key-persons`: the key-person registry, filtered by status, municipality and language. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { BusyButton, formatDateTime, Page, ProblemAlert } from '../../app/ui';
import { ProfileFormProvider } from '../fields/form-context';
import { FormErrors } from '../fields/form-errors';
import { SelectField } from '../fields/inputs';
import { useLanguageLabels, useReferenceNames } from '../fields/reference';
import { ReferencePicker } from '../fields/reference-picker';
import type { KeyPersonView } from '../model/profile.types';
import { StatusBadge } from '../view/status-badge';
import { useMoreRows, usePagedList } from '../../app/use-paged-list';

export function KeyPersonListPage() {
  const { t, i18n } = useTranslation('profiles');
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const municipality = params.get('municipality') ?? '';
  const language = params.get('language') ?? '';
  const list = usePagedList<KeyPersonView>('/key-persons', { status, municipality, language });
  const more = useMoreRows(list);
  const codes = useMemo(() => list.items.map((item) => item.municipality ?? ''), [list.items]);
  const municipalityName = useReferenceNames('municipalities', codes);
  const languageCodes = useMemo(() => list.items.flatMap((item) => (item.languages ?? []).map((skill) => skill.code)), [list.items]);
  const languageLabel = useLanguageLabels(languageCodes);

  function filter(name: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  }

  return (
    <Page title={t('keyPersons.list.title')} actions={<Link className="button primary" to="/coordinator/key-persons/new">{t('keyPersons.list.register')}</Link>}>
      <ProfileFormProvider form="key-person-filter" errors={FormErrors.none}>
        <form className="profiles-filters" role="search" aria-label={t('list.filters')} onSubmit={(event) => event.preventDefault()}>
          <SelectField
            path="status"
            label={t('fields.status')}
            optional
            unmarked
            placeholder={t('list.allStatuses')}
            choices={['active', 'paused', 'retired'].map((value) => ({ value, label: t(`statuses.${value}`) }))}
            value={status}
            onChange={(value) => filter('status', value)}
          />
          <ReferencePicker kind="municipalities" path="municipality" label={t('fields.municipality')} optional unmarked value={municipality} onChange={(value) => filter('municipality', value)} />
          <ReferencePicker kind="languages" path="language" label={t('keyPersons.list.speaks')} optional unmarked value={language} onChange={(value) => filter('language', value)} />
        </form>
      </ProfileFormProvider>
      <ProblemAlert error={list.error} onRetry={list.reload} />
      <p role="status" className="profiles-count">
        {list.loading ? t('common:loading') : t('keyPersons.list.count', { count: list.items.length })}
      </p>
      {list.items.length > 0 ? (
        <table className="table">
          <caption className="visually-hidden">{t('keyPersons.list.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('fields.displayName')}</th>
              <th scope="col">{t('fields.status')}</th>
              <th scope="col">{t('fields.municipality')}</th>
              <th scope="col">{t('fields.languages')}</th>
              <th scope="col" className="number">{t('fields.capacity')}</th>
              <th scope="col" className="number">{t('fields.freePlaces')}</th>
              <th scope="col">{t('fields.engagement')}</th>
              <th scope="col">{t('fields.registeredAt')}</th>
            </tr>
          </thead>
          <tbody ref={more.rows}>
            {list.items.map((person) => (
              <tr key={person.id}>
                <td>
                  <Link to={`/coordinator/key-persons/${person.id}`}>{person.displayName ?? t('view.erasedName')}</Link>
                </td>
                <td>
                  <StatusBadge status={person.status} />
                </td>
                <td>{person.municipality ? municipalityName(person.municipality) : '—'}</td>
                <td>
                  {(person.languages ?? []).length === 0
                    ? '—'
                    : (person.languages ?? []).map((skill, index) => {
                        const label = languageLabel(skill.code);
                        return (
                          <span key={skill.code}>
                            {index > 0 ? ', ' : null}
                            <span lang={label.lang}>{label.name}</span>
                          </span>
                        );
                      })}
                </td>
                <td className="number">{person.capacity ?? '—'}</td>
                <td className="number">{person.capacity === undefined || person.placesTaken === undefined ? '—' : Math.max(0, person.capacity - person.placesTaken)}</td>
                <td>{person.engagement ? t(`engagements.${person.engagement}`) : '—'}</td>
                <td>{formatDateTime(person.registeredAt, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : !list.loading && !list.error ? (
        <p className="muted">{status || municipality || language ? t('list.noneMatching') : t('keyPersons.list.empty')}</p>
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
