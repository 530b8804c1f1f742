import type { ReactNode } from 'react';
import { Navigate } from 'react-router-dom';
import type { Area } from '../app/area';
import { RequireRole } from '../app/ui';
import { auditMessages } from './audit.messages';
import { EventLogPage } from './EventLogPage';
import { ExplanationPage } from './ExplanationPage';
import { ReplayPage, ReplaysPage } from './ReplaysPage';
import { StateAsOfPage } from './StateAsOfPage';
import { TrailLookupPage } from './TrailLookupPage';
import { TrailPage } from './TrailPage';
import { VerifyPage } from './VerifyPage';
import './audit.css';

/** Every audit endpoint is the auditor's alone (SPEC §2, §9): read-only, the whole history. */
const auditor = (element: ReactNode) => <RequireRole roles={['auditor']}>{element}</RequireRole>;

/**
 * The auditor's console (SPEC §6): subjects' trails as timelines, a
 * proposal's explanation with its reproduction from the log, past states,
 * the hash-chain check, replays of the projections and the global log.
 */
export const auditArea: Area = {
  id: 'audit',
  messages: auditMessages,
  nav: [
    { to: '/audit/trails', label: 'nav.trails', roles: ['auditor'] },
    { to: '/audit/events', label: 'nav.log', roles: ['auditor'] },
    { to: '/audit/verify', label: 'nav.verify', roles: ['auditor'] },
    { to: '/audit/replays', label: 'nav.replays', roles: ['auditor'] },
  ],
  routes: [
    { path: '/audit', element: <Navigate to="/audit/trails" replace /> },
    { path: '/audit/trails', element: auditor(<TrailLookupPage />) },
    { path: '/audit/trails/:kind/:id', element: auditor(<TrailPage />) },
    { path: '/audit/states/:kind/:id', element: auditor(<StateAsOfPage />) },
    { path: '/audit/matches/:id', element: auditor(<ExplanationPage />) },
    { path: '/audit/verify', element: auditor(<VerifyPage />) },
    { path: '/audit/replays', element: auditor(<ReplaysPage />) },
    { path: '/audit/replays/:id', element: auditor(<ReplayPage />) },
    { path: '/audit/events', element: auditor(<EventLogPage />) },
  ],
};
