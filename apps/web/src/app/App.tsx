import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Link, Navigate, NavLink, Outlet, Route, Routes, useLocation, useNavigate, type RouteObject } from 'react-router-dom';
import { ApiError, createApi } from './api';
import type { Area, NavItem } from './area';
import { LANGUAGES } from './i18n';
import { sessionFromToken, useSession } from './session';
import { Page } from './ui';

/** The menu entries of `areas` the signed-in user may open, with the namespace of their label. */
function useMenu(areas: readonly Area[]): { item: NavItem; namespace: string }[] {
  const { session } = useSession();
  if (!session) return [];
  return areas.flatMap((area) =>
    area.nav.filter((item) => item.roles.some((role) => session.roles.includes(role))).map((item) => ({ item, namespace: area.id })),
  );
}

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language-switch">
      <span>{t('language')}</span>
      <select value={i18n.language} onChange={(event) => void i18n.changeLanguage(event.target.value)}>
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {t(`languageNames.${language}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

function Shell({ areas }: { areas: readonly Area[] }) {
  const { t } = useTranslation();
  const { session, signOut } = useSession();
  const menu = useMenu(areas);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="top-bar">
        <Link to="/" className="brand">
          {t('appName')}
        </Link>
        {session ? (
          <nav aria-label={t('mainMenu')} className="main-menu">
            <ul>
              {menu.map(({ item, namespace }) => (
                <li key={item.to}>
                  <NavLink to={item.to}>{t(`${namespace}:${item.label}`)}</NavLink>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <div className="top-bar-end">
          <LanguageSwitch />
          {session ? (
            <>
              <span className="who">
                {t('signedInAs', { subject: session.subject, roles: session.roles.map((role) => t(`roles.${role}`)).join(', ') })}
                {' · '}
                {t('scope', { list: session.municipalities ? session.municipalities.join(', ') : t('allMunicipalities') })}
              </span>
              <button type="button" onClick={signOut}>
                {t('signOut')}
              </button>
            </>
          ) : null}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}

function Login() {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [token, setToken] = useState('');
  /** A message of the console's own by key (said in the page's language, also after a switch), or what the browser said. */
  const [error, setError] = useState<{ key: string } | { text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const candidate = sessionFromToken(token);
    if (!candidate) return setError({ key: 'login.invalid' });
    if (candidate.expiresAt && candidate.expiresAt * 1000 <= Date.now()) return setError({ key: 'login.expired' });
    setBusy(true);
    try {
      // One cheap call that every role may make: the server, not the browser, decides whether the token is good.
      await createApi(candidate.token, () => undefined).get('/reference/countries', { limit: 1 });
      signIn(candidate.token);
      const from = (location.state as { from?: string } | null)?.from;
      navigate(from && from !== '/login' ? from : '/', { replace: true });
    } catch (failure) {
      setError(failure instanceof ApiError && failure.status === 401 ? { key: 'login.rejected' } : { text: failure instanceof Error ? failure.message : String(failure) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <Page title={t('login.title')}>
      <p>{t('login.intro')}</p>
      <form onSubmit={submit} className="login-form" noValidate>
        <label htmlFor="token">{t('login.token')}</label>
        <textarea
          id="token"
          name="token"
          rows={4}
          value={token}
          onChange={(event) => setToken(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'token-error' : undefined}
          autoComplete="off"
          spellCheck={false}
          required
        />
        {error ? (
          <p className="field-error" id="token-error" role="alert">
            {'key' in error ? t(error.key) : error.text}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          {t('login.submit')}
        </button>
      </form>
    </Page>
  );
}

function Home({ areas }: { areas: readonly Area[] }) {
  const { t } = useTranslation();
  const menu = useMenu(areas);
  return (
    <Page title={t('home.title')}>
      <p>{t('home.intro')}</p>
      <ul className="home-links">
        {menu.map(({ item, namespace }) => (
          <li key={item.to}>
            <Link to={item.to}>{t(`${namespace}:${item.label}`)}</Link>
          </li>
        ))}
      </ul>
    </Page>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <Page title={t('notFound.title')}>
      <Link to="/">{t('notFound.back')}</Link>
    </Page>
  );
}

/** Everything but the login page needs a session; without one the user is sent to log in and brought back afterwards. */
function Guarded() {
  const { session } = useSession();
  const location = useLocation();
  if (!session) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <Outlet />;
}

function renderRoutes(routes: readonly RouteObject[]) {
  return routes.map((route) => <Route key={route.path} path={route.path} element={route.element} />);
}

export function App({ areas }: { areas: readonly Area[] }) {
  return (
    <BrowserRouter>
      <Routes>
        <Route element={<Shell areas={areas} />}>
          <Route path="/login" element={<Login />} />
          <Route element={<Guarded />}>
            <Route path="/" element={<Home areas={areas} />} />
            {areas.map((area) => renderRoutes(area.routes))}
            <Route path="*" element={<NotFound />} />
          </Route>
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
