import { LogLevel } from '@nestjs/common';
import { hostname } from 'node:os';
import pino, { Logger, LevelWithSilent } from 'pino';
import { pinoHttp, HttpLogger } from 'pino-http';
import { ConfigurationError } from '@sleutel/config';
import { routeTemplateOf } from '../route-template';
import { correlationIdOf } from './correlation-id';
import { Request, Response } from 'express';

/**
 * Paths never to print, should a header or cookie ever reach a log line.
 * Request lines carry no headers at all (see `httpLogger`); this is the
 * second line of defence.
 */
const REDACTED = [
  'req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]',
  'res.headers["set-cookie"]', 'headers.authorization', 'authorization',
];

/** Probes and scrapes come every few seconds and say nothing: not logged unless they fail. */
const QUIET_PATHS = /^\/(?:health\/(?:live|ready)|metrics)(?:\?|$)/;

/** Nest's log levels, as the lowest pino level that shows them all. */
export function pinoLevelOf(levels: readonly LogLevel[]): LevelWithSilent {
  const order: [LogLevel, LevelWithSilent][] = [['verbose', 'trace'], ['debug', 'debug'], ['log', 'info'], ['warn', 'warn'], ['error', 'error'], ['fatal', 'fatal']];
  return order.find(([nest]) => levels.includes(nest))?.[1] ?? 'silent';
}

/** One JSON object per line on stdout, for the process's whole life. */
export function createJsonLogger(options: { level: LevelWithSilent; service: 'api' | 'matcher' }): Logger {
  return pino({
    level: options.level,
    base: { service: options.service, pid: process.pid, hostname: hostname() },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACTED, censor: '[redacted]' },
  });
}

/**
 * How a process that could not start says why, then exits 1: a configuration
 * error is the user's to fix, one plain line on stderr naming the value; any
 * other failure (Redis or the event store not answering, say) is a `fatal`
 * JSON line like every other line of the process, error and stack included,
 * for the log shipper. The orchestrator restarts it (compose: `restart`).
 */
export function exitOnStartFailure(service: 'api' | 'matcher', error: unknown): never {
  if (error instanceof ConfigurationError) console.error(error.message);
  else createJsonLogger({ level: 'info', service }).fatal({ err: error }, `could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

/**
 * pino-http: one line per request when its answer is sent, and the request's
 * logger (with its `correlationId`) behind every line logged while it runs.
 * A line names the method, the route template and the path, the status and
 * the time taken: no headers (so no Authorization), no bodies, no query
 * strings, no client address (personal data under GDPR).
 */
export function httpLogger(root: Logger): HttpLogger<Request, Response> {
  return pinoHttp<Request, Response>({
    logger: root,
    genReqId: correlationIdOf,
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'correlationId' },
    // A thrown error is an error; a 5xx answer was already logged with its cause by the problem filter,
    // and a 503 (store busy, shutting down) is an expected refusal with Retry-After.
    // A probe or scrape that succeeds is not logged; one that fails is (a 401 is Prometheus with the wrong token).
    customLogLevel: (request, response, error) => {
      if (error !== undefined) return 'error';
      if (response.statusCode < 400 && QUIET_PATHS.test(request.originalUrl ?? request.url ?? '')) return 'silent';
      return response.statusCode >= 500 && response.statusCode !== 503 ? 'warn' : 'info';
    },
    customSuccessMessage: (request, response) => `${request.method} ${routeTemplateOf(request)} ${response.statusCode}`,
    customErrorMessage: (request, response) => `${request.method} ${routeTemplateOf(request)} ${response.statusCode}`,
    // The request is serialized when it arrives, before routing: the route is added to the line written at the end.
    customSuccessObject: (request, _response, line: object) => ({ ...line, route: routeTemplateOf(request) }),
    // pino-http makes up an Error for a 5xx answer; its stack would only point into pino-http.
    customErrorObject: (request, response, error, line: object) => ({
      ...line,
      route: routeTemplateOf(request),
      ...(error.message === `failed with status code ${response.statusCode}` ? { err: undefined } : {}),
    }),
    serializers: {
      req: (request: { method?: string; url?: string }) => ({ method: request.method, path: (request.url ?? '').split('?')[0] }),
      res: (response: { statusCode?: number }) => ({ statusCode: response.statusCode }),
    },
  });
}
