/**
 * The profiles area: newcomer intake (list, intake form, profile with edit and
 * withdraw) for intake workers and coordinators, and the key-person registry
 * for coordinators. The forms share one set of fields (./fields): reference
 * pickers, languages with levels, the week grid, topics, all wired to the
 * API's field messages.
 */
import type { Area } from '../app/area';
import { RequireRole } from '../app/ui';
import { KeyPersonEditPage } from './key-persons/key-person-edit.page';
import { KeyPersonListPage } from './key-persons/key-person-list.page';
import { KeyPersonNewPage } from './key-persons/key-person-new.page';
import { KeyPersonPage } from './key-persons/key-person.page';
import { en } from './messages.en';
import { nl } from './messages.nl';
import { NewcomerEditPage } from './newcomers/newcomer-edit.page';
import { NewcomerListPage } from './newcomers/newcomer-list.page';
import { NewcomerNewPage } from './newcomers/newcomer-new.page';
import { NewcomerPage } from './newcomers/newcomer.page';
import './profiles.css';

export const profilesArea: Area = {
  id: 'profiles',
  messages: { en, nl },
  nav: [
    { to: '/intake/newcomers', label: 'nav.newcomers', roles: ['intake', 'coordinator'] },
    { to: '/coordinator/key-persons', label: 'nav.keyPersons', roles: ['coordinator'] },
  ],
  routes: [
    { path: '/intake/newcomers', element: <RequireRole roles={['intake', 'coordinator']}><NewcomerListPage /></RequireRole> },
    { path: '/intake/newcomers/new', element: <RequireRole roles={['intake']}><NewcomerNewPage /></RequireRole> },
    { path: '/intake/newcomers/:id', element: <RequireRole roles={['intake', 'coordinator']}><NewcomerPage /></RequireRole> },
    { path: '/intake/newcomers/:id/edit', element: <RequireRole roles={['intake']}><NewcomerEditPage /></RequireRole> },
    { path: '/coordinator/key-persons', element: <RequireRole roles={['coordinator']}><KeyPersonListPage /></RequireRole> },
    { path: '/coordinator/key-persons/new', element: <RequireRole roles={['coordinator']}><KeyPersonNewPage /></RequireRole> },
    { path: '/coordinator/key-persons/:id', element: <RequireRole roles={['coordinator']}><KeyPersonPage /></RequireRole> },
    { path: '/coordinator/key-persons/:id/edit', element: <RequireRole roles={['coordinator']}><KeyPersonEditPage /></RequireRole> },
  ],
};
