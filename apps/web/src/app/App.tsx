import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Link, Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import type { Area, NavItem } from './area';
import { LANGUAGES } from './i18n';
import { SessionEndingNotice } from './session-ending-notice';
import { SessionExpiredDialog } from './session-expired-dialog';
import { useSession } from './session';
import { TokenForm } from './token-form';
import { Page } from './ui';
import { UnsavedChangesGuard, useLeaveConfirmation } from './unsaved-changes';

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
  const { session, expired, signOut } = useSession();
  const confirmLeave = useLeaveConfirmation();
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
              <button type="button" onClick={() => confirmLeave(signOut)}>
                {t('signOut')}
              </button>
            </>
          ) : null}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      {/* After main, so it stays at the foot of the window and never covers the page's last controls. */}
      <SessionEndingNotice />
      {session && expired ? <SessionExpiredDialog /> : null}
    </>
  );
}

function Login() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  return (
    <Page title={t('login.title')}>
      <p>{t('login.intro')}</p>
      <TokenForm id="token" submitLabel={t('login.submit')} onSignedIn={() => navigate(from && from !== '/login' ? from : '/', { replace: true })} />
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

/**
 * The console's routes as a data router (which `useBlocker` needs): the
 * shell around everything, the login page, and behind the session guard the
 * start page, every area's pages and "not found".
 * Created once, outside React, so it listens to the browser's history once.
 */
export function createConsoleRouter(areas: readonly Area[]) {
  return createBrowserRouter([
    {
      element: (
        <UnsavedChangesGuard>
          <Shell areas={areas} />
        </UnsavedChangesGuard>
      ),
      children: [
        { path: '/login', element: <Login /> },
        {
          element: <Guarded />,
          children: [{ path: '/', element: <Home areas={areas} /> }, ...areas.flatMap((area) => area.routes), { path: '*', element: <NotFound /> }],
        },
      ],
    },
  ]);
}
