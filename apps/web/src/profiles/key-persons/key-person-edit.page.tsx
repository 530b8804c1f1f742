/** `/coordinator/key-persons/:id/edit`: the key-person form prefilled, saved with If-Match. */
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ProfileEditPage } from '../editing/profile-edit.page';
import { useRequiredMessage } from '../fields/required-message';
import { keyPersonBodyOf, keyPersonFormOf, KeyPersonFormValues, keyPersonViolationOf, missingKeyPersonFields } from '../model/key-person-form.model';
import type { KeyPersonView } from '../model/profile.types';
import { KeyPersonFields } from './key-person-fields';

export function KeyPersonEditPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('profiles');
  const requiredMessage = useRequiredMessage();
  return (
    <ProfileEditPage<KeyPersonView, KeyPersonFormValues>
      form="key-person"
      apiPath={`/key-persons/${encodeURIComponent(id)}`}
      pagePath={`/coordinator/key-persons/${id}`}
      listPath="/coordinator/key-persons"
      subject={t('keyPersons.this')}
      title={(view) => view.displayName ?? view.id}
      formOf={(view) => keyPersonFormOf(view, i18n.language)}
      bodyOf={keyPersonBodyOf}
      missing={(values) => missingKeyPersonFields(values, requiredMessage)}
      violationOf={keyPersonViolationOf}
      closed={(view) => (view.status === 'retired' ? t('keyPersons.edit.closed') : null)}
      Fields={KeyPersonFields}
    />
  );
}
