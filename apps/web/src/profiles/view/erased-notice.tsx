import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Page } from '../../app/ui';

/** A subject whose personal data was erased (GDPR art. 17): the API answers 410 Gone, and nothing can be done with it. */
export function ErasedNotice({ title, backTo, id }: { title: string; backTo: string; id?: string }) {
  const { t } = useTranslation('profiles');
  return (
    <Page title={title}>
      <div className="alert alert-warn" role="status">
        <p>{t('common:problem.gone')}</p>
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
