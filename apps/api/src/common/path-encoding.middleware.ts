import { NextFunction, Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE, problemType } from './problem';

/**
 * A path segment that is not percent-encoded UTF-8 (`/newcomers/%E0%A4%A`)
 * cannot name anything: it answers as an id that names nothing does (404,
 * SubjectIdPipe), naming the parameter and the rule. Without this the router
 * fails to decode it and answers by chance: a 400 quoting the raw text, or a
 * bare 404 when the console is served. `templates` gives the OpenAPI paths
 * (`/api/v1/newcomers/{id}`), whose `{…}` name the parameter; a segment no
 * template names is the `path`.
 */
export function refuseUndecodablePath(templates: () => readonly string[]) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const segments = request.path.split('/');
    const bad = segments.findIndex((segment) => !decodes(segment));
    if (bad === -1) return next();
    const field = parameterAt(templates(), segments, bad) ?? 'path';
    const message = 'must be percent-encoded UTF-8';
    response.status(404).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify({
      type: problemType('HTTP.404'), title: 'Not Found', status: 404, code: 'HTTP.404', detail: `No such resource: the ${field} is not percent-encoded UTF-8.`,
      errors: [{ field, rule: 'percent-encoding', message }],
    }));
  };
}

function decodes(segment: string): boolean {
  try {
    decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

/** The name of the `{parameter}` at `index` in the first template the other segments fit. */
function parameterAt(templates: readonly string[], segments: readonly string[], index: number): string | undefined {
  for (const template of templates) {
    const parts = template.split('/');
    if (parts.length !== segments.length) continue;
    const parameter = (part: string) => /^\{(\w+)\}$/.exec(part)?.[1];
    if (parts.every((part, i) => i === index || parameter(part) !== undefined || part === segments[i]) && parameter(parts[index]) !== undefined) return parameter(parts[index]);
  }
  return undefined;
}
