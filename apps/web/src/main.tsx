import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router-dom';
import { createConsoleRouter } from './app/App';
import { setupI18n } from './app/i18n';
import { SessionProvider } from './app/session';
import { auditArea } from './audit/area';
import { matchingArea } from './matching/area';
import { profilesArea } from './profiles/area';
import './styles.css';

const areas = [profilesArea, matchingArea, auditArea];
setupI18n(areas);
const router = createConsoleRouter(areas);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SessionProvider>
      <RouterProvider router={router} />
    </SessionProvider>
  </StrictMode>,
);
