/**
 * The API refused the session's token while the user was at work: say so in
 * a modal dialog over the page, which stays as it was (a form keeps what was
 * typed, an edit keeps the version it started from), and sign in again in
 * place. Only the same user may take over the page; anyone else signs out.
 * With `renewal`, the user asked for it before the session ended (from the
 * notice that it is ending): the same sign-in, which the user may put off.
 */
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from './session';
import { TokenForm } from './token-form';
import { useLeaveConfirmation } from './unsaved-changes';

export interface Renewal {
  /** Put off: Cancel or Escape. */
  onCancel(): void;
  onRenewed(): void;
}

export function SessionExpiredDialog({ renewal }: { renewal?: Renewal }) {
  const { t } = useTranslation();
  const { session, signOut } = useSession();
  const confirmLeave = useLeaveConfirmation();
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  const subject = session?.subject ?? '';
  return (
    <dialog
      ref={dialog}
      className="session-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-explain`}
      onCancel={(event) => {
        event.preventDefault();
        renewal?.onCancel();
      }}
    >
      <h2 id={`${id}-title`}>{renewal ? t('session.renewTitle') : t('session.expiredTitle')}</h2>
      <p id={`${id}-explain`}>{renewal ? t('session.renewExplain', { subject }) : t('session.expiredExplain', { subject })}</p>
      <TokenForm
        id={`${id}-token`}
        submitLabel={t('session.signInAgain')}
        refuse={(next) => (next.subject === subject ? null : { key: 'session.otherUser', values: { subject: next.subject, expected: subject } })}
        onSignedIn={() => renewal?.onRenewed()}
      >
        {renewal ? (
          <button type="button" onClick={renewal.onCancel}>
            {t('cancel')}
          </button>
        ) : (
          <button type="button" onClick={() => confirmLeave(signOut)}>
            {t('signOut')}
          </button>
        )}
      </TokenForm>
    </dialog>
  );
}
