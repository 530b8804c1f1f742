import { OpenAPIObject } from '@nestjs/swagger';
import { problemResponse } from './problem.dto';

const WRITES = new Set(['post', 'put', 'patch']);
/** Operations on a newcomer or key person by id (the person's own, and those below it such as withdraw or match-requests). */
const ON_ERASABLE_PERSON = /\/(?:newcomers|key-persons)\/\{id\}(?:\/|$)/;

/**
 * The problem answers that follow from an operation's shape rather than from
 * what it does, added to the OpenAPI document once instead of listed by each
 * controller:
 *
 * - every write may be sent a body, whatever it takes: the body middleware
 *   (request-body.middleware.ts) answers 415 for one that is not JSON, 413 for
 *   one over HTTP_BODY_LIMIT, 400 for one malformed or not an object; an
 *   operation that takes no body refuses one that says anything (400,
 *   BodilessOperationGuard), and the others validate theirs (400);
 * - an `{id}` in the path that names nothing, or nothing in the token's
 *   municipalities, is a 404 (SubjectIdPipe, then the service);
 * - a newcomer or key person whose data was erased answers 410 on every
 *   operation under its id.
 */
export function declareCommonProblems(document: OpenAPIObject): OpenAPIObject {
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const method of ['get', 'post', 'put', 'patch'] as const) {
      const operation = operations[method];
      if (!operation) continue;
      const statuses = [
        ...(WRITES.has(method) ? [400, 413, 415] : []),
        ...(path.includes('{id}') ? [404] : []),
        ...(ON_ERASABLE_PERSON.test(path) ? [410] : []),
      ];
      for (const status of statuses) operation.responses[status] ??= problemResponse(status);
    }
  }
  return document;
}
