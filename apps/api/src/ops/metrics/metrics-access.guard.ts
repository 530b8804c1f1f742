import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { InvalidTokenError, TokenService } from '@sleutel/auth';
import { APP_CONFIG, AppConfigType } from '@sleutel/platform';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Request } from 'express';
import { ProblemException } from '../../common/problem';
import { bearerCredentials } from '../../common/auth/bearer-credentials';

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="sleutel"' };

/**
 * Who may read `/metrics`: an admin's bearer token, or the static
 * `METRICS_TOKEN` for Prometheus (which cannot renew a short-lived JWT).
 * The series hold no personal data, but they do tell how busy the service
 * is, so they are not public. Used on its own (the endpoint is `@Public()`
 * to the role guard), so a matcher worker, which has no role guard, checks
 * the same way.
 */
@Injectable()
export class MetricsAccessGuard implements CanActivate {
  private readonly metricsToken: Buffer | null;

  constructor(@Inject(APP_CONFIG) config: AppConfigType, private readonly tokens: TokenService) {
    this.metricsToken = config.ops.metricsToken === null ? null : digest(config.ops.metricsToken);
  }

  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<Request>().headers.authorization;
    if (!header) throw new ProblemException(401, 'AUTH.MISSING_TOKEN', 'Unauthorized', 'Send an admin token or the metrics token as a bearer token.', undefined, CHALLENGE);
    const token = bearerCredentials(header);
    if (token === undefined) throw new ProblemException(401, 'AUTH.INVALID_TOKEN', 'Unauthorized', 'The Authorization header must be "Bearer <token>".', undefined, CHALLENGE);
    // Compared as digests, in constant time: the comparison tells nothing about how much of a guess was right.
    if (this.metricsToken !== null && timingSafeEqual(digest(token), this.metricsToken)) return true;
    let roles: readonly string[];
    try {
      roles = this.tokens.verify(token).roles;
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error;
      throw new ProblemException(401, 'AUTH.INVALID_TOKEN', 'Unauthorized', `The bearer token was refused: ${error.reason}.`, undefined, {
        'WWW-Authenticate': 'Bearer realm="sleutel", error="invalid_token"',
      });
    }
    if (!roles.includes('admin')) throw new ProblemException(403, 'AUTH.FORBIDDEN', 'Forbidden', 'This needs one of the roles: admin (or the metrics token).');
    return true;
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
