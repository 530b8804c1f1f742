/**
 * Registering a newcomer or key person: the empty form (the municipality
 * filled in when the token allows only one), submitted once per
 * Idempotency-Key; on success the subject's page, announcing it. After a
 * lost answer it says the person may be registered already, and where.
 */
import { ComponentType, FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { FieldViolation } from '../../app/api';
import { useSession } from '../../app/session';
import { BusyButton, Page } from '../../app/ui';
import { followedInTab, useUnsavedChanges } from '../../app/unsaved-changes';
import { ProfileFormProvider } from '../fields/form-context';
import { FormErrors } from '../fields/form-errors';
import { applyChange, FormChange, sameValue } from '../model/form-values';
import { EarlierAttemptNotice } from './earlier-attempt-notice';
import { FormFeedback } from './form-feedback';
import { useRegistration } from './use-registration';

export interface ProfileNewConfig<F extends { displayName: string }> {
  /** Id prefix of the inputs: `newcomer`, `key-person`. */
  readonly form: string;
  /** `/newcomers` in the API. */
  readonly apiPath: string;
  /** The console's list; a subject's page is `${listPath}/{id}`. */
  readonly listPath: string;
  readonly title: string;
  readonly submitLabel: string;
  /** The announcement on the new subject's page. */
  done(name: string): string;
  emptyForm(onlyMunicipality: string): F;
  bodyOf(values: F): Record<string, unknown>;
  missing(values: F): FieldViolation[];
  violationOf(violation: FieldViolation, body: Record<string, unknown>): FieldViolation;
  readonly Fields: ComponentType<{ values: F; onChange(change: FormChange<F>): void }>;
}

export function ProfileNewPage<F extends { displayName: string }>(config: ProfileNewConfig<F>) {
  const { t } = useTranslation('profiles');
  const { session } = useSession();
  const navigate = useNavigate();
  const onlyMunicipality = session?.municipalities?.length === 1 ? session.municipalities[0] : '';
  // The empty form as it opened: anything else is unsaved, and leaving asks first.
  const [empty] = useState<F>(() => config.emptyForm(onlyMunicipality));
  const [values, setValues] = useState<F>(empty);
  const { release } = useUnsavedChanges(!sameValue(values, empty));
  const registration = useRegistration({ path: config.apiPath, bodyOf: config.bodyOf, missing: config.missing, violationOf: config.violationOf });
  const { Fields } = config;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const created = await registration.submit(values);
    if (!created) return;
    release();
    navigate(`${config.listPath}/${created.id}`, { state: { notice: config.done(values.displayName.trim()) } });
  }

  return (
    <Page title={config.title}>
      <p className="profiles-lead">{t('form.requiredNote')}</p>
      <form className="profiles-form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="page-title">
        <FormFeedback form={config.form} violations={registration.violations} error={registration.error} />
        <EarlierAttemptNotice earlier={registration.earlier} listPath={config.listPath} onLeave={release} />
        <ProfileFormProvider form={config.form} errors={new FormErrors(registration.violations)}>
          <Fields values={values} onChange={(change) => setValues((previous) => applyChange(previous, change))} />
        </ProfileFormProvider>
        <div className="form-actions profiles-actions">
          <BusyButton type="submit" className="primary" busy={registration.saving}>
            {config.submitLabel}
          </BusyButton>
          <Link to={config.listPath} onClick={(event) => followedInTab(event) && release()}>
            {t('common:cancel')}
          </Link>
          <span role="status" className="profiles-saving">
            {registration.saving ? t('common:saving') : ''}
          </span>
        </div>
      </form>
    </Page>
  );
}
