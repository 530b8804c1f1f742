import { DynamicModule, INestApplication, LogLevel, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { APP_CONFIG, AppConfigType, runsMatcherInProcess } from '@sleutel/platform';
import { json } from 'express';
import helmet from 'helmet';
import { AppModule } from './app.module';
import { BodilessOperationInterceptor } from './common/bodiless-operation.interceptor';
import { ProblemDto } from './common/problem.dto';
import { PROBE_PATHS } from './common/rate-limit/rate-limit.guard';
import { RateLimitModule } from './common/rate-limit/rate-limit.module';
import { bodyParserErrors, requireJsonObjectBody, requireObjectShape, requireSafeJson } from './common/request-body.middleware';
import { requestValidationPipe } from './common/validation.pipe';

export const API_PREFIX = 'api/v1';

/** Rate limiting first: global guards run in the order their modules are scanned, and it must come before authentication. */
@Module({})
class ApiRootModule {}

/**
 * The API as one Nest application, configured the same way for `npm start`
 * and for the end-to-end tests (which call this, not a copy of it).
 */
export async function createApp(options: { logger?: LogLevel[] } = {}): Promise<INestApplication> {
  const root: DynamicModule = { module: ApiRootModule, imports: [RateLimitModule, AppModule.register({ matcher: runsMatcherInProcess(process.env) })] };
  const app = await NestFactory.create<NestExpressApplication>(root, { bodyParser: false, logger: options.logger ?? ['error', 'warn', 'log'] });
  const config = app.get<AppConfigType>(APP_CONFIG);

  app.set('trust proxy', config.http.trustProxyHops);
  app.use(helmet());
  // Closed unless origins are configured: without CORS headers browsers on other origins cannot read any answer.
  if (config.http.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.http.corsOrigins,
      methods: ['GET', 'POST', 'PUT', 'PATCH'],
      allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'Idempotency-Key'],
      exposedHeaders: ['ETag', 'Location', 'Retry-After'],
      credentials: false,
      maxAge: 600,
    });
  }
  app.use(requireJsonObjectBody);
  app.use(json({ limit: config.http.bodyLimit, strict: true, type: ['application/json', 'application/merge-patch+json'] }));
  app.use(bodyParserErrors);
  app.use(requireObjectShape);
  app.use(requireSafeJson);
  app.setGlobalPrefix(API_PREFIX, { exclude: PROBE_PATHS.map((path) => path.slice(1)) });
  app.useGlobalPipes(requestValidationPipe());
  app.useGlobalInterceptors(new BodilessOperationInterceptor());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('sleutel')
      .setDescription('Pairs newcomers with key persons (sleutelpersonen). Every change is an event; every proposal is explained.')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
    { extraModels: [ProblemDto] },
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
