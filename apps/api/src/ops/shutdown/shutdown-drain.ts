import { Injectable } from '@nestjs/common';
import { NextFunction, Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE, problemType } from '../../common/problem';

const PROBES = /^\/health\/(?:live|ready)$/;

/**
 * Whether this process is shutting down. Once it is, readiness fails (load
 * balancers stop sending), and a request that still arrives on an open
 * keep-alive connection is refused with 503 and `Connection: close` before it
 * does anything: it was not accepted, so retrying it elsewhere loses nothing
 * and doubles nothing. Requests already in flight run to their answer.
 */
@Injectable()
export class ShutdownDrain {
  private draining = false;

  get isDraining(): boolean {
    return this.draining;
  }

  begin(): void {
    this.draining = true;
  }

  /** Express middleware; registered before everything else in `create-app.ts`. The probes still answer, and say so. */
  readonly middleware = (request: Request, response: Response, next: NextFunction): void => {
    if (!this.draining || PROBES.test(request.path)) return next();
    response.setHeader('Connection', 'close');
    response.setHeader('Retry-After', '1');
    response.status(503).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify({
      type: problemType('SERVICE.SHUTTING_DOWN'), title: 'Service Unavailable', status: 503, code: 'SERVICE.SHUTTING_DOWN',
      detail: 'This server is shutting down; nothing was done. Retry, and another server will answer.',
    }));
  };
}
