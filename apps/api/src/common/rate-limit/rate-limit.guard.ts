import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import { Request } from 'express';
import { ProblemException } from '../problem';

/** Orchestrators probe these every few seconds from one address; they carry no data, so they are never limited. */
export const PROBE_PATHS = ['/health/live', '/health/ready'] as const;

/**
 * @nestjs/throttler's guard, answering as the rest of the API does: 429
 * problem+json with `Retry-After` in seconds. It runs before the AuthGuard
 * (see create-app.ts), so floods of missing or forged tokens are limited too.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const path = context.switchToHttp().getRequest<Request>().path;
    return (PROBE_PATHS as readonly string[]).includes(path);
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const retryAfter = Math.max(1, detail.timeToBlockExpire);
    throw new ProblemException(429, 'REQUEST.RATE_LIMITED', 'Too Many Requests',
      `At most ${detail.limit} requests a minute; retry after ${retryAfter} seconds.`, undefined, { 'Retry-After': String(retryAfter) });
  }
}
