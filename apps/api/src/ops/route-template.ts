import { Request } from 'express';
import { CONSOLE_ASSETS, CONSOLE_RENDER_PATH, isConsolePath } from '../console/console.module';

/** Where the queue dashboard is served (BullMQ only), outside `/api/v1`. */
export const DASHBOARD_ROUTE = '/queues';
const UNDER_DASHBOARD = /^\/queues(?:[/?]|$)/;

/**
 * The route template a request matched, e.g. `/api/v1/newcomers/:id`: what
 * metrics labels and log messages name, never the URL. Ids and query strings
 * stay out of label values (SPEC §7: no personal data there), and the number
 * of series stays bounded. The web console's pages are `/ (console)` and its
 * files `/assets/*`; `unmatched` for a request nothing took.
 */
export function routeTemplateOf(request: Request): string {
  // The dashboard is an Express router of its own: one template for all of it.
  if (UNDER_DASHBOARD.test(request.originalUrl ?? request.url)) return `${DASHBOARD_ROUTE}/*`;
  const route = (request as { route?: { path?: unknown } }).route;
  // The console's catch-all route also sees the API paths it hands on (to end as 404s).
  if (route?.path === CONSOLE_RENDER_PATH) return isConsolePath(request.path) ? '/ (console)' : 'unmatched';
  if (typeof route?.path === 'string') return route.path;
  return CONSOLE_ASSETS.test(request.path ?? '') && request.method === 'GET' ? '/assets/*' : 'unmatched';
}
