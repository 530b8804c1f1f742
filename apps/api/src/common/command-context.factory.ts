import { randomUUID } from 'node:crypto';
import { CommandContext, derivedId } from '@sleutel/eventsourcing';
import { AuthenticatedRequest } from './auth/auth.guard';
import { idempotentName } from './idempotency-key';

const CORRELATION_HEADER = 'x-correlation-id';
const SAFE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * The context of a command issued over HTTP. The correlation id is taken from
 * `X-Correlation-Id` when the caller sends a sane one; the causation is this
 * request. With an idempotency key the command id is derived from the caller
 * and the key, so a retried request produces the same event ids.
 */
export function commandContextFrom(
  request: AuthenticatedRequest,
  idempotency?: { key: string; fingerprint: string },
): CommandContext {
  const requestId = randomUUID();
  const offered = request.headers[CORRELATION_HEADER];
  const correlationId = typeof offered === 'string' && SAFE_ID.test(offered) ? offered : requestId;
  return {
    actor: { id: request.principal.subject, role: request.actingRole },
    source: 'api',
    correlationId,
    causationId: `request:${requestId}`,
    commandId: idempotency ? derivedId(idempotentName('idempotency', request.principal.subject, idempotency.key)) : requestId,
    ...(idempotency ? { idempotency } : {}),
  };
}
