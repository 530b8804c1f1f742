/** `/coordinator/key-persons/new`: register a key person; on success their page, announcing it. */
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useSession } from '../../app/session';
import { Page } from '../../app/ui';
import { FormFeedback } from '../editing/form-feedback';
import { useRegistration } from '../editing/use-registration';
import { ProfileFormProvider } from '../fields/form-context';
import { FormErrors } from '../fields/form-errors';
import { useRequiredMessage } from '../fields/required-message';
import { emptyKeyPersonForm, keyPersonBodyOf, KeyPersonFormValues, keyPersonViolationOf, missingKeyPersonFields } from '../model/key-person-form.model';
import { KeyPersonFields } from './key-person-fields';

export function KeyPersonNewPage() {
  const { t } = useTranslation('profiles');
  const { session } = useSession();
  const navigate = useNavigate();
  const requiredMessage = useRequiredMessage();
  const onlyMunicipality = session?.municipalities?.length === 1 ? session.municipalities[0] : '';
  const [values, setValues] = useState<KeyPersonFormValues>(() => emptyKeyPersonForm(onlyMunicipality));
  const registration = useRegistration({
    path: '/key-persons',
    bodyOf: keyPersonBodyOf,
    missing: (form: KeyPersonFormValues) => missingKeyPersonFields(form, requiredMessage),
    violationOf: keyPersonViolationOf,
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const created = await registration.submit(values);
    if (created) navigate(`/coordinator/key-persons/${created.id}`, { state: { notice: t('keyPersons.new.done', { name: values.displayName.trim() }) } });
  }

  return (
    <Page title={t('keyPersons.new.title')}>
      <p className="profiles-lead">{t('form.requiredNote')}</p>
      <form className="profiles-form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="page-title">
        <FormFeedback form="key-person" violations={registration.violations} error={registration.error} />
        <ProfileFormProvider form="key-person" errors={new FormErrors(registration.violations)}>
          <KeyPersonFields values={values} onChange={(change) => setValues((previous) => ({ ...previous, ...change }))} />
        </ProfileFormProvider>
        <div className="form-actions profiles-actions">
          <button type="submit" className="primary" disabled={registration.saving}>
            {t('keyPersons.new.submit')}
          </button>
          <Link to="/coordinator/key-persons">{t('common:cancel')}</Link>
          <span role="status" className="profiles-saving">
            {registration.saving ? t('common:saving') : ''}
          </span>
        </div>
      </form>
    </Page>
  );
}
