import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';

export const CORRELATION_HEADER = 'x-correlation-id';
/** The same rule as `common/command-context.factory.ts` applies to an offered id. */
const SAFE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * The request's correlation id: the caller's `X-Correlation-Id` when it is a
 * sane one, else a new UUID. It is written back onto the request, so the
 * command context records the very id the log lines carry, and onto the
 * answer, so a caller can quote it.
 */
export function correlationIdOf(request: IncomingMessage, response: ServerResponse): string {
  const offered = request.headers[CORRELATION_HEADER];
  const id = typeof offered === 'string' && SAFE_ID.test(offered) ? offered : randomUUID();
  request.headers[CORRELATION_HEADER] = id;
  if (!response.headersSent) response.setHeader('X-Correlation-Id', id);
  return id;
}
