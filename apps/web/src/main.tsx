import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { setupI18n } from './app/i18n';
import { SessionProvider } from './app/session';
import { auditArea } from './audit/area';
import { matchingArea } from './matching/area';
import { profilesArea } from './profiles/area';
import './styles.css';

const areas = [profilesArea, matchingArea, auditArea];
setupI18n(areas);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SessionProvider>
      <App areas={areas} />
    </SessionProvider>
  </StrictMode>,
);
