/** `/coordinator/key-persons/new`: register a key person; on success their page, announcing it. */
import { useTranslation } from 'react-i18next';
import { ProfileNewPage } from '../editing/profile-new.page';
import { useRequiredMessage } from '../fields/required-message';
import { emptyKeyPersonForm, keyPersonBodyOf, KeyPersonFormValues, keyPersonViolationOf, missingKeyPersonFields } from '../model/key-person-form.model';
import { KeyPersonFields } from './key-person-fields';

export function KeyPersonNewPage() {
  const { t } = useTranslation('profiles');
  const requiredMessage = useRequiredMessage();
  return (
    <ProfileNewPage<KeyPersonFormValues>
      form="key-person"
      apiPath="/key-persons"
      listPath="/coordinator/key-persons"
      title={t('keyPersons.new.title')}
      submitLabel={t('keyPersons.new.submit')}
      done={(name) => t('keyPersons.new.done', { name })}
      emptyForm={emptyKeyPersonForm}
      bodyOf={keyPersonBodyOf}
      missing={(values) => missingKeyPersonFields(values, requiredMessage)}
      violationOf={keyPersonViolationOf}
      Fields={KeyPersonFields}
    />
  );
}
