/**
 * Editing a newcomer or key person: the registration form prefilled from the
 * version read, saved as a PATCH of the changed sections with If-Match. A
 * conflict keeps the edits and offers the latest version (see useProfileEditor).
 */
import { ComponentType, FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError, FieldViolation } from '../../app/api';
import { Loading, Page, ProblemAlert } from '../../app/ui';
import { followedInTab, useUnsavedChanges } from '../../app/unsaved-changes';
import { ProfileFormProvider } from '../fields/form-context';
import { FormErrors } from '../fields/form-errors';
import { applyChange, FormChange } from '../model/form-values';
import { SubjectRecord } from '../model/profile.types';
import { ErasedNotice } from '../view/erased-notice';
import { ConflictNotice, FormFeedback } from './form-feedback';
import { UnsavedEdits } from './unsaved-edits';
import { useProfileEditor } from './use-profile-editor';

export interface ProfileEditConfig<V extends SubjectRecord, F extends object> {
  /** Id prefix of the inputs: `newcomer`, `key-person`. */
  readonly form: string;
  /** `/newcomers/{id}` in the API. */
  readonly apiPath: string;
  /** The subject's page in the console, where a save returns. */
  readonly pagePath: string;
  readonly listPath: string;
  /** "this newcomer", for the conflict message. */
  readonly subject: string;
  title(view: V): string;
  formOf(view: V): F;
  bodyOf(values: F): Record<string, unknown>;
  missing(values: F): FieldViolation[];
  violationOf(violation: FieldViolation, body: Record<string, unknown>): FieldViolation;
  /** Why the API will not change this subject any more (withdrawn, retired); null while it may be edited. */
  closed(view: V): string | null;
  readonly Fields: ComponentType<{ values: F; onChange(change: FormChange<F>): void }>;
}

export function ProfileEditPage<V extends SubjectRecord, F extends object>(config: ProfileEditConfig<V, F>) {
  const { t } = useTranslation('profiles');
  const navigate = useNavigate();
  const editor = useProfileEditor<V, F>({ path: config.apiPath, formOf: config.formOf, bodyOf: config.bodyOf, missing: config.missing, violationOf: config.violationOf });
  const [unchanged, setUnchanged] = useState(false);
  const closed = editor.view ? config.closed(editor.view) : null;
  // Edits the API will not take any more (the latest version, loaded after a conflict, is withdrawn or
  // retired) are shown read-only to be copied, not guarded: leaving does not ask about what cannot be saved.
  const { release } = useUnsavedChanges(editor.dirty && !closed);
  const closedNotice = useRef<HTMLDivElement>(null);
  // Reached from "Load the latest version", whose button is gone: the focus goes to why.
  useEffect(() => {
    if (closed && editor.merged) closedNotice.current?.focus();
  }, [closed, editor.merged]);
  const { Fields } = config;

  if (editor.loadError instanceof ApiError && editor.loadError.status === 410) return <ErasedNotice title={t('edit.erasedTitle')} backTo={config.listPath} />;
  if (editor.loadError) {
    return (
      <Page title={t('edit.unavailable')}>
        <ProblemAlert error={editor.loadError} />
        <Link to={config.listPath}>{t('view.backToList')}</Link>
      </Page>
    );
  }
  if (!editor.view || !editor.values) return <Loading />;
  if (closed) {
    return (
      <Page title={t('edit.closedTitle', { name: config.title(editor.view) })}>
        <div className="alert alert-warn" role="status" ref={closedNotice} tabIndex={-1}>
          <p>{closed}</p>
        </div>
        {editor.changed.length > 0 ? <UnsavedEdits values={editor.values} fields={editor.changed} /> : null}
        <Link to={config.pagePath}>{t('edit.backToProfile')}</Link>
      </Page>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (editor.saving || editor.stale) return;
    setUnchanged(false);
    const outcome = await editor.save();
    if (outcome.kind === 'unchanged') setUnchanged(true);
    if (outcome.kind !== 'saved') return;
    release();
    navigate(config.pagePath, { state: { notice: t('edit.saved', { revision: outcome.view.revision }) } });
  }

  return (
    <Page title={t('edit.title', { name: config.title(editor.view) })}>
      <p className="profiles-lead">
        {t('edit.revision', { revision: editor.view.revision })} {t('form.requiredNote')}
      </p>
      <form className="profiles-form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="page-title">
        <ConflictNotice<F>
          subject={config.subject}
          stale={editor.stale}
          merged={editor.merged}
          busy={editor.saving}
          onLoadLatest={() => void editor.loadLatest()}
          labelOf={(field) => t(`formFields.${String(field)}`)}
        />
        <FormFeedback form={config.form} violations={editor.violations} error={editor.error} />
        <ProfileFormProvider form={config.form} errors={new FormErrors(editor.violations)}>
          <Fields values={editor.values} onChange={(change) => editor.setValues((previous) => applyChange(previous, change))} />
        </ProfileFormProvider>
        <div className="form-actions profiles-actions">
          {/* aria-disabled, not disabled: a disabled button drops the focus it holds to the page. */}
          <button type="submit" className="primary" aria-disabled={editor.saving || editor.stale || undefined}>
            {t('edit.submit')}
          </button>
          <Link to={config.pagePath} onClick={(event) => followedInTab(event) && release()}>
            {t('common:cancel')}
          </Link>
          <span role="status" className="profiles-saving">
            {editor.saving ? t('common:saving') : unchanged ? t('edit.unchanged') : ''}
          </span>
        </div>
      </form>
    </Page>
  );
}
