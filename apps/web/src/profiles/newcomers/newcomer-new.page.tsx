/** `/intake/newcomers/new`: the intake form; on success the newcomer's page, announcing the registration. */
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
import { emptyNewcomerForm, missingNewcomerFields, newcomerBodyOf, NewcomerFormValues, newcomerViolationOf } from '../model/newcomer-form.model';
import { NewcomerFields } from './newcomer-fields';

export function NewcomerNewPage() {
  const { t } = useTranslation('profiles');
  const { session } = useSession();
  const navigate = useNavigate();
  const requiredMessage = useRequiredMessage();
  const onlyMunicipality = session?.municipalities?.length === 1 ? session.municipalities[0] : '';
  const [values, setValues] = useState<NewcomerFormValues>(() => emptyNewcomerForm(onlyMunicipality));
  const registration = useRegistration({
    path: '/newcomers',
    bodyOf: newcomerBodyOf,
    missing: (form: NewcomerFormValues) => missingNewcomerFields(form, requiredMessage),
    violationOf: newcomerViolationOf,
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const created = await registration.submit(values);
    if (created) navigate(`/intake/newcomers/${created.id}`, { state: { notice: t('newcomers.new.done', { name: values.displayName.trim() }) } });
  }

  return (
    <Page title={t('newcomers.new.title')}>
      <p className="profiles-lead">{t('form.requiredNote')}</p>
      <form className="profiles-form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="page-title">
        <FormFeedback form="newcomer" violations={registration.violations} error={registration.error} />
        <ProfileFormProvider form="newcomer" errors={new FormErrors(registration.violations)}>
          <NewcomerFields values={values} onChange={(change) => setValues((previous) => ({ ...previous, ...change }))} />
        </ProfileFormProvider>
        <div className="form-actions profiles-actions">
          <button type="submit" className="primary" disabled={registration.saving}>
            {t('newcomers.new.submit')}
          </button>
          <Link to="/intake/newcomers">{t('common:cancel')}</Link>
          <span role="status" className="profiles-saving">
            {registration.saving ? t('common:saving') : ''}
          </span>
        </div>
      </form>
    </Page>
  );
}
