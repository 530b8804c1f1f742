/**
 * A confirmation as a modal <dialog>: the browser traps focus in it, Escape
 * cancels, and focus returns to the button that opened it.
 */
import { FormEvent, ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export function ConfirmDialog({ open, title, children, confirmLabel, danger, withReason, busy, onConfirm, onCancel }: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  /** Offer an optional reason, passed to onConfirm. */
  withReason?: boolean;
  busy?: boolean;
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
    onConfirm(reason.trim());
  }
  return (
    <dialog ref={dialog} className="profiles-dialog" aria-labelledby={`${id}-title`} onCancel={(event) => { event.preventDefault(); onCancel(); }}>
      <form onSubmit={submit}>
        <h2 id={`${id}-title`}>{title}</h2>
        {children}
        {withReason ? (
          <div className="field">
            <label htmlFor={`${id}-reason`}>
              {t('dialog.reason')} <span className="field-hint">{t('form.optional')}</span>
            </label>
            <textarea id={`${id}-reason`} rows={3} value={reason} onChange={(event) => setReason(event.target.value)} maxLength={1000} />
          </div>
        ) : null}
        <div className="form-actions">
          <button type="submit" className={danger ? 'danger' : 'primary'} disabled={busy}>
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
