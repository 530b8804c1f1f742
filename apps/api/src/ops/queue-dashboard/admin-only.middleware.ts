import { InvalidTokenError, TokenService } from '@sleutel/auth';
import { NextFunction, Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE, problemType } from '../../common/problem';
import { bearerCredentials } from '../../common/auth/bearer-credentials';

/**
 * The dashboard is an Express router, outside Nest's guards: this is its
 * door. An admin's bearer token in `Authorization`, on every request (the
 * page, its scripts and its API calls). A browser does not send one by
 * itself: put the dashboard behind a proxy that adds the header after its
 * own sign-in, or use a header-setting browser extension (docs/operations.md, Queue dashboard).
 */
export function adminOnly(tokens: TokenService): (request: Request, response: Response, next: NextFunction) => void {
  return (request, response, next) => {
    const token = bearerCredentials(request.headers.authorization);
    if (token === undefined) return refuse(response, 401, 'AUTH.MISSING_TOKEN', 'Send an admin token as a bearer token.');
    try {
      if (tokens.verify(token).roles.includes('admin')) return next();
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) return next(error);
      return refuse(response, 401, 'AUTH.INVALID_TOKEN', `The bearer token was refused: ${error.reason}.`);
    }
    return refuse(response, 403, 'AUTH.FORBIDDEN', 'The queue dashboard is for admins.');
  };
}

function refuse(response: Response, status: 401 | 403, code: string, detail: string): void {
  if (status === 401) response.setHeader('WWW-Authenticate', 'Bearer realm="sleutel"');
  response.status(status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify({
    type: problemType(code), title: status === 401 ? 'Unauthorized' : 'Forbidden', status, code, detail,
  }));
}
