import { createHash } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { normalizeIp, ThrottlerModule, ThrottlerModuleOptions } from '@nestjs/throttler';
import { InvalidTokenError, TokenService } from '@sleutel/auth';
import { APP_CONFIG, AppConfigType } from '@sleutel/platform';
import { Request } from 'express';
import { RateLimitGuard } from './rate-limit.guard';

const MINUTE_MS = 60_000;

/**
 * Rate limits (issue 6), both counted over a sliding minute across all
 * routes, in this process's memory (with several API processes each counts
 * its own share):
 * - `per-token`: by the `sub` of a valid bearer token, so one worker's
 *   script cannot starve colleagues behind the same address; a request
 *   without a valid token counts against its address instead;
 * - `per-ip`: everything from one address, the ceiling for an office behind
 *   one NAT and for anyone cycling through tokens.
 */
export function rateLimitOptions(config: AppConfigType, tokens: TokenService): ThrottlerModuleOptions {
  const { perMinute, perIpPerMinute } = config.rateLimit;
  return {
    // A key per limit and caller, not per route: the limits are for the API as a whole.
    generateKey: (_context, tracker, name) => createHash('sha256').update(`${name}\n${tracker}`).digest('base64url'),
    throttlers: [
      { name: 'per-token', limit: perMinute, ttl: MINUTE_MS, blockDuration: 0, skipIf: () => perMinute === 0,
        getTracker: (request) => tokenSubject(request as Request, tokens) ?? `ip:${address(request as Request)}` },
      { name: 'per-ip', limit: perIpPerMinute, ttl: MINUTE_MS, blockDuration: 0, skipIf: () => perIpPerMinute === 0,
        getTracker: (request) => `ip:${address(request as Request)}` },
    ],
  };
}

/** `sub:<subject>` of a token that verifies; undefined for none or a bad one (the AuthGuard answers those). */
function tokenSubject(request: Request, tokens: TokenService): string | undefined {
  const match = /^Bearer\s+([A-Za-z0-9_\-.]+)$/.exec(request.headers.authorization ?? '');
  if (!match) return undefined;
  try {
    return `sub:${tokens.verify(match[1]).subject}`;
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
