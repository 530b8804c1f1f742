/**
 * Says, a few minutes before the session's token expires, when the session
 * ends, without taking the user away from the form: a polite notice at the
 * foot of the window that takes no focus, with a button that opens the
 * same-user sign-in of the expired-session dialog, so the session is renewed
 * before anything is refused. After the renewal focus goes back to where the
 * user was before the notice's button.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SessionExpiredDialog } from './session-expired-dialog';
import { useSession } from './session';
import { useSessionPhase } from './session-ending';
import { formatClockTime } from './ui';

export function SessionEndingNotice() {
  const { t, i18n } = useTranslation();
  const { session, expired } = useSession();
  const phase = useSessionPhase(session?.expiresAt ?? null);
  // The token a renewal was asked for: a renewal asked for under another token (signed out and in since) is void.
  const [renewing, setRenewing] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<Element | null>(null);
  const focusNext = useRef<'button' | 'returnTo' | null>(null);
  useEffect(() => {
    if (focusNext.current === null || renewing !== null) return;
    const target = focusNext.current === 'button' ? button.current : returnTo.current;
    focusNext.current = null;
    const element = target?.isConnected ? target : document.getElementById('main');
    if (element instanceof HTMLElement) element.focus();
  });
  const shown = session !== null && session.expiresAt !== null && phase !== 'lasting';
  return (
    <>
      <div className="session-notice-live" aria-live="polite">
        {shown ? (
          <section className="session-notice" aria-label={t('session.noticeLabel')}>
            <p>{t(phase === 'ended' ? 'session.ended' : 'session.ending', { time: formatClockTime(session.expiresAt! * 1000, i18n.language) })}</p>
            <button
              type="button"
              ref={button}
              onFocus={(event) => {
                if (event.relatedTarget) returnTo.current = event.relatedTarget;
              }}
              onClick={() => setRenewing(session.token)}
            >
              {t(phase === 'ended' ? 'session.signInAgain' : 'session.renew')}
            </button>
          </section>
        ) : null}
      </div>
      {session && !expired && renewing === session.token ? (
        <SessionExpiredDialog
          renewal={{
            onCancel: () => {
              focusNext.current = 'button';
              setRenewing(null);
            },
            onRenewed: () => {
              focusNext.current = 'returnTo';
              setRenewing(null);
            },
          }}
        />
      ) : null}
    </>
  );
}
