import type { Area } from '../app/area';
import { RequireRole } from '../app/ui';
import { CohortRunPage } from './CohortRunPage';
import { CohortRunsPage } from './CohortRunsPage';
import { MatchPage } from './MatchPage';
import { matchingMessages } from './messages';
import { ProposalQueue } from './ProposalQueue';
import './matching.css';

/**
 * Matching (SPEC §4–§6): the proposals a coordinator decides on, each with
 * why it was made, and cohort runs with their progress and fairness report.
 * Roles follow the API: matches are read by coordinators and intake workers
 * (only coordinators act on them), cohort runs are the coordinators'.
 */
export const matchingArea: Area = {
  id: 'matching',
  messages: matchingMessages,
  nav: [
    { to: '/coordinator/proposals', label: 'nav.proposals', roles: ['coordinator'] },
    { to: '/coordinator/cohort-runs', label: 'nav.cohortRuns', roles: ['coordinator'] },
  ],
  routes: [
    {
      path: '/coordinator/proposals',
      element: (
        <RequireRole roles={['coordinator', 'intake']}>
          <ProposalQueue />
        </RequireRole>
      ),
    },
    {
      path: '/coordinator/matches/:id',
      element: (
        <RequireRole roles={['coordinator', 'intake']}>
          <MatchPage />
        </RequireRole>
      ),
    },
    {
      path: '/coordinator/cohort-runs',
      element: (
        <RequireRole roles={['coordinator']}>
          <CohortRunsPage />
        </RequireRole>
      ),
    },
    {
      path: '/coordinator/cohort-runs/:id',
      element: (
        <RequireRole roles={['coordinator']}>
          <CohortRunPage />
        </RequireRole>
      ),
    },
  ],
};
