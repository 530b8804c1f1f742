import { createSecretKey } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { isRole, Principal, Role } from './roles';

export interface TokenRequest {
  readonly subject: string;
  readonly roles: readonly Role[];
  readonly municipalities?: readonly string[] | null;
  readonly ttlSeconds: number;
}

export interface TokenPolicy {
  readonly secret: string;
  readonly clockSkewSeconds: number;
  readonly maxTokenTtlSeconds: number;
}

/** Why a bearer token was refused; the reason goes to the client, never the token. */
export class InvalidTokenError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}

const ALGORITHM = 'HS256' as const;
const CBS_CODE = /^GM\d{4}$/;
/** The longest `sub` a token may carry; one without any, or with a longer one, is refused. */
export const MAX_SUBJECT_LENGTH = 200;

/**
 * Issues and verifies the bearer tokens of SPEC §9: HS256 only (the algorithm
 * is pinned, so `alg: none` or RS/HS confusion cannot pass), clock skew
 * bounded, lifetime bounded. SPEC §9 names only the claims `sub` and `roles`,
 * so a token without `exp` is taken too, but only for the longest lifetime
 * allowed from its `iat` (which JWT libraries add by default): a token with
 * neither is refused, and none is valid for ever.
 */
export class TokenService {
  private readonly jwt: JwtService;

  constructor(private readonly policy: TokenPolicy) {
    // A KeyObject built once: given a string, jsonwebtoken first tries (and fails) to parse it as a public key
    // on every sign and verify — about a fifth of the API's CPU under intake load. It accepts a KeyObject as
    // the HMAC secret; @nestjs/jwt's option type names only string and Buffer.
    this.jwt = new JwtService({ secret: createSecretKey(Buffer.from(policy.secret, 'utf8')) as unknown as Buffer });
  }

  issue(request: TokenRequest): string {
    if (request.ttlSeconds <= 0 || request.ttlSeconds > this.policy.maxTokenTtlSeconds) {
      throw new InvalidTokenError(`ttl must be between 1 and ${this.policy.maxTokenTtlSeconds} seconds`);
    }
    const payload: Record<string, unknown> = { roles: [...request.roles] };
    // An empty list limits to nothing; left out, as it was until 2026-11-30, it made a token for every municipality
    // (a caller passing the list it computed for an organisation with none got the widest scope there is).
    if (request.municipalities && request.municipalities.length === 0) {
      throw new InvalidTokenError('municipalities must name at least one CBS code; leave them out for a token over every municipality');
    }
    if (request.municipalities) payload.municipalities = [...request.municipalities];
    return this.jwt.sign(payload, { algorithm: ALGORITHM, subject: request.subject, expiresIn: request.ttlSeconds });
  }

  verify(token: string): Principal {
    let verified: { header: Record<string, unknown>; payload: Record<string, unknown> };
    try {
      verified = this.jwt.verify<typeof verified>(token, {
        algorithms: [ALGORITHM],
        clockTolerance: this.policy.clockSkewSeconds,
        complete: true,
      });
    } catch (error) {
      throw new InvalidTokenError(describeJwtError(error));
    }
    // RFC 7515 §4.1.11: a recipient must refuse a token whose `crit` names an extension it does not understand.
    // This API understands none, and jsonwebtoken ignores the member: any `crit` is refused here.
    if (Object.hasOwn(verified.header, 'crit')) throw new InvalidTokenError('token header names critical extensions (crit) this API does not understand');
    return this.principalFrom(verified.payload);
  }

  private principalFrom(claims: Record<string, unknown>): Principal {
    const { sub, roles, municipalities, exp, iat } = claims;
    const now = Math.floor(Date.now() / 1000);
    if (typeof iat === 'number' && iat > now + this.policy.clockSkewSeconds) throw new InvalidTokenError('token is not valid yet');
    if (typeof exp === 'number') {
      // Measured from now as well as from iat: an iat put in the future, ten years on with exp an hour after it,
      // would otherwise make a token that passes the lifetime check and stays valid for ten years.
      const issuedAt = typeof iat === 'number' ? iat : now;
      const longest = this.policy.maxTokenTtlSeconds + this.policy.clockSkewSeconds;
      if (exp - issuedAt > longest || exp - now > longest) throw new InvalidTokenError('token lifetime exceeds the allowed maximum');
    } else {
      // jsonwebtoken checked `exp` only when present: without it, the lifetime runs from `iat`.
      if (typeof iat !== 'number') throw new InvalidTokenError('token has neither an expiry (exp) nor an issue time (iat)');
      if (now > iat + this.policy.maxTokenTtlSeconds + this.policy.clockSkewSeconds) throw new InvalidTokenError('token has expired');
    }
    if (typeof sub !== 'string' || sub.length === 0 || sub.length > MAX_SUBJECT_LENGTH) throw new InvalidTokenError('token has no subject (sub)');
    if (!Array.isArray(roles) || roles.length === 0 || !roles.every(isRole)) {
      throw new InvalidTokenError('token roles must be a non-empty list of intake, coordinator, auditor, admin');
    }
    if (municipalities !== undefined && (!Array.isArray(municipalities) || !municipalities.every((m) => typeof m === 'string' && CBS_CODE.test(m)))) {
      throw new InvalidTokenError('token municipalities must be a list of CBS codes');
    }
    return { subject: sub, roles, municipalities: municipalities === undefined ? null : (municipalities as string[]) };
  }
}

function describeJwtError(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TokenExpiredError') return 'token has expired';
  if (name === 'NotBeforeError') return 'token is not valid yet';
  return 'token signature or format is invalid';
}
