import { Injectable } from '@nestjs/common';
import { NextFunction, Request, Response } from 'express';
import { Histogram } from 'prom-client';
import { routeTemplateOf } from '../route-template';
import { MetricsRegistry } from './metrics-registry';

/** Request latency by method, route template (never the URL) and status. */
@Injectable()
export class HttpMetrics {
  private readonly duration: Histogram<'method' | 'route' | 'status_code'>;

  constructor(metrics: MetricsRegistry) {
    this.duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP requests by method, route template and status code, from the first middleware to the last byte sent',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [metrics.registry],
    });
  }

  /** Registered first in `create-app.ts`, so refusals by earlier middleware (413, 400, 503) count too. */
  readonly middleware = (request: Request, response: Response, next: NextFunction): void => {
    const end = this.duration.startTimer();
    response.once('finish', () => end({ method: request.method, route: routeTemplateOf(request), status_code: String(response.statusCode) }));
    next();
  };
}
