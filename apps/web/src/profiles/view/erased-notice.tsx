import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime, Page } from '../../app/ui';

/** A subject whose personal data was erased (GDPR art. 17): only its id and time remain, and nothing can be done with it. */
export function ErasedNotice({ title, backTo, erasedAt, id }: { title: string; backTo: string; erasedAt?: string; id?: string }) {
  const { t, i18n } = useTranslation('profiles');
  return (
    <Page title={title}>
      <div className="alert alert-warn" role="status">
        <p>{erasedAt ? t('view.erasedAt', { at: formatDateTime(erasedAt, i18n.language) }) : t('common:problem.gone')}</p>
        <p>{t('view.erasedExplain')}</p>
        {id ? (
          <p>
            {t('fields.id')}: <code>{id}</code>
          </p>
        ) : null}
      </div>
      <Link to={backTo}>{t('view.backToList')}</Link>
    </Page>
  );
}
