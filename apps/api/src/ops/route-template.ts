import { Request } from 'express';

/** Where the queue dashboard is served (BullMQ only), outside `/api/v1`. */
export const DASHBOARD_ROUTE = '/queues';
const UNDER_DASHBOARD = /^\/queues(?:[/?]|$)/;

/**
 * The route template a request matched, e.g. `/api/v1/newcomers/:id`: what
 * metrics labels and log messages name, never the URL. Ids and query strings
 * stay out of label values (SPEC §7: no personal data there), and the number
 * of series stays bounded. `unmatched` for a request no route took.
 */
export function routeTemplateOf(request: Request): string {
  // The dashboard is an Express router of its own: one template for all of it.
  if (UNDER_DASHBOARD.test(request.originalUrl ?? request.url)) return `${DASHBOARD_ROUTE}/*`;
  const route = (request as { route?: { path?: unknown } }).route;
  return typeof route?.path === 'string' ? route.path : 'unmatched';
}
