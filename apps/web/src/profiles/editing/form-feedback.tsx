/** What a profile form says after a save attempt: refused fields, a conflict, or another problem. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, FieldViolation } from '../../app/api';
import { ProblemAlert } from '../../app/ui';
import { ErrorSummary } from '../fields/error-summary';
import type { Merge } from './use-profile-editor';

export function FormFeedback({ form, violations, error }: { form: string; violations: readonly FieldViolation[]; error: unknown }) {
  const conflict = error instanceof ApiError && error.isConflict;
  return (
    <>
      <ErrorSummary form={form} violations={violations} />
      {error && !conflict ? <ProblemAlert error={error} /> : null}
    </>
  );
}

/**
 * A save met a newer version: say so, keep the edits, offer the latest
 * version; after loading it, say what happened and which fields need a look.
 * Each notice takes the focus when it appears, so a keyboard user is where
 * the next step is (the button that was pressed is gone or disabled).
 */
export function ConflictNotice<F>({ subject, stale, merged, busy, onLoadLatest, labelOf }: {
  subject: string;
  stale: boolean;
  merged: Merge<F> | null;
  busy: boolean;
  onLoadLatest(): void;
  labelOf(field: keyof F): string;
}) {
  const { t } = useTranslation('profiles');
  const notice = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (stale || merged) notice.current?.focus();
  }, [stale, merged]);
  if (stale) {
    return (
      <div className="alert alert-warn profiles-conflict" role="alert" ref={notice} tabIndex={-1}>
        <h2>{t('conflict.title')}</h2>
        <p>{t('conflict.explain', { subject })}</p>
        <button type="button" className="primary" onClick={onLoadLatest} disabled={busy}>
          {t('conflict.loadLatest')}
        </button>
      </div>
    );
  }
  if (!merged) return null;
  return (
    <div className="alert alert-ok profiles-conflict" role="status" ref={notice} tabIndex={-1}>
      <p>{t('conflict.loaded', { revision: merged.revision })}</p>
      {merged.both.length > 0 ? <p>{t('conflict.both', { fields: merged.both.map(labelOf).join(', ') })}</p> : null}
    </div>
  );
}
