import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { APP_CONFIG, AppConfigType, runsMatcherInProcess } from '@sleutel/platform';
import { json } from 'express';
import helmet from 'helmet';
import { AppModule } from './app.module';
import { bodyParserErrors, requireJsonObjectBody, requireObjectShape } from './common/request-body.middleware';
import { ProblemDto } from './common/problem.dto';
import { requestValidationPipe } from './common/validation.pipe';

export const API_PREFIX = 'api/v1';

/**
 * The API as one Nest application, configured the same way for `npm start`
 * and for the end-to-end tests (which call this, not a copy of it).
 */
export async function createApp(options: { logger?: LogLevel[] } = {}): Promise<INestApplication> {
  const module = AppModule.register({ matcher: runsMatcherInProcess(process.env) });
  const app = await NestFactory.create<NestExpressApplication>(module, { bodyParser: false, logger: options.logger ?? ['error', 'warn', 'log'] });
  const config = app.get<AppConfigType>(APP_CONFIG);

  app.use(helmet());
  app.use(requireJsonObjectBody);
  app.use(json({ limit: config.http.bodyLimit, strict: true, type: ['application/json', 'application/merge-patch+json'] }));
  app.use(bodyParserErrors);
  app.use(requireObjectShape);
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health/live', 'health/ready'] });
  app.useGlobalPipes(requestValidationPipe());
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
