/**
 * A confirmation as a modal <dialog>: the browser traps focus in it, Escape
 * cancels, and focus returns to the button that opened it. When the action
 * fails, the page keeps it open with the `error` inside, the reason as typed.
 */
import { FormEvent, ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../app/ui';

export function ConfirmDialog({ open, title, children, confirmLabel, danger, withReason, busy, error, onConfirm, onCancel }: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  /** Offer an optional reason, passed to onConfirm. */
  withReason?: boolean;
  busy?: boolean;
  /** Why the action failed; shown in the dialog, which stays open. */
  error?: unknown;
  onConfirm(reason: string): void;
  onCancel(): void;
}) {
  const { t } = useTranslation('profiles');
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const id = useId();
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      setReason('');
      element.showModal();
    }
    if (!open && element.open) element.close();
  }, [open]);
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!busy) onConfirm(reason.trim());
  }
  return (
    <dialog ref={dialog} className="profiles-dialog" aria-labelledby={`${id}-title`} onCancel={(event) => { event.preventDefault(); onCancel(); }}>
      <form onSubmit={submit}>
        <h2 id={`${id}-title`}>{title}</h2>
        {children}
        <ProblemAlert error={error} />
        {withReason ? (
          <div className="field">
            <label htmlFor={`${id}-reason`}>
              {t('dialog.reason')} <span className="field-hint">{t('form.optional')}</span>
            </label>
            <textarea id={`${id}-reason`} rows={3} value={reason} onChange={(event) => setReason(event.target.value)} maxLength={1000} />
          </div>
        ) : null}
        <div className="form-actions">
          {/* aria-disabled, not disabled: a disabled button drops the focus it holds to the page. */}
          <button type="submit" className={danger ? 'danger' : 'primary'} aria-disabled={busy || undefined}>
            {confirmLabel}
          </button>
          <button type="button" onClick={onCancel}>
            {t('common:cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
