import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import { Role } from '@sleutel/auth';
import { ApiProblems } from '../problem.dto';

export const ROLES_KEY = 'sleutel:roles';
export const PUBLIC_KEY = 'sleutel:public';
/** The OpenAPI extension naming who may call an operation; `declareRoles` says it in words too. */
export const ROLES_EXTENSION = 'x-roles';

/** Who may call an endpoint (SPEC §9). An endpoint without it is closed to everyone. Every guarded endpoint is rate limited (429). */
export function Roles(...roles: Role[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiExtension(ROLES_EXTENSION, [...roles].sort()),
    ApiBearerAuth(),
    ApiProblems(401, 403, 429),
  );
}

/** Open without a token (health, docs). Used sparingly and on purpose. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);
