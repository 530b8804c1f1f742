/**
 * Pasting an access token: on the login page, and in the dialog that signs in
 * again after a session expired. The server decides whether it takes the
 * token (checkToken); what is wrong is said beside the field.
 */
import { FormEvent, ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkToken, Session, useSession } from './session';
import { BusyButton, problemMessage } from './ui';

/** A message by key, or a failure to reach the server or of the server: said in the page's language, also after a switch. */
export type Said = { readonly key: string; readonly values?: Readonly<Record<string, string>> } | { readonly failure: unknown };

export function TokenForm({ id, submitLabel, refuse, onSignedIn, children }: {
  /** Id of the field; its message is `${id}-error`. */
  id: string;
  submitLabel: string;
  /** The caller's own reason not to take a token the server takes. */
  refuse?(session: Session): Said | null;
  onSignedIn(session: Session): void;
  /** More actions beside the submit button. */
  children?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const { signIn } = useSession();
  const [token, setToken] = useState('');
  const [error, setError] = useState<Said | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      const checked = await checkToken(token);
      if (typeof checked === 'string') return setError({ key: `login.${checked}` });
      const refusal = refuse?.(checked) ?? null;
      if (refusal) return setError(refusal);
      signIn(checked.token);
      onSignedIn(checked);
    } catch (failure) {
      setError({ failure });
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={(event) => void submit(event)} className="login-form" noValidate>
      <label htmlFor={id}>{t('login.token')}</label>
      <textarea
        id={id}
        name="token"
        rows={4}
        value={token}
        onChange={(event) => setToken(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        autoComplete="off"
        spellCheck={false}
        required
      />
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {'key' in error ? t(error.key, error.values) : problemMessage(error.failure, t, i18n.language)}
        </p>
      ) : null}
      <div className="form-actions">
        <BusyButton type="submit" busy={busy}>
          {submitLabel}
        </BusyButton>
        {children}
      </div>
    </form>
  );
}
