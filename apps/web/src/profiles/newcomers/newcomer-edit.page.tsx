/** `/intake/newcomers/:id/edit`: the intake form prefilled, saved with If-Match. */
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ProfileEditPage } from '../editing/profile-edit.page';
import { useRequiredMessage } from '../fields/required-message';
import { missingNewcomerFields, newcomerBodyOf, newcomerFormOf, NewcomerFormValues, newcomerViolationOf } from '../model/newcomer-form.model';
import type { NewcomerView } from '../model/profile.types';
import { NewcomerFields } from './newcomer-fields';

export function NewcomerEditPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('profiles');
  const requiredMessage = useRequiredMessage();
  return (
    <ProfileEditPage<NewcomerView, NewcomerFormValues>
      form="newcomer"
      apiPath={`/newcomers/${encodeURIComponent(id)}`}
      pagePath={`/intake/newcomers/${id}`}
      listPath="/intake/newcomers"
      subject={t('newcomers.this')}
      title={(view) => view.displayName ?? view.id}
      formOf={newcomerFormOf}
      bodyOf={newcomerBodyOf}
      missing={(values) => missingNewcomerFields(values, requiredMessage)}
      violationOf={newcomerViolationOf}
      closed={(view) => (view.status === 'active' ? null : t('newcomers.edit.closed'))}
      Fields={NewcomerFields}
    />
  );
}
