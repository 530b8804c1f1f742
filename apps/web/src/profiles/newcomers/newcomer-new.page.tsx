/** `/intake/newcomers/new`: the intake form; on success the newcomer's page, announcing the registration. */
import { useTranslation } from 'react-i18next';
import { ProfileNewPage } from '../editing/profile-new.page';
import { useRequiredMessage } from '../fields/required-message';
import { emptyNewcomerForm, missingNewcomerFields, newcomerBodyOf, NewcomerFormValues, newcomerViolationOf } from '../model/newcomer-form.model';
import { NewcomerFields } from './newcomer-fields';

export function NewcomerNewPage() {
  const { t } = useTranslation('profiles');
  const requiredMessage = useRequiredMessage();
  return (
    <ProfileNewPage<NewcomerFormValues>
      form="newcomer"
      apiPath="/newcomers"
      listPath="/intake/newcomers"
      title={t('newcomers.new.title')}
      submitLabel={t('newcomers.new.submit')}
      done={(name) => t('newcomers.new.done', { name })}
      emptyForm={emptyNewcomerForm}
      bodyOf={newcomerBodyOf}
      missing={(values) => missingNewcomerFields(values, requiredMessage)}
      violationOf={newcomerViolationOf}
      Fields={NewcomerFields}
    />
  );
}
