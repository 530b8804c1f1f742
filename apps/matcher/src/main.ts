import 'reflect-metadata';
import { ConsoleLogger, DynamicModule, Logger as NestLogger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigurationError, loadConfig } from '@sleutel/config';
import { MatcherModule } from '@sleutel/matcher';
import { PlatformModule } from '@sleutel/platform';
import { Logger } from 'nestjs-pino';
import { LevelWithSilent } from 'pino';
import { exitOnStartFailure, httpLogger } from '../../api/src/ops/logging/json-logger';
import { DataDirLock } from '../../api/src/ops/data-dir-lock';
import { ROOT_LOGGER } from '../../api/src/ops/logging/logging.module';
import { OpsModule } from '../../api/src/ops/ops.module';
import { stopGracefullyOnSignals } from '../../api/src/ops/shutdown/graceful-shutdown';
import { ShutdownDrain } from '../../api/src/ops/shutdown/shutdown-drain';

@Module({})
class MatcherWorkerModule {
  static register(logLevel: LevelWithSilent, lock: DataDirLock): DynamicModule {
    return {
      module: MatcherWorkerModule,
      imports: [OpsModule.forWorker({ logLevel }), PlatformModule, MatcherModule],
      providers: [{ provide: DataDirLock, useValue: lock }],
    };
  }
}

/**
 * `npm run start:matcher`: a matcher worker process. Run as many as needed
 * beside the API (SPEC §8): each follows the log, keeps its own candidate
 * index in memory, and takes jobs from the shared BullMQ queue. It has no
 * API; with `MATCHER_OPS_PORT` it serves `/health/live`, `/health/ready` and
 * `/metrics` on that port (the same parts as the API's operations). Logs are
 * JSON lines; SIGTERM stops it gracefully within `SHUTDOWN_TIMEOUT_MS`.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  if (!config.redisUrl) throw new ConfigurationError(['REDIS_URL: a separate matcher process needs the shared queue; without Redis, `npm start` runs the matcher inside the API']);
  // Before anything opens the read models: one running process per DATA_DIR.
  const lock = DataDirLock.acquire(config.dataDir);
  // Until pino takes over, and for what Nest flushes when start-up fails, JSON lines too.
  const app = await NestFactory.create<NestExpressApplication>(MatcherWorkerModule.register(config.ops.logLevel, lock), {
    bodyParser: false, bufferLogs: true, abortOnError: false, logger: new ConsoleLogger({ json: true, colors: false }),
  });
  app.useLogger(app.get(Logger));
  // An HTTP app flushes what it buffered only once it listens; tests and a worker without a port never do.
  app.flushLogs();
  app.use(httpLogger(app.get(ROOT_LOGGER)));
  app.use(app.get(ShutdownDrain).middleware);
  stopGracefullyOnSignals(app, config.ops.shutdownTimeoutMs);
  if (config.ops.matcherOpsPort === null) await app.init();
  else await app.listen(config.ops.matcherOpsPort);
  const ops = config.ops.matcherOpsPort === null ? 'no operations port' : `operations on port ${config.ops.matcherOpsPort}`;
  new NestLogger('matcher').log(`Matcher worker ${process.pid} taking jobs from ${config.matcher.queueName}, concurrency ${config.matcher.concurrency}, ${ops}`);
}

main().catch((error: unknown) => exitOnStartFailure('matcher', error));
