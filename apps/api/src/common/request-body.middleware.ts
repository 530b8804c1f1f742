import { NextFunction, Request, Response } from 'express';
import { FieldViolation } from '@sleutel/domain';
import { jsonStructureViolations } from './json-structure';
import { PROBLEM_CONTENT_TYPE, problemType } from './problem';

const JSON_TYPES = ['application/json', 'application/merge-patch+json'];

/**
 * Writes must carry a JSON object. Without this, a form-encoded or text body
 * would reach validation as `{}` and produce misleading "required" errors.
 */
export function requireJsonObjectBody(request: Request, response: Response, next: NextFunction): void {
  if (!['POST', 'PUT', 'PATCH'].includes(request.method)) return next();
  const length = Number(request.headers['content-length'] ?? 0);
  const hasBody = length > 0 || request.headers['transfer-encoding'] !== undefined;
  if (!hasBody) return next();
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (!JSON_TYPES.includes(type)) {
    return refuse(response, request, 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Unsupported Media Type', 'content-type', 'media-type', 'must be application/json');
  }
  next();
}

/** Runs after the JSON parser: the body must be an object, not an array or a scalar. */
export function requireObjectShape(request: Request, response: Response, next: NextFunction): void {
  if (!['POST', 'PUT', 'PATCH'].includes(request.method)) return next();
  const body: unknown = request.body;
  if (body !== undefined && (body === null || typeof body !== 'object' || Array.isArray(body))) {
    return refuse(response, request, 400, 'REQUEST.INVALID', 'Bad Request', 'body', 'object', 'must be a JSON object');
  }
  next();
}

/**
 * Runs after requireObjectShape: nesting depth, prototype keys and ill-formed
 * text are refused for every operation alike, before validation (whose
 * recursion a deep body would exhaust) or any handler sees the body.
 */
export function requireSafeJson(request: Request, response: Response, next: NextFunction): void {
  if (request.body === undefined) return next();
  const errors = jsonStructureViolations(request.body);
  if (errors.length === 0) return next();
  sendProblem(response, request, 400, 'REQUEST.INVALID', 'Bad Request', 'The request body breaks rules every body must keep.', errors);
}

/**
 * body-parser's failures (malformed JSON, too large, wrong charset) as problem
 * details. Its own messages quote the offending text, which may be personal
 * data, so they are replaced, not passed on.
 */
export function bodyParserErrors(error: unknown, request: Request, response: Response, next: NextFunction): void {
  const failure = error as { type?: unknown; limit?: unknown } | null;
  const limit = typeof failure?.limit === 'number' ? `${failure.limit} bytes` : 'the configured size';
  switch (failure?.type) {
    case 'entity.parse.failed':
      return refuse(response, request, 400, 'REQUEST.MALFORMED_JSON', 'Bad Request', 'body', 'json', 'must be valid JSON');
    case 'entity.too.large':
      return refuse(response, request, 413, 'REQUEST.TOO_LARGE', 'Content Too Large', 'body', 'max-size', `must be at most ${limit}`);
    case 'charset.unsupported':
      return refuse(response, request, 415, 'REQUEST.UNSUPPORTED_ENCODING', 'Unsupported Media Type', 'body', 'encoding', 'must be UTF-8 JSON');
    case 'encoding.unsupported':
      return refuse(response, request, 415, 'REQUEST.UNSUPPORTED_ENCODING', 'Unsupported Media Type', 'content-encoding', 'content-coding', 'must be gzip, deflate, br or left out');
    case 'request.size.invalid':
      return refuse(response, request, 400, 'REQUEST.MALFORMED_BODY', 'Bad Request', 'content-length', 'content-length', 'must be the size of the body sent');
    default:
      // A body that is not what its Content-Encoding says (zlib's or brotli's own error, with no type of body-parser's).
      if (failure?.type === undefined && hasContentCoding(request)) {
        return refuse(response, request, 400, 'REQUEST.MALFORMED_BODY', 'Bad Request', 'content-encoding', 'content-coding', 'must name how the body is compressed');
      }
      return next(error);
  }
}

function hasContentCoding(request: Request): boolean {
  const coding = (request.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  return coding !== '' && coding !== 'identity';
}

function refuse(response: Response, request: Request, status: number, code: string, title: string, field: string, rule: string, message: string): void {
  sendProblem(response, request, status, code, title, `${field} ${message}.`, [{ field, rule, message }]);
}

function sendProblem(response: Response, request: Request, status: number, code: string, title: string, detail: string, errors: readonly FieldViolation[]): void {
  response
    .status(status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify({ type: problemType(code), title, status, code, detail, instance: request.originalUrl.split('?')[0], errors }));
}
