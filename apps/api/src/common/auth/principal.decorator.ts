import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Principal } from '@sleutel/auth';
import { AuthenticatedRequest } from './auth.guard';

/** The verified bearer of the request's token. */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal => context.switchToHttp().getRequest<AuthenticatedRequest>().principal,
);
