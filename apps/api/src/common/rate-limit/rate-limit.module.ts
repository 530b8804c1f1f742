import { createHash } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { normalizeIp, ThrottlerModule, ThrottlerModuleOptions } from '@nestjs/throttler';
import { InvalidTokenError, TokenService } from '@sleutel/auth';
import { APP_CONFIG, AppConfigType } from '@sleutel/platform';
import { Request } from 'express';
import { RateLimitGuard } from './rate-limit.guard';
import { SharedRateLimitStorage } from './rate-limit-storage';
import { bearerCredentials } from '../auth/bearer-credentials';

const MINUTE_MS = 60_000;

/**
 * Rate limits (issue 6), both over a minute across all routes: whoever
 * exceeds one is refused until a minute after the request that went over
 * (@nestjs/throttler's block, the same in both stores). Counted on Redis
 * when there is one (`RATE_LIMIT_STORE`), shared by every API process;
 * otherwise, or while Redis does not answer, in this process.
 * - `per-token`: by the `sub` of a valid bearer token, so one worker's
 *   script cannot starve colleagues behind the same address; a request
 *   without a valid token counts against its address instead;
 * - `per-ip`: everything from one address, the ceiling for an office behind
 *   one NAT and for anyone cycling through tokens.
 */
export async function rateLimitOptions(config: AppConfigType, tokens: TokenService): Promise<ThrottlerModuleOptions> {
  const { perMinute, perIpPerMinute } = config.rateLimit;
  return {
    // A key per limit and caller, not per route: the limits are for the API as a whole.
    generateKey: (_context, tracker, name) => createHash('sha256').update(`${name}\n${tracker}`).digest('base64url'),
    // Nothing to count when both limits are off: no connection then.
    storage: rateLimitStore(config) === 'redis' && (perMinute > 0 || perIpPerMinute > 0)
      ? await SharedRateLimitStorage.connect(config.redisUrl!, config.rateLimit.redisPrefix)
      : undefined,
    throttlers: [
      { name: 'per-token', limit: perMinute, ttl: MINUTE_MS, blockDuration: MINUTE_MS, skipIf: () => perMinute === 0,
        getTracker: (request) => tokenSubject(request as Request, tokens) ?? `ip:${address(request as Request)}` },
      { name: 'per-ip', limit: perIpPerMinute, ttl: MINUTE_MS, blockDuration: MINUTE_MS, skipIf: () => perIpPerMinute === 0,
        getTracker: (request) => `ip:${address(request as Request)}` },
    ],
  };
}

/** Where requests are counted: as configured, else on Redis when there is one. */
export function rateLimitStore(config: AppConfigType): 'memory' | 'redis' {
  return config.rateLimit.store ?? (config.redisUrl === null ? 'memory' : 'redis');
}

/** `sub:<subject>` of a token that verifies; undefined for none or a bad one (the AuthGuard answers those). */
function tokenSubject(request: Request, tokens: TokenService): string | undefined {
  const token = bearerCredentials(request.headers.authorization);
  if (token === undefined) return undefined;
  try {
    return `sub:${tokens.verify(token).subject}`;
  } catch (error) {
    if (error instanceof InvalidTokenError) return undefined;
    throw error;
  }
}

/** The client's address as Express sees it (HTTP_TRUST_PROXY_HOPS decides whether X-Forwarded-For counts); IPv6 by /64. */
function address(request: Request): string {
  const ip = request.ip ?? request.socket.remoteAddress;
  return ip ? normalizeIp(ip) : 'unknown';
}

@Module({
  imports: [ThrottlerModule.forRootAsync({ inject: [APP_CONFIG, TokenService], useFactory: rateLimitOptions })],
  providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
})
export class RateLimitModule {}
