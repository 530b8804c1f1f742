import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { DomainError, FieldViolation } from '@sleutel/domain';
import { ContentionError, StaleRevisionError } from '@sleutel/eventsourcing';
import { EventStoreUnavailableError } from '@sleutel/event-store';
import { KeyStoreUnavailableError } from '@sleutel/privacy';
import { Request, Response } from 'express';
import { Problem, PROBLEM_CONTENT_TYPE, ProblemException, problemType } from './problem';

const DOMAIN_STATUS: Record<DomainError['kind'], number> = {
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  invalid: HttpStatus.BAD_REQUEST,
  gone: HttpStatus.GONE,
};

/**
 * The one place where errors become HTTP answers: every failure leaves as
 * `application/problem+json`. Messages are written for users and never echo
 * submitted values, so no personal data leaks into an error.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const { problem, headers } = this.toProblem(exception);
    // A problem type's own members, never in place of the standard ones.
    const extensions = exception instanceof ProblemException ? exception.extensions : {};
    if (problem.status >= 500) this.logger.error(`${request.method} ${request.route?.path ?? ''} failed: ${describe(exception)}`);
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify({ ...extensions, ...problem, instance: request.originalUrl.split('?')[0] }));
  }

  private toProblem(exception: unknown): { problem: Problem; headers: Record<string, string> } {
    if (exception instanceof ProblemException) {
      return { problem: make(exception.status, exception.code, exception.title, exception.detail, exception.errors), headers: { ...exception.headers } };
    }
    if (exception instanceof DomainError) {
      const status = DOMAIN_STATUS[exception.kind];
      return { problem: make(status, exception.code, titleFor(status), exception.message, exception.violations.length ? exception.violations : undefined), headers: {} };
    }
    if (exception instanceof StaleRevisionError) {
      return {
        problem: make(412, exception.code, 'Precondition Failed', `The resource changed since you read it: it is at revision ${exception.actual}. Read it again and retry.`, [
          { field: 'If-Match', rule: 'current-revision', message: `must be "${exception.actual}"` },
        ]),
        headers: { ETag: `"${exception.actual}"` },
      };
    }
    if (exception instanceof ContentionError || exception instanceof EventStoreUnavailableError) {
      const retryAfter = exception instanceof EventStoreUnavailableError ? exception.retryAfterSeconds : 1;
      const detail = exception instanceof EventStoreUnavailableError ? eventStoreDetail(exception) : 'The store is busy; nothing was changed. Retry shortly.';
      return { problem: make(503, exception.code, 'Service Unavailable', detail), headers: { 'Retry-After': String(retryAfter) } };
    }
    if (exception instanceof KeyStoreUnavailableError) {
      // Keys are made and read before anything is appended: nothing changed, as with a busy event store.
      return {
        problem: make(503, 'KEY_STORE.UNAVAILABLE', 'Service Unavailable', KEY_STORE_DETAIL[exception.reason]),
        headers: { 'Retry-After': String(exception.retryAfterSeconds) },
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return { problem: make(status, `HTTP.${status}`, titleFor(status), status === 404 ? 'No such resource.' : exception.message), headers: {} };
    }
    return { problem: make(500, 'INTERNAL', 'Internal Server Error', 'Something went wrong on our side; nothing you sent was lost or half-applied.'), headers: {} };
  }
}

/** What a 503 of the event store says: what happened to the change, and why. */
function eventStoreDetail(exception: EventStoreUnavailableError): string {
  if (exception.outcome === 'unknown') {
    // The store took the change but did not confirm it: say so, and how to find out without doing it twice.
    const why = exception.reason === 'busy' ? 'did not confirm the change in time' : 'could not confirm the change on its disk (a write to it failed)';
    return `The store ${why}; it may have been made. Retry shortly with the same Idempotency-Key or If-Match, or read the resource first.`;
  }
  return {
    busy: 'The store is busy; nothing was changed. Retry shortly.',
    'disk-full': "The event log's disk is full; nothing was changed. Retry later, once space has been freed.",
    'write-failed': 'The event log could not be written to its disk (out of space, over a quota or size limit, or a failing disk); nothing was changed. Retry later.',
  }[exception.reason];
}

/** What a 503 of the key store says: keys are made before anything is appended, so nothing changed. */
const KEY_STORE_DETAIL: Record<KeyStoreUnavailableError['reason'], string> = {
  busy: 'The key store is busy or does not answer; nothing was changed. Retry shortly.',
  'disk-full': "The key store's disk is full; nothing was changed. Retry later, once space has been freed.",
  'write-failed': 'The key store could not be written to its disk (out of space, over a quota or size limit, or a failing disk); nothing was changed. Retry later.',
};

function make(status: number, code: string, title: string, detail?: string, errors?: readonly FieldViolation[]): Problem {
  return { type: problemType(code), title, status, code, ...(detail ? { detail } : {}), ...(errors ? { errors } : {}) };
}

function titleFor(status: number): string {
  return (HttpStatus[status] ?? 'Error')
    .toString()
    .toLowerCase()
    .split('_')
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join(' ');
}

function describe(exception: unknown): string {
  return exception instanceof Error ? `${exception.name}: ${exception.message}\n${exception.stack ?? ''}` : String(exception);
}
