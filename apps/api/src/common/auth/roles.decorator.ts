import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { Role } from '@sleutel/auth';
import { ApiProblems } from '../problem.dto';

export const ROLES_KEY = 'sleutel:roles';
export const PUBLIC_KEY = 'sleutel:public';

/** Who may call an endpoint (SPEC §9). An endpoint without it is closed to everyone. Every guarded endpoint is rate limited (429). */
export function Roles(...roles: Role[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiBearerAuth(),
    ApiProblems(401, 403, 429),
  );
}

/** Open without a token (health, docs). Used sparingly and on purpose. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);
