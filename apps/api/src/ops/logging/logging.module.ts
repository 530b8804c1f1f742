import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { Logger as PinoRoot } from 'pino';

export const ROOT_LOGGER = Symbol('RootLogger');

/**
 * Nest's logger as JSON lines through nestjs-pino, one root logger per
 * process. pino-http itself is registered by the process first of all its
 * middleware (`httpLogger`, see create-app.ts): nestjs-pino only binds each
 * request's logger, so every line logged while a request runs carries its
 * `correlationId`.
 */
@Module({})
export class LoggingModule {
  static register(root: PinoRoot): DynamicModule {
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRoot({ pinoHttp: { logger: root }, useExisting: true, forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }] })],
      providers: [{ provide: ROOT_LOGGER, useValue: root }],
      exports: [ROOT_LOGGER],
    };
  }
}
