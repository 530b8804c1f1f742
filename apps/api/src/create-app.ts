import { ConsoleLogger, DynamicModule, INestApplication, LogLevel, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { loadConfig } from '@sleutel/config';
import { APP_CONFIG, AppConfigType, runsMatcherInProcess } from '@sleutel/platform';
import { json, NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { consoleModule } from './console/console.module';
import { declareRoles } from './common/auth/declare-roles';
import { declareCommonProblems } from './common/common-problems';
import { ProblemDto } from './common/problem.dto';
import { PROBE_PATHS } from './common/rate-limit/rate-limit.guard';
import { RateLimitModule } from './common/rate-limit/rate-limit.module';
import { bodyParserErrors, requireJsonObjectBody, requireObjectShape, requireSafeJson } from './common/request-body.middleware';
import { requestValidationPipe } from './common/validation.pipe';
import { DataDirLock } from './ops/data-dir-lock';
import { httpLogger, pinoLevelOf } from './ops/logging/json-logger';
import { ROOT_LOGGER } from './ops/logging/logging.module';
import { HttpMetrics } from './ops/metrics/http-metrics';
import { OpsModule } from './ops/ops.module';
import { DASHBOARD_ROUTE } from './ops/route-template';
import { ShutdownDrain } from './ops/shutdown/shutdown-drain';
import { refuseUndecodablePath } from './common/path-encoding.middleware';

export const API_PREFIX = 'api/v1';
/** Operations live outside the API's base path (SPEC §9): probes, metrics and the queue dashboard. */
const OUTSIDE_PREFIX = [...PROBE_PATHS.map((path) => path.slice(1)), 'metrics', DASHBOARD_ROUTE.slice(1), `${DASHBOARD_ROUTE.slice(1)}/{*path}`];

/** Rate limiting first: global guards run in the order their modules are scanned, and it must come before authentication. */
@Module({})
class ApiRootModule {}

/**
 * The API as one Nest application, configured the same way for `npm start`
 * and for the end-to-end tests (which call this, not a copy of it).
 * `logger` picks the levels logged (tests: errors and warnings); otherwise
 * `LOG_LEVEL` does. Logs are JSON lines (pino).
 */
export async function createApp(options: { logger?: LogLevel[] } = {}): Promise<INestApplication> {
  const settings = loadConfig(process.env);
  const ops = OpsModule.forApi({ logLevel: options.logger ? pinoLevelOf(options.logger) : settings.ops.logLevel, queueDashboard: settings.redisUrl !== null });
  // Before anything opens the read models: one running process per DATA_DIR (released when the app closes).
  const lock = DataDirLock.acquire(settings.dataDir);
  const root: DynamicModule = {
    module: ApiRootModule,
    imports: [ops, RateLimitModule, AppModule.register({ matcher: runsMatcherInProcess(process.env) }), consoleModule()],
    providers: [{ provide: DataDirLock, useValue: lock }],
  };
  // abortOnError off: a provider that fails at start-up (a bad generated secret file, say) rejects here, and main.ts
  // prints a ConfigurationError as one line instead of Nest logging a stack trace and exiting.
  // Until pino takes over, and for what Nest flushes when start-up fails, JSON lines too.
  const app = await NestFactory.create<NestExpressApplication>(root, {
    bodyParser: false, bufferLogs: true, abortOnError: false, logger: new ConsoleLogger({ json: true, colors: false }),
  }).catch((error: unknown) => {
    lock.release();
    throw error;
  });
  app.useLogger(app.get(Logger));
  // An HTTP app flushes what it buffered only once it listens; tests and a worker without a port never do.
  app.flushLogs();
  const config = app.get<AppConfigType>(APP_CONFIG);

  app.set('trust proxy', config.http.trustProxyHops);
  // An ETag here is always a revision or policy version ("4"), set by the operation that returns the resource, and
  // what If-Match names. Express's own weak content hash (W/"…") stood in wherever one was forgotten; lists carry none.
  app.set('etag', false);
  // Before everything else: every request is timed and logged with its correlation id, refusals included.
  app.use(app.get(HttpMetrics).middleware);
  app.use(httpLogger(app.get(ROOT_LOGGER)));
  app.use(app.get(ShutdownDrain).middleware);
  // Helmet's strict defaults, less `upgrade-insecure-requests`: behind no TLS (plain HTTP on a LAN address) it made
  // browsers fetch the console's /assets/*.js over https, which failed and left the page blank. HSTS stays: browsers
  // ignore it over http and honour it once TLS is in front.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  // The API's answers hold personal data (profiles, explanations, states as of a moment): no browser or proxy may keep a
  // copy on disk, where an erasure cannot reach it and the next user of a shared workstation could read it. Without this
  // header a browser's HTTP cache stored them (found by a privacy review on 2026-12-02).
  app.use(`/${API_PREFIX}`, noStore);
  // Closed unless origins are configured: without CORS headers browsers on other origins cannot read any answer.
  if (config.http.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.http.corsOrigins,
      methods: ['GET', 'POST', 'PUT', 'PATCH'],
      allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'Idempotency-Key', 'X-Correlation-Id'],
      exposedHeaders: ['ETag', 'Location', 'Retry-After', 'X-Correlation-Id'],
      credentials: false,
      maxAge: 600,
    });
  }
  // Filled in once the OpenAPI document is made, before the app takes a request: the paths name each `{parameter}`.
  let documentedPaths: readonly string[] = [];
  app.use(refuseUndecodablePath(() => documentedPaths));
  app.use(requireJsonObjectBody);
  app.use(json({ limit: config.http.bodyLimit, strict: true, type: ['application/json', 'application/merge-patch+json'] }));
  app.use(bodyParserErrors);
  app.use(requireObjectShape);
  app.use(requireSafeJson);
  app.setGlobalPrefix(API_PREFIX, { exclude: OUTSIDE_PREFIX });
  app.useGlobalPipes(requestValidationPipe());
  // Signals are main.ts's business (ops/shutdown/graceful-shutdown.ts): tests close the app themselves.

  const document = declareRoles(declareCommonProblems(SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('sleutel')
      .setDescription('Pairs newcomers with key persons (sleutelpersonen). Every change is an event; every proposal is explained.')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
    { extraModels: [ProblemDto] },
  )));
  documentedPaths = Object.keys(document.paths);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}

/** `Cache-Control: no-store` on an answer, before anything writes it (refusals included). */
function noStore(_request: Request, response: Response, next: NextFunction): void {
  response.setHeader('Cache-Control', 'no-store');
  next();
}
