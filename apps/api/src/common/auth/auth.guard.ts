import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InvalidTokenError, Principal, Role, TokenService } from '@sleutel/auth';
import { Request } from 'express';
import { ProblemException } from '../problem';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';
import { bearerCredentials } from './bearer-credentials';

/** A request past the guard: who sent it and under which of their roles. */
export type AuthenticatedRequest = Request & { principal: Principal; actingRole: Role };

/**
 * Deny by default: an endpoint is reachable only if it names its roles with
 * `@Roles` (or is marked `@Public`). No token or a bad one: 401. A valid token
 * without one of the roles: 403.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly tokens: TokenService) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = this.authenticate(request);
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    const actingRole = principal.roles.find((role) => allowed.includes(role));
    if (!actingRole) {
      throw new ProblemException(403, 'AUTH.FORBIDDEN', 'Forbidden', allowed.length
        ? `This needs one of the roles: ${allowed.join(', ')}.`
        : 'This endpoint is closed.');
    }
    request.principal = principal;
    request.actingRole = actingRole;
    return true;
  }

  private authenticate(request: Request): Principal {
    const header = request.headers.authorization;
    const challenge = { 'WWW-Authenticate': 'Bearer realm="sleutel"' };
    if (!header) throw new ProblemException(401, 'AUTH.MISSING_TOKEN', 'Unauthorized', 'Send a bearer token in the Authorization header.', undefined, challenge);
    const token = bearerCredentials(header);
    if (token === undefined) throw new ProblemException(401, 'AUTH.INVALID_TOKEN', 'Unauthorized', 'The Authorization header must be "Bearer <token>".', undefined, challenge);
    try {
      return this.tokens.verify(token);
    } catch (error) {
      if (error instanceof InvalidTokenError) {
        throw new ProblemException(401, 'AUTH.INVALID_TOKEN', 'Unauthorized', `The bearer token was refused: ${error.reason}.`, undefined, {
          'WWW-Authenticate': 'Bearer realm="sleutel", error="invalid_token"',
        });
      }
      throw error;
    }
  }
}
