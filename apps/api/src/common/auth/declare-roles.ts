import { OpenAPIObject } from '@nestjs/swagger';
import { ROLES_EXTENSION } from './roles.decorator';

/**
 * Says in the OpenAPI document, where a reader of `/docs` looks, who may call
 * each operation: its description begins with `Roles: …`, and its 403 names
 * them. The machine-readable list is the operation's `x-roles` (set by
 * `@Roles`), which the role matrix test holds against its table.
 */
export function declareRoles(document: OpenAPIObject): OpenAPIObject {
  for (const operations of Object.values(document.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const operation = operations[method];
      const roles = (operation as Record<string, unknown> | undefined)?.[ROLES_EXTENSION] as readonly string[] | undefined;
      if (!operation || !roles) continue;
      const who = `Roles: ${roles.join(', ')}.`;
      operation.description = operation.description ? `${who}\n\n${operation.description}` : who;
      const forbidden = operation.responses[403];
      if (forbidden && 'description' in forbidden) {
        forbidden.description = `The token has none of the roles ${roles.join(', ')}, or names a municipality outside its scope`;
      }
    }
  }
  return document;
}
