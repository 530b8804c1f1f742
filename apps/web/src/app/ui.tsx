import type { TFunction } from 'i18next';
import { ButtonHTMLAttributes, DependencyList, MouseEvent, ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router-dom';
import { ApiError } from './api';
import { Role, useAfterSignIn, useSession } from './session';
import { localizedProblemDetail, localizedViolation } from './violation-text';

export interface Loaded<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  reload(): void;
}

/**
 * Runs `load` when `deps` change and on `reload()`; a stale answer (deps
 * changed meanwhile) is dropped. A reload that fails keeps what was shown
 * beside its error (a page polled or read again after an action stays on the
 * screen, with what the action said); a failed load for other `deps` shows
 * nothing of the previous ones.
 */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): Loaded<T> {
  // One object per set of deps: which of them the data shown was loaded for.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const loadedFor = useMemo(() => ({}), deps);
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean; for?: object }>({ loading: true });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  useEffect(() => {
    let current = true;
    setState((previous) => ({ data: previous.data, for: previous.for, loading: true }));
    load().then(
      (data) => current && setState({ data, for: loadedFor, loading: false }),
      (error: unknown) => current && setState((previous) => ({ data: previous.for === loadedFor ? previous.data : undefined, for: loadedFor, error, loading: false })),
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, generation]);
  // Refused because the session had expired: asked again once the user has signed in again (in the dialog over the page).
  useAfterSignIn(() => {
    if (isRefusedToken(state.error)) reload();
  });
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** A 401: the API refused the token, which signing in again can change. */
export function isRefusedToken(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

/** Calls `tick` every `ms` while `active`; for progress of runs and replays. */
export function usePoll(tick: () => void, ms: number, active: boolean): void {
  const saved = useRef(tick);
  saved.current = tick;
  useEffect(() => {
    if (!active) return undefined;
    const timer = setInterval(() => saved.current(), ms);
    return () => clearInterval(timer);
  }, [ms, active]);
}

/**
 * A page: sets the document title and moves focus to the heading when the page
 * opens, so a screen reader announces where the user arrived.
 */
export function Page({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t('appName')}`;
  }, [title, t]);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title" ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </header>
      {children}
    </section>
  );
}

/**
 * For a page whose action may take away the button that was pressed (pause
 * shows resume in its place, withdraw leaves no actions): call the returned
 * function when the action succeeded; once `shown` (the record read again)
 * changes and the focus has been dropped to the page, it goes to the page's
 * heading instead, so a keyboard user goes on from the top of the page
 * rather than from the start of the document.
 */
export function useHeadingAfterChange(shown: unknown): () => void {
  const armed = useRef(false);
  useEffect(() => {
    if (!armed.current) return;
    armed.current = false;
    const active = document.activeElement;
    if (!active || active === document.body) document.getElementById('page-title')?.focus();
  }, [shown]);
  return useCallback(() => {
    armed.current = true;
  }, []);
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t('loading')}
    </p>
  );
}

/** Whether asking again may help: the network, the server, a rate limit; never a refusal such as 404 Not Found. */
function mayRetry(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500;
}

/** What went wrong, in the page's language where the console knows it; `fieldsShownBeside`: the fields say the rest. */
export function problemMessage(error: unknown, t: TFunction, language: string, fieldsShownBeside = false): string {
  const problem = error instanceof ApiError ? error : null;
  if (!problem) return error instanceof Error ? error.message : String(error);
  if (problem.status === 0) return t('problem.network');
  if (problem.isConflict) return t('problem.conflict');
  if (problem.status === 410) return t('problem.gone');
  if (problem.status === 429 && problem.retryAfterSeconds) return t('problem.retryAfter', { seconds: problem.retryAfterSeconds });
  if (problem.errors.length > 0 && fieldsShownBeside) return t('problem.fields');
  return localizedProblemDetail(problem, language) ?? problem.title;
}

/** What went wrong, in words: field errors are listed only when `fieldsShownBeside` is false; "try again" only where trying again may help. */
export function ProblemAlert({ error, onRetry, fieldsShownBeside = false }: { error: unknown; onRetry?: () => void; fieldsShownBeside?: boolean }) {
  const { t, i18n } = useTranslation();
  // A refused token is the session dialog's to say, in the page's language; once the user has signed in again, "not signed in" is no longer true.
  if (!error || isRefusedToken(error)) return null;
  const problem = error instanceof ApiError ? error : null;
  const message = problemMessage(error, t, i18n.language, fieldsShownBeside);
  return (
    <div className="alert alert-error" role="alert">
      <p>
        <strong>{problem && problem.status > 0 ? t(`problem.status.${problem.status}`, { defaultValue: t('problem.title') }) : t('problem.title')}</strong> {message}
      </p>
      {problem && problem.errors.length > 0 && !fieldsShownBeside ? (
        <ul>
          {problem.errors.map((violation) => (
            <li key={`${violation.field}:${violation.rule}`}>
              <code>{violation.field}</code> {localizedViolation(violation, i18n.language).message}
            </li>
          ))}
        </ul>
      ) : null}
      {onRetry && mayRetry(error) ? (
        <button type="button" onClick={onRetry}>
          {t('retry')}
        </button>
      ) : null}
    </div>
  );
}

/** The messages the API gave for one field, tied to its input by `id` (use as aria-describedby). */
export function FieldMessages({ id, messages }: { id: string; messages: readonly string[] | undefined }) {
  if (!messages || messages.length === 0) return null;
  return (
    <p className="field-error" id={id}>
      {messages.join('; ')}
    </p>
  );
}

/**
 * A button that waits for the answer to what it started: while `busy` it is
 * marked unavailable (aria-disabled, styled as disabled) and ignores presses,
 * Enter in its form included, but keeps the focus. A `disabled` button drops
 * the focus it holds to the page, and a keyboard or screen-reader user who
 * pressed it would start again from the top.
 */
export function BusyButton({ busy, onClick, ...props }: Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'disabled'> & { busy: boolean }) {
  return (
    <button
      type="button"
      {...props}
      aria-disabled={busy || undefined}
      onClick={(event: MouseEvent<HTMLButtonElement>) => {
        if (busy) {
          // Also stops a submit button's form, which an Enter in a field presses.
          event.preventDefault();
          return;
        }
        onClick?.(event);
      }}
    />
  );
}

/** Renders its children only for a user holding one of `roles`. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { session } = useSession();
  const { t } = useTranslation();
  if (!session) return <Navigate to="/login" replace />;
  if (!roles.some((role) => session.roles.includes(role))) {
    return (
      <div className="alert alert-error" role="alert">
        {t('forbidden')}
      </div>
    );
  }
  return <>{children}</>;
}

/** A date and time in the user's language, Europe/Amsterdam (the time zone of the programme). */
export function formatDateTime(iso: string | null | undefined, language: string, options: { seconds?: boolean } = {}): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'medium', timeStyle: options.seconds ? 'medium' : 'short', timeZone: 'Europe/Amsterdam' }).format(date);
}

/** A time of day in the user's language, Europe/Amsterdam, to the minute: 14:35. */
export function formatClockTime(epochMs: number, language: string): string {
  return new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(epochMs);
}

export function formatNumber(value: number | null | undefined, language: string, digits = 2): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: digits }).format(value);
}
